// A spine chart in the manner of the national public-health profiles: for each indicator, where the
// neighbourhood stands against England (the centre line), with its council and region marked; the marker's
// colour and shape give the significance of the difference from England. Drawn as SVG beside a table that
// says the same in words.

import type { Row } from "./api";
import { fmt, h, s } from "./dom";
import { significance, significanceKey } from "./palette";

export interface SpineIndicator {
  id: string;
  name: string;
  period: string;
  unit: string;
  polarity: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  england: number | null;
  council: number | null;
  councilName: string;
  region: number | null;
  significance: string; // against England
}

export function spineIndicators(profile: Row[]): SpineIndicator[] {
  const by = new Map<string, SpineIndicator>();
  for (const r of profile) {
    const id = String(r.indicator_id);
    let it = by.get(id);
    if (!it) {
      it = {
        id,
        name: String(r.indicator_name),
        period: String(r.period ?? ""),
        unit: String(r.unit ?? ""),
        polarity: String(r.polarity ?? ""),
        value: r.value as number | null,
        lower: r.lower_95 as number | null,
        upper: r.upper_95 as number | null,
        england: null,
        council: null,
        councilName: "",
        region: null,
        significance: "",
      };
      by.set(id, it);
    }
    const cv = r.comparator_value as number | null;
    if (r.comparator_type === "country") {
      it.england = cv;
      it.significance = String(r.significance ?? "");
    } else if (r.comparator_type === "council") {
      it.council = cv;
      it.councilName = String(r.comparator ?? "");
    } else if (r.comparator_type === "region") it.region = cv;
  }
  return [...by.values()];
}

// Position on [-1, 1]: log ratio to England, so that twice and half England sit symmetrically.
function pos(v: number | null, england: number | null): number | null {
  if (v === null || england === null || v <= 0 || england <= 0) return null;
  return Math.max(-1, Math.min(1, Math.log2(v / england) / 2));
}

function marker(key: string, x: number, y: number): SVGElement {
  const sig = significance[key];
  const common = { fill: sig.colour, stroke: "#222", "stroke-width": 1 };
  if (sig.shape === "circle") return s("circle", { cx: x, cy: y, r: 6, ...common });
  if (sig.shape === "square") return s("rect", { x: x - 5.5, y: y - 5.5, width: 11, height: 11, ...common });
  if (sig.shape === "triangle") return s("path", { d: `M${x},${y - 7}L${x + 7},${y + 6}L${x - 7},${y + 6}Z`, ...common });
  return s("path", { d: `M${x},${y - 7}L${x + 7},${y}L${x},${y + 7}L${x - 7},${y}Z`, ...common });
}

export function spineChart(items: SpineIndicator[], caption: string): HTMLElement {
  const rowH = 26;
  const W = 320;
  const cx = W / 2;
  const half = W / 2 - 14;
  const rows = items.map((it) => {
    const key = significanceKey(it.significance);
    const svg = s("svg", { viewBox: `0 0 ${W} ${rowH}`, width: "100%", height: rowH, "aria-hidden": "true", class: "spine-svg" });
    svg.append(s("rect", { x: 14, y: 8, width: W - 28, height: 10, fill: "#e6e9ed" }));
    svg.append(s("line", { x1: cx, x2: cx, y1: 2, y2: rowH - 2, stroke: "#222", "stroke-width": 2 }));
    const pc = pos(it.council, it.england);
    if (pc !== null) svg.append(s("line", { x1: cx + pc * half, x2: cx + pc * half, y1: 5, y2: rowH - 5, stroke: "#555", "stroke-width": 2, "stroke-dasharray": "3 2" }));
    const pr = pos(it.region, it.england);
    if (pr !== null) svg.append(s("rect", { x: cx + pr * half - 2, y: 6, width: 4, height: 14, fill: "#7f7f7f" }));
    const pv = pos(it.value, it.england);
    if (pv !== null) svg.append(marker(key, cx + pv * half, rowH / 2));
    const interval = it.lower !== null && it.upper !== null ? ` (95% interval ${fmt(it.lower)} to ${fmt(it.upper)})` : "";
    return h(
      "tr",
      {},
      h("th", { scope: "row" }, it.name, h("span", { class: "small muted" }, ` ${it.unit}, ${it.period}`)),
      h("td", { class: "num" }, fmt(it.value), interval ? h("span", { class: "small" }, interval) : null),
      h("td", { class: "num" }, fmt(it.council)),
      h("td", { class: "num" }, fmt(it.region)),
      h("td", { class: "num" }, fmt(it.england)),
      h("td", {}, h("span", { class: `sig sig-${key}` }, significance[key].label), key === "none" && it.significance ? h("span", { class: "small muted" }, ` ${it.significance.replace(/^not compared:?\s*/, "")}`) : null),
      h("td", { class: "spine-cell" }, svg),
    );
  });
  return h(
    "div",
    { class: "table-wrap", tabindex: 0, role: "region", "aria-label": caption },
    h(
      "table",
      { class: "spine" },
      h("caption", {}, caption),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Indicator"),
          h("th", { scope: "col", class: "num" }, "Here"),
          h("th", { scope: "col", class: "num" }, "Council"),
          h("th", { scope: "col", class: "num" }, "Region"),
          h("th", { scope: "col", class: "num" }, "England"),
          h("th", { scope: "col" }, "Compared with England"),
          h("th", { scope: "col" }, "Chart: England at the centre line; left lower, right higher"),
        ),
      ),
      h("tbody", {}, rows),
    ),
  );
}

export function spineKey(): HTMLElement {
  return h(
    "ul",
    { class: "key" },
    Object.entries(significance).map(([k, v]) => {
      const svg = s("svg", { viewBox: "0 0 20 20", width: 18, height: 18, "aria-hidden": "true" });
      svg.append(marker(k, 10, 10));
      return h("li", {}, svg, v.label);
    }),
    h("li", {}, h("span", { class: "key-council", "aria-hidden": "true" }), "Council (dashed line)"),
    h("li", {}, h("span", { class: "key-region", "aria-hidden": "true" }), "Region (grey bar)"),
  );
}
