#include "io/geodata.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <gdal_priv.h>
#include <ogr_api.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "core/text.h"
#include "io/table_writer.h"

namespace nrs::io {
namespace {

void EnsureGdal() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

// Collects GDAL's error messages for the lifetime of the object instead of letting GDAL print them; the
// handler stack is per thread, so concurrent readers do not mix messages.
class GdalErrors {
 public:
  GdalErrors() { CPLPushErrorHandlerEx(&Handler, this); }
  ~GdalErrors() { CPLPopErrorHandler(); }
  GdalErrors(const GdalErrors&) = delete;
  GdalErrors& operator=(const GdalErrors&) = delete;
  std::string Last() const { return messages_.empty() ? std::string("unknown GDAL error") : messages_.back(); }

 private:
  static void CPL_STDCALL Handler(CPLErr level, CPLErrorNum /*number*/, const char* message) {
    auto* self = static_cast<GdalErrors*>(CPLGetErrorHandlerUserData());
    if (self != nullptr && level >= CE_Failure && message != nullptr) self->messages_.emplace_back(message);
  }
  std::vector<std::string> messages_;
};

struct GeometryDeleter {
  void operator()(OGRGeometry* g) const { OGRGeometryFactory::destroyGeometry(g); }
};
using GeometryPtr = std::unique_ptr<OGRGeometry, GeometryDeleter>;

std::string EndsWithLower(const std::string& path) { return core::ToLower(path); }

bool HasSuffix(const std::string& path, std::string_view suffix) { return EndsWithLower(path).ends_with(suffix); }

bool IsVectorFile(const std::string& name) {
  for (std::string_view ext : {".geojson", ".json", ".topojson", ".gpkg", ".shp"}) {
    if (HasSuffix(name, ext)) return true;
  }
  return false;
}

// The GDAL path of `path`, looking inside archives through GDAL's virtual file systems.
std::string VirtualPath(const std::string& path) {
  if (HasSuffix(path, ".zip")) return "/vsizip/" + path;
  if (HasSuffix(path, ".tar") || HasSuffix(path, ".tar.gz") || HasSuffix(path, ".tgz")) return "/vsitar/" + path;
  if (HasSuffix(path, ".gz") && !HasSuffix(path, ".tar.gz")) return "/vsigzip/" + path;
  return path;
}

// The vector files at `path`: itself, or those inside it (folder or archive), sorted by name.
Result<std::vector<std::string>> ListFiles(const std::string& path) {
  VSIStatBufL st;
  if (VSIStatL(path.c_str(), &st) != 0) return Status::NotFound("'{}' does not exist", path);
  const std::string root = VirtualPath(path);
  if (root == path && !VSI_ISDIR(st.st_mode)) return std::vector<std::string>{path};
  if (HasSuffix(path, ".gz") && !HasSuffix(path, ".tar.gz")) return std::vector<std::string>{root};
  char** entries = VSIReadDirRecursive(root.c_str());
  std::vector<std::string> files;
  for (char** e = entries; e != nullptr && *e != nullptr; ++e) {
    if (IsVectorFile(*e)) files.push_back(root + "/" + *e);
  }
  CSLDestroy(entries);
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    return Status::InvalidInput("'{}' holds no GeoJSON, TopoJSON, GeoPackage or Shapefile", path);
  }
  return files;
}

// A short name for messages: the part after the archive or folder.
std::string DisplayName(const std::string& file, const std::string& path) {
  const std::string root = VirtualPath(path);
  if (file.size() > root.size() && file.starts_with(root)) return path + ":" + file.substr(root.size() + 1);
  return file;
}

const OGRSpatialReference& Wgs84() {
  static const OGRSpatialReference kWgs84 = [] {
    OGRSpatialReference srs;
    srs.SetWellKnownGeogCS("WGS84");
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
  }();
  return kWgs84;
}

struct Transform {
  std::unique_ptr<OGRCoordinateTransformation> ct;  // null: already WGS84
  std::string crs_name;
};

// The transformation from a layer's coordinate system to WGS84; `driver` decides what a missing one means.
Result<Transform> TransformFor(const OGRSpatialReference* layer_srs, std::string_view driver,
                               const std::string& assume_crs, const std::string& where) {
  OGRSpatialReference source;
  if (layer_srs != nullptr) {
    source = *layer_srs;
  } else if (!assume_crs.empty()) {
    if (source.SetFromUserInput(assume_crs.c_str()) != OGRERR_NONE) {
      return Status::InvalidArgument("unknown coordinate system '{}'", assume_crs);
    }
  } else if (driver == "GeoJSON" || driver == "TopoJSON") {
    source = Wgs84();  // both formats are WGS84 longitude/latitude unless they say otherwise
  } else {
    return Status::InvalidInput(
        "{}: the file does not say its coordinate system (unknown projection); give it, e.g. --crs EPSG:27700 "
        "for British National Grid",
        where);
  }
  source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  Transform t;
  const char* name = source.GetName();
  t.crs_name = name != nullptr ? name : "unnamed";
  if (const char* code = source.GetAuthorityCode(nullptr); code != nullptr && source.GetAuthorityName(nullptr)) {
    t.crs_name = fmt::format("{}:{}", source.GetAuthorityName(nullptr), code);
  }
  if (source.IsSame(&Wgs84())) return t;
  t.ct.reset(OGRCreateCoordinateTransformation(&source, &Wgs84()));
  if (!t.ct) return Status::InvalidInput("{}: no transformation from {} to WGS84", where, t.crs_name);
  return t;
}

bool IsPolygonal(const OGRGeometry* g) {
  const OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());
  return type == wkbPolygon || type == wkbMultiPolygon;
}

