// The overview: every small area of the region filled by the chosen indicator (quintile classes, their bounds
// and the classification named in the legend), council boundaries, and the neighbourhoods outlined with a dot at
// each one's middle. A click on a small area gives that area's summary; on a neighbourhood's dot or outline (or
// Enter on it, or a row of the table) the neighbourhood's. The tables are the map's text alternative.
//
// Shapes come once (/api/v1/areas/boundaries); a change of measure fetches only the values
// (/api/v1/areas/values) and recolours the map.

import { type Row, type Table, enc, get, getAll } from "../api";
import { fmt, h, table, term } from "../dom";
import type { Feature, FeatureCollection } from "../geo";
import { type Basemap, drawMap, type DrawnMap, type Pick, type Renderer } from "../map";
import { quantiles, sequential } from "../palette";
import { percentSign } from "../trend";

const NO_DATA = "#bdbdbd";

interface Valued {
  value: number | null;
  unit: string;
  name: string;
}

interface Measure {
  key: string;
  name: string;
  unit: string;
  polarity: string;
  valueType: string;
}

// A neighbourhood's value of the measure, as its profile gives it.
async function neighbourhoodValues(slugs: string[], indicator: string): Promise<Map<string, Valued>> {
  const out = new Map<string, Valued>();
  await Promise.all(
    slugs.map(async (slug) => {
      try {
        const t = await get<Table>(`/api/v1/neighbourhoods/${enc(slug)}/profile?indicator=${enc(indicator)}`);
        const r = t.rows[0];
        if (r) out.set(slug, { value: r.value as number | null, unit: String(r.unit ?? ""), name: String(r.indicator_name) });
      } catch {
        // no value for this neighbourhood: drawn as "no data"
      }
    }),
  );
  return out;
}

async function areaValues(indicator: string): Promise<{ values: Map<string, number>; period: string }> {
  const t = await get<Table>(`/api/v1/areas/values?indicator=${enc(indicator)}`);
  const values = new Map<string, number>();
  for (const r of t.rows) if (typeof r.value === "number") values.set(String(r.code), r.value);
  return { values, period: String(t.rows[0]?.period ?? "") };
}


