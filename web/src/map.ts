// The overview map, from GeoJSON served by `nrs serve`: the small areas filled by the chosen measure, council
// boundaries, neighbourhood outlines and a dot at each neighbourhood's middle (so that neighbourhoods far
// smaller than the region stay visible and clickable). MapLibre GL with no basemap (no tiles, no fonts — no
// symbol layers, so no glyphs), or, where the browser has no WebGL, the same layers drawn as SVG. Either way
// the page also shows the data as tables, the map's text alternative.
//
// Shapes are drawn once; a change of measure only recolours them (recolour()), which is what keeps thousands
// of small areas interactive.

import type { Feature, FeatureCollection, Geometry } from "./geo";
import { bounds, rings } from "./geo";
import { s } from "./dom";

export interface OverviewLayers {
  areas: FeatureCollection; // small areas: properties code, name, council_name
  councils: FeatureCollection; // council boundaries: properties code, name
  neighbourhoods: FeatureCollection; // neighbourhood outlines: properties code (the slug), name
}

export interface MapStyle {
  areaFill: (code: string) => string; // fill colour of a small area
  neighbourhoodFill: (slug: string) => string; // colour of a neighbourhood's dot
  areaLabel: (code: string) => string; // accessible names
  neighbourhoodLabel: (slug: string) => string;
}

export type Pick = { kind: "area" | "neighbourhood"; code: string };

// A basemap of raster tiles beneath the layers (nrs serve --tile-url); drawn by MapLibre only.
export interface Basemap {
  tileUrl: string;
  attribution: string;
}

export interface DrawnMap {
  highlight(slug: string | null): void;
  zoomTo(slug: string): void;
  recolour(): void; // after the style's colours changed
  remove(): void;
  kind: "webgl" | "svg";
}

// Where a neighbourhood's dot (or a point inside a small area) is drawn, in pixels from the map's top left
// corner: for people checking the map with assistive technology, and for the tests.
type PixelLookup = HTMLElement & { nrsPixelOf?: (code: string) => [number, number] };

// WebGL drawn by the graphics card. A software-only WebGL (no GPU, as on a headless server) counts as absent:
// there the SVG drawing is quicker and more dependable.
export function webglAvailable(): boolean {
  try {
    const c = document.createElement("canvas");
    const attributes = { failIfMajorPerformanceCaveat: true };
    const gl = (c.getContext("webgl2", attributes) || c.getContext("webgl", attributes)) as WebGLRenderingContext | null;
    if (!gl) return false;
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    const name = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : "";
    gl.getExtension("WEBGL_lose_context")?.loseContext();
    return !/swiftshader|llvmpipe|softpipe|software/i.test(name);
  } catch {
    return false;
  }
}

export type Renderer = "auto" | "webgl" | "svg";

function centres(fc: FeatureCollection): Feature[] {
  return fc.features.map((f) => {
    const [x0, y0, x1, y1] = bounds({ type: "FeatureCollection", features: [f] });
    return { type: "Feature", properties: { code: f.properties.code, name: f.properties.name }, geometry: { type: "Point", coordinates: [(x0 + x1) / 2, (y0 + y1) / 2] } } as Feature;
  });
}

export async function drawMap(
  container: HTMLElement,
  layers: OverviewLayers,
  style: MapStyle,
  onPick: (p: Pick) => void,
  renderer: Renderer = "auto",
  basemap: Basemap | null = null,
): Promise<DrawnMap> {
  // What was drawn, for people using assistive technology checking the map, and for the tests.
  container.dataset.areas = String(layers.areas.features.length);
  container.dataset.councils = String(layers.councils.features.length);
  container.dataset.neighbourhoods = String(layers.neighbourhoods.features.length);
  const points = centres(layers.neighbourhoods);
  // A neighbourhood's dot, or a small area's anchor (a point inside it, from the server).
  const inside = new Map<string, [number, number]>();
  for (const f of points) inside.set(String(f.properties.code), f.geometry.coordinates as [number, number]);
  for (const f of layers.areas.features) inside.set(String(f.properties.code), [Number(f.properties.anchor_lon), Number(f.properties.anchor_lat)]);
  const areaPoint = (code: string): [number, number] | undefined => inside.get(code);
  if (renderer === "webgl" || (renderer === "auto" && webglAvailable())) {
    try {
      return await drawWebGl({ container, layers, points, style, onPick, pointOf: areaPoint }, basemap);
    } catch {
      container.replaceChildren();
    }
  }
  return drawSvg({ container, layers, points, style, onPick, pointOf: areaPoint });
}