std::string ToWkb(const OGRGeometry& g) {
  std::string wkb(static_cast<std::size_t>(g.WkbSize()), '\0');
  g.exportToWkb(wkbNDR, reinterpret_cast<unsigned char*>(wkb.data()), wkbVariantIso);
  return wkb;
}

Result<GeometryPtr> FromWkb(std::string_view wkb) {
  OGRGeometry* g = nullptr;
  if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size()) != OGRERR_NONE || g == nullptr) {
    return Status::Internal("stored geometry is not valid WKB ({} bytes)", wkb.size());
  }
  return GeometryPtr(g);
}

// Repairs self-intersections and similar defects that some published boundaries carry, keeping polygons.
Result<GeometryPtr> Valid(GeometryPtr g) {
  if (g->IsValid()) return g;
  GeometryPtr fixed(g->MakeValid());
  if (!fixed) return Status::InvalidInput("a polygon is invalid and cannot be repaired");
  if (IsPolygonal(fixed.get())) return fixed;
  // MakeValid can return a collection with stray lines; keep its polygons.
  auto polygons = std::make_unique<OGRMultiPolygon>();
  if (const auto* collection = dynamic_cast<const OGRGeometryCollection*>(fixed.get())) {
    for (const OGRGeometry* part : *collection) {
      if (wkbFlatten(part->getGeometryType()) == wkbPolygon) polygons->addGeometry(part);
      if (wkbFlatten(part->getGeometryType()) == wkbMultiPolygon) {
        for (const OGRPolygon* p : *part->toMultiPolygon()) polygons->addGeometry(p);
      }
    }
  }
  if (polygons->IsEmpty()) return Status::InvalidInput("a polygon is invalid and cannot be repaired");
  return GeometryPtr(polygons.release());
}

bool InWgs84Range(const OGREnvelope& e) { return e.MinX >= -180 && e.MaxX <= 180 && e.MinY >= -90 && e.MaxY <= 90; }

