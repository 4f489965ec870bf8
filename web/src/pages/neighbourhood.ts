// A neighbourhood's page: who and where; the framework's domains (with the index's scores and rank intervals
// when an index run is stored); the spine chart against council, region and England; trends; survey results
// with their intervals and suppression; the activity register by domain and its gaps; the actor map and the
// factor map with its feedback loops. Each section says plainly when there is nothing to show yet.

import { ApiError, type Row, type Table, can, currentSession, enc, get } from "../api";
import { download, errorBox, fmt, h, parseCsv, table, term, toCsv } from "../dom";
import { significanceKey } from "../palette";
import { spineChart, spineIndicators, spineKey } from "../spine";
import { percentSign, trendBlock } from "../trend";

export const domains = ["living environment", "economic systems", "social relationships", "community governance"];

function section(id: string, title: string, ...intro: (Node | string)[]): { el: HTMLElement; body: HTMLElement } {
  const body = h("div", { class: "section-body" }, h("p", { class: "muted" }, "Loading…"));
  const el = h("section", { id, "aria-labelledby": `${id}-h`, class: "card" }, h("h2", { id: `${id}-h` }, title), intro.length ? h("p", { class: "intro" }, ...intro) : null, body);
  return { el, body };
}

async function fill(body: HTMLElement, work: () => Promise<(Node | string)[]>): Promise<void> {
  try {
    body.replaceChildren(...(await work()));
  } catch (e) {
    body.replaceChildren(errorBox(e));
  }
}

const rankSuffix = ".average_rank";
const domainRanks: [string, string][] = [
  ["imd2019", "Overall deprivation (IMD)"],
  ["income2019", "Income"],
  ["employment2019", "Employment"],
  ["education2019", "Education, skills and training"],
  ["health2019", "Health and disability"],
  ["crime2019", "Crime"],
  ["barriers2019", "Barriers to housing and services"],
  ["livingenv2019", "Living environment"],
];

