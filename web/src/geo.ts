// The GeoJSON the server sends (WGS84 longitude/latitude), and the little geometry drawing needs (points
// inside areas come from the server).
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