Result<std::pair<double, double>> PointOnSurface(const OGRGeometry& g) {
  OGRGeometryH point = OGR_G_PointOnSurface(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(&g)));
  if (point == nullptr) return Status::InvalidInput("no point on the surface of a polygon");
  const std::pair<double, double> xy{OGR_G_GetX(point, 0), OGR_G_GetY(point, 0)};
  OGR_G_DestroyGeometry(point);
  return xy;
}

}  // namespace

MemoryFile::MemoryFile(const std::string& name, std::string_view bytes) : path_("/vsimem/nrs/" + name) {
  EnsureGdal();
  // GDAL reads the caller's bytes in place (no copy, not taken over).
  VSILFILE* f = VSIFileFromMemBuffer(path_.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(bytes.data())),
                                     static_cast<vsi_l_offset>(bytes.size()), FALSE);
  if (f != nullptr) VSIFCloseL(f);
}

MemoryFile::~MemoryFile() { VSIUnlink(path_.c_str()); }

Result<Boundaries> ReadBoundaries(const std::string& path, const BoundaryReadOptions& options) {
  EnsureGdal();
  GdalErrors errors;
  NRS_ASSIGN_OR_RETURN(const std::vector<std::string> files, ListFiles(path));
  DiagnosticList problems(path);
  Boundaries out;
  std::optional<geo::AreaType> type = options.area_type;
  std::unordered_map<std::string, std::string> seen;  // code → where
  for (const std::string& file : files) {
    const std::string name = DisplayName(file, path);
    GDALDatasetUniquePtr ds(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) {
      problems.Add({name, 0, "", fmt::format("cannot be read as a vector file: {}", errors.Last())});
      continue;
    }
    ++out.files;
    const std::string driver = ds->GetDriver() != nullptr ? ds->GetDriver()->GetDescription() : "";
    for (OGRLayer* layer : ds->GetLayers()) {
      const std::string where = fmt::format("{} (layer {})", name, layer->GetName());
      auto transform = TransformFor(layer->GetSpatialRef(), driver, options.assume_crs, where);
      if (!transform.ok()) {
        problems.Add({name, 0, "", std::string(transform.status().message())});
        continue;
      }
      if (out.source_crs.empty()) out.source_crs = transform->crs_name;
      OGRFeatureDefn* defn = layer->GetLayerDefn();
      int code_field = -1;
      int name_field = -1;
      std::optional<geo::AreaType> field_type;
      for (int f = 0; f < defn->GetFieldCount(); ++f) {
        const std::string field = defn->GetFieldDefn(f)->GetNameRef();
        if (!options.code_field.empty()) {
          if (field == options.code_field) code_field = f;
          continue;
        }
        if (const auto t = geo::AreaTypeFromCodeHeader(field); t && code_field < 0) {
          code_field = f;
          field_type = t;
        }
      }
      if (code_field < 0) {
        problems.Add({name, 0, options.code_field,
                      options.code_field.empty() ? "no area code property (such as LSOA11CD); name it with --code-field"
                                                 : "no such property"});
        continue;
      }
      if (field_type) {
        if (type && *type != *field_type) {
          problems.Add({name, 0, defn->GetFieldDefn(code_field)->GetNameRef(),
                        fmt::format("holds {} codes, but {} were expected (wrong vintage or type)", field_type->Key(),
                                    type->Key())});
          continue;
        }
        type = field_type;
      }
      if (!type) {
        problems.Add({name, 0, defn->GetFieldDefn(code_field)->GetNameRef(),
                      "the property's name does not say which area type it holds; give --area-type"});
        continue;
      }
      for (int f = 0; f < defn->GetFieldCount(); ++f) {
        const auto t = geo::AreaTypeFromNameHeader(defn->GetFieldDefn(f)->GetNameRef());
        if (t && *t == *type) name_field = f;
      }
      std::int64_t number = 0;
      for (auto& feature : *layer) {
        ++number;
        const std::string column = fmt::format("feature {}", number);
        const std::string code(core::Trim(feature->GetFieldAsString(code_field)));
        if (!type->CodeMatches(code)) {
          problems.Add({name, 0, column,
                        fmt::format("'{}' is not a {} code (expected {})", code, type->Name(), type->CodePattern())});
          continue;
        }
        const OGRGeometry* source = feature->GetGeometryRef();
        if (source == nullptr || !IsPolygonal(source)) {
          problems.Add({name, 0, column, fmt::format("{} has no polygon", code)});
          continue;
        }
        GeometryPtr g(source->clone());
        if (transform->ct && g->transform(transform->ct.get()) != OGRERR_NONE) {
          problems.Add({name, 0, column, fmt::format("{} cannot be reprojected to WGS84: {}", code, errors.Last())});
          continue;
        }
        OGREnvelope box;
        g->getEnvelope(&box);
        if (!InWgs84Range(box)) {
          problems.Add({name, 0, column,
                        fmt::format("{} lies outside longitude/latitude range ({:.0f}, {:.0f}): the file's "
                                    "coordinate system is not what it says (British National Grid? give --crs)",
                                    code, box.MinX, box.MinY)});
          continue;
        }
        auto valid = Valid(std::move(g));
        if (!valid.ok()) {
          problems.Add({name, 0, column, fmt::format("{}: {}", code, valid.status().message())});
          continue;
        }
        const auto anchor = PointOnSurface(**valid);
        if (!anchor.ok()) {
          problems.Add({name, 0, column, fmt::format("{}: {}", code, anchor.status().message())});
          continue;
        }
        if (const auto [it, inserted] = seen.emplace(code, fmt::format("{} {}", name, column)); !inserted) {
          problems.Add({name, 0, column, fmt::format("{} appears twice (also {})", code, it->second)});
          continue;
        }
        BoundaryFeature bf;
        bf.code = code;
        bf.name = name_field >= 0 ? feature->GetFieldAsString(name_field) : "";
        bf.wkb = ToWkb(**valid);
        bf.box = {box.MinX, box.MinY, box.MaxX, box.MaxY};
        bf.anchor_x = anchor->first;
        bf.anchor_y = anchor->second;
        bf.file = name;
        bf.feature = number;
        out.features.push_back(std::move(bf));
      }
    }
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  if (out.features.empty()) return Status::InvalidInput("{}: no boundaries found", path);
  out.area_type = *type;
  return out;
}

Result<std::string> ReadOutline(const std::string& path, const std::string& assume_crs) {
  EnsureGdal();
  GdalErrors errors;
  NRS_ASSIGN_OR_RETURN(const std::vector<std::string> files, ListFiles(path));
  std::vector<std::string> polygons;
  for (const std::string& file : files) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) return Status::InvalidInput("{}: cannot be read as a vector file: {}", path, errors.Last());
    const std::string driver = ds->GetDriver() != nullptr ? ds->GetDriver()->GetDescription() : "";
    for (OGRLayer* layer : ds->GetLayers()) {
      NRS_ASSIGN_OR_RETURN(Transform t, TransformFor(layer->GetSpatialRef(), driver, assume_crs, path));
      for (auto& feature : *layer) {
        const OGRGeometry* source = feature->GetGeometryRef();
        if (source == nullptr || !IsPolygonal(source)) continue;
        GeometryPtr g(source->clone());
        if (t.ct && g->transform(t.ct.get()) != OGRERR_NONE) {
          return Status::InvalidInput("{}: cannot be reprojected to WGS84: {}", path, errors.Last());
        }
        OGREnvelope box;
        g->getEnvelope(&box);
        if (!InWgs84Range(box)) {
          return Status::InvalidInput("{}: coordinates outside longitude/latitude range; give the file's --crs", path);
        }
        polygons.push_back(ToWkb(*g));
      }
    }
  }
  if (polygons.empty()) return Status::InvalidInput("{}: no polygon found", path);
  return UnionOf(polygons);
}

