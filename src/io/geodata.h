#pragma once

// Boundaries and other geometry through GDAL/OGR (which uses GEOS for geometric operations): reading the
// formats councils and ONS publish (GeoJSON, TopoJSON, GeoPackage, Shapefile — also inside .zip or .tar.gz
// archives, and whole folders of them), reprojection to WGS84 longitude/latitude (British National Grid
// accepted), unions, point-in-polygon tests and writing GeoPackage or GeoJSON.
//
// Geometries travel as WKB (little-endian) in WGS84 longitude/latitude order. British National Grid is
// converted with PROJ's Helmert transformation (OSGB36 to WGS 84), good to a few metres: the OSTN15 grid is
// not available offline. That is ample for neighbourhood maps; say so wherever positions matter more.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/table.h"
#include "geo/area_type.h"
#include "nrs/result.h"

namespace nrs::io {

struct Box {
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
};

struct BoundaryFeature {
  std::string code;
  std::string name;
  std::string wkb;  // Polygon or MultiPolygon, WGS84 lon/lat
  Box box;
  double anchor_x = 0, anchor_y = 0;  // a point on the surface
  std::string file;                   // which file (inside an archive: its member name)
  std::int64_t feature = 0;           // 1-based feature number within its layer
};

struct BoundaryReadOptions {
  std::string code_field;  // property holding the area code; "" = the first whose name is an area code header
  std::optional<geo::AreaType> area_type;  // when the code field's name does not say
  // Coordinate system of files that carry none (a Shapefile without .prj), e.g. "EPSG:27700". GeoJSON and
  // TopoJSON without one are WGS84 by their specifications.
  std::string assume_crs;
};

struct Boundaries {
  geo::AreaType area_type;
  std::vector<BoundaryFeature> features;
  std::string source_crs;  // e.g. "EPSG:27700" or "WGS 84"
  int files = 0;
};

// Bytes held in memory, visible to GDAL as a file (for boundaries compiled into the program) for the
// lifetime of the object. `name` must end in the format's extension (".geojson.gz", ".gpkg" …).
class MemoryFile {
 public:
  MemoryFile(const std::string& name, std::string_view bytes);
  ~MemoryFile();
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Reads every feature of `path`: a file, a folder of files, or a .zip/.tar/.tar.gz archive of them.
// Refuses the whole input (kInvalidInput, each problem as file: feature N: reason) for: no code field, a code of
// the wrong form, the same code twice, a feature without a polygon, an unknown coordinate system, coordinates
// outside WGS84's range after reprojection. kNotFound / kIoError for unreadable paths.
Result<Boundaries> ReadBoundaries(const std::string& path, const BoundaryReadOptions& options);

// The union of all polygons in `path` (a drawn neighbourhood outline), reprojected to WGS84, as WKB.
Result<std::string> ReadOutline(const std::string& path, const std::string& assume_crs);

// The union of `polygons` (WKB) as one WKB Polygon or MultiPolygon, made valid.
Result<std::string> UnionOf(std::span<const std::string> polygons);

// Tests points against one polygon, prepared once.
class PolygonTest {
 public:
  static Result<PolygonTest> Make(const std::string& wkb);
  PolygonTest(PolygonTest&&) noexcept;
  PolygonTest& operator=(PolygonTest&&) noexcept;
  ~PolygonTest();
  bool Contains(double x, double y) const;

 private:
  struct Impl;
  explicit PolygonTest(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A point (x, y) in `crs` (e.g. "EPSG:27700") as WGS84 lon/lat.
Result<std::pair<double, double>> ToWgs84(double x, double y, const std::string& crs);

// The bounding box of `wkb`.
Result<Box> EnvelopeOf(const std::string& wkb);

// `wkb` as a GeoJSON geometry object, coordinates rounded to `decimals` places (6 ≈ 0.1 m).
Result<std::string> GeometryToGeoJson(const std::string& wkb, int decimals = 6);

struct OutputFeature {
  std::string wkb;
  std::vector<std::pair<std::string, core::Cell>> properties;
};

// `features` (WGS84) as a GeoJSON FeatureCollection, coordinates to `decimals` places, properties in order.
Result<std::string> FeatureCollectionJson(std::span<const OutputFeature> features, int decimals);

// Writes `features` as one layer named `layer` in WGS84 to `path`: GeoPackage for .gpkg, GeoJSON for .geojson
// or .json. Written to a temporary file and renamed into place. kInvalidArgument for other extensions.
Status WriteFeatures(const std::string& path, const std::string& layer, std::span<const OutputFeature> features);

}  // namespace nrs::io
