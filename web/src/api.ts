// The JSON API of `nrs serve` (/api/v1/, described by /api/v1/openapi.json): fetch helpers, the table shape
// most routes answer with, the error envelope, and the session (who is signed in, what they may do).

export type Cell = string | number | null;
export type Row = Record<string, Cell>;
export interface Table {
  columns: { name: string; type: string }[];
  rows: Row[];
  total: number;
}

export interface ErrorDetail {
  file?: string;
  line?: number;
  column?: string;
  reason: string;
}
export interface ApiErrorBody {
  code: string;
  message: string;
  details: ErrorDetail[];
  count?: number;
}

export class ApiError extends Error {
  constructor(
    public status: number,
    public body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

export interface Session {
  signed_in: boolean;
  user?: { username: string; display_name: string; role: string; neighbourhoods: string[] };
  csrf_token?: string;
  permissions: string[];
}

let session: Session = { signed_in: false, permissions: [] };
export const currentSession = (): Session => session;
export const can = (permission: string): boolean => session.permissions.includes(permission);

async function parse(reply: Response): Promise<unknown> {
  const type = reply.headers.get("Content-Type") ?? "";
  const body = type.includes("json") ? await reply.json() : await reply.text();
  if (!reply.ok) {
    const e = (body as { error?: ApiErrorBody })?.error;
    throw new ApiError(reply.status, e ?? { code: "http", message: `HTTP ${reply.status}`, details: [] });
  }
  return body;
}

export async function get<T>(path: string): Promise<T> {
  const reply = await fetch(path, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  return (await parse(reply)) as T;
}

export async function send<T>(method: string, path: string, body?: BodyInit, type = "application/json"): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = type;
  if (session.csrf_token) headers["X-CSRF-Token"] = session.csrf_token;
  const reply = await fetch(path, { method, headers, body, credentials: "same-origin" });
  if (reply.status === 204) return undefined as T;
  return (await parse(reply)) as T;
}

export async function loadSession(): Promise<Session> {
  session = await get<Session>("/api/v1/auth/session");
  return session;
}

export async function signIn(username: string, password: string): Promise<Session> {
  session = await send<Session>("POST", "/api/v1/auth/login", JSON.stringify({ username, password }));
  return session;
}

export async function signOut(): Promise<void> {
  await send<void>("POST", "/api/v1/auth/logout");
  await loadSession();
}

// A whole paginated list (the server gives at most 1,000 rows a page).
export async function getAll(path: string): Promise<Table> {
  const sep = path.includes("?") ? "&" : "?";
  const first = await get<Table>(`${path}${sep}limit=1000`);
  const rows = [...first.rows];
  while (rows.length < first.total) {
    const next = await get<Table>(`${path}${sep}limit=1000&offset=${rows.length}`);
    if (next.rows.length === 0) break;
    rows.push(...next.rows);
  }
  return { ...first, rows };
}

export const enc = encodeURIComponent;