Result<std::string> UnionOf(std::span<const std::string> polygons) {
  EnsureGdal();
  GdalErrors errors;
  OGRMultiPolygon parts;
  for (const std::string& wkb : polygons) {
    NRS_ASSIGN_OR_RETURN(GeometryPtr g, FromWkb(wkb));
    NRS_ASSIGN_OR_RETURN(g, Valid(std::move(g)));
    const OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());
    if (type == wkbPolygon) {
      parts.addGeometry(g.get());
    } else if (type == wkbMultiPolygon) {
      for (const OGRPolygon* p : *g->toMultiPolygon()) parts.addGeometry(p);
    } else {
      return Status::InvalidArgument("only polygons can be joined");
    }
  }
  if (parts.IsEmpty()) return Status::InvalidArgument("nothing to join");
  GeometryPtr joined(parts.UnionCascaded());
  if (!joined) return Status::Internal("the union of {} polygons failed: {}", polygons.size(), errors.Last());
  NRS_ASSIGN_OR_RETURN(joined, Valid(std::move(joined)));
  return ToWkb(*joined);
}

struct PolygonTest::Impl {
  GeometryPtr geometry;
  OGRPreparedGeometryH prepared = nullptr;
  ~Impl() {
    if (prepared != nullptr) OGRDestroyPreparedGeometry(prepared);
  }
};

