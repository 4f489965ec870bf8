// Pages for analysts: the indicator catalogue, the datasets loaded with their sources and licences,
// downloads, and imports (a job with a progress bar, and each problem of a refused file by line).

import { ApiError, type ApiErrorBody, type Table, can, enc, get, getAll, send } from "../api";
import { download, errorBox, h, table, toCsv } from "../dom";

export async function data(main: HTMLElement): Promise<void> {
  const [catalogue, datasets, neighbourhoods] = await Promise.all([getAll("/api/v1/indicators"), getAll("/api/v1/datasets"), getAll("/api/v1/neighbourhoods")]);
  const filter = h("input", { id: "catalogue-filter", type: "search", placeholder: "e.g. income" });
  const catBox = h("div", {});
  const drawCatalogue = () => {
    const q = filter.value.toLowerCase();
    const rows = catalogue.rows.filter((r) => !q || `${r.key} ${r.name} ${r.domains}`.toLowerCase().includes(q));
    catBox.replaceChildren(table(`Indicator catalogue (${rows.length} of ${catalogue.rows.length})`, [["Key", "key"], ["Name", "name"], ["Domains", "domains"], ["Unit", "unit"], ["Better when", (r) => (r.polarity === "low_is_good" ? "lower" : r.polarity === "high_is_good" ? "higher" : "–")], ["Periods", "periods"], ["Areas", "areas"], ["Source", "source"]], rows, { numeric: ["Areas"] }));
  };
  filter.addEventListener("input", drawCatalogue);
  drawCatalogue();
  const downloads = neighbourhoods.rows.map((n) => {
    const slug = enc(String(n.slug));
    return h(
      "li",
      {},
      h("strong", {}, String(n.name)),
      ": ",
      h("a", { href: `/api/v1/neighbourhoods/${slug}/boundary?areas=true`, download: `${n.slug}.geojson` }, "boundary and small areas (GeoJSON)"),
      " · ",
      h("button", { type: "button", class: "link", onclick: async () => { const t = await get<Table>(`/api/v1/neighbourhoods/${slug}/profile`); download(`${n.slug}-profile.csv`, toCsv(t.rows, t.columns.map((c) => c.name)), "text/csv"); } }, "profile (CSV)"),
      can("analyse_maps") ? [" · ", h("button", { type: "button", class: "link", onclick: () => graphml(String(n.slug)) }, "actor map (GraphML)")] : null,
    );
  });
  main.append(
    h("h1", {}, "Data"),
    h("section", { class: "card", "aria-labelledby": "cat-h" }, h("h2", { id: "cat-h" }, "Indicator catalogue"), h("div", { class: "controls" }, h("label", { for: "catalogue-filter" }, "Find a measure "), filter), catBox),
    h(
      "section",
      { class: "card", "aria-labelledby": "dl-h" },
      h("h2", { id: "dl-h" }, "Downloads"),
      h(
        "ul",
        { class: "downloads" },
        h(
          "li",
          {},
          h("strong", {}, "The whole region"),
          ": ",
          h("a", { href: "/api/v1/areas/boundaries?type=lsoa11", download: "small-areas.geojson", id: "download-areas" }, "every small area (GeoJSON)"),
          " · ",
          h("a", { href: "/api/v1/areas/boundaries?type=lad19", download: "councils.geojson" }, "council boundaries (GeoJSON)"),
          " · ",
          h("button", { type: "button", class: "link", onclick: async () => { const t = await get<Table>("/api/v1/areas/values?indicator=imd2019-score"); download("imd2019-score-by-area.csv", toCsv(t.rows, t.columns.map((c) => c.name)), "text/csv"); } }, "IMD 2019 score of every small area (CSV)"),
        ),
        downloads,
      ), h("p", {}, h("a", { href: "/api/v1/openapi.json" }, "The API's description (OpenAPI)"), " — every route the pages use.")),
    h("section", { class: "card", "aria-labelledby": "ds-h" }, h("h2", { id: "ds-h" }, "Datasets loaded"), table("Datasets with their sources and licences", [["Dataset", "name"], ["Kind", "kind"], ["Publisher", "publisher"], ["Licence", "licence"], ["Rows", "rows"], ["Imported", "imported_at"]], datasets.rows, { numeric: ["Rows"] })),
    h("section", { class: "card", "aria-labelledby": "runs-h" }, h("h2", { id: "runs-h" }, "Index runs"), await indexRuns()),
  );
}

async function indexRuns(): Promise<HTMLElement> {
  try {
    const t = await get<Table>("/api/v1/index/runs");
    if (!t.rows.length) return h("p", { class: "notice" }, "No composite index runs are stored in this database.");
    return table("Index runs and their parameters", t.columns.map((c) => [c.name, c.name] as [string, string]), t.rows);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return h("p", { class: "notice" }, "No composite index runs are stored in this database.");
    return errorBox(e);
  }
}

