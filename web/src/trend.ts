// A trend chart: one measure over its periods, each point with its 95% confidence interval as a vertical bar,
// the neighbourhood as a solid line with circles and each comparator dashed with squares (shape and dash, not
// colour alone, tell them apart). Always paired with a table of the same figures, its text alternative.

import type { Row } from "./api";
import { fmt, h, s, table } from "./dom";
import { categorical } from "./palette";

export interface TrendSeries {
  name: string; // "Old Swan", "Liverpool", …
  kind: string; // neighbourhood, council, region, country, comparison area
  points: { period: string; value: number | null; lower: number | null; upper: number | null }[];
}

// "%" after values whose unit is a percentage ("%", "% of residents").
export const percentSign = (unit: string): string => (unit === "%" || unit.startsWith("% ") ? "%" : "");

const W = 420;
const H = 190;
const PAD = { left: 52, right: 12, top: 12, bottom: 34 };

export function trendChart(title: string, unit: string, periods: string[], series: TrendSeries[]): SVGElement {
  const values = series.flatMap((x) => x.points.flatMap((p) => [p.value, p.lower, p.upper])).filter((v): v is number => v !== null);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (!(hi > lo)) [lo, hi] = [lo - 1, hi + 1];
  const margin = (hi - lo) * 0.08;
  lo -= margin;
  hi += margin;
  // Periods spread across the plot, inset so that the first and last labels fit.
  const inset = 30;
  const span = W - PAD.left - PAD.right - 2 * inset;
  const x = (i: number) => PAD.left + inset + (periods.length === 1 ? span / 2 : (i * span) / (periods.length - 1));
  const y = (v: number) => PAD.top + ((hi - v) * (H - PAD.top - PAD.bottom)) / (hi - lo);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `${title}: a chart of ${series.map((x) => x.name).join(", ")} over ${periods.join(", ")}; the table that follows gives the same figures`, class: "trend-chart" });
  // Axis: three ticks with the unit.
  for (const t of [lo + margin, (lo + hi) / 2, hi - margin]) {
    svg.append(s("line", { x1: PAD.left, x2: W - PAD.right, y1: y(t), y2: y(t), stroke: "#d0d4d9", "stroke-width": 1 }));
    svg.append(s("text", { x: PAD.left - 6, y: y(t) + 4, "text-anchor": "end", "font-size": 11, fill: "#333" }, `${fmt(t)}${percentSign(unit)}`));
  }
  periods.forEach((p, i) => svg.append(s("text", { x: x(i), y: H - 12, "text-anchor": "middle", "font-size": 12, fill: "#111" }, p)));
  series.forEach((ser, k) => {
    const colour = ser.kind === "neighbourhood" ? "#000000" : categorical[k % categorical.length];
    const pts = ser.points.map((p) => ({ ...p, i: periods.indexOf(p.period) })).filter((p) => p.value !== null && p.i >= 0);
    const offset = ser.kind === "neighbourhood" ? 0 : 4 * k; // comparators' bars beside, not over, the neighbourhood's
    if (pts.length > 1) {
      svg.append(
        s("polyline", {
          points: pts.map((p) => `${x(p.i) + offset},${y(p.value!)}`).join(" "),
          fill: "none",
          stroke: colour,
          "stroke-width": ser.kind === "neighbourhood" ? 2.5 : 1.5,
          "stroke-dasharray": ser.kind === "neighbourhood" ? "" : "5 3",
        }),
      );
    }
    for (const p of pts) {
      const cx = x(p.i) + offset;
      if (p.lower !== null && p.upper !== null) svg.append(s("line", { x1: cx, x2: cx, y1: y(p.lower), y2: y(p.upper), stroke: colour, "stroke-width": 1.5 }));
      svg.append(
        ser.kind === "neighbourhood"
          ? s("circle", { cx, cy: y(p.value!), r: 4.5, fill: colour })
          : s("rect", { x: cx - 4, y: y(p.value!) - 4, width: 8, height: 8, fill: "#ffffff", stroke: colour, "stroke-width": 1.5 }),
      );
    }
  });
  return svg;
}

// The trends of one measure: the chart, a sentence on the change, and the table.
export function trendBlock(rows: Row[]): HTMLElement {
  const first = rows[0];
  const unit = String(first.unit ?? "");
  const periods = [...new Set(rows.map((r) => String(r.period)))];
  const bySeries = new Map<string, TrendSeries>();
  for (const r of rows) {
    const key = `${r.series}|${r.series_name}`;
    if (!bySeries.has(key)) bySeries.set(key, { name: String(r.series_name), kind: String(r.series), points: [] });
    bySeries.get(key)!.points.push({ period: String(r.period), value: r.value as number | null, lower: r.lower_95 as number | null, upper: r.upper_95 as number | null });
  }
  const series = [...bySeries.values()];
  const own = series.find((x) => x.kind === "neighbourhood");
  const title = String(first.indicator_name);
  let words = "";
  if (own && own.points.length > 1) {
    const a = own.points[0];
    const b = own.points[own.points.length - 1];
    if (a.value !== null && b.value !== null) {
      const both = a.lower !== null && a.upper !== null && b.lower !== null && b.upper !== null;
      const apart = both && (b.lower! > a.upper! || a.lower! > b.upper!);
      words = `From ${a.period} to ${b.period}: ${fmt(a.value)}${percentSign(unit)} to ${fmt(b.value)}${percentSign(unit)}. ${
        !both ? "" : apart ? "The two 95% intervals do not overlap, so the change is unlikely to be chance alone." : "The two 95% intervals overlap, so the change may be chance."
      }`;
    }
  }
  const showValue = (v: unknown) => (v === null || v === undefined ? "–" : fmt(v as number));
  return h(
    "figure",
    { class: "trend" },
    h("figcaption", {}, h("strong", {}, title), unit ? ` (${unit})` : ""),
    trendChart(title, unit, periods, series),
    words ? h("p", { class: "plain" }, words) : null,
    table(
      `${title}: each period`,
      [
        ["Period", "period"],
        ["Who", "series_name"],
        ["Value", (r: Row) => showValue(r.value)],
        ["95% interval", (r: Row) => (r.lower_95 === null ? "–" : `${showValue(r.lower_95)} to ${showValue(r.upper_95)}`)],
      ],
      rows,
      { numeric: ["Value"] },
    ),
  );
}