PolygonTest::PolygonTest(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PolygonTest::PolygonTest(PolygonTest&&) noexcept = default;
PolygonTest& PolygonTest::operator=(PolygonTest&&) noexcept = default;
PolygonTest::~PolygonTest() = default;

Result<PolygonTest> PolygonTest::Make(const std::string& wkb) {
  EnsureGdal();
  auto impl = std::make_unique<Impl>();
  NRS_ASSIGN_OR_RETURN(impl->geometry, FromWkb(wkb));
  impl->prepared = OGRCreatePreparedGeometry(OGRGeometry::ToHandle(impl->geometry.get()));
  if (impl->prepared == nullptr) return Status::Internal("cannot prepare a polygon for point tests");
  return PolygonTest(std::move(impl));
}

bool PolygonTest::Contains(double x, double y) const {
  OGRPoint point(x, y);
  return OGRPreparedGeometryContains(impl_->prepared, OGRGeometry::ToHandle(&point)) != 0;
}

Result<std::pair<double, double>> ToWgs84(double x, double y, const std::string& crs) {
  EnsureGdal();
  GdalErrors errors;
  NRS_ASSIGN_OR_RETURN(Transform t, TransformFor(nullptr, "", crs, crs));
  if (t.ct && !t.ct->Transform(1, &x, &y))
    return Status::InvalidInput("({}, {}) cannot be reprojected from {}", x, y, crs);
  return std::pair{x, y};
}

Result<Box> EnvelopeOf(const std::string& wkb) {
  NRS_ASSIGN_OR_RETURN(GeometryPtr g, FromWkb(wkb));
  OGREnvelope e;
  g->getEnvelope(&e);
  return Box{e.MinX, e.MinY, e.MaxX, e.MaxY};
}

Result<std::string> GeometryToGeoJson(const std::string& wkb, int decimals) {
  EnsureGdal();
  NRS_ASSIGN_OR_RETURN(GeometryPtr g, FromWkb(wkb));
  const std::string precision = fmt::format("COORDINATE_PRECISION={}", decimals);
  char* options[] = {const_cast<char*>(precision.c_str()), nullptr};
  char* json = OGR_G_ExportToJsonEx(OGRGeometry::ToHandle(g.get()), options);
  if (json == nullptr) return Status::Internal("cannot write a geometry as GeoJSON");
  // GDAL pads its brackets with spaces ("[ -2.5, 53.4 ]"); a geometry's JSON has no text with spaces in it (its
  // only strings are the keys and the type name), so they go: a third less to send for a map of small areas.
  std::string out;
  out.reserve(std::strlen(json));
  for (const char* c = json; *c != '\0'; ++c) {
    if (*c != ' ') out += *c;
  }
  CPLFree(json);
  return out;
}

Result<std::string> FeatureCollectionJson(std::span<const OutputFeature> features, int decimals) {
  // Geometries arrive as GeoJSON text: the document is assembled around them rather than parsed and re-written.
  std::string out = R"({"type":"FeatureCollection","features":[)";
  out.reserve(features.size() * 1024);
  for (std::size_t i = 0; i < features.size(); ++i) {
    nlohmann::ordered_json properties = nlohmann::ordered_json::object();
    for (const auto& [key, value] : features[i].properties) properties[key] = CellJson(value);
    NRS_ASSIGN_OR_RETURN(const std::string geometry, GeometryToGeoJson(features[i].wkb, decimals));
    if (i > 0) out += ',';
    out += R"({"type":"Feature","properties":)";
    out += properties.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    out += R"(,"geometry":)";
    out += geometry;
    out += '}';
  }
  out += "]}";
  return out;
}

Status WriteFeatures(const std::string& path, const std::string& layer_name, std::span<const OutputFeature> features) {
  EnsureGdal();
  GdalErrors errors;
  const char* driver_name = nullptr;
  if (HasSuffix(path, ".gpkg")) driver_name = "GPKG";
  if (HasSuffix(path, ".geojson") || HasSuffix(path, ".json")) driver_name = "GeoJSON";
  if (driver_name == nullptr) {
    return Status::InvalidArgument("'{}': write .gpkg (GeoPackage) or .geojson (GeoJSON)", path);
  }
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
  if (driver == nullptr) return Status::Internal("GDAL has no {} driver", driver_name);
  const std::string temp = path + ".tmp" + (HasSuffix(path, ".gpkg") ? ".gpkg" : ".geojson");
  std::remove(temp.c_str());
  {
    GDALDatasetUniquePtr ds(driver->Create(temp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) return Status::IoError("cannot create '{}': {}", path, errors.Last());
    OGRSpatialReference srs = Wgs84();
    OGRLayer* layer = ds->CreateLayer(layer_name.c_str(), &srs, wkbMultiPolygon, nullptr);
    if (layer == nullptr) return Status::IoError("cannot create a layer in '{}': {}", path, errors.Last());
    if (!features.empty()) {
      for (const auto& [key, cell] : features.front().properties) {
        OGRFieldType type = OFTString;
        if (std::holds_alternative<std::int64_t>(cell)) type = OFTInteger64;
        if (std::holds_alternative<double>(cell)) type = OFTReal;
        OGRFieldDefn field(key.c_str(), type);
        if (layer->CreateField(&field) != OGRERR_NONE)
          return Status::IoError("cannot add field {}: {}", key, errors.Last());
      }
    }
    for (const OutputFeature& f : features) {
      OGRFeature feature(layer->GetLayerDefn());
      for (const auto& [key, cell] : f.properties) {
        if (const auto* i = std::get_if<std::int64_t>(&cell)) feature.SetField(key.c_str(), static_cast<GIntBig>(*i));
        if (const auto* d = std::get_if<double>(&cell); d != nullptr && std::isfinite(*d))
          feature.SetField(key.c_str(), *d);
        if (const auto* s = std::get_if<std::string>(&cell)) feature.SetField(key.c_str(), s->c_str());
      }
      NRS_ASSIGN_OR_RETURN(GeometryPtr g, FromWkb(f.wkb));
      GeometryPtr multi(OGRGeometryFactory::forceToMultiPolygon(g.release()));
      feature.SetGeometryDirectly(multi.release());
      if (layer->CreateFeature(&feature) != OGRERR_NONE)
        return Status::IoError("cannot write a feature: {}", errors.Last());
    }
  }  // closing the dataset flushes it
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    return Status::IoError("cannot move the export into place at '{}'", path);
  }
  return Status::Ok();
}

}  // namespace nrs::io
