// The overview: every neighbourhood on a map, filled by the chosen indicator (classes and their bounds in the
// legend, with the classification named), its small areas outlined; a click (or Enter on a shape, or a row of
// the table) gives the neighbourhood's summary. The table is the map's text alternative.

import { type Row, type Table, enc, get, getAll } from "../api";
import { fmt, h, table, term } from "../dom";
import type { Feature, FeatureCollection } from "../geo";
import { drawMap, type DrawnMap, type Renderer } from "../map";
import { equalIntervals, sequential } from "../palette";

export const choices: [string, string][] = [
  ["imd2019-score", "Index of Multiple Deprivation score (higher = more deprived)"],
  ["income-deprivation-rate", "Income deprivation (% of people)"],
  ["employment-deprivation-rate", "Employment deprivation (% of working-age people)"],
  ["idaci-rate", "Children in income-deprived families (%)"],
  ["idaopi-rate", "Older people in income-deprived households (%)"],
  ["imd2019-rank.average_rank", "Deprivation rank, population-weighted average (1 = most deprived)"],
  ["income2019-rank.average_rank", "Income domain: average rank (1 = most deprived)"],
  ["employment2019-rank.average_rank", "Employment domain: average rank"],
  ["education2019-rank.average_rank", "Education domain: average rank"],
  ["health2019-rank.average_rank", "Health domain: average rank"],
  ["crime2019-rank.average_rank", "Crime domain: average rank"],
  ["barriers2019-rank.average_rank", "Barriers to housing and services: average rank"],
  ["livingenv2019-rank.average_rank", "Living environment domain: average rank"],
  ["iod2019-air-quality", "Air quality indicator (higher = worse)"],
];

interface Valued {
  value: number | null;
  unit: string;
  name: string;
  polarity: string;
}

async function values(slugs: string[], indicator: string): Promise<Map<string, Valued>> {
  const out = new Map<string, Valued>();
  await Promise.all(
    slugs.map(async (slug) => {
      try {
        const t = await get<Table>(`/api/v1/neighbourhoods/${enc(slug)}/profile?indicator=${enc(indicator)}`);
        const r = t.rows[0];
        if (r) out.set(slug, { value: r.value as number | null, unit: String(r.unit ?? ""), name: String(r.indicator_name), polarity: String(r.polarity ?? "") });
      } catch {
        // no value for this neighbourhood: drawn as "no data"
      }
    }),
  );
  return out;
}

