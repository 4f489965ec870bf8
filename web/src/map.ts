// Maps of GeoJSON served by `nrs serve`: MapLibre GL with no basemap (no tiles, no fonts — no symbol layers,
// so no glyphs), or, where the browser has no WebGL, the same polygons drawn as SVG. Either way the page
// also shows the data as a table, the map's text alternative.

import type { Feature, FeatureCollection, Geometry } from "./geo";
import { s } from "./dom";

export interface MapLayerStyle {
  fill: (f: Feature) => string; // fill colour of a neighbourhood outline feature
  label: (f: Feature) => string; // its accessible name
}

export interface DrawnMap {
  highlight(code: string | null): void;
  zoomTo(code: string): void;
  remove(): void;
  kind: "webgl" | "svg";
}

// A point at the middle of each neighbourhood, so that neighbourhoods far smaller than the region stay
// visible (and clickable) when the whole region is in view.
function centres(fc: FeatureCollection): Feature[] {
  return fc.features
    .filter((f) => f.properties.feature === "neighbourhood")
    .map((f) => {
      const [x0, y0, x1, y1] = bounds({ type: "FeatureCollection", features: [f] });
      return { type: "Feature", properties: { ...f.properties, feature: "point" }, geometry: { type: "Point", coordinates: [(x0 + x1) / 2, (y0 + y1) / 2] } } as Feature;
    });
}

// Where a neighbourhood's centre is drawn, in pixels from the map's top left corner.
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

function bounds(fc: FeatureCollection): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === "number") {
      const [x, y] = c as number[];
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  for (const f of fc.features) visit(f.geometry.coordinates);
  return [x0, y0, x1, y1];
}

function rings(g: Geometry): number[][][] {
  if (g.type === "Polygon") return g.coordinates as number[][][];
  if (g.type === "MultiPolygon") return (g.coordinates as number[][][][]).flat();
  return [];
}

// Neighbourhood features (properties.feature = "neighbourhood") are filled; small areas are outlined.
export async function drawMap(
  container: HTMLElement,
  fc: FeatureCollection,
  style: MapLayerStyle,
  onPick: (code: string) => void,
  renderer: Renderer = "auto",
): Promise<DrawnMap> {
  fc = { type: "FeatureCollection", features: fc.features.filter((f) => f.properties.feature !== "point") };
  for (const f of fc.features) f.properties.fill = f.properties.feature === "neighbourhood" ? style.fill(f) : "#000000";
  fc.features.push(...centres(fc));
  // What was drawn, for people using assistive technology checking the map, and for the tests.
  container.dataset.neighbourhoods = String(fc.features.filter((f) => f.properties.feature === "neighbourhood").length);
  container.dataset.areas = String(fc.features.filter((f) => f.properties.feature === "area").length);
  if (renderer === "webgl" || (renderer === "auto" && webglAvailable())) {
    try {
      return await drawWebGl(container, fc, onPick);
    } catch {
      container.replaceChildren();
    }
  }
  return drawSvg(container, fc, style, onPick);
}

async function drawWebGl(container: HTMLElement, fc: FeatureCollection, onPick: (code: string) => void): Promise<DrawnMap> {
  const maplibre = (await import("maplibre-gl")).default;
  await import("maplibre-gl/dist/maplibre-gl.css");
  const [x0, y0, x1, y1] = bounds(fc);
  const map = new maplibre.Map({
    container,
    style: {
      version: 8,
      sources: {
        places: { type: "geojson", data: { type: "FeatureCollection", features: fc.features.filter((f) => f.properties.feature !== "point") } as never, promoteId: "code" },
        centres: { type: "geojson", data: { type: "FeatureCollection", features: fc.features.filter((f) => f.properties.feature === "point") } as never, promoteId: "code" },
      },
      layers: [
        { id: "background", type: "background", paint: { "background-color": "#f4f6f8" } },
        {
          id: "neighbourhood-fill",
          type: "fill",
          source: "places",
          filter: ["==", ["get", "feature"], "neighbourhood"],
          paint: {
            "fill-color": ["get", "fill"],
            "fill-opacity": ["case", ["boolean", ["feature-state", "hover"], false], 0.95, 0.75],
          },
        },
        {
          id: "area-line",
          type: "line",
          source: "places",
          filter: ["==", ["get", "feature"], "area"],
          paint: { "line-color": "#ffffff", "line-width": 0.6, "line-opacity": 0.8 },
        },
        {
          id: "neighbourhood-line",
          type: "line",
          source: "places",
          filter: ["==", ["get", "feature"], "neighbourhood"],
          paint: {
            "line-color": "#111111",
            "line-width": ["case", ["boolean", ["feature-state", "hover"], false], 3, 1.2],
          },
        },
        {
          id: "neighbourhood-point",
          type: "circle",
          source: "centres",
          maxzoom: 11.5,
          paint: {
            "circle-color": ["get", "fill"],
            "circle-radius": ["case", ["boolean", ["feature-state", "hover"], false], 13, 10],
            "circle-stroke-color": "#111111",
            "circle-stroke-width": 1.5,
          },
        },
      ],
    },
    bounds: [x0, y0, x1, y1],
    fitBoundsOptions: { padding: 24 },
    attributionControl: false,
    // Kept after drawing, so that the map also shows in screenshots and printouts.
    canvasContextAttributes: { preserveDrawingBuffer: true },
    dragRotate: false,
    pitchWithRotate: false,
  });
  map.addControl(new maplibre.NavigationControl({ showCompass: false }));
  map.getCanvas().setAttribute("aria-label", "Map of the neighbourhoods; the same information is in the table below");
  let hovered: string | null = null;
  const highlight = (code: string | null): void => {
    if (hovered) {
      map.setFeatureState({ source: "places", id: hovered }, { hover: false });
      map.setFeatureState({ source: "centres", id: hovered }, { hover: false });
    }
    hovered = code;
    if (code) {
      map.setFeatureState({ source: "places", id: code }, { hover: true });
      map.setFeatureState({ source: "centres", id: code }, { hover: true });
    }
  };
  for (const layer of ["neighbourhood-fill", "neighbourhood-point"]) {
    map.on("click", layer, (e) => {
      const code = e.features?.[0]?.properties?.code;
      if (code) onPick(String(code));
    });
    map.on("mousemove", layer, (e) => {
      map.getCanvas().style.cursor = "pointer";
      highlight(String(e.features?.[0]?.properties?.code ?? ""));
    });
    map.on("mouseleave", layer, () => {
      map.getCanvas().style.cursor = "";
      highlight(null);
    });
  }
  const boundsOf = new Map<string, [number, number, number, number]>();
  for (const f of fc.features) if (f.properties.feature === "neighbourhood") boundsOf.set(String(f.properties.code), bounds({ type: "FeatureCollection", features: [f] }));
  await new Promise<void>((resolve) => {
    const t = setTimeout(resolve, 4000);
    map.once("load", () => {
      clearTimeout(t);
      resolve();
    });
  });
  const centreOf = new Map(fc.features.filter((f) => f.properties.feature === "point").map((f) => [String(f.properties.code), f.geometry.coordinates as [number, number]]));
  (container as PixelLookup).nrsPixelOf = (code) => {
    const p = map.project(centreOf.get(code)!);
    return [p.x, p.y];
  };
  container.dataset.renderer = "webgl";
  return {
    highlight: (c) => map.loaded() && highlight(c),
    zoomTo: (c) => {
      const b = boundsOf.get(c);
      if (b) map.fitBounds(b, { padding: 40, duration: 600 });
    },
    remove: () => map.remove(),
    kind: "webgl",
  };
}