// The composite index's scores and ranks for this neighbourhood from the latest stored run (GET
// /api/v1/index/runs, then the run), with the 5th–95th percentile ranks of its uncertainty analysis; null when
// no run is stored or the run does not cover the neighbourhood.
async function indexScores(name: string): Promise<Table | null> {
  let runs: Table;
  try {
    runs = await get<Table>("/api/v1/index/runs");
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
  const latest = runs.rows[0];
  if (!latest) return null;
  const run = await get<Table>(`/api/v1/index/runs/${enc(String(latest.run))}`);
  const rows = run.rows.filter((r) => r.neighbourhood === name);
  if (!rows.length) return null;
  return { ...run, rows: rows.map((r) => ({ ...r, domain: r.node_name ?? r.node, rank_lower: r.rank_p5, rank_upper: r.rank_p95 })) };
}

export async function neighbourhood(main: HTMLElement, slug: string): Promise<void> {
  const n = await get<Row>(`/api/v1/neighbourhoods/${enc(slug)}`);
  const name = String(n.name);
  document.title = `${name} — NRS`;
  const profileP = get<Table>(`/api/v1/neighbourhoods/${enc(slug)}/profile`);

  main.append(
    h("p", { class: "crumbs" }, h("a", { href: "#/" }, "Map"), " › ", name),
    h("h1", {}, name),
    h(
      "p",
      { class: "lead" },
      `${fmt(n.population)} people in ${fmt(n.lsoas)} small areas (`,
      term("LSOAs", "lsoa"),
      `), ${n.council}. `,
      String(n.description ?? ""),
    ),
    h(
      "nav",
      { "aria-label": "Sections of this page", class: "toc" },
      h(
        "ul",
        {},
        [
          ["domains", "Domains"],
          ["spine", "Compared with England"],
          ["trends", "Trends"],
          ["survey", "Survey"],
          ["activities", "Activities"],
          ["actors", "Actor map"],
          ["factors", "Factor map"],
        ].map(([id, label]) => h("li", {}, h("a", { href: `#/n/${enc(slug)}`, "data-target": id, onclick: (e: Event) => { e.preventDefault(); document.getElementById(id)?.scrollIntoView(); (document.getElementById(`${id}-h`) as HTMLElement | null)?.focus(); } }, label))),
      ),
    ),
    h("p", {}, h("a", { href: `#/compare/${enc(slug)}` }, `Compare ${name} with other neighbourhoods`)),
  );

  // Domains.
  const dom = section("domains", "The four domains", "How the neighbourhood stands in each domain of the resilience framework, and its deprivation ranks.");
  const spine = section("spine", "Compared with council, region and England", "Each measure against England, with its ", term("confidence interval", "ci"), " where it has one. The marker's colour and shape say whether the difference from England is ", term("significant", "significance"), ".");
  const trends = section("trends", "Trends", "How each measure with several periods has changed, against its comparators.");
  const survey = section("survey", "Household survey", "What residents said, with the uncertainty of each figure.");
  const acts = section("activities", "Activities and actions", "What is under way, by domain, and the domains nothing is tagged to (", term("coverage gaps", "gap"), ").");
  const actors = section("actors", "Actor map", "Who works with whom (an ", term("actor map", "actor-map"), "). Illustrative data in the demo.");
  const factors = section("factors", "Factor map and feedback loops", "What drives what (a ", term("factor map", "factor-map"), "), and the ", term("feedback loops", "loop"), " it contains.");
  for (const x of [dom, spine, trends, survey, acts, actors, factors]) main.append(x.el);
  for (const x of [dom, spine, trends, survey, acts, actors, factors]) x.el.querySelector("h2")!.setAttribute("tabindex", "-1");

  const profile = profileP.then((t) => t.rows);

  await Promise.all([
    fill(dom.body, async () => {
      const rows = await profile;
      const out: (Node | string)[] = [];
      const index = await indexScores(name);
      if (index && index.rows.length) {
        out.push(table("Domain scores from the latest index run, with rank intervals", [["Domain", "domain"], ["Score", "score"], ["Rank", "rank"], ["Rank interval (lower)", "rank_lower"], ["Rank interval (upper)", "rank_upper"]], index.rows, { numeric: ["Score", "Rank", "Rank interval (lower)", "Rank interval (upper)"] }));
      } else {
        out.push(h("p", { class: "notice" }, "No composite index run is stored for this neighbourhood yet, so there are no domain scores with ", term("rank intervals", "rank-interval"), ". Below: how many measures each domain has, and the neighbourhood's published deprivation ranks."));
      }
      const count = (d: string) => new Set(rows.filter((r) => String(r.domain).split("; ").includes(d)).map((r) => r.indicator_id)).size;
      out.push(table("Measures per domain", [["Domain", "domain"], ["Measures", "count"]], domains.map((d) => ({ domain: d, count: count(d) })), { numeric: ["Measures"] }));
      const ranks: Row[] = [];
      for (const [key, label] of domainRanks) {
        const avg = rows.find((r) => r.indicator_id === key + "-rank" + rankSuffix && r.comparator_type === "country");
        const share = rows.find((r) => r.indicator_id === key + "-rank.share_population_most_deprived_10" && r.comparator_type === "country");
        if (avg) ranks.push({ domain: label, rank: avg.value, england: avg.comparator_value, share: share ? Number(share.value) * 100 : null });
      }
      if (ranks.length) out.push(table("Deprivation ranks, 2019 (1 = most deprived of 32,844 areas in England)", [["Domain of deprivation", "domain"], ["Average rank here", "rank"], ["England's average", "england"], ["People in England's most deprived 10% (%)", "share"]], ranks, { numeric: ["Average rank here", "England's average", "People in England's most deprived 10% (%)"] }));
      return out;
    }),
    fill(spine.body, async () => {
      const rows = (await profile).filter((r) => !String(r.indicator_id).includes("-rank."));
      const items = spineIndicators(rows);
      const count = (k: string) => items.filter((i) => significanceKey(i.significance) === k).length;
      const out: (Node | string)[] = [
        h(
          "p",
          { class: "plain", id: "spine-in-words" },
          `In plain words: of ${items.length} measures, ${name} is significantly worse than England on ${count("worse")}, better on ${count("better")} and similar on ${count("similar")}; ${count("none")} cannot be tested (they have no confidence interval), so compare their values by eye.`,
        ),
        spineKey(),
      ];
      for (const d of [...domains, "overall"]) {
        const its = items.filter((i) => rows.some((r) => r.indicator_id === i.id && String(r.domain).split("; ")[0] === d));
        if (its.length) out.push(spineChart(its, d === "overall" ? "Overall and health" : d[0].toUpperCase() + d.slice(1)));
      }
      out.push(h("button", { type: "button", onclick: async () => download(`${slug}-profile.csv`, toCsv(await profile, (await profileP).columns.map((c) => c.name)), "text/csv") }, "Download the profile (CSV)"));
      return out;
    }),
    fill(trends.body, async () => {
      const t = await get<Table>(`/api/v1/neighbourhoods/${enc(slug)}/trends`);
      if (!t.rows.length) {
        const periods = new Set((await profile).map((r) => r.period));
        return [h("p", { class: "notice" }, `Every measure here has one period (${[...periods].join(", ") || "none"}) loaded, so there is no trend to draw yet. Trends appear when later periods are imported.`)];
      }
      const byIndicator = new Map<string, Row[]>();
      for (const r of t.rows) byIndicator.set(String(r.indicator_id), [...(byIndicator.get(String(r.indicator_id)) ?? []), r]);
      return [
        h("p", { class: "intro" }, `${byIndicator.size} measures have more than one period. Bars are 95% `, term("confidence intervals", "ci"), "; where two periods' intervals overlap, the change may be chance."),
        h("div", { class: "trend-grid" }, [...byIndicator.values()].map((rows) => trendBlock(rows))),
      ];
    }),
    fill(survey.body, async () => {
      // Published survey estimates (nrs survey publish): each with its interval, or withheld by disclosure control.
      const rows = (await profile).filter((r) => String(r.indicator_id).startsWith("survey-"));
      const out: (Node | string)[] = [];
      if (!rows.length) out.push(h("p", { class: "notice" }, "No household survey results are published for this neighbourhood yet."));
      else {
        const suppressed = (r: Row) => /suppressed/.test(String(r.method));
        const period = String(rows[0].period);
        out.push(
          h("p", { class: "plain" }, `The latest results (${period}) of the `, String(rows[0].method).match(/survey '([^']+)'/)?.[1] ?? "household survey", `: ${rows.length} measures, each with its 95% `, term("confidence interval", "ci"), ". Where the survey has a comparison area, the last column says whether the neighbourhood differs from it."),
          table(
            `Household survey results, ${period}`,
            [
              ["Measure", (r: Row) => String(r.indicator_name).replace(/^Resident survey: /, "")],
              ["Result", (r: Row) => (suppressed(r) ? "fewer than 10 responses" : `${fmt(r.value)}${percentSign(String(r.unit ?? ""))}`)],
              ["95% interval", (r: Row) => (suppressed(r) || r.lower_95 === null ? "–" : `${fmt(r.lower_95)} to ${fmt(r.upper_95)}`)],
              ["Compared with", (r: Row) => (r.comparator ? `${r.comparator}: ${r.significance}` : "no comparison area")],
            ],
            rows,
            { numeric: ["Result"] },
          ),
        );
      }
      out.push(suppressionRule());
      if (can("analyse_surveys")) out.push(surveyForm());
      return out;
    }),
    fill(acts.body, async () => {
      if (!currentSession().signed_in) return [signInNotice("The register of activities and actions")];
      const [list, coverage] = await Promise.all([get<Table>(`/api/v1/activities?neighbourhood=${enc(slug)}&limit=1000`), get<Table>("/api/v1/activities/coverage")]);
      const mine = coverage.rows.filter((r) => r.neighbourhood === name);
      const gaps = mine.filter((r) => r.gap === "yes").map((r) => String(r.domain));
      const out: (Node | string)[] = [
        h("p", { class: gaps.length ? "notice warn" : "notice" }, gaps.length ? `Coverage gaps: nothing is tagged to ${gaps.join(", ")}.` : "No coverage gaps: every domain has at least one activity or action."),
        table("Coverage by domain", [["Domain", "domain"], ["Activities", "activities"], ["Actions", "actions"], ["Reported from other domains", "affected_from_other_domains"], ["Gap", "gap"]], mine, { numeric: ["Activities", "Actions", "Reported from other domains"] }),
      ];
      for (const d of domains) {
        const rows = list.rows.filter((r) => String(r.domains).split("; ").includes(d));
        out.push(h("h3", {}, d[0].toUpperCase() + d.slice(1), ` (${rows.length})`));
        if (rows.length) out.push(table(`Activities and actions serving ${d}`, [["Title", "title"], ["Kind", "kind"], ["Status", "status"], ["Also affects", "affects"], ["Since", "start"]], rows));
        else out.push(h("p", { class: "muted" }, "Nothing tagged to this domain."));
      }
      return out;
    }),
    fill(actors.body, () => drawActors(slug)),
    fill(factors.body, () => drawFactors(slug)),
  ]);
  performance.mark("nrs:neighbourhood-ready");
}

const quality: Record<string, string> = {
  high_cv: "imprecise (large relative error)",
  low_effective_n: "few effective responses after weighting",
};

function suppressionRule(): HTMLElement {
  return h("p", { class: "small" }, "To protect respondents, a result based on fewer than 10 responses is never shown: it reads “fewer than 10 responses”. Small counts are shown as “*” and others rounded to the nearest 5.");
}

// For roles that work with respondent-level data: estimates from a survey file, with their intervals, each
// suppressed cell said in words.
function surveyForm(): HTMLElement {
  const file = h("input", { type: "file", id: "survey-file", accept: ".csv,text/csv" });
  const weight = h("input", { id: "survey-weight", value: "weight" });
  const variable = h("input", { id: "survey-variable", placeholder: "e.g. wellbeing" });
  const by = h("input", { id: "survey-by", placeholder: "e.g. area" });
  const statistic = h("select", { id: "survey-statistic" }, ["mean", "proportion", "total"].map((v) => h("option", { value: v }, v)));
  const out = h("div", { id: "survey-result", "aria-live": "polite" });
  // The respondents: a survey stored in the database (its design stored with it), or a file sent with the request.
  const source = h("select", { id: "survey-source" }, h("option", { value: "" }, "a file from this computer"));
  const fileFields = h(
    "div",
    {},
    h("p", { class: "small" }, "Respondent-level data stay in your browser and this request; nothing is stored."),
    h("div", { class: "field" }, h("label", { for: "survey-file" }, "Respondents (CSV)"), file),
    h("div", { class: "field" }, h("label", { for: "survey-weight" }, "Weight column"), weight),
  );
  source.addEventListener("change", () => (fileFields.hidden = source.value !== ""));
  get<Table>("/api/v1/surveys")
    .then((t) => source.append(...t.rows.map((r) => h("option", { value: String(r.survey) }, `stored: ${r.survey} (${fmt(r.respondents, 0)} respondents)`))))
    .catch(() => undefined);
  const form = h(
    "form",
    { id: "survey-form", class: "inline-form" },
    h("h3", {}, "Estimate from a household survey"),
    h("div", { class: "field" }, h("label", { for: "survey-source" }, "Respondents"), source),
    fileFields,
    h("div", { class: "field" }, h("label", { for: "survey-variable" }, "Column to estimate"), variable),
    h("div", { class: "field" }, h("label", { for: "survey-statistic" }, "Statistic"), statistic),
    h("div", { class: "field" }, h("label", { for: "survey-by" }, "By (columns, comma-separated; optional)"), by),
    h("button", { type: "submit" }, "Estimate"),
    out,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const stored = source.value;
    const f = file.files?.[0];
    if (!stored && !f) return;
    out.replaceChildren(h("p", { class: "muted" }, "Estimating…"));
    const groups = by.value.split(",").map((x) => x.trim()).filter(Boolean);
    try {
      const { send } = await import("../api");
      const asked = { variable: variable.value, statistic: statistic.value, by: groups };
      const t = stored
        ? await send<Table>("POST", `/api/v1/surveys/${enc(stored)}/estimate`, JSON.stringify(asked))
        : await send<Table>("POST", "/api/v1/surveys/estimate", JSON.stringify({ ...asked, data: await f!.text(), filename: f!.name.replace(/[^A-Za-z0-9._-]/g, "_"), weight: weight.value }));
      const flags = (r: Row) => String(r.flag ?? "").split(";");
      const primary = (r: Row) => flags(r).includes("suppressed");
      const secondary = (r: Row) => flags(r).includes("suppressed_secondary");
      const suppressed = (r: Row) => primary(r) || secondary(r);
      const hidden = (r: Row) => (primary(r) ? "fewer than 10 responses" : "hidden so that a smaller group cannot be worked out");
      out.replaceChildren(
        table(
          `${statistic.value[0].toUpperCase()}${statistic.value.slice(1)} of ${variable.value}${groups.length ? ` by ${groups.join(", ")}` : ""}, with 95% confidence intervals`,
          [
            ...groups.map((g) => [g, g] as [string, string]),
            ["Estimate", (r: Row) => (suppressed(r) ? hidden(r) : fmt(r.estimate, 2))],
            ["Lower", (r: Row) => (suppressed(r) ? "–" : fmt(r.lower, 2))],
            ["Upper", (r: Row) => (suppressed(r) ? "–" : fmt(r.upper, 2))],
            ["Responses", (r: Row) => (primary(r) ? "fewer than 10" : fmt(r.n))],
            ["Notes", (r: Row) => flags(r).filter((f) => f && !f.startsWith("suppressed")).map((f) => quality[f] ?? f.replace(/_/g, " ")).join("; ")],
          ],
          t.rows,
          { numeric: ["Estimate", "Lower", "Upper", "Responses"] },
        ),
      );
    } catch (err) {
      out.replaceChildren(errorBox(err));
      if (err instanceof ApiError && err.body.details.length) out.append(h("ul", {}, err.body.details.map((d) => h("li", {}, `${d.file ?? ""}${d.line ? `:${d.line}` : ""}: ${d.column ? `${d.column}: ` : ""}${d.reason}`))));
    }
  });
  return form;
}