export async function overview(main: HTMLElement): Promise<void> {
  const list = await getAll("/api/v1/neighbourhoods");
  const neighbourhoods = list.rows;
  const params = new URLSearchParams(location.hash.split("?")[1] ?? "");
  let indicator = params.get("indicator") ?? choices[0][0];
  // ?renderer=webgl|svg chooses how the map is drawn (default: WebGL where the graphics card draws it).
  const renderer = (params.get("renderer") ?? "auto") as Renderer;

  const select = h(
    "select",
    { id: "indicator" },
    choices.map(([k, label]) => h("option", { value: k, selected: k === indicator }, label)),
  );
  const legend = h("div", { class: "legend", id: "legend", "aria-live": "polite" });
  const mapBox = h("div", { class: "map", id: "map" });
  const summary = h("aside", { class: "summary", id: "summary", "aria-live": "polite" }, h("p", { class: "muted" }, "Choose a neighbourhood on the map or in the table to see its summary."));
  const tableBox = h("div", { id: "overview-table" });

  main.append(
    h("h1", {}, "Neighbourhoods for Learning"),
    h(
      "p",
      { class: "lead" },
      `${neighbourhoods.length} neighbourhoods. Each is a group of `,
      term("LSOAs", "lsoa"),
      " (small areas of about 1,500 people), outlined in white inside it when you zoom in; a dot marks each neighbourhood when the whole region is in view. Colour shows the measure you choose.",
    ),
    h("div", { class: "controls" }, h("label", { for: "indicator" }, "Colour the map by "), select),
    h("div", { class: "overview-grid" }, h("div", {}, mapBox, legend), summary),
    tableBox,
  );

  let vals = new Map<string, Valued>();
  let drawn: DrawnMap | null = null;
  const bySlug = new Map(neighbourhoods.map((n) => [String(n.slug), n]));

  let shown: string | null = null;
  const showSummary = (slug: string): void => {
    const n = bySlug.get(slug);
    if (!n) return;
    shown = slug;
    const v = vals.get(slug);
    drawn?.highlight(slug);
    summary.replaceChildren(
      h("h2", {}, String(n.name)),
      h(
        "dl",
        {},
        h("dt", {}, "Council"), h("dd", {}, String(n.council ?? "–")),
        h("dt", {}, "People"), h("dd", {}, fmt(n.population)),
        h("dt", {}, "Small areas (LSOAs)"), h("dd", {}, fmt(n.lsoas)),
        h("dt", {}, v?.name ?? "Value"), h("dd", {}, v ? `${fmt(v.value)} ${v.unit === "%" ? "%" : ""}` : "no data"),
      ),
      h("p", {}, String(n.description ?? "")),
      h("p", {}, h("a", { href: `#/n/${enc(slug)}`, class: "button" }, `Open the ${n.name} profile`)),
      ...(drawn?.kind === "webgl" ? [h("p", {}, h("button", { type: "button", class: "link", onclick: () => drawn?.zoomTo(slug) }, "Zoom the map to it"))] : []),
    );
  };

  const render = (): void => {
    const known = [...vals.values()].map((v) => v.value).filter((v): v is number => v !== null);
    const cls = known.length ? equalIntervals(known) : null;
    const any = [...vals.values()][0];
    legend.replaceChildren(
      h("h2", { class: "legend-title" }, any?.name ?? "No values"),
      h("p", { class: "small" }, "Classification: equal intervals, 5 classes between the lowest and highest neighbourhood shown. ", any?.polarity === "low_is_good" ? "Lower is better." : any?.polarity === "high_is_good" ? "Higher is better." : ""),
      cls
        ? h(
            "ul",
            { class: "legend-list" },
            sequential.map((c, i) => h("li", {}, h("span", { class: "swatch", style: `background:${c}` }), `${fmt(cls.breaks[i])} to ${fmt(cls.breaks[i + 1])}`)),
            h("li", {}, h("span", { class: "swatch", style: "background:#bdbdbd" }), "no data"),
          )
        : h("p", {}, "No neighbourhood has a value for this measure."),
    );
    // Re-rendering must not take the keyboard focus away from a row's button.
    const focused = tableBox.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.slug : undefined;
    tableBox.replaceChildren(
      table(
        `Neighbourhoods and ${any?.name ?? "the chosen measure"} (the map as a table)`,
        [
          ["Neighbourhood", (r: Row) => h("a", { href: `#/n/${enc(String(r.slug))}` }, String(r.name))],
          ["Council", "council"],
          ["Small areas", "lsoas"],
          ["People", "population"],
          ["Value", (r: Row) => fmt(vals.get(String(r.slug))?.value ?? null)],
          ["Summary", (r: Row) => h("button", { type: "button", class: "link", "data-slug": String(r.slug), onclick: () => showSummary(String(r.slug)) }, `Show ${r.name}`)],
        ],
        neighbourhoods,
        { numeric: ["Small areas", "People", "Value"] },
      ),
    );
    if (focused) tableBox.querySelector<HTMLElement>(`button[data-slug="${CSS.escape(focused)}"]`)?.focus();
  };

  // The table first (names and sizes), then values and the map.
  render();
  performance.mark("nrs:overview-names");
  const shapes = (async () => {
    const collections = await Promise.all(
      neighbourhoods.map((n) => get<FeatureCollection>(`/api/v1/neighbourhoods/${enc(String(n.slug))}/boundary?areas=true&decimals=4`).catch(() => null)),
    );
    const features: Feature[] = collections.flatMap((c) => c?.features ?? []);
    return { type: "FeatureCollection", features } as FeatureCollection;
  })();
  vals = await values(neighbourhoods.map((n) => String(n.slug)), indicator);
  render();
  const fc = await shapes;
  const fillOf = (f: Feature): string => {
    const known = [...vals.values()].map((v) => v.value).filter((v): v is number => v !== null);
    const v = vals.get(String(f.properties.code))?.value;
    if (v === null || v === undefined || !known.length) return "#bdbdbd";
    return sequential[equalIntervals(known).classOf(v)];
  };
  const labelOf = (f: Feature): string => {
    const v = vals.get(String(f.properties.code));
    return `${f.properties.name}: ${v ? fmt(v.value) : "no data"}`;
  };
  mapBox.setAttribute("aria-busy", "true");
  drawn = await drawMap(mapBox, fc, { fill: fillOf, label: labelOf }, showSummary, renderer);
  mapBox.removeAttribute("aria-busy");
  performance.mark("nrs:overview-map");

  select.addEventListener("change", async () => {
    indicator = select.value;
    vals = await values(neighbourhoods.map((n) => String(n.slug)), indicator);
    render();
    if (shown) showSummary(shown);
    drawn?.remove();
    drawn = await drawMap(mapBox, fc, { fill: fillOf, label: labelOf }, showSummary, renderer);
  });
}
