// End-to-end tests of the web application: Debian's Chromium driven by playwright-core against a real
// `nrs serve --demo` on a free loopback port, with a fresh database and a fresh browser profile.
//
//   node tests/run.mjs --nrs build/release/nrs --out build/release/web-artifacts [--only overview,import]
//
// Each test prints "ok NAME" or "FAILED NAME: reason"; the last line is "N passed, N failed". Screenshots go
// to --out. The expected values come from the demo data as the command line reports them (nrs neighbourhood
// list, nrs profile, nrs map summary/loops, nrs activity coverage), not from the web application.

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const webDir = resolve(here, "..");
const require = createRequire(import.meta.url);

export function parseArgs(argv) {
  const args = { nrs: "", out: "", only: [], chromium: process.env.NRS_CHROMIUM || "/usr/bin/chromium" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--nrs") args.nrs = resolve(argv[++i]);
    else if (a === "--out") args.out = resolve(argv[++i]);
    else if (a === "--only") args.only = argv[++i].split(",");
    else if (a === "--chromium") args.chromium = argv[++i];
  }
  if (!args.nrs || !existsSync(args.nrs)) throw new Error(`--nrs: no nrs program at '${args.nrs}'`);
  if (!args.out) args.out = mkdtempSync(join(tmpdir(), "nrs-web-artifacts-"));
  mkdirSync(args.out, { recursive: true });
  return args;
}

