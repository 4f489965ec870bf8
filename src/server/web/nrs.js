// The built-in page: lists the neighbourhoods from the API and draws their outlines.
"use strict";

const colours = { programme: "#2f8f83", comparison: "#d08b2c", better_off: "#7d6bd1" };

async function json(url) {
  const reply = await fetch(url, { headers: { Accept: "application/json" } });
  if (!reply.ok) throw new Error(`${url}: HTTP ${reply.status}`);
  return reply.json();
}

function cell(row, text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

function rings(geometry) {
  if (geometry.type === "Polygon") return geometry.coordinates;
  if (geometry.type === "MultiPolygon") return geometry.coordinates.flat();
  return [];
}

async function drawMap(neighbourhoods) {
  const svg = document.getElementById("map");
  const shapes = [];
  for (const n of neighbourhoods) {
    try {
      const collection = await json(`/api/v1/neighbourhoods/${encodeURIComponent(n.slug)}/boundary?decimals=4`);
      for (const feature of collection.features) shapes.push({ n, rings: rings(feature.geometry) });
    } catch (e) {
      // A neighbourhood without a boundary is simply not drawn.
    }
  }
  const points = shapes.flatMap((s) => s.rings.flat());
  if (points.length === 0) return;
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const kx = Math.cos(((minY + maxY) / 2) * Math.PI / 180);  // longitude shrinks with latitude
  const scale = 380 / Math.max((maxX - minX) * kx, maxY - minY);
  const project = ([x, y]) => `${(10 + (x - minX) * kx * scale).toFixed(1)},${(390 - (y - minY) * scale).toFixed(1)}`;
  for (const s of shapes) {
    const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", s.rings.map((r) => "M" + r.map(project).join("L") + "Z").join(""));
    path.setAttribute("fill", colours[s.n.class] || "#888");
    const title = document.createElementNS("http://www.w3.org/2000/svg", "title");
    title.textContent = s.n.name;
    path.appendChild(title);
    svg.appendChild(path);
  }
}

async function main() {
  const status = document.getElementById("status");
  try {
    const session = await json("/api/v1/auth/session");
    if (session.signed_in) {
      document.getElementById("who").textContent = `Signed in as ${session.user.username} (${session.user.role})`;
    }
    const list = await json("/api/v1/neighbourhoods?limit=1000");
    const table = document.getElementById("neighbourhoods");
    const body = table.querySelector("tbody");
    for (const n of list.rows) {
      const row = document.createElement("tr");
      cell(row, n.name);
      cell(row, n.class.replace("_", " "), n.class);
      cell(row, n.council || "");
      cell(row, String(n.lsoas), "num");
      cell(row, n.population == null ? "" : n.population.toLocaleString("en-GB"), "num");
      const links = cell(row, "");
      const profile = document.createElement("a");
      profile.href = `/api/v1/neighbourhoods/${encodeURIComponent(n.slug)}/profile`;
      profile.textContent = "profile";
      links.appendChild(profile);
      body.appendChild(row);
    }
    table.hidden = false;
    status.textContent = list.total === 0
      ? "No neighbourhoods yet: define them with `nrs neighbourhood add` or POST /api/v1/neighbourhoods."
      : `${list.total} neighbourhoods in this database.`;
    await drawMap(list.rows);
  } catch (e) {
    status.textContent = `The API did not answer: ${e.message}`;
  }
}

main();