async function graphml(slug: string): Promise<void> {
  const m = await get<{ document: string }>(`/api/v1/neighbourhoods/${enc(slug)}/maps/export?kind=actors&format=graphml`);
  download(`${slug}-actors.graphml`, m.document, "application/graphml+xml");
}

const kinds: [string, string][] = [
  ["indicators", "Indicator values (CSV)"],
  ["catalogue", "Indicator definitions (CSV)"],
  ["population", "Population by age and sex (CSV)"],
  ["lookup", "Area lookup (ONS CSV)"],
  ["boundaries", "Area boundaries (GeoJSON, GeoPackage, zip)"],
  ["centroids", "Area centroids (CSV)"],
];

interface Job {
  id: string;
  state: string;
  progress: { stage: string; done: number; total: number; fraction: number | null };
  result: { dataset: string; records: number; notes: string[] } | null;
  error: ApiErrorBody | null;
}

export async function importPage(main: HTMLElement): Promise<void> {
  main.append(h("h1", {}, "Import data"));
  if (!can("import_data")) {
    main.append(h("p", { class: "notice" }, "Importing needs an analyst's or administrator's account. ", h("a", { href: "#/signin" }, "Sign in")));
    return;
  }
  const kind = h("select", { id: "import-kind", name: "kind" }, kinds.map(([k, l]) => h("option", { value: k }, l)));
  const file = h("input", { id: "import-file", type: "file", required: true });
  const period = h("input", { id: "import-period", name: "period", placeholder: "e.g. mid-2019" });
  const progress = h("progress", { id: "import-progress", max: 1, value: 0, "aria-label": "Import progress" });
  const status = h("p", { id: "import-status", role: "status" });
  const report = h("div", { id: "import-report" });
  const form = h(
    "form",
    { class: "card", id: "import-form" },
    h("div", { class: "field" }, h("label", { for: "import-kind" }, "What the file holds"), kind),
    h("div", { class: "field" }, h("label", { for: "import-file" }, "File"), file),
    h("div", { class: "field" }, h("label", { for: "import-period" }, "Period (population; indicators when the catalogue does not say)"), period),
    h("button", { type: "submit" }, "Import"),
  );
  main.append(
    h("p", { class: "lead" }, "A file is checked whole before anything is stored: if any line has a problem, nothing is imported and every problem is listed with its line."),
    form,
    h("div", { class: "card" }, h("h2", {}, "Progress"), progress, status, report),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = file.files?.[0];
    if (!f) return;
    report.replaceChildren();
    progress.value = 0;
    status.textContent = `Sending ${f.name}…`;
    const q = new URLSearchParams({ filename: f.name.replace(/[^A-Za-z0-9._-]/g, "_") });
    if (kind.value === "population") q.set("period", period.value || "unknown");
    else if (kind.value === "indicators" && period.value) q.set("period", period.value);
    status.className = "";
    try {
      let job = await send<Job>("POST", `/api/v1/imports/${kind.value}?${q}`, f, "application/octet-stream");
      while (job.state === "queued" || job.state === "running") {
        status.textContent = `${job.state === "queued" ? "Waiting to start" : job.progress.stage || "Working"}…`;
        if (job.progress.fraction !== null) progress.value = job.progress.fraction;
        await new Promise((r) => setTimeout(r, 250));
        job = await get<Job>(`/api/v1/jobs/${enc(job.id)}`);
      }
      if (job.state === "succeeded" && job.result) {
        progress.value = 1;
        status.textContent = `Imported: ${job.result.records} records into “${job.result.dataset}”.`;
        if (job.result.notes.length) report.append(h("ul", {}, job.result.notes.map((n) => h("li", {}, n))));
      } else showError(job.error ?? { code: job.state, message: `The import ${job.state}.`, details: [] });
    } catch (err) {
      if (err instanceof ApiError) showError(err.body);
      else status.textContent = String(err);
    }
  });
  const showError = (err: ApiErrorBody): void => {
    progress.value = 0;
    status.textContent = `Nothing was imported: ${err.message}`;
    status.className = "error";
    if (err.details.length) {
      report.append(
        table(
          `Problems in the file (${err.count ?? err.details.length}${err.count && err.count > err.details.length ? `, the first ${err.details.length} shown` : ""})`,
          [["File", (r) => String(r.file ?? "")], ["Line", (r) => (r.line == null ? "" : String(r.line))], ["Column", (r) => String(r.column ?? "")], ["Problem", (r) => String(r.reason ?? "")]],
          err.details.map((d) => ({ file: d.file ?? null, line: d.line ?? null, column: d.column ?? null, reason: d.reason })),
          { numeric: ["Line"], className: "errors" },
        ),
      );
    }
  };
}