interface MapDocument {
  format: string;
  document: string;
  nodes: string | null;
}
interface MapOutput {
  table: Table;
  notes: string[];
}

function signInNotice(what: string): HTMLElement {
  const s = currentSession();
  return h(
    "p",
    { class: "notice" },
    `${what} is shared with the programme's staff and partners only. `,
    s.signed_in ? "Your role does not include it." : h("a", { href: "#/signin" }, "Sign in to see it."),
  );
}

// A map that is not stored (404), or a neighbourhood outside a scoped account's own (403), said plainly.
function unavailable(e: unknown, what: string): HTMLElement | null {
  if (!(e instanceof ApiError)) return null;
  if (e.status === 404) return h("p", { class: "notice" }, `No ${what} is stored for this neighbourhood yet.`);
  if (e.status === 403) return h("p", { class: "notice" }, `Your account covers other neighbourhoods, so this ${what} is not shown.`);
  return null;
}

async function drawActors(slug: string): Promise<(Node | string)[]> {
  if (!can("analyse_maps")) return [signInNotice("The actor map")];
  let m: { edges: string; nodes: string; measures: Table; summary: Table };
  try {
    const base = `/api/v1/neighbourhoods/${enc(slug)}/maps`;
    const [map, measures, summary] = await Promise.all([
      get<MapDocument>(`${base}/export?kind=actors`),
      get<MapOutput>(`${base}/measures`),
      get<MapOutput>(`${base}/summary`),
    ]);
    m = { edges: map.document, nodes: map.nodes ?? "", measures: measures.table, summary: summary.table };
  } catch (e) {
    const missing = unavailable(e, "actor map");
    if (missing) return [missing];
    throw e;
  }
  const nodes = parseCsv(m.nodes);
  const edges = parseCsv(m.edges);
  const box = h("div", { class: "graph", id: "actor-graph", role: "img", "aria-label": `Actor map: ${nodes.length} actors and ${edges.length} ties; the table below lists them` });
  const measure = h("select", { id: "actor-measure" }, [["degree", "Number of ties (degree)"], ["betweenness", "Brokerage between others (betweenness)"], ["eigenvector", "Ties to well-tied actors (eigenvector)"], ["brokerage_total", "Brokerage roles"]].map(([v, l]) => h("option", { value: v }, l)));
  const bridgeBox = h("input", { type: "checkbox", id: "actor-bridges", checked: true });
  const legend = h("ul", { class: "key" });
  const sum = Object.fromEntries(m.summary.rows.map((r) => [String(r.measure), r.value]));
  const sectorOf = new Map(nodes.map((n) => [n.Label, n.Sector]));
  const nameOf = new Map(nodes.map((n) => [n.Label, n.Name]));
  const top = [...m.measures.rows].sort((a, b) => Number(b.degree) - Number(a.degree));
  const out: (Node | string)[] = [
    h("p", {}, `${fmt(sum.nodes)} actors, ${fmt(sum.ties)} ties; ${fmt(Number(sum.bridging_share) * 100)}% of ties bridge two sectors; residents' ties reaching institutions: ${fmt(Number(sum.residents_reach) * 100)}%.`),
    h("div", { class: "controls" }, h("label", { for: "actor-measure" }, "Size actors by "), measure, h("label", { class: "check" }, bridgeBox, " Highlight ties that bridge sectors")),
    box,
    legend,
    table("Actors, largest first (the map as a table)", [["Actor", (r) => `${nameOf.get(String(r.node)) ?? r.node}`], ["Sector", (r) => sectorOf.get(String(r.node)) ?? ""], ["Ties", "degree"], ["Betweenness", "betweenness"], ["Brokerage roles", "brokerage_total"]], top, { numeric: ["Ties", "Betweenness", "Brokerage roles"] }),
    h("button", { type: "button", onclick: () => { download(`${slug}-actors-edges.csv`, m.edges, "text/csv"); download(`${slug}-actors-nodes.csv`, m.nodes, "text/csv"); } }, "Download the actor map (CSV)"),
  ];
  queueMicrotask(async () => {
    try {
      const { actorGraph } = await import("../graph");
      const g = await actorGraph(box, nodes, edges, m.measures.rows);
      const { categorical } = await import("../palette");
      legend.replaceChildren(...g.sectors.map((sct, i) => h("li", {}, h("span", { class: "swatch", style: `background:${categorical[i % categorical.length]}` }), sct)), h("li", {}, h("span", { class: "swatch line" }), "Thick line: a tie between two sectors"));
      g.resize(measure.value);
      g.bridges(bridgeBox.checked);
      performance.mark("nrs:actor-map-drawn");
      measure.addEventListener("change", () => g.resize(measure.value));
      bridgeBox.addEventListener("change", () => g.bridges(bridgeBox.checked));
      box.dataset.drawn = "yes";
    } catch (e) {
      box.replaceChildren(errorBox(e));
    }
  });
  return out;
}