// What either renderer draws: the layers, the neighbourhoods' dots, the colours, and where a code is.
interface Drawing {
  container: HTMLElement;
  layers: OverviewLayers;
  points: Feature[];
  style: MapStyle;
  onPick: (p: Pick) => void;
  pointOf: (code: string) => [number, number] | undefined;
}

async function drawWebGl({ container, layers, points, style, onPick, pointOf }: Drawing, basemap: Basemap | null): Promise<DrawnMap> {
  const maplibre = (await import("maplibre-gl")).default;
  await import("maplibre-gl/dist/maplibre-gl.css");
  const all: FeatureCollection = { type: "FeatureCollection", features: [...layers.areas.features, ...layers.neighbourhoods.features] };
  const [x0, y0, x1, y1] = bounds(all);
  const hover = ["boolean", ["feature-state", "hover"], false];
  const map = new maplibre.Map({
    container,
    style: {
      version: 8,
      sources: {
        areas: { type: "geojson", data: layers.areas as never, promoteId: "code" },
        councils: { type: "geojson", data: layers.councils as never },
        neighbourhoods: { type: "geojson", data: layers.neighbourhoods as never, promoteId: "code" },
        centres: { type: "geojson", data: { type: "FeatureCollection", features: points } as never, promoteId: "code" },
        ...(basemap ? { basemap: { type: "raster", tiles: [basemap.tileUrl], tileSize: 256, attribution: basemap.attribution } } : {}),
      },
      layers: [
        { id: "background", type: "background", paint: { "background-color": "#f4f6f8" } },
        ...(basemap ? [{ id: "basemap", type: "raster", source: "basemap" }] : []),
        // Over a basemap the areas are a little see-through, so that streets and places show beneath.
        { id: "area-fill", type: "fill", source: "areas", paint: { "fill-color": ["coalesce", ["feature-state", "fill"], "#bdbdbd"], "fill-opacity": basemap ? 0.65 : 0.9 } },
        {
          id: "area-line",
          type: "line",
          source: "areas",
          paint: { "line-color": "#ffffff", "line-width": ["case", hover, 2.5, 0.4], "line-opacity": ["interpolate", ["linear"], ["zoom"], 7, 0.25, 11, 0.9] },
        },
        { id: "council-line", type: "line", source: "councils", paint: { "line-color": "#333333", "line-width": 1.2 } },
        { id: "neighbourhood-line", type: "line", source: "neighbourhoods", paint: { "line-color": "#000000", "line-width": ["case", hover, 4, 2.2] } },
        {
          id: "neighbourhood-point",
          type: "circle",
          source: "centres",
          maxzoom: 11.5,
          paint: {
            "circle-color": ["coalesce", ["feature-state", "fill"], "#bdbdbd"],
            // Small when the whole region is in view, where neighbouring neighbourhoods' dots would overlap.
            "circle-radius": ["interpolate", ["linear"], ["zoom"], 7, ["case", hover, 8, 6], 10, ["case", hover, 13, 10]],
            "circle-stroke-color": "#000000",
            "circle-stroke-width": 2,
          },
        },
      ] as never,
    },
    bounds: [x0, y0, x1, y1],
    fitBoundsOptions: { padding: 24 },
    attributionControl: basemap?.attribution ? { compact: false, customAttribution: basemap.attribution } : false,
    // Kept after drawing, so that the map also shows in screenshots and printouts.
    canvasContextAttributes: { preserveDrawingBuffer: true },
    dragRotate: false,
    pitchWithRotate: false,
  });
  map.addControl(new maplibre.NavigationControl({ showCompass: false }));
  map.getCanvas().setAttribute("aria-label", "Map of the small areas, councils and neighbourhoods; the same information is in the tables below");
  const state = new Map<string, string | null>(); // source → hovered id
  const hoverOn = (source: string, id: string | null): void => {
    const was = state.get(source);
    if (was === id) return;
    if (was) map.setFeatureState({ source, id: was }, { hover: false });
    if (id) map.setFeatureState({ source, id }, { hover: true });
    state.set(source, id);
  };
  const highlight = (slug: string | null): void => {
    hoverOn("neighbourhoods", slug);
    hoverOn("centres", slug);
  };
  // A neighbourhood's dot wins over the area under it.
  map.on("click", (e) => {
    const hit = map.queryRenderedFeatures(e.point, { layers: ["neighbourhood-point", "area-fill"] });
    const dot = hit.find((f) => f.layer.id === "neighbourhood-point");
    if (dot) onPick({ kind: "neighbourhood", code: String(dot.properties.code) });
    else if (hit[0]) onPick({ kind: "area", code: String(hit[0].properties.code) });
  });
  map.on("mousemove", (e) => {
    const hit = map.queryRenderedFeatures(e.point, { layers: ["neighbourhood-point", "area-fill"] });
    map.getCanvas().style.cursor = hit.length ? "pointer" : "";
    const dot = hit.find((f) => f.layer.id === "neighbourhood-point");
    highlight(dot ? String(dot.properties.code) : null);
    hoverOn("areas", !dot && hit[0] ? String(hit[0].properties.code) : null);
  });
  const boundsOf = new Map<string, [number, number, number, number]>();
  for (const f of layers.neighbourhoods.features) boundsOf.set(String(f.properties.code), bounds({ type: "FeatureCollection", features: [f] }));
  await new Promise<void>((resolve) => {
    const t = setTimeout(resolve, 8000);
    map.once("load", () => {
      clearTimeout(t);
      resolve();
    });
  });
  const recolour = (): void => {
    for (const f of layers.areas.features) map.setFeatureState({ source: "areas", id: String(f.properties.code) }, { fill: style.areaFill(String(f.properties.code)) });
    for (const f of points) map.setFeatureState({ source: "centres", id: String(f.properties.code) }, { fill: style.neighbourhoodFill(String(f.properties.code)) });
  };
  recolour();
  (container as PixelLookup).nrsPixelOf = (code) => {
    const p = map.project(pointOf(code)!);
    return [p.x, p.y];
  };
  container.dataset.renderer = "webgl";
  container.dataset.basemap = basemap ? "yes" : "no";
  return {
    highlight: (c) => map.loaded() && highlight(c),
    zoomTo: (c) => {
      const b = boundsOf.get(c);
      if (b) map.fitBounds(b, { padding: 40, duration: 600 });
    },
    recolour,
    remove: () => map.remove(),
    kind: "webgl",
  };
}