// `nrs serve --demo` on a free port with a new database; resolves with its address and the demo passwords.
export async function startServer(nrs, extra = []) {
  const dir = mkdtempSync(join(tmpdir(), "nrs-web-e2e-"));
  const child = spawn(nrs, ["--db", join(dir, "demo.db"), "serve", "--demo", "--port", "0", "--bind", "127.0.0.1", "--web-root", join(webDir, "dist"), ...extra], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  const ready = await new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`nrs serve did not start in 120 s:\n${err}`)), 120_000);
    child.stderr.on("data", (d) => {
      err += d.toString();
      const m = /Serving (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolveReady(m[1]);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`nrs serve exited (${code}):\n${err}`));
    });
  });
  const passwords = {};
  for (const m of err.matchAll(/^\s+(demo-[a-z]+)\s+\S+\s+(\S+)/gm)) passwords[m[1]] = m[2];
  return {
    base: ready,
    passwords,
    async stop() {
      child.removeAllListeners("exit");
      const done = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await done;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const chromiumFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

// A browser with a fresh profile directory; removed with the context.
export async function startBrowser(executable, viewport = { width: 1280, height: 900 }) {
  const profile = mkdtempSync(join(tmpdir(), "nrs-web-profile-"));
  // bypassCSP: the server's Content-Security-Policy would refuse the accessibility checker's injected script.
  const context = await chromium.launchPersistentContext(profile, { executablePath: executable, headless: true, args: chromiumFlags, viewport, bypassCSP: true });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

class Failure extends Error {}
function expect(cond, message) {
  if (!cond) throw new Failure(message);
}

async function textOf(page, selector) {
  return (await page.locator(selector).innerText()).replace(/\s+/g, " ");
}

// What the demo holds, as `nrs neighbourhood list` prints it.
const demoNeighbourhoods = {
  "Central Southport": 14032,
  Claremont: 7149,
  "Mill Hill & Wensley Fold": 16380,
  "Moss Bay & Salterbeck": 13554,
  "Old Swan": 16184,
  "Stockbridge Village": 10117,
  "Worsley, Haslingden": 6179,
};

async function waitLoaded(page, selector) {
  await page.waitForFunction((sel) => {
    const el = document.querySelector(sel);
    return el && !el.querySelector(".section-body > .muted:only-child") && !/Loading…/.test(el.textContent);
  }, selector, { timeout: 60_000 });
}

async function signIn(page, base, username, password) {
  await page.goto(`${base}/#/signin`);
  await page.fill("#username", username);
  await page.fill("#password", password);
  await page.click("#signin-form button[type=submit]");
  await page.waitForSelector("#signed-in-as");
}

const tests = {
  async overview({ page, base, out }) {
    await page.goto(`${base}/`);
    await page.waitForSelector("#overview-table table");
    const text = await textOf(page, "#overview-table");
    for (const [name, people] of Object.entries(demoNeighbourhoods)) {
      expect(text.includes(name), `the overview table does not name ${name}`);
      expect(text.includes(people.toLocaleString("en-GB")), `the overview table does not give ${name}'s population ${people}`);
    }
    await page.waitForSelector("#map[data-renderer]", { timeout: 60_000 });
    const legend = await textOf(page, "#legend");
    expect(/quintiles, 5 classes each holding a fifth of the 4,497 small areas/i.test(legend), `the legend does not name its classification: ${legend}`);
    expect(/Index of Multiple Deprivation 2019 score/.test(legend), "the legend does not name the measure");
    // nrs area values --indicator imd2019-score --mapped: 4,497 values from 1.435 to 88.774, quintile bounds
    // (the 20th, 40th, 60th and 80th percentiles, type 1) 10.161, 18.092, 29.147 and 45.47.
    for (const bound of ["1.4 to 10.2", "10.2 to 18.1", "18.1 to 29.1", "29.1 to 45.5", "45.5 to 88.8"]) {
      expect(legend.includes(bound), `the legend lacks the class ${bound}: ${legend}`);
    }
    // Both ways of drawing the map: MapLibre GL (WebGL) and SVG (where the browser has no graphics card).
    for (const renderer of ["webgl", "svg"]) {
      await page.goto(`${base}/#/?renderer=${renderer}`);
      await page.waitForSelector(`#map[data-renderer=${renderer}]`, { timeout: 60_000 });
      const drawn = await page.evaluate(() => ({ ...document.getElementById("map").dataset }));
      // Every North West LSOA (4,497) and council (39) of the demo, and the 7 neighbourhoods.
      expect(drawn.areas === "4497", `${renderer}: the map drew ${drawn.areas} small areas, not 4,497`);
      expect(drawn.councils === "39", `${renderer}: the map drew ${drawn.councils} councils, not 39`);
      expect(drawn.neighbourhoods === "7", `${renderer}: the map drew ${drawn.neighbourhoods} neighbourhoods, not 7`);
      if (renderer === "webgl") {
        expect(await page.locator("#map canvas.maplibregl-canvas").count() === 1, "MapLibre drew no canvas");
        expect(drawn.basemap === "no", "a basemap is drawn although the server was given none: nothing may come from elsewhere");
      } else {
        expect(await page.locator("#map svg path.map-shape").count() === 7, "the SVG map lacks the 7 outlines");
        expect(await page.locator("#map svg path.map-area").count() === 4497, "the SVG map lacks the small areas");
      }
      const box = await page.locator("#map").boundingBox();
      // A click on a small area gives its summary: Eden 007A, IMD score 23.775, the third quintile.
      const [ax, ay] = await page.evaluate(() => document.getElementById("map").nrsPixelOf("E01019309"));
      await page.mouse.click(box.x + ax, box.y + ay);
      await page.waitForFunction(() => /Eden 007A/.test(document.getElementById("summary").textContent), null, { timeout: 10_000 });
      const area = await textOf(page, "#summary");
      expect(/23\.8/.test(area) && /3 of 5/.test(area) && /Eden/.test(area), `${renderer}: the summary of Eden 007A is wrong: ${area}`);
      expect(/not in a neighbourhood/.test(area), `${renderer}: Eden 007A is in no neighbourhood: ${area}`);
      // A click on Claremont's dot gives the neighbourhood's summary (7,149 people, IMD score 78.5).
      const [x, y] = await page.evaluate(() => document.getElementById("map").nrsPixelOf("claremont"));
      await page.mouse.click(box.x + x, box.y + y);
      await page.waitForFunction(() => /Claremont/.test(document.getElementById("summary").textContent), null, { timeout: 10_000 });
      const summary = await textOf(page, "#summary");
      expect(summary.includes("7,149"), `${renderer}: the summary of Claremont lacks its population: ${summary}`);
      expect(summary.includes("Blackpool"), `${renderer}: the summary of Claremont lacks its council`);
      expect(/78\.5/.test(summary), `${renderer}: the summary lacks Claremont's IMD score 78.5: ${summary}`);
      await page.screenshot({ path: join(out, `overview-${renderer}.png`) });
      // Zoomed to Old Swan (the summary's button), one of its small areas: Liverpool 032A, IMD score 31.451.
      await page.locator("#overview-table button", { hasText: "Show Old Swan" }).click();
      await page.locator("#summary button", { hasText: "Zoom the map to it" }).click();
      await page.waitForTimeout(renderer === "webgl" ? 1500 : 200);
      const [lx, ly] = await page.evaluate(() => document.getElementById("map").nrsPixelOf("E01006566"));
      const zoomedBox = await page.locator("#map").boundingBox();
      await page.mouse.click(zoomedBox.x + lx, zoomedBox.y + ly);
      await page.waitForFunction(() => /Liverpool 032A/.test(document.getElementById("summary").textContent), null, { timeout: 10_000 });
      const inside = await textOf(page, "#summary");
      expect(/31\.5/.test(inside) && /Old Swan/.test(inside), `${renderer}: the summary of Liverpool 032A is wrong: ${inside}`);
      await page.screenshot({ path: join(out, `overview-${renderer}-zoomed.png`) });
    }
    // Another measure: the legend, the table and the summary follow (Old Swan's IDACI rate 27.6%, as nrs profile
    // gives it).
    await page.locator("#overview-table button", { hasText: "Show Old Swan" }).click();
    await page.waitForFunction(() => /Old Swan/.test(document.getElementById("summary").textContent), null, { timeout: 10_000 });
    await page.selectOption("#indicator", "idaci-rate");
    await page.waitForFunction(() => /Children in income-deprived families/.test(document.getElementById("legend").textContent), null, { timeout: 30_000 });
    await page.waitForSelector("#map[data-indicator=idaci-rate]");
    const oldSwanRow = await page.locator("#overview-table tr", { hasText: "Old Swan" }).innerText();
    expect(/27\.6/.test(oldSwanRow), `the table does not follow the measure: ${oldSwanRow}`);
    await page.waitForFunction(() => /Children in income-deprived families[\s\S]*27\.6/.test(document.getElementById("summary").textContent), null, { timeout: 10_000 });
    await page.waitForSelector("#map[data-renderer]");
    await page.setViewportSize({ width: 360, height: 740 });
    await page.waitForTimeout(300);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow <= 1, `at 360 px the page is ${overflow} px wider than the screen`);
    await page.screenshot({ path: join(out, "overview-360px.png"), fullPage: true });
  },

  async neighbourhood({ page, base, passwords, out }) {
    // An analyst: the actor and factor maps and the register are for signed-in programme roles.
    await signIn(page, base, "demo-analyst", passwords["demo-analyst"]);
    await page.goto(`${base}/#/n/old-swan`);
    await page.waitForSelector("h1:has-text('Old Swan')");
    for (const id of ["domains", "spine", "trends", "survey", "activities", "actors", "factors"]) {
      await waitLoaded(page, `#${id}`);
      expect(!(await page.locator(`#${id} .error`).count()), `section ${id} shows an error: ${await textOf(page, `#${id}`)}`);
    }
    const domains = await textOf(page, "#domains");
    expect(/No composite index run is stored|Domain scores/.test(domains), "the domains section says nothing about index scores");
    expect(domains.includes("Income") && domains.includes("Living environment"), "the domains section lacks the deprivation domains");
    const spine = await textOf(page, "#spine");
    // nrs profile "Old Swan": income deprivation 25.0% (95% interval 24.3 to 25.7), England 12.9%, worse.
    const income = await page.locator("#spine tr", { hasText: "Income deprivation (share of people)" }).innerText();
    expect(/25\.0/.test(income) && /24\.3 to 25\.7/.test(income), `the spine row for income deprivation is wrong: ${income}`);
    expect(/Worse/.test(income), `income deprivation is not marked worse than England: ${income}`);
    expect(spine.includes("Compared with England"), "the spine chart has no comparison column");
    // nrs profile "Old Swan" against England: 4 measures with an interval, all four worse (99.8%).
    const words = await textOf(page, "#spine-in-words");
    expect(/significantly worse than England on 4, better on 0 and similar on 0/.test(words), `the spine in words: ${words}`);
    const survey = await textOf(page, "#survey");
    expect(/fewer than 10 responses/.test(survey), "the survey section does not explain suppression");
    // nrs trends old-swan: the demo survey's 8 published measures in waves 1 and 2; "agrees they can influence
    // decisions" 18.1% (12.0 to 26.3) then 31.5% (24.5 to 39.5).
    const trends = await textOf(page, "#trends");
    expect(/8 measures have more than one period/.test(trends), `the trends section does not find the survey's two waves: ${trends.slice(0, 300)}`);
    expect(await page.locator("#trends svg.trend-chart").count() === 8, "the trends section does not draw 8 charts");
    const influence = await page.locator("#trends figure", { hasText: "can influence decisions" }).innerText();
    expect(/From wave 1 to wave 2: 18\.1% to 31\.5%/.test(influence), `the trend in words is wrong: ${influence}`);
    expect(/wave 1\s+Old Swan\s+18\.1\s+12\.0 to 26\.3/.test(influence) && /wave 2\s+Old Swan\s+31\.5\s+24\.5 to 39\.5/.test(influence), `the trend table is wrong: ${influence}`);
    expect(/intervals overlap, so the change may be chance/.test(influence), `the overlap of the intervals is not said: ${influence}`);
    await page.locator("#trends figure", { hasText: "can influence decisions" }).screenshot({ path: join(out, "neighbourhood-trend.png") });
    // The survey section: the latest wave as nrs profile gives it.
    const published = await page.locator("#survey tr", { hasText: "can influence decisions" }).innerText();
    expect(/31\.5%/.test(published) && /24\.5 to 39\.5/.test(published), `the published survey result is wrong: ${published}`);
    expect(/results \(wave 2\)/.test(survey), `the survey section does not say which wave: ${survey.slice(0, 200)}`);
    const activities = await textOf(page, "#activities");
    for (const d of ["living environment", "economic systems", "social relationships", "community governance"]) {
      expect(activities.toLowerCase().includes(d), `the activity register lacks the domain ${d}`);
    }
    await page.waitForSelector("#actor-graph[data-drawn='yes']", { timeout: 60_000 });
    const actors = await textOf(page, "#actors");
    // nrs map summary --neighbourhood "Old Swan": 60 actors, 135 ties, bridging share 87.4%.
    expect(/60 actors, 135 ties/.test(actors), `the actor map summary is wrong: ${actors.slice(0, 200)}`);
    expect(/87\.4%/.test(actors), "the actor map does not give the bridging share");
    expect((await page.locator("#actors tbody tr").count()) === 60, "the actor table does not list 60 actors");
    await page.selectOption("#actor-measure", "betweenness");
    await page.waitForSelector("#factor-graph[data-drawn='yes']", { timeout: 60_000 });
    const loops = page.locator("#loops .loop-button");
    expect((await loops.count()) > 0, "no feedback loops are listed");
    // nrs map loops --neighbourhood "Old Swan": the first loop is reinforcing, F1 ↔ F2.
    const first = await loops.first().innerText();
    expect(/^Reinforcing \(2 links\): Household debt → Use of high-cost credit/.test(first), `the first loop is not F1 → F2: ${first}`);
    await loops.first().click();
    expect((await loops.first().getAttribute("aria-pressed")) === "true", "choosing a loop does not highlight it");
    await page.screenshot({ path: join(out, "neighbourhood.png"), fullPage: true });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.waitForTimeout(300);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow <= 1, `at 360 px the neighbourhood page is ${overflow} px wider than the screen`);
    await page.screenshot({ path: join(out, "neighbourhood-360px.png") });
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const id of ["domains", "actors", "factors"]) await page.locator(`#${id}`).screenshot({ path: join(out, `neighbourhood-${id}.png`) });
    await page.locator("#spine table").first().screenshot({ path: join(out, "neighbourhood-spine.png") });
  },

  async signin({ page, base, passwords, out }) {
    // Signed out: nothing personal, nothing only signed-in roles may use.
    await page.goto(`${base}/`);
    await page.waitForSelector("#overview-table table");
    expect(await page.locator("li[data-needs='import_data']").isHidden(), "the public sees the Import page in the menu");
    const statuses = await page.evaluate(async () => {
      const r = {};
      for (const p of ["/api/v1/users", "/api/v1/audit", "/api/v1/jobs", "/api/v1/database"]) r[p] = (await fetch(p)).status;
      return r;
    });
    for (const [p, st] of Object.entries(statuses)) expect(st === 401 || st === 403, `a signed-out visitor gets ${p} with HTTP ${st}`);
    const ready = {
      "#/": "#map[data-renderer]",
      "#/n/old-swan": "#factors .notice",
      "#/data": "#runs-h",
      "#/compare": "#compare-table",
      "#/import": "main .notice",
    };
    for (const [route, selector] of Object.entries(ready)) {
      await page.goto(`${base}/${route}`);
      await page.waitForSelector(selector, { timeout: 60_000 });
      const html = await page.content();
      expect(!/[\w.+-]+@[\w-]+\.[\w.]+/.test(html.replace(/<script[\s\S]*?<\/script>/g, "")), `${route} shows an email address to a signed-out visitor`);
      expect(!/respondent_id|password|payment/i.test(await page.locator("main").innerText()), `${route} shows respondent-level or personal fields`);
    }
    expect(/needs an analyst's or administrator's account/.test(await textOf(page, "main")), "the import page does not tell the public to sign in");
    // The neighbourhood page: published profile for everyone; maps and register only after signing in.
    await page.goto(`${base}/#/n/old-swan`);
    for (const id of ["spine", "survey", "activities", "actors", "factors"]) await waitLoaded(page, `#${id}`);
    expect(/25\.0/.test(await page.locator("#spine tr", { hasText: "Income deprivation (share of people)" }).innerText()), "the public does not see the published profile");
    for (const id of ["activities", "actors", "factors"]) {
      expect(/Sign in to see it/.test(await textOf(page, `#${id}`)), `section ${id} does not ask the public to sign in`);
    }
    expect(!(await page.locator("#survey-form").count()), "the public is offered respondent-level survey estimates");
    await page.screenshot({ path: join(out, "neighbourhood-public.png"), fullPage: true });
    // A wrong password is refused with a plain message.
    await page.goto(`${base}/#/signin`);
    await page.fill("#username", "demo-analyst");
    await page.fill("#password", "not-the-password");
    await page.click("#signin-form button[type=submit]");
    await page.waitForSelector("#signin-message.error");
    expect(/do not match/.test(await textOf(page, "#signin-message")), "a wrong password gives no clear message");
    // The analyst signs in and sees the import page; signing out hides it again.
    await page.fill("#password", passwords["demo-analyst"]);
    await page.click("#signin-form button[type=submit]");
    await page.waitForSelector("#signed-in-as");
    expect(/Signed in as .*analyst/i.test(await textOf(page, "#who")), "the header does not say who is signed in");
    expect(await page.locator("li[data-needs='import_data']").isVisible(), "the analyst does not see the Import page");
    await page.screenshot({ path: join(out, "signed-in.png") });
    await page.click("#signout");
    await page.waitForFunction(() => /Public view/.test(document.getElementById("who").textContent));
    expect(await page.locator("li[data-needs='import_data']").isHidden(), "after signing out the Import page is still offered");
  },

  async scoped({ page, base, passwords }) {
    // A facilitator limited to Central Southport (nrs serve --demo): its maps, not Old Swan's (the server
    // refuses those; the page says why).
    await signIn(page, base, "demo-facilitator", passwords["demo-facilitator"]);
    await page.goto(`${base}/#/n/central-southport`);
    await page.waitForSelector("#actor-graph[data-drawn='yes']", { timeout: 60_000 });
    await page.waitForSelector("#factor-graph[data-drawn='yes']", { timeout: 60_000 });
    expect(!(await page.locator("li[data-needs='import_data']").isVisible()), "a facilitator is offered the Import page");
    await page.goto(`${base}/#/n/old-swan`);
    await waitLoaded(page, "#actors");
    await waitLoaded(page, "#factors");
    expect(/covers other neighbourhoods/.test(await textOf(page, "#actors")), `Old Swan's actor map for a Central Southport facilitator: ${await textOf(page, "#actors")}`);
    expect(/covers other neighbourhoods/.test(await textOf(page, "#factors")), "Old Swan's factor map is not refused plainly");
  },

  async import({ page, base, passwords, out }) {
    await signIn(page, base, "demo-analyst", passwords["demo-analyst"]);
    await page.goto(`${base}/#/import`);
    await page.selectOption("#import-kind", "indicators");
    await page.setInputFiles("#import-file", {
      name: "bad.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("lsoa11cd,income-deprivation-rate\nE01006565,abc\nE01006566,12\nE01006567,1x\n"),
    });
    await page.click("#import-form button[type=submit]");
    await page.waitForSelector("#import-report table", { timeout: 60_000 });
    const rows = await page.locator("#import-report tbody tr").allInnerTexts();
    // nrs import indicators bad.csv: "bad.csv:2: income-deprivation-rate: 'abc' is not a number" and line 4 for '1x'.
    expect(rows.length === 2, `expected 2 problems, the page lists ${rows.length}`);
    expect(/bad\.csv\s+2\s+income-deprivation-rate\s+'abc' is not a number/.test(rows[0]), `first problem: ${rows[0]}`);
    expect(/bad\.csv\s+4\s+income-deprivation-rate\s+'1x' is not a number/.test(rows[1]), `second problem: ${rows[1]}`);
    expect(/Nothing was imported/.test(await textOf(page, "#import-status")), "the page does not say that nothing was imported");
    await page.screenshot({ path: join(out, "import-errors.png"), fullPage: true });
    // A good file: stored, the bar full. (`nrs import indicators good.csv --period 2021`: 2 records.)
    await page.setInputFiles("#import-file", {
      name: "good.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("lsoa11cd,iod2019-no2\nE01006565,30.5\nE01006566,31\n"),
    });
    await page.fill("#import-period", "2021");
    await page.click("#import-form button[type=submit]");
    await page.waitForFunction(() => /^Imported/.test(document.getElementById("import-status").textContent), null, { timeout: 60_000 });
    expect(/Imported: 2 records into “good\.csv”/.test(await textOf(page, "#import-status")), `the good file's report: ${await textOf(page, "#import-status")}`);
    expect((await page.locator("#import-progress").evaluate((p) => p.value)) === 1, "the progress bar is not full after a good import");
  },

  async survey({ page, base, passwords, out }) {
    // Respondent-level estimates for an analyst, suppression said in words. Expected values from
    // `nrs survey estimate --data survey.csv --weight weight --variable wellbeing --by area`:
    // A 3 (2.47 to 3.53, n 30); B suppressed (5 respondents); C suppressed secondarily.
    const rows = ["area,weight,wellbeing"];
    for (let i = 0; i < 30; i++) rows.push(`A,1,${(i % 5) + 1}`);
    for (let i = 0; i < 25; i++) rows.push(`C,2,${(i % 3) + 2}`);
    for (let i = 0; i < 5; i++) rows.push(`B,1,${i + 1}`);
    await signIn(page, base, "demo-analyst", passwords["demo-analyst"]);
    await page.goto(`${base}/#/n/old-swan`);
    await page.waitForSelector("#survey-form");
    await page.setInputFiles("#survey-file", { name: "survey.csv", mimeType: "text/csv", buffer: Buffer.from(rows.join("\n") + "\n") });
    await page.fill("#survey-variable", "wellbeing");
    await page.fill("#survey-by", "area");
    await page.click("#survey-form button[type=submit]");
    await page.waitForSelector("#survey-result table", { timeout: 30_000 });
    const cells = await page.locator("#survey-result tbody tr").allInnerTexts();
    expect(cells.length === 3, `expected 3 areas, got ${cells.length}`);
    expect(/^A\s+3\s+2\.47\s+3\.53\s+30/.test(cells[0]), `area A: ${cells[0]}`);
    expect(/^B\s+fewer than 10 responses/.test(cells[1]) && !/\b[1-5]\.\d\d\b/.test(cells[1]), `area B is not suppressed in words: ${cells[1]}`);
    expect(/^C\s+hidden so that a smaller group cannot be worked out/.test(cells[2]), `area C is not secondarily suppressed: ${cells[2]}`);
    await page.locator("#survey").screenshot({ path: join(out, "survey.png") });
    // The stored demo survey: `nrs survey estimate --survey "Resident survey (synthetic)" --variable swemwbs
    // --by wave`: wave 1 20.59 (20.45 to 20.74, n 3,830), wave 2 20.54 (20.40 to 20.68, n 3,920).
    await page.waitForSelector("#survey-source option[value='Resident survey (synthetic)']", { state: "attached" });
    await page.selectOption("#survey-source", "Resident survey (synthetic)");
    expect(await page.locator("#survey-file").isHidden(), "the file field is still offered for a stored survey");
    await page.fill("#survey-variable", "swemwbs");
    await page.fill("#survey-by", "wave");
    await page.click("#survey-form button[type=submit]");
    await page.waitForFunction(() => /swemwbs/.test(document.querySelector("#survey-result caption")?.textContent ?? ""), null, { timeout: 30_000 });
    const waves = await page.locator("#survey-result tbody tr").allInnerTexts();
    expect(waves.length === 2, `expected 2 waves, got ${waves.length}`);
    expect(/^1\s+20\.59\s+20\.45\s+20\.74\s+3,830/.test(waves[0]) && /^2\s+20\.54\s+20\.40\s+20\.68\s+3,920/.test(waves[1]), `the stored survey's estimates: ${waves.join(" | ")}`);
  },

  async accessibility({ page, base, passwords }) {
    const axe = require.resolve("axe-core/axe.min.js");
    const check = async (route, ready) => {
      await page.goto(`${base}/${route}`);
      await ready();
      await page.addScriptTag({ path: axe });
      const result = await page.evaluate(async () =>
        // eslint-disable-next-line no-undef
        (await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } })).violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
        })),
      );
      const bad = result.filter((v) => v.impact === "serious" || v.impact === "critical");
      if (process.env.NRS_AXE_VERBOSE) console.log(route, JSON.stringify(result));
      expect(!bad.length, `${route}: ${JSON.stringify(bad)}`);
    };
    // The checker itself finds a planted fault (a button without a name), so that a silent checker cannot pass.
    await page.goto(`${base}/#/glossary`);
    await page.waitForSelector("dl.glossary");
    await page.addScriptTag({ path: axe });
    const planted = await page.evaluate(async () => {
      const b = document.createElement("button");
      document.querySelector("main").append(b);
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { runOnly: { type: "rule", values: ["button-name"] } });
      b.remove();
      return r.violations.map((v) => v.id);
    });
    expect(planted.includes("button-name"), "axe-core did not find a planted unnamed button");
    await check("#/", () => page.waitForSelector("#map[data-renderer]", { timeout: 60_000 }));
    await check("#/n/old-swan", () => page.waitForSelector("#factors .notice", { timeout: 60_000 }));
    await check("#/compare", () => page.waitForSelector("#compare-table"));
    await check("#/data", () => page.waitForSelector("#cat-h"));
    await check("#/glossary", () => page.waitForSelector("dl.glossary"));
    await check("#/signin", () => page.waitForSelector("#signin-form"));
    await signIn(page, base, "demo-analyst", passwords["demo-analyst"]);
    await check("#/import", () => page.waitForSelector("#import-form"));
    await check("#/n/old-swan", async () => {
      await page.waitForSelector("#actor-graph[data-drawn='yes']", { timeout: 60_000 });
      await page.waitForSelector("#factor-graph[data-drawn='yes']", { timeout: 60_000 });
      await waitLoaded(page, "#activities");
    });
  },

  async keyboard({ page, base }) {
    // The overview works without a mouse: the skip link, then a neighbourhood's summary from the table.
    await page.goto(`${base}/`);
    await page.waitForSelector("#overview-table table");
    // The page has the keyboard (not the browser around it), with nothing focused yet.
    await page.bringToFront();
    await page.evaluate(() => {
      window.focus();
      // Start the keyboard's walk at the top of the page.
      document.body.tabIndex = -1;
      document.body.focus();
      document.body.removeAttribute("tabindex");
    });
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => document.activeElement.outerHTML.slice(0, 120));
    expect(/Skip to the content/.test(first), `the first Tab does not reach the skip link but ${first}`);
    const button = page.locator("#overview-table button", { hasText: "Show Claremont" });
    await button.focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => /Claremont/.test(document.getElementById("summary").textContent));
    expect((await textOf(page, "#summary")).includes("7,149"), "Enter on a row does not give the summary");
  },

  async basemap({ page, out, nrs }) {
    // nrs serve --tile-url: MapLibre draws the tiles beneath the small areas, with the provider's attribution,
    // and the page's Content-Security-Policy allows that one origin besides the server itself.
    const tiles = await startTileServer();
    const server = await startServer(nrs, ["--tile-url", `${tiles.origin}/{z}/{x}/{y}.png`, "--tile-attribution", "Test tiles © NRS"]);
    try {
      const response = await page.goto(`${server.base}/#/?renderer=webgl`);
      const csp = response.headers()["content-security-policy"];
      expect(csp.includes(`img-src 'self' data: blob: ${tiles.origin}`) && csp.includes(`connect-src 'self' ${tiles.origin}`), `the policy does not allow the tiles: ${csp}`);
      await page.waitForSelector("#map[data-renderer=webgl]", { timeout: 60_000 });
      expect((await page.evaluate(() => document.getElementById("map").dataset.basemap)) === "yes", "the map has no basemap");
      await page.waitForFunction(() => /Test tiles © NRS/.test(document.querySelector("#map .maplibregl-ctrl-attrib")?.textContent ?? ""), null, { timeout: 10_000 });
      for (let i = 0; i < 100 && !tiles.requests.some((u) => /^\/\d+\/\d+\/\d+\.png$/.test(u)); i++) await page.waitForTimeout(100);
      expect(tiles.requests.some((u) => /^\/\d+\/\d+\/\d+\.png$/.test(u)), `no tile was asked for: ${tiles.requests.join(", ")}`);
      await page.screenshot({ path: join(out, "overview-basemap.png") });
      // The settings the page read.
      const settings = await (await fetch(`${server.base}/api/v1/map-settings`)).json();
      expect(settings.tile_url === `${tiles.origin}/{z}/{x}/{y}.png`, `map settings: ${JSON.stringify(settings)}`);
    } finally {
      await server.stop();
      await tiles.stop();
    }
  },

  async compare({ page, base }) {
    await page.goto(`${base}/#/compare/old-swan`);
    await page.waitForSelector("#compare-table");
    const head = await textOf(page, "#compare-table thead");
    expect(head.includes("Old Swan") && head.includes("England"), `the comparison lacks its columns: ${head}`);
    const row = await page.locator("#compare-table tr", { hasText: "Income deprivation (share of people)" }).innerText();
    expect(/25\.0/.test(row), `Old Swan's income deprivation is not in the comparison: ${row}`);
  },
};