async function drawFactors(slug: string): Promise<(Node | string)[]> {
  if (!can("analyse_maps")) return [signInNotice("The factor map")];
  let m: { edges: string; nodes: string; loops: Table; factors: Table };
  try {
    const base = `/api/v1/neighbourhoods/${enc(slug)}/maps`;
    const [map, loops, factors] = await Promise.all([
      get<MapDocument>(`${base}/export?kind=factors`),
      get<MapOutput>(`${base}/loops?max_loops=1000`),
      get<MapOutput>(`${base}/factors`),
    ]);
    m = { edges: map.document, nodes: map.nodes ?? "", loops: loops.table, factors: factors.table };
  } catch (e) {
    const missing = unavailable(e, "factor map");
    if (missing) return [missing];
    throw e;
  }
  const nodes = parseCsv(m.nodes);
  const edges = parseCsv(m.edges);
  const nameOf = new Map(nodes.map((n) => [n.Label, n.Name]));
  const box = h("div", { class: "graph", id: "factor-graph", role: "img", "aria-label": `Factor map: ${nodes.length} factors and ${edges.length} links; the loops are listed beside it` });
  const list = h("ol", { class: "loops", id: "loops" });
  let graph: import("../graph").FactorGraph | null = null;
  let pressed: HTMLButtonElement | null = null;
  m.loops.rows.forEach((r) => {
    const fs = String(r.factors).split(" ");
    const text = `${r.polarity === "reinforcing" ? "Reinforcing" : "Balancing"} (${r.length} links): ${fs.map((f) => nameOf.get(f) ?? f).join(" → ")} → back`;
    const b = h("button", { type: "button", class: "loop-button", "aria-pressed": "false" }, text) as HTMLButtonElement;
    b.addEventListener("click", () => {
      const on = b.getAttribute("aria-pressed") !== "true";
      if (pressed && pressed !== b) pressed.setAttribute("aria-pressed", "false");
      b.setAttribute("aria-pressed", String(on));
      pressed = on ? b : null;
      graph?.highlight(on ? fs : null);
    });
    list.append(h("li", {}, b));
  });
  queueMicrotask(async () => {
    try {
      const { factorGraph } = await import("../graph");
      graph = await factorGraph(box, nodes, edges);
      performance.mark("nrs:factor-map-drawn");
      box.dataset.drawn = "yes";
    } catch (e) {
      box.replaceChildren(errorBox(e));
    }
  });
  const reinforcing = m.loops.rows.filter((r) => r.polarity === "reinforcing").length;
  return [
    h("p", {}, `${nodes.length} factors, ${edges.length} links, ${m.loops.rows.length} feedback loops (${reinforcing} reinforcing, ${m.loops.rows.length - reinforcing} balancing). Solid arrow: more of one brings more of the other; dashed with a bar: more brings less. Choose a loop to highlight it.`),
    h("div", { class: "factor-layout" }, box, h("div", {}, h("h3", {}, "Feedback loops"), list)),
    table("Factors and their leverage", [["Factor", (r) => nameOf.get(String(r.factor)) ?? String(r.factor)], ["Acts on", "out_degree"], ["Acted on by", "in_degree"], ["Leverage", "leverage"], ["Loops through it", "loops"]], m.factors.rows, { numeric: ["Acts on", "Acted on by", "Leverage", "Loops through it"] }),
  ];
}
