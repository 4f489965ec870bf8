// Small helpers to build the page without a framework: elements, tables (the text alternative of every
// chart), number formatting and CSV.

import type { Cell, Row } from "./api";

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | number | EventListener | undefined> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === "function") el.addEventListener(k.replace(/^on/, ""), v);
    else if (k === "class") el.className = String(v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return el;
}

export const svgNs = "http://www.w3.org/2000/svg";
export function s(tag: string, attrs: Record<string, string | number> = {}, text?: string): SVGElement {
  const el = document.createElementNS(svgNs, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

export function fmt(v: Cell | undefined, digits = 1): string {
  if (v === null || v === undefined || v === "") return "–";
  if (typeof v === "string") return v;
  if (Number.isInteger(v)) return v.toLocaleString("en-GB");
  const abs = Math.abs(v);
  const d = abs >= 1000 ? 0 : abs >= 1 ? digits : 3;
  return v.toLocaleString("en-GB", { minimumFractionDigits: d, maximumFractionDigits: d });
}

// A table with a caption; `columns` maps header text to a row key or a cell-rendering function.
export function table(
  caption: string,
  columns: [string, string | ((r: Row) => Child)][],
  rows: Row[],
  opts: { numeric?: string[]; className?: string } = {},
): HTMLElement {
  const numeric = new Set(opts.numeric ?? []);
  return h(
    "div",
    { class: "table-wrap", tabindex: 0, role: "region", "aria-label": caption },
    h(
      "table",
      { class: opts.className ?? "" },
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, columns.map(([label]) => h("th", { scope: "col", class: numeric.has(label) ? "num" : "" }, label)))),
      h(
        "tbody",
        {},
        rows.map((r) =>
          h(
            "tr",
            {},
            columns.map(([label, key]) =>
              h("td", { class: numeric.has(label) ? "num" : "" }, typeof key === "function" ? key(r) : fmt(r[key])),
            ),
          ),
        ),
      ),
    ),
  );
}

// RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into rows keyed by the header.
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || record.length) {
    record.push(field);
    records.push(record);
  }
  const [header, ...body] = records.filter((r) => r.length > 1 || r[0] !== "");
  if (!header) return [];
  return body.map((r) => Object.fromEntries(header.map((k, i) => [k, r[i] ?? ""])));
}

export function toCsv(rows: Row[], columns: string[]): string {
  const q = (v: Cell | undefined) => {
    const t = v === null || v === undefined ? "" : String(v);
    return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  return [columns.join(","), ...rows.map((r) => columns.map((c) => q(r[c])).join(","))].join("\n") + "\n";
}

export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function term(word: string, anchor: string): HTMLElement {
  return h("a", { href: `#/glossary#${anchor}`, class: "term", title: `What “${word}” means` }, word);
}

export function errorBox(e: unknown): HTMLElement {
  const msg = e instanceof Error ? e.message : String(e);
  return h("p", { class: "error", role: "alert" }, msg);
}
