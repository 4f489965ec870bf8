// The GeoJSON the server sends (WGS84 longitude/latitude).
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
