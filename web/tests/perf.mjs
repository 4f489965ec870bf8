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

async function main() {
  const argv = process.argv.slice(2);
  const runs = Number(argv[argv.indexOf("--runs") + 1] || 7) || 7;
  const args = parseArgs(argv.filter((a, i) => a !== "--runs" && argv[i - 1] !== "--runs"));
  const server = await startServer(args.nrs);
  const nginx = await startNginx();
  const results = { overviewNames: [], overviewSvg: [], overviewWebgl: [], fcp: [], nbPublic: [], nbAnalyst: [], staticNrs: [], staticNginx: [] };
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
    `| JavaScript, all ${js.length} built files, gzipped | ${(totalGz / 1024).toFixed(1)} KiB | budget 600 KB | ${(totalGz / 600000).toFixed(2)} |`,
    `| JavaScript loaded by the overview, gzipped: SVG map / MapLibre map | ${(overviewGz / 1024).toFixed(1)} KiB / ${(webglGz / 1024).toFixed(1)} KiB | — | — |`,
  ];
  console.log(lines.join("\n"));
}

main().catch((e) => {
  console.error(e.stack ?? String(e));
  process.exit(2);
});
