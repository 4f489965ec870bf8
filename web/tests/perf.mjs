// Timings of the web application on the demo, for docs/performance.md:
//
//   node tests/perf.mjs --nrs build/release/nrs [--runs 7]
//
// Each run is a fresh browser profile (nothing cached). Measured in the page (Performance API):
//   overview, first meaningful paint: the neighbourhoods' names and sizes in the page (mark nrs:overview-names),
//     and the map drawn (nrs:overview-map); first contentful paint as the browser reports it;
//   neighbourhood page: every section filled (nrs:neighbourhood-ready), opened directly, public and analyst;
//   JavaScript: every built file gzipped (level 9), and what the overview itself loads.
// Reference, measured in the same run: nginx serving the same built files — the time until the document and all
// its static files have loaded (loadEventEnd) from nginx and from nrs serve. Medians.

import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { parseArgs, startBrowser, startServer } from "./run.mjs";

const webDir = resolve(new URL(".", import.meta.url).pathname, "..");
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function freePort() {
  return new Promise((res) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

async function startNginx() {
  const nginx = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => spawnSync("test", ["-x", p]).status === 0);
  if (!nginx) return null;
  const dir = mkdtempSync(join(tmpdir(), "nrs-nginx-"));
  const port = await freePort();
  writeFileSync(
    join(dir, "nginx.conf"),
    `daemon off; worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events { worker_connections 64; }
http { access_log off; include /etc/nginx/mime.types; gzip on; gzip_types text/css application/javascript text/javascript;
  client_body_temp_path ${dir}; proxy_temp_path ${dir}; fastcgi_temp_path ${dir}; uwsgi_temp_path ${dir}; scgi_temp_path ${dir};
  server { listen 127.0.0.1:${port}; root ${webDir}/dist; } }
`,
  );
  const child = spawn(nginx, ["-c", join(dir, "nginx.conf"), "-p", dir], { stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 500));
  return {
    base: `http://127.0.0.1:${port}`,
    version: spawnSync(nginx, ["-v"], { encoding: "utf8" }).stderr.trim(),
    async stop() {
      const done = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await done;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Loads `url` in a fresh profile and returns when the last of `marks` was set (ms from navigation start).
async function measure(chromium, url, marks, setup) {
  const list = marks ? [].concat(marks) : [];
  const b = await startBrowser(chromium);
  try {
    if (setup) await setup(b.page);
    await b.page.goto(url, { waitUntil: "load" });
    for (const mark of list) await b.page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark, { timeout: 60_000 });
    return await b.page.evaluate((ms) => {
      const nav = performance.getEntriesByType("navigation")[0];
      const fcp = performance.getEntriesByName("first-contentful-paint")[0];
      const js = performance.getEntriesByType("resource").filter((r) => r.name.endsWith(".js"));
      return {
        mark: ms.length ? Math.max(...ms.map((m) => performance.getEntriesByName(m)[0].startTime)) : null,
        fcp: fcp ? fcp.startTime : null,
        load: nav.loadEventEnd,
        jsFiles: js.map((r) => r.name.split("/").pop()),
      };
    }, list);
  } finally {
    await b.close();
  }
}

// The overview with every small area drawn, used as a person would: a change of measure (until the map is
// recoloured), a click on a small area (until its summary is on screen, the next frame after it changed), and a
// one-second drag across the map (the intervals between frames while it pans). Milliseconds.
async function interact(chromium, url) {
  const b = await startBrowser(chromium);
  try {
    const page = b.page;
    await page.goto(url, { waitUntil: "load" });
    await page.waitForFunction(() => performance.getEntriesByName("nrs:overview-map").length > 0, null, { timeout: 60_000 });
    await page.selectOption("#indicator", "income-deprivation-rate");
    await page.waitForFunction(() => performance.getEntriesByName("nrs:overview-recolour").length > 0, null, { timeout: 60_000 });
    const recolour = await page.evaluate(() => performance.getEntriesByName("nrs:overview-recolour")[0].duration);
    // Click → summary: timed in the page, from the pointer going down to the frame after the summary changed.
    await page.evaluate(() => {
      const map = document.getElementById("map");
      const summary = document.getElementById("summary");
      window.nrsClick = new Promise((resolve) => {
        let down = 0;
        map.addEventListener("pointerdown", () => (down = performance.now()), { capture: true, once: true });
        new MutationObserver((_, observer) => {
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - down));
        }).observe(summary, { childList: true, subtree: true, characterData: true });
      });
    });
    const box = await page.locator("#map").boundingBox();
    const [x, y] = await page.evaluate(() => document.getElementById("map").nrsPixelOf("E01019309"));
    await page.mouse.click(box.x + x, box.y + y);
    const click = await page.evaluate(() => window.nrsClick);
    // A drag-pan of 200 px over one second, frame intervals recorded by requestAnimationFrame.
    await page.evaluate(() => {
      window.nrsFrames = [];
      let last = performance.now();
      const tick = (t) => {
        window.nrsFrames.push(t - last);
        last = t;
        if (window.nrsFrames.length < 400) window.nrsRaf = requestAnimationFrame(tick);
      };
      window.nrsRaf = requestAnimationFrame(tick);
    });
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    const started = Date.now();
    for (let i = 1; i <= 40; i++) {
      await page.mouse.move(cx + i * 5, cy + i * 2);
      const wait = started + i * 25 - Date.now();
      if (wait > 0) await page.waitForTimeout(wait);
    }
    await page.mouse.up();
    const frames = await page.evaluate(() => {
      cancelAnimationFrame(window.nrsRaf);
      return window.nrsFrames.slice(1);
    });
    return { recolour, click, frame: median(frames), frames: frames.length };
  } finally {
    await b.close();
  }
}

// The server's reply of every small area's shape (GeoJSON, 4 decimals), timed uncached and cached, beside
// ogr2ogr writing the same boundaries from the demo's GeoJSON file as GeoJSON with 4 decimals.
async function shapesRoute(base) {
  const time = async (target) => {
    const t = performance.now();
    const r = await fetch(`${base}${target}`, { headers: { "Accept-Encoding": "gzip" } });
    await r.arrayBuffer();
    return performance.now() - t;
  };
  const target = "/api/v1/areas/boundaries?type=lsoa11&decimals=4";
  return { uncached: await time(target), cached: await time(target) };
}

function ogr2ogrShapes() {
  const src = resolve(webDir, "..", "data", "demo", "lsoa2011_north_west_generalised.geojson.gz");
  const t = performance.now();
  const r = spawnSync("ogr2ogr", ["-f", "GeoJSON", "-lco", "COORDINATE_PRECISION=4", "/vsistdout/", `/vsigzip/${src}`], { maxBuffer: 1 << 30 });
  const elapsed = performance.now() - t;
  return r.status === 0 ? elapsed : null;
}

async function main() {
  const argv = process.argv.slice(2);
  const runs = Number(argv[argv.indexOf("--runs") + 1] || 7) || 7;
  const args = parseArgs(argv.filter((a, i) => a !== "--runs" && argv[i - 1] !== "--runs"));
  const server = await startServer(args.nrs);
  const nginx = await startNginx();
  const results = { overviewNames: [], overviewSvg: [], overviewWebgl: [], fcp: [], nbPublic: [], nbAnalyst: [], staticNrs: [], staticNginx: [] };
  const live = { svg: [], webgl: [] };
  const shapes = { uncached: [], cached: [], ogr: [] };
  let overviewJs = [];
  let webglJs = [];
  try {
    const signIn = async (page) => {
      await page.goto(`${server.base}/#/signin`);
      await page.fill("#username", "demo-analyst");
      await page.fill("#password", server.passwords["demo-analyst"]);
      await page.click("#signin-form button[type=submit]");
      await page.waitForSelector("#signed-in-as");
      await page.goto("about:blank");
    };
    for (let i = 0; i < runs; i++) {
      const o = await measure(args.chromium, `${server.base}/`, "nrs:overview-names");
      results.overviewNames.push(o.mark);
      results.fcp.push(o.fcp);
      results.staticNrs.push(o.load);
      overviewJs = o.jsFiles;
      results.overviewSvg.push((await measure(args.chromium, `${server.base}/#/?renderer=svg`, "nrs:overview-map")).mark);
      const w = await measure(args.chromium, `${server.base}/#/?renderer=webgl`, "nrs:overview-map");
      results.overviewWebgl.push(w.mark);
      webglJs = w.jsFiles;
      results.nbPublic.push((await measure(args.chromium, `${server.base}/#/n/old-swan`, "nrs:neighbourhood-ready")).mark);
      results.nbAnalyst.push(
        (await measure(args.chromium, `${server.base}/#/n/old-swan`, ["nrs:neighbourhood-ready", "nrs:actor-map-drawn", "nrs:factor-map-drawn"], signIn)).mark,
      );
      if (nginx) results.staticNginx.push((await measure(args.chromium, `${nginx.base}/`, null)).load);
      live.svg.push(await interact(args.chromium, `${server.base}/#/?renderer=svg`));
      live.webgl.push(await interact(args.chromium, `${server.base}/#/?renderer=webgl`));
    }
    // The shapes route: a fresh server each time for the uncached reply (replies are kept until the data change).
    for (let i = 0; i < runs; i++) {
      const fresh = await startServer(args.nrs);
      const r = await shapesRoute(fresh.base);
      shapes.uncached.push(r.uncached);
      shapes.cached.push(r.cached);
      await fresh.stop();
      const o = ogr2ogrShapes();
      if (o !== null) shapes.ogr.push(o);
    }
  } finally {
    await server.stop();
    if (nginx) await nginx.stop();
  }
  const assets = join(webDir, "dist", "assets");
  const gz = (f) => gzipSync(readFileSync(join(assets, f)), { level: 9 }).length;
  const js = readdirSync(assets).filter((f) => f.endsWith(".js"));
  const totalGz = js.reduce((a, f) => a + gz(f), 0);
  const loadedGz = (files) => [...new Set(files)].filter((f) => js.includes(f)).reduce((a, f) => a + gz(f), 0);
  const overviewGz = loadedGz(overviewJs);
  const webglGz = loadedGz(webglJs);
  const ms = (xs) => `${median(xs).toFixed(0)} ms`;
  const chromiumVersion = spawnSync(args.chromium, ["--version"], { encoding: "utf8" }).stdout.trim();
  const staticRatio = nginx ? (median(results.staticNrs) / median(results.staticNginx)).toFixed(2) : "—";
  const lines = [
    `<!-- web/tests/perf.mjs: ${runs} runs, each in a fresh browser profile; ${chromiumVersion}; medians -->`,
    "| what | NRS (median) | reference (same run) | NRS / reference |",
    "|---|---|---|---|",
    `| overview: the neighbourhoods' names and sizes on screen (first meaningful paint) | ${ms(results.overviewNames)} | budget 1,500 ms | ${(median(results.overviewNames) / 1500).toFixed(2)} |`,
    `| overview: first contentful paint | ${ms(results.fcp)} | — | — |`,
    `| overview: the map drawn as SVG (the default without a graphics card) | ${ms(results.overviewSvg)} | — | — |`,
    `| overview: the map drawn by MapLibre GL (software WebGL, ?renderer=webgl) | ${ms(results.overviewWebgl)} | — | — |`,
    `| neighbourhood page (Old Swan), every section filled, public | ${ms(results.nbPublic)} | budget 1,000 ms | ${(median(results.nbPublic) / 1000).toFixed(2)} |`,
    `| neighbourhood page (Old Swan), every section filled and both maps drawn, analyst (after signing in: scripts cached) | ${ms(results.nbAnalyst)} | budget 1,000 ms | ${(median(results.nbAnalyst) / 1000).toFixed(2)} |`,
    `| the page's static files loaded (document, JS, CSS: loadEventEnd) | ${ms(results.staticNrs)} | ${nginx ? `${nginx.version.replace(/^nginx version: /, "")} serving web/dist: ${ms(results.staticNginx)}` : "nginx not installed"} | ${staticRatio} |`,
    `| overview with all 4,497 LSOAs, SVG: change of measure until recoloured / click on an area until its summary is shown | ${ms(live.svg.map((x) => x.recolour))} / ${ms(live.svg.map((x) => x.click))} | frame budget 16.7 ms (60 per second) | — |`,
    `| overview with all 4,497 LSOAs, SVG: frame interval while dragging the map (median over runs of each run's median) | ${median(live.svg.map((x) => x.frame)).toFixed(1)} ms | frame budget 16.7 ms | ${(median(live.svg.map((x) => x.frame)) / 16.7).toFixed(2)} |`,
    `| overview with all 4,497 LSOAs, MapLibre (software WebGL): change of measure / click on an area | ${ms(live.webgl.map((x) => x.recolour))} / ${ms(live.webgl.map((x) => x.click))} | frame budget 16.7 ms | — |`,
    `| overview with all 4,497 LSOAs, MapLibre (software WebGL): frame interval while dragging the map | ${median(live.webgl.map((x) => x.frame)).toFixed(1)} ms | frame budget 16.7 ms | ${(median(live.webgl.map((x) => x.frame)) / 16.7).toFixed(2)} |`,
    `| GET /api/v1/areas/boundaries (4,497 LSOAs as GeoJSON, 4 decimals): first request / kept reply | ${ms(shapes.uncached)} / ${ms(shapes.cached)} | ogr2ogr, the same boundaries to GeoJSON with 4 decimals: ${shapes.ogr.length ? ms(shapes.ogr) : "not installed"} | ${shapes.ogr.length ? (median(shapes.uncached) / median(shapes.ogr)).toFixed(2) : "—"} |`,
    `| JavaScript, all ${js.length} built files, gzipped | ${(totalGz / 1024).toFixed(1)} KiB | budget 600 KB | ${(totalGz / 600000).toFixed(2)} |`,
    `| JavaScript loaded by the overview, gzipped: SVG map / MapLibre map | ${(overviewGz / 1024).toFixed(1)} KiB / ${(webglGz / 1024).toFixed(1)} KiB | — | — |`,
  ];
  console.log(lines.join("\n"));
}

main().catch((e) => {
  console.error(e.stack ?? String(e));
  process.exit(2);
});