function drawSvg({ container, layers, points, style, onPick, pointOf }: Drawing): DrawnMap {
  const [x0, y0, x1, y1] = bounds({ type: "FeatureCollection", features: [...layers.areas.features, ...layers.neighbourhoods.features] });
  const kx = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const W = 800;
  const H = 600;
  const scale = Math.min((W - 20) / ((x1 - x0) * kx || 1), (H - 20) / (y1 - y0 || 1));
  // Centred in the frame.
  const ox = (W - (x1 - x0) * kx * scale) / 2;
  const oy = (H - (y1 - y0) * scale) / 2;
  const xy = ([x, y]: number[]): [number, number] => [ox + (x - x0) * kx * scale, H - oy - (y - y0) * scale];
  const px = (p: number[]) => xy(p).map((v) => v.toFixed(1)).join(",");
  const pathOf = (g: Geometry) => rings(g).map((r) => "M" + r.map(px).join("L") + "Z").join("");
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "group", "aria-label": "Map of the small areas, councils and neighbourhoods (drawn without WebGL); the same information is in the tables below" });
  svg.append(s("rect", { x: 0, y: 0, width: W, height: H, fill: "#f4f6f8" }));
  // Small areas: one path each, clickable with a mouse (keyboard users have the tables: thousands of tab stops
  // would help nobody).
  const areaGroup = s("g", { class: "map-areas", stroke: "#ffffff", "stroke-width": 0.3 });
  const areaPaths = new Map<string, SVGElement>();
  for (const f of layers.areas.features) {
    const code = String(f.properties.code);
    const p = s("path", { d: pathOf(f.geometry), "data-code": code, class: "map-area" });
    areaPaths.set(code, p);
    areaGroup.append(p);
  }
  // A tooltip with the area's name and value, made when the pointer first rests on it.
  areaGroup.addEventListener("mouseover", (e) => {
    const p = e.target as SVGElement;
    const code = p.getAttribute("data-code");
    if (!code) return;
    const title = p.querySelector("title") ?? p.appendChild(s("title", {}));
    title.textContent = style.areaLabel(code);
  });
  areaGroup.addEventListener("click", (e) => {
    const code = (e.target as SVGElement).getAttribute("data-code");
    if (code) onPick({ kind: "area", code });
  });
  const councilGroup = s("g", { fill: "none", stroke: "#333333", "stroke-width": 1, "pointer-events": "none", "aria-hidden": "true" });
  for (const f of layers.councils.features) councilGroup.append(s("path", { d: pathOf(f.geometry) }));
  // Neighbourhoods: outlines that take the keyboard, and dots.
  const outlines = new Map<string, SVGElement>();
  const nGroup = s("g", {});
  for (const f of layers.neighbourhoods.features) {
    const code = String(f.properties.code);
    const p = s("path", { d: pathOf(f.geometry), fill: "none", stroke: "#000", "stroke-width": 2, "pointer-events": "stroke", tabindex: 0, role: "button", "aria-label": style.neighbourhoodLabel(code), class: "map-shape" });
    p.append(s("title", {}, style.neighbourhoodLabel(code)));
    p.addEventListener("click", () => onPick({ kind: "neighbourhood", code }));
    p.addEventListener("keydown", (e) => {
      const k = (e as KeyboardEvent).key;
      if (k === "Enter" || k === " ") {
        e.preventDefault();
        onPick({ kind: "neighbourhood", code });
      }
    });
    outlines.set(code, p);
    nGroup.append(p);
  }
  const dots = new Map<string, SVGElement>();
  for (const f of points) {
    const code = String(f.properties.code);
    const [x, y] = xy(f.geometry.coordinates as number[]);
    const dot = s("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: 6, stroke: "#000", "stroke-width": 1.5, "aria-hidden": "true", class: "map-dot" });
    dot.addEventListener("click", () => onPick({ kind: "neighbourhood", code }));
    dots.set(code, dot);
    nGroup.append(dot);
  }
  svg.append(areaGroup, councilGroup, nGroup);
  const recolour = (): void => {
    for (const [code, p] of areaPaths) p.setAttribute("fill", style.areaFill(code));
    for (const [code, d] of dots) d.setAttribute("fill", style.neighbourhoodFill(code));
    for (const [code, p] of outlines) {
      p.setAttribute("aria-label", style.neighbourhoodLabel(code));
      p.querySelector("title")!.textContent = style.neighbourhoodLabel(code);
    }
  };
  recolour();
  // Zoom and pan without WebGL: the wheel or the buttons zoom, dragging pans (the view box changes; nothing is
  // redrawn).
  let view = [0, 0, W, H];
  const setView = (v: number[]): void => {
    const w = Math.min(W, Math.max(W / 64, v[2]));
    const hh = (w * H) / W;
    view = [Math.min(W - w, Math.max(0, v[0])), Math.min(H - hh, Math.max(0, v[1])), w, hh];
    svg.setAttribute("viewBox", view.join(" "));
    // Dots keep their size on screen (lines do too: vector-effect in the style sheet).
    for (const d of dots.values()) d.setAttribute("r", ((6 * w) / W).toFixed(2));
    container.dataset.zoom = (W / w).toFixed(2);
  };
  const zoomAround = (k: number, cx = view[0] + view[2] / 2, cy = view[1] + view[3] / 2): void =>
    setView([cx - (cx - view[0]) / k, cy - (cy - view[1]) / k, view[2] / k, view[3] / k]);
  const toSvg = (clientX: number, clientY: number): [number, number] => {
    const m = (svg as SVGGraphicsElement).getScreenCTM()!.inverse();
    const p = new DOMPoint(clientX, clientY).matrixTransform(m);
    return [p.x, p.y];
  };
  svg.addEventListener("wheel", (e) => {
    const w = e as WheelEvent;
    w.preventDefault();
    zoomAround(w.deltaY < 0 ? 1.5 : 1 / 1.5, ...toSvg(w.clientX, w.clientY));
  });
  let drag: { x: number; y: number; view: number[] } | null = null;
  let moved = false;
  svg.addEventListener("pointerdown", (e) => {
    const p = e as PointerEvent;
    drag = { x: p.clientX, y: p.clientY, view: [...view] };
    moved = false;
  });
  svg.addEventListener("pointermove", (e) => {
    const p = e as PointerEvent;
    if (!drag) return;
    const r = svg.getBoundingClientRect();
    const k = view[2] / Math.min(r.width, (r.height * W) / H);
    if (Math.abs(p.clientX - drag.x) + Math.abs(p.clientY - drag.y) > 4) moved = true;
    if (moved) setView([drag.view[0] - (p.clientX - drag.x) * k, drag.view[1] - (p.clientY - drag.y) * k, view[2], view[3]]);
  });
  svg.addEventListener("pointerup", () => (drag = null));
  svg.addEventListener("pointerleave", () => (drag = null));
  // A drag is not a click.
  svg.addEventListener("click", (e) => moved && e.stopPropagation(), true);
  const button = (label: string, text: string, act: () => void) => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "map-zoom";
    b.setAttribute("aria-label", label);
    b.textContent = text;
    b.addEventListener("click", act);
    return b;
  };
  const controls = document.createElement("div");
  controls.className = "map-zoom-controls";
  controls.append(button("Zoom in", "+", () => zoomAround(1.5)), button("Zoom out", "−", () => zoomAround(1 / 1.5)), button("Show the whole region", "⤢", () => setView([0, 0, W, H])));
  container.replaceChildren(svg, controls);
  (container as PixelLookup).nrsPixelOf = (code) => {
    const [x, y] = xy(pointOf(code)!);
    const p = new DOMPoint(x, y).matrixTransform((svg as SVGGraphicsElement).getScreenCTM()!);
    const r = container.getBoundingClientRect();
    return [p.x - r.left, p.y - r.top];
  };
  container.dataset.renderer = "svg";
  return {
    kind: "svg",
    zoomTo: (code) => {
      const f = layers.neighbourhoods.features.find((n) => n.properties.code === code);
      if (!f) return;
      const [a, b, c, d] = bounds({ type: "FeatureCollection", features: [f] });
      const [px0, py1] = xy([a, b]);
      const [px1, py0] = xy([c, d]);
      const w = Math.max(px1 - px0, ((py1 - py0) * W) / H) * 1.6;
      setView([(px0 + px1) / 2 - w / 2, (py0 + py1) / 2 - (w * H) / W / 2, w, (w * H) / W]);
    },
    recolour,
    remove: () => container.replaceChildren(),
    highlight: (code) => {
      for (const [c, p] of outlines) p.setAttribute("stroke-width", c === code ? "4" : "2");
    },
  };
}