// A tile server on loopback for the basemap test: every tile is the same small PNG; it counts the requests.
async function startTileServer() {
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
  const requests = [];
  const srv = createHttpServer((req, res) => {
    requests.push(req.url);
    res.writeHead(/^\/\d+\/\d+\/\d+\.png$/.test(req.url) ? 200 : 404, { "Content-Type": "image/png", "Access-Control-Allow-Origin": "*" });
    res.end(png);
  });
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  return { origin: `http://127.0.0.1:${srv.address().port}`, requests, stop: () => new Promise((r) => srv.close(r)) };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const names = args.only.length ? args.only : Object.keys(tests);
  const server = await startServer(args.nrs);
  let passed = 0;
  let failed = 0;
  try {
    for (const name of names) {
      if (!tests[name]) throw new Error(`no test '${name}'`);
      const browser = await startBrowser(args.chromium);
      const started = Date.now();
      try {
        await tests[name]({ page: browser.page, base: server.base, passwords: server.passwords, out: args.out, nrs: args.nrs });
        if (browser.errors.length) throw new Failure(`script errors in the page: ${browser.errors.join("; ")}`);
        passed++;
        console.log(`ok ${name} (${Date.now() - started} ms)`);
      } catch (e) {
        failed++;
        console.log(`FAILED ${name}: ${e instanceof Failure ? e.message : e.stack}`);
        await browser.page.screenshot({ path: join(args.out, `failed-${name}.png`), fullPage: true }).catch(() => {});
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.stop();
  }
  console.log(`screenshots: ${args.out}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e.stack ?? String(e));
    process.exit(2);
  });
}
