// Two or more neighbourhoods side by side: each chosen measure's value (with its interval) and how it
// compares with England.

import { type Table, enc, get, getAll } from "../api";
import { fmt, h } from "../dom";
import { significance, significanceKey } from "../palette";
import { spineIndicators, type SpineIndicator } from "../spine";

export async function compare(main: HTMLElement, first: string): Promise<void> {
  const list = (await getAll("/api/v1/neighbourhoods")).rows;
  const chosen = new Set<string>(first ? [first] : list.slice(0, 2).map((n) => String(n.slug)));
  if (chosen.size < 2) for (const n of list) if (chosen.size < 2) chosen.add(String(n.slug));
  const result = h("div", { id: "compare-result", "aria-live": "polite" });
  const boxes = list.map((n) =>
    h("label", { class: "check" }, h("input", { type: "checkbox", value: String(n.slug), checked: chosen.has(String(n.slug)) }), ` ${n.name}`),
  );
  const form = h(
    "form",
    { class: "card" },
    h("fieldset", {}, h("legend", {}, "Neighbourhoods to compare (two or more)"), h("div", { class: "checks" }, boxes)),
    h("button", { type: "submit" }, "Compare"),
  );
  main.append(h("h1", {}, "Compare neighbourhoods"), h("p", { class: "lead" }, "Measures side by side, each with how it compares with England."), form, result);

  const cache = new Map<string, SpineIndicator[]>();
  const run = async (): Promise<void> => {
    const slugs = [...form.querySelectorAll<HTMLInputElement>("input:checked")].map((i) => i.value);
    if (slugs.length < 2) {
      result.replaceChildren(h("p", { class: "error", role: "alert" }, "Choose at least two neighbourhoods."));
      return;
    }
    result.replaceChildren(h("p", { class: "muted" }, "Loading…"));
    await Promise.all(
      slugs.filter((s) => !cache.has(s)).map(async (s) => {
        const t = await get<Table>(`/api/v1/neighbourhoods/${enc(s)}/profile`);
        cache.set(s, spineIndicators(t.rows.filter((r) => !String(r.indicator_id).includes("-rank."))));
      }),
    );
    const names = new Map(list.map((n) => [String(n.slug), String(n.name)]));
    const ids = cache.get(slugs[0])!.map((i) => i.id);
    const cell = (it: SpineIndicator | undefined) => {
      if (!it) return h("td", {}, "–");
      const k = significanceKey(it.significance);
      return h("td", { class: "num" }, fmt(it.value), it.lower !== null ? h("span", { class: "small" }, ` (${fmt(it.lower)}–${fmt(it.upper)})`) : null, k !== "none" ? h("span", { class: `sig sig-${k}` }, significance[k].label) : null);
    };
    const rows = ids.map((id) => {
      const its = slugs.map((s) => cache.get(s)!.find((i) => i.id === id));
      const any = its.find(Boolean)!;
      return h("tr", {}, h("th", { scope: "row" }, any.name, h("span", { class: "small muted" }, ` ${any.unit}`)), ...its.map(cell), h("td", { class: "num" }, fmt(any.england)));
    });
    result.replaceChildren(
      h(
        "div",
        { class: "table-wrap", tabindex: 0, role: "region", "aria-label": "Comparison" },
        h(
          "table",
          { id: "compare-table" },
          h("caption", {}, `Comparing ${slugs.map((s) => names.get(s)).join(", ")} (95% intervals in brackets; label: compared with England)`),
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Measure"), ...slugs.map((s) => h("th", { scope: "col", class: "num" }, h("a", { href: `#/n/${enc(s)}` }, names.get(s) ?? s))), h("th", { scope: "col", class: "num" }, "England"))),
          h("tbody", {}, rows),
        ),
      ),
    );
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void run();
  });
  await run();
}