function drawSvg(container: HTMLElement, fc: FeatureCollection, style: MapLayerStyle, onPick: (code: string) => void): DrawnMap {
  const [x0, y0, x1, y1] = bounds(fc);
  const kx = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const W = 800;
  const H = 600;
  const scale = Math.min((W - 20) / ((x1 - x0) * kx || 1), (H - 20) / (y1 - y0 || 1));
  // Centred in the frame.
  const ox = (W - (x1 - x0) * kx * scale) / 2;
  const oy = (H - (y1 - y0) * scale) / 2;
  const px = ([x, y]: number[]) => `${(ox + (x - x0) * kx * scale).toFixed(1)},${(H - oy - (y - y0) * scale).toFixed(1)}`;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "group", "aria-label": "Map of the neighbourhoods (drawn without WebGL); the same information is in the table below" });
  svg.append(s("rect", { x: 0, y: 0, width: W, height: H, fill: "#f4f6f8" }));
  const paths = new Map<string, SVGElement>();
  const areas: SVGElement[] = [];
  for (const f of fc.features) {
    const d = rings(f.geometry).map((r) => "M" + r.map(px).join("L") + "Z").join("");
    if (f.properties.feature === "neighbourhood") {
      const code = String(f.properties.code);
      const p = s("path", { d, fill: style.fill(f), "fill-opacity": 0.8, stroke: "#111", "stroke-width": 1.2, tabindex: 0, role: "button", "aria-label": style.label(f), class: "map-shape" });
      p.append(s("title", {}, style.label(f)));
      p.addEventListener("click", () => onPick(code));
      p.addEventListener("keydown", (e) => {
        const k = (e as KeyboardEvent).key;
        if (k === "Enter" || k === " ") {
          e.preventDefault();
          onPick(code);
        }
      });
      paths.set(code, p);
      svg.append(p);
    } else if (f.properties.feature === "point") {
      const [x, y] = px(f.geometry.coordinates as number[]).split(",");
      const dot = s("circle", { cx: x, cy: y, r: 9, fill: style.fill(f), stroke: "#111", "stroke-width": 1.5, "aria-hidden": "true", class: "map-dot" });
      dot.addEventListener("click", () => onPick(String(f.properties.code)));
      areas.push(dot);
    } else {
      areas.push(s("path", { d, fill: "none", stroke: "#ffffff", "stroke-width": 0.6, "pointer-events": "none" }));
    }
  }
  svg.append(...areas);
  container.replaceChildren(svg);
  const centreOf = new Map(fc.features.filter((f) => f.properties.feature === "point").map((f) => [String(f.properties.code), f.geometry.coordinates as number[]]));
  (container as PixelLookup).nrsPixelOf = (code) => {
    const [x, y] = px(centreOf.get(code)!).split(",").map(Number);
    const r = svg.getBoundingClientRect();
    const k = Math.min(r.width / W, r.height / H);
    return [(r.width - W * k) / 2 + x * k, (r.height - H * k) / 2 + y * k];
  };
  container.dataset.renderer = "svg";
  return {
    kind: "svg",
    zoomTo: () => undefined,
    remove: () => container.replaceChildren(),
    highlight: (code) => {
      for (const [c, p] of paths) p.setAttribute("stroke-width", c === code ? "3" : "1.2");
    },
  };
}
