// The GeoJSON the server sends (WGS84 longitude/latitude), and the little geometry the pages need.
export interface Geometry {
  type: string;
  coordinates: unknown;
}
export interface Feature {
  type: "Feature";
  properties: Record<string, string | number | null>;
  geometry: Geometry;
}
export interface FeatureCollection {
  type: "FeatureCollection";
  features: Feature[];
}

// [min x, min y, max x, max y] of every coordinate.
export function bounds(fc: FeatureCollection): [number, number, number, number] {
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

// The rings of a polygon or multipolygon (outer and holes alike).
export function rings(g: Geometry): number[][][] {
  if (g.type === "Polygon") return g.coordinates as number[][][];
  if (g.type === "MultiPolygon") return (g.coordinates as number[][][][]).flat();
  return [];
}

// Even–odd rule over every ring, so holes count as outside.
export function contains(g: Geometry, [x, y]: number[]): boolean {
  let inside = false;
  for (const ring of rings(g)) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

// A point inside the shape: the middle of its bounding box when that is inside, else the middle of the widest
// stretch of a horizontal line through it (found on a few lines across the box).
export function interiorPoint(g: Geometry): [number, number] | undefined {
  const [x0, y0, x1, y1] = bounds({ type: "FeatureCollection", features: [{ type: "Feature", properties: {}, geometry: g }] });
  const middle: [number, number] = [(x0 + x1) / 2, (y0 + y1) / 2];
  if (contains(g, middle)) return middle;
  let best: [number, number] | undefined;
  let widest = 0;
  for (let k = 1; k < 16; k++) {
    const y = y0 + ((y1 - y0) * k) / 16;
    const xs: number[] = [];
    for (const ring of rings(g)) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
      }
    }
    xs.sort((a, b) => a - b);
    for (let i = 0; i + 1 < xs.length; i += 2) {
      if (xs[i + 1] - xs[i] > widest) {
        widest = xs[i + 1] - xs[i];
        best = [(xs[i] + xs[i + 1]) / 2, y];
      }
    }
  }
  return best;
}
