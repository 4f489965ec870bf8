// The web application: a hash router over the pages, the session shown in the header, and navigation that
// hides what the signed-in role cannot use (the server enforces it regardless).

import "./style.css";
import { can, currentSession, loadSession } from "./api";
import { errorBox, h } from "./dom";

type Page = (main: HTMLElement, arg: string) => Promise<void>;

const routes: [RegExp, () => Promise<Page>][] = [
  [/^\/?$/, async () => (await import("./pages/overview")).overview],
  [/^\/n\/([^/]+)$/, async () => (await import("./pages/neighbourhood")).neighbourhood],
  [/^\/compare(?:\/(.*))?$/, async () => (await import("./pages/compare")).compare],
  [/^\/data$/, async () => (await import("./pages/data")).data],
  [/^\/import$/, async () => (await import("./pages/data")).importPage],
  [/^\/signin$/, async () => (await import("./pages/signin")).signin],
  [/^\/glossary$/, async () => (await import("./pages/glossary")).glossary],
];

export function refreshHeader(): void {
  const s = currentSession();
  const who = document.getElementById("who")!;
  who.textContent = s.signed_in && s.user ? `Signed in as ${s.user.display_name || s.user.username} (${s.user.role.replace(/_/g, " ")})` : "Public view (not signed in)";
  document.getElementById("signin-link")!.textContent = s.signed_in ? "Account" : "Sign in";
  for (const li of document.querySelectorAll<HTMLElement>("[data-needs]")) li.hidden = !can(li.dataset.needs!);
}

let generation = 0;
async function route(): Promise<void> {
  const gen = ++generation;
  const hash = decodeURIComponent(location.hash.replace(/^#/, "").split("#")[0].split("?")[0]) || "/";
  const main = document.getElementById("main")!;
  for (const a of document.querySelectorAll<HTMLAnchorElement>("#nav a")) {
    const target = a.getAttribute("href")!.slice(1);
    if ((target === "/" && hash === "/") || (target !== "/" && hash.startsWith(target))) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  for (const [re, load] of routes) {
    const m = re.exec(hash);
    if (!m) continue;
    main.replaceChildren(h("p", { class: "muted" }, "Loading…"));
    try {
      const page = await load();
      if (gen !== generation) return;
      const fresh = h("div", { class: "page" });
      main.replaceChildren(fresh);
      await page(fresh, m[1] ?? "");
    } catch (e) {
      if (gen === generation) main.replaceChildren(errorBox(e));
    }
    if (gen === generation && document.activeElement !== document.body) main.focus({ preventScroll: true });
    return;
  }
  main.replaceChildren(h("h1", {}, "Page not found"), h("p", {}, h("a", { href: "#/" }, "Back to the map")));
}

async function start(): Promise<void> {
  try {
    await loadSession();
  } catch {
    // The public view still works without a session.
  }
  refreshHeader();
  window.addEventListener("hashchange", () => void route());
  await route();
}

void start();