export async function overview(main: HTMLElement): Promise<void> {
  const [list, catalogue, settings] = await Promise.all([
    getAll("/api/v1/neighbourhoods"),
    getAll("/api/v1/indicators"),
    get<{ tile_url: string; tile_attribution: string }>("/api/v1/map-settings").catch(() => ({ tile_url: "", tile_attribution: "" })),
  ]);
  const basemap: Basemap | null = settings.tile_url ? { tileUrl: settings.tile_url, attribution: settings.tile_attribution } : null;
  const neighbourhoods = list.rows;
  // Any indicator with values by small area; counts are left out (a count over areas of different sizes
  // misleads on a map).
  const measures: Measure[] = catalogue.rows
    .filter((r) => Number(r.areas) > 0 && r.value_type !== "count")
    .map((r) => ({ key: String(r.key), name: String(r.name), unit: String(r.unit ?? ""), polarity: String(r.polarity ?? ""), valueType: String(r.value_type) }));
  const params = new URLSearchParams(location.hash.split("?")[1] ?? "");
  let indicator = params.get("indicator") ?? (measures.find((m) => m.key === "imd2019-score") ?? measures[0])?.key ?? "";
  // ?renderer=webgl|svg chooses how the map is drawn (default: WebGL where the graphics card draws it).
  const renderer = (params.get("renderer") ?? "auto") as Renderer;
  const measureOf = (key: string): Measure | undefined => measures.find((m) => m.key === key);

  const select = h(
    "select",
    { id: "indicator" },
    measures.map((m) => h("option", { value: m.key, selected: m.key === indicator }, m.name)),
  );
  const legend = h("div", { class: "legend", id: "legend", "aria-live": "polite" });
  const mapBox = h("div", { class: "map", id: "map" });
  const summary = h("aside", { class: "summary", id: "summary", "aria-live": "polite" }, h("p", { class: "muted" }, "Choose a small area or a neighbourhood on the map, or a neighbourhood in the table, to see its summary."));
  const tableBox = h("div", { id: "overview-table" });

  main.append(
    h("h1", {}, "Neighbourhoods for Learning"),
    h(
      "p",
      { class: "lead" },
      `${neighbourhoods.length} neighbourhoods, outlined in black with a dot at the middle of each, among the region's `,
      term("LSOAs", "lsoa"),
      " (small areas of about 1,500 people), coloured by the measure you choose. Grey lines are council boundaries.",
    ),
    h("div", { class: "controls" }, h("label", { for: "indicator" }, "Colour the small areas by "), select),
    h("div", { class: "overview-grid" }, h("div", {}, mapBox, legend), summary),
    tableBox,
  );

  let vals = new Map<string, Valued>();
  let areaVals = new Map<string, number>();
  let period = "";
  let classes: ReturnType<typeof quantiles> | null = null;
  let drawn: DrawnMap | null = null;
  const bySlug = new Map(neighbourhoods.map((n) => [String(n.slug), n]));
  const areaInfo = new Map<string, Feature>();
  const memberOf = new Map<string, string>(); // area code → neighbourhood slug

  const colourOf = (v: number | null | undefined): string => (v === null || v === undefined || !classes ? NO_DATA : sequential[classes.classOf(v)]);
  const valueText = (v: number | null | undefined, unit: string): string => (v === null || v === undefined ? "no data" : `${fmt(v)}${percentSign(unit)}`);

  let shown: Pick | null = null;
  const showNeighbourhood = (slug: string): void => {
    const n = bySlug.get(slug);
    if (!n) return;
    shown = { kind: "neighbourhood", code: slug };
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
        h("dt", {}, v?.name ?? measureOf(indicator)?.name ?? "Value"), h("dd", {}, v ? valueText(v.value, v.unit) : "no data"),
      ),
      h("p", {}, String(n.description ?? "")),
      h("p", {}, h("a", { href: `#/n/${enc(slug)}`, class: "button" }, `Open the ${n.name} profile`)),
      h("p", {}, h("button", { type: "button", class: "link", onclick: () => drawn?.zoomTo(slug) }, "Zoom the map to it")),
    );
  };
  const showArea = (code: string): void => {
    const f = areaInfo.get(code);
    if (!f) return;
    shown = { kind: "area", code };
    const m = measureOf(indicator);
    const v = areaVals.get(code);
    const slug = memberOf.get(code);
    const n = slug ? bySlug.get(slug) : undefined;
    drawn?.highlight(slug ?? null);
    summary.replaceChildren(
      h("h2", {}, `${f.properties.name} (${code})`),
      h(
        "dl",
        {},
        h("dt", {}, "Kind of area"), h("dd", {}, term("LSOA", "lsoa")),
        h("dt", {}, "Council"), h("dd", {}, String(f.properties.council_name || "–")),
        h("dt", {}, m?.name ?? "Value"), h("dd", {}, `${valueText(v, m?.unit ?? "")}${period ? ` (${period})` : ""}`),
        h("dt", {}, "Class on the map"), h("dd", {}, v === undefined || !classes ? "no data" : `${classes.classOf(v) + 1} of 5 (quintiles of the small areas shown)`),
        h("dt", {}, "Neighbourhood"), h("dd", {}, n ? h("a", { href: `#/n/${enc(String(n.slug))}` }, String(n.name)) : "not in a neighbourhood"),
      ),
    );
  };
  const onPick = (p: Pick): void => (p.kind === "area" ? showArea(p.code) : showNeighbourhood(p.code));

  const renderLegend = (): void => {
    const m = measureOf(indicator);
    legend.replaceChildren(
      h("h2", { class: "legend-title" }, m?.name ?? "No values"),
      h(
        "p",
        { class: "small" },
        `Classification: quintiles, 5 classes each holding a fifth of the ${fmt(areaVals.size, 0)} small areas with a value${period ? ` (${period})` : ""}. `,
        m?.polarity === "low_is_good" ? "Lower is better." : m?.polarity === "high_is_good" ? "Higher is better." : "",
        " Dots show each neighbourhood's own value on the same classes.",
      ),
      classes
        ? h(
            "ul",
            { class: "legend-list" },
            sequential.map((c, i) => h("li", {}, h("span", { class: "swatch", style: `background:${c}` }), `${fmt(classes!.breaks[i])} to ${fmt(classes!.breaks[i + 1])}${percentSign(m?.unit ?? "")}`)),
            h("li", {}, h("span", { class: "swatch", style: `background:${NO_DATA}` }), "no data"),
          )
        : h("p", {}, "No small area has a value for this measure."),
    );
  };
  const renderTable = (): void => {
    const m = measureOf(indicator);
    // Re-rendering must not take the keyboard focus away from a row's button.
    const focused = tableBox.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.slug : undefined;
    tableBox.replaceChildren(
      table(
        `Neighbourhoods and ${m?.name ?? "the chosen measure"} (the map as a table)`,
        [
          ["Neighbourhood", (r: Row) => h("a", { href: `#/n/${enc(String(r.slug))}` }, String(r.name))],
          ["Council", "council"],
          ["Small areas", "lsoas"],
          ["People", "population"],
          ["Value", (r: Row) => fmt(vals.get(String(r.slug))?.value ?? null)],
          ["Summary", (r: Row) => h("button", { type: "button", class: "link", "data-slug": String(r.slug), onclick: () => showNeighbourhood(String(r.slug)) }, `Show ${r.name}`)],
        ],
        neighbourhoods,
        { numeric: ["Small areas", "People", "Value"] },
      ),
    );
    if (focused) tableBox.querySelector<HTMLElement>(`button[data-slug="${CSS.escape(focused)}"]`)?.focus();
  };
  const load = async (): Promise<void> => {
    const [n, a] = await Promise.all([neighbourhoodValues([...bySlug.keys()], indicator), areaValues(indicator).catch(() => ({ values: new Map<string, number>(), period: "" }))]);
    vals = n;
    areaVals = a.values;
    period = a.period;
    classes = areaVals.size ? quantiles([...areaVals.values()]) : null;
  };

  // The table first (names and sizes), then values and the map.
  renderTable();
  performance.mark("nrs:overview-names");
  const shapes = Promise.all([
    get<FeatureCollection>("/api/v1/areas/boundaries?type=lsoa11&decimals=4"),
    get<FeatureCollection>("/api/v1/areas/boundaries?type=lad19&decimals=4").catch(() => ({ type: "FeatureCollection", features: [] }) as FeatureCollection),
    Promise.all(neighbourhoods.map((n) => get<FeatureCollection>(`/api/v1/neighbourhoods/${enc(String(n.slug))}/boundary?areas=true&decimals=4`).catch(() => null))),
  ]);
  await load();
  renderLegend();
  renderTable();
  const [areas, councils, outlines] = await shapes;
  for (const f of areas.features) areaInfo.set(String(f.properties.code), f);
  const neighbourhoodShapes: Feature[] = [];
  for (const c of outlines) {
    for (const f of c?.features ?? []) {
      if (f.properties.feature === "neighbourhood") neighbourhoodShapes.push(f);
      else if (f.properties.feature === "area") memberOf.set(String(f.properties.code), String(c!.features[0].properties.code));
    }
  }
  const style = {
    areaFill: (code: string) => colourOf(areaVals.get(code)),
    neighbourhoodFill: (slug: string) => colourOf(vals.get(slug)?.value),
    areaLabel: (code: string) => `${areaInfo.get(code)?.properties.name ?? code}: ${valueText(areaVals.get(code), measureOf(indicator)?.unit ?? "")}`,
    neighbourhoodLabel: (slug: string) => `${bySlug.get(slug)?.name ?? slug}: ${valueText(vals.get(slug)?.value, vals.get(slug)?.unit ?? "")}`,
  };
  mapBox.setAttribute("aria-busy", "true");
  drawn = await drawMap(mapBox, { areas, councils, neighbourhoods: { type: "FeatureCollection", features: neighbourhoodShapes } }, style, onPick, renderer, basemap);
  mapBox.removeAttribute("aria-busy");
  performance.mark("nrs:overview-map");

  select.addEventListener("change", async () => {
    indicator = select.value;
    const started = performance.now();
    await load();
    renderLegend();
    renderTable();
    drawn?.recolour();
    if (shown) onPick(shown);
    mapBox.dataset.indicator = indicator;
    performance.measure("nrs:overview-recolour", { start: started, end: performance.now() });
  });
  mapBox.dataset.indicator = indicator;
}
