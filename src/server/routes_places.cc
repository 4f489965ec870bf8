// Places and small-area evidence: neighbourhoods (with their boundaries as GeoJSON), profiles, the indicator
// catalogue, areas; imports as jobs.

#include <filesystem>

#include "nrs/places.h"
#include "server/replies.h"
#include "server/request_files.h"
#include "server/state.h"

namespace nrs::server {
namespace {

using core::CellType;

const std::vector<core::TableColumn> kNeighbourhoodColumns = {
    {"name", CellType::kText},       {"slug", CellType::kText},       {"class", CellType::kText},
    {"council", CellType::kText},    {"lsoas", CellType::kInteger},   {"population", CellType::kInteger},
    {"definition", CellType::kText}, {"description", CellType::kText}};

Json FeatureCollectionSchema() {
  return schema::Object({{"type", schema::Enum({"FeatureCollection"})},
                         {"features", schema::Array(schema::AnyObject("A GeoJSON feature"))}},
                        {"type", "features"});
}

Reply GeoJsonReply(std::string geojson) {
  Reply reply = Reply::Json(std::move(geojson));
  reply.content_type = "application/geo+json";
  return reply;
}

const std::vector<core::TableColumn> kAreaValueColumns = {
    {"code", CellType::kText}, {"period", CellType::kText}, {"value", CellType::kReal}};

const std::vector<core::TableColumn> kTrendColumns = {
    {"indicator_id", CellType::kText}, {"indicator_name", CellType::kText}, {"unit", CellType::kText},
    {"polarity", CellType::kText},     {"series", CellType::kText},         {"series_name", CellType::kText},
    {"period", CellType::kText},       {"value", CellType::kReal},          {"lower_95", CellType::kReal},
    {"upper_95", CellType::kReal},     {"method", CellType::kText}};

const std::vector<core::TableColumn> kProfileColumns = {{"indicator_id", CellType::kText},
                                                        {"indicator_name", CellType::kText},
                                                        {"domain", CellType::kText},
                                                        {"period", CellType::kText},
                                                        {"value", CellType::kReal},
                                                        {"lower_95", CellType::kReal},
                                                        {"upper_95", CellType::kReal},
                                                        {"lower_998", CellType::kReal},
                                                        {"upper_998", CellType::kReal},
                                                        {"method", CellType::kText},
                                                        {"unit", CellType::kText},
                                                        {"polarity", CellType::kText},
                                                        {"areas", CellType::kInteger},
                                                        {"comparator", CellType::kText},
                                                        {"comparator_type", CellType::kText},
                                                        {"comparator_code", CellType::kText},
                                                        {"comparator_value", CellType::kReal},
                                                        {"significance", CellType::kText},
                                                        {"significance_95", CellType::kText},
                                                        {"significance_998", CellType::kText}};

const std::vector<core::TableColumn> kIndicatorColumns = {
    {"key", CellType::kText},        {"name", CellType::kText},     {"domains", CellType::kText},
    {"value_type", CellType::kText}, {"polarity", CellType::kText}, {"unit", CellType::kText},
    {"periods", CellType::kText},    {"areas", CellType::kInteger}, {"source", CellType::kText}};

const std::vector<core::TableColumn> kAreaColumns = {
    {"type", CellType::kText}, {"code", CellType::kText}, {"name", CellType::kText}, {"parents", CellType::kText}};

const Parameter kNeighbourhood{"name", schema::String(), "The neighbourhood's name or slug", true, "old-swan"};

Json RowSchema(const std::vector<core::TableColumn>& columns) {
  std::vector<std::pair<std::string, Json>> properties;
  std::vector<std::string> names;
  for (const core::TableColumn& c : columns) {
    const std::string type = c.type == CellType::kText ? "string" : c.type == CellType::kInteger ? "integer" : "number";
    properties.emplace_back(c.name, schema::Nullable({{"type", type}}));
    names.push_back(c.name);
  }
  return schema::Object(properties, names);
}

Json ImportReportJson(const ImportReport& report) {
  return {{"dataset", report.dataset}, {"records", report.records}, {"notes", report.notes}};
}

// The parts every import takes from the query, and the uploaded file under the name the client gave.
template <typename Options>
Status FillImport(Call& call, std::string_view default_name, Options& options) {
  const std::string file = call.QueryOr("filename", std::string(default_name));
  NRS_ASSIGN_OR_RETURN(const std::string path, call.request().files->PathFor(file));
  std::error_code ec;
  std::filesystem::rename(call.request().body_file, path, ec);
  if (ec) return Status::IoError("cannot keep the upload: {}", ec.message());
  options.path = path;
  options.name = call.QueryOr("name", "");
  options.publisher = call.QueryOr("publisher", "");
  options.licence = call.QueryOr("licence", "");
  options.actor = call.actor();
  return Status::Ok();
}

// Queues `import` as a job and answers 202 with the job.
template <typename Options, typename ImportFn>
Result<Reply> SubmitImport(Call& call, const std::string& kind, Options options, ImportFn import) {
  App& app = call.app();
  std::shared_ptr<RequestFiles> files = call.request().files;
  const Actor actor = call.actor();
  NRS_ASSIGN_OR_RETURN(
      const std::string id,
      call.state().jobs().Submit("import." + kind, actor.user_id, actor.name,
                                 [&app, files, options, import](core::Progress& progress) mutable -> Result<Json> {
                                   options.progress = &progress;
                                   auto report = import(app, options);
                                   if (!report.ok()) return files->Scrub(report.status());
                                   return ImportReportJson(*report);
                                 }));
  const auto job = call.state().jobs().Get(id);
  Reply reply = Reply::Json(job->ToJson().dump(), 202);
  reply.headers.emplace_back("Location", "/api/v1/jobs/" + id);
  return reply;
}

std::vector<Parameter> ImportParameters(std::string_view default_name) {
  return {{"filename", schema::String("", 100),
           fmt::format("The file's name, ending in its type (default {}); messages name the file by it", default_name),
           false, ""},
          {"name", schema::String("", 200), "The dataset's name in the database (default: the file name)", false, ""},
          {"publisher", schema::String("", 200), "Who published the data (recorded as provenance)", false, ""},
          {"licence", schema::String("", 200), "Its licence, e.g. OGL v3 (recorded as provenance)", false, ""}};
}

Route ImportRoute(std::string kind, std::string summary, std::string media, const std::string& default_name) {
  Route r;
  r.method = Method::kPost;
  r.path = "/api/v1/imports/" + kind;
  r.operation_id = "import" + std::string(1, static_cast<char>(std::toupper(kind[0]))) + kind.substr(1);
  r.tag = "imports";
  r.summary = std::move(summary);
  r.description =
      "The request's body is the file itself. The import runs as a job (202, Location: the job); the job's result "
      "names the dataset and what changed, or its error lists each problem of the file as file:line: column: "
      "reason. An import is one transaction: stored whole, or not at all.";
  r.permission = Permission::kImportData;
  r.query = ImportParameters(default_name);
  r.body = BodyKind::kUpload;
  r.upload_media = std::move(media);
  r.status = 202;
  r.response_schema = JobSchema();
  r.errors = {ErrorCode::kIoError};
  return r;
}

}  // namespace

void AddPlacesRoutes(std::vector<Route>& routes) {
  {
    Route r;
    r.path = "/api/v1/neighbourhoods";
    r.operation_id = "listNeighbourhoods";
    r.tag = "places";
    r.summary = "list the neighbourhoods";
    r.response_schema = schema::Table(kNeighbourhoodColumns, true);
    r.paginated = true;
    r.caching = Caching::kByDataVersion;
    r.handler = [](Call& call) -> Result<Reply> {
      NRS_ASSIGN_OR_RETURN(auto table,
                           call.KeptTable("neighbourhoods", [&] { return ListNeighbourhoods(call.app()); }));
      return call.Table(table);
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.method = Method::kPost;
    r.path = "/api/v1/neighbourhoods";
    r.operation_id = "addNeighbourhood";
    r.tag = "places";
    r.summary = "define a neighbourhood";
    r.description =
        "From ward (2019) codes, LSOA (2011) codes, or an outline (a GeoJSON geometry, feature or feature "
        "collection): exactly one of wards, lsoas and outline.";
    r.permission = Permission::kEditNeighbourhoods;
    r.body = BodyKind::kJson;
    r.body_limit = std::size_t{16} << 20;
    r.request_schema = schema::Object(
        {{"name", schema::String("Its name, e.g. Old Swan", 200)},
         {"wards", schema::Array(schema::String("", 20), "Ward (2019) codes; their LSOAs through the lookup", 1000)},
         {"lsoas", schema::Array(schema::String("", 20), "LSOA (2011) codes", 10000)},
         {"outline", schema::AnyObject("A drawn outline as GeoJSON: the LSOAs whose centroid lies inside")},
         {"crs", schema::String("Coordinate system of the outline when it does not say, e.g. EPSG:27700", 100)},
         {"class", schema::Enum({"programme", "comparison", "better_off"})},
         {"council", schema::String("Council code (default: the council of most of its LSOAs)", 20)},
         {"description", schema::String("", 2000)},
         {"comparison", schema::String("Its comparison area (another neighbourhood's name)", 200)}},
        {"name"});
    r.status = 201;
    r.response_schema = schema::Object({{"name", schema::String()},
                                        {"slug", schema::String()},
                                        {"class", schema::String()},
                                        {"council", schema::String()},
                                        {"lsoas", schema::Integer()},
                                        {"population", schema::Number()},
                                        {"boundary", schema::Boolean()}},
                                       {"name", "slug", "class", "council", "lsoas", "population", "boundary"});
    r.errors = {ErrorCode::kAlreadyExists, ErrorCode::kIoError};
    r.handler = [](Call& call) -> Result<Reply> {
      const Json& b = call.body();
      NeighbourhoodOptions o;
      o.name = b.value("name", "");
      o.wards = b.value("wards", std::vector<std::string>{});
      o.lsoas = b.value("lsoas", std::vector<std::string>{});
      o.crs = b.value("crs", "");
      o.klass = b.value("class", "programme");
      o.council = b.value("council", "");
      o.description = b.value("description", "");
      o.comparison = b.value("comparison", "");
      o.actor = call.actor();
      std::shared_ptr<RequestFiles> files;
      if (b.contains("outline")) {
        NRS_ASSIGN_OR_RETURN(files, RequestFiles::Create(call.state().options().upload_dir));
        NRS_ASSIGN_OR_RETURN(o.polygon, files->Write("outline.geojson", b["outline"].dump()));
      }
      auto added = AddNeighbourhood(call.app(), o);
      if (!added.ok()) return files ? files->Scrub(added.status()) : added.status();
      const NeighbourhoodSummary& s = *added;
      Reply reply = Reply::Json(Json{{"name", s.name},
                                     {"slug", s.slug},
                                     {"class", s.klass},
                                     {"council", s.council},
                                     {"lsoas", s.lsoas},
                                     {"population", s.population},
                                     {"boundary", s.boundary}}
                                    .dump(),
                                201);
      reply.headers.emplace_back("Location", "/api/v1/neighbourhoods/" + s.slug);
      return reply;
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/neighbourhoods/{name}";
    r.operation_id = "getNeighbourhood";
    r.tag = "places";
    r.summary = "describe a neighbourhood";
    r.path_parameters = {kNeighbourhood};
    r.response_schema = RowSchema(kNeighbourhoodColumns);
    r.errors = {ErrorCode::kNotFound};
    r.caching = Caching::kByDataVersion;
    r.handler = [](Call& call) -> Result<Reply> {
      NRS_ASSIGN_OR_RETURN(const core::Table table, GetNeighbourhood(call.app(), call.Path("name")));
      return Reply::Json(RowJson(table, 0).dump());
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/neighbourhoods/{name}/profile";
    r.operation_id = "getProfile";
    r.tag = "places";
    r.summary = "profile a neighbourhood";
    r.description =
        "Each indicator (latest period) over the neighbourhood's small areas, with 95% and 99.8% "
        "intervals where the value type allows, against its council, region, England and comparison "
        "area: one row per indicator measure and comparator.";
    r.path_parameters = {kNeighbourhood};
    r.query = {{"domain", schema::Array(schema::String()), "Only indicators of these framework domains", false, ""},
               {"indicator", schema::Array(schema::String()), "Only these indicator keys", false, ""}};
    r.response_schema = schema::Table(kProfileColumns, false);
    r.errors = {ErrorCode::kNotFound};
    r.caching = Caching::kByDataVersion;
    r.handler = [](Call& call) -> Result<Reply> {
      ProfileOptions o;
      o.neighbourhood = call.Path("name");
      o.domains = call.QueryList("domain");
      o.indicators = call.QueryList("indicator");
      NRS_ASSIGN_OR_RETURN(core::Table table, Profile(call.app(), o));
      return call.Table(std::move(table));
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/neighbourhoods/{name}/trends";
    r.operation_id = "getTrends";
    r.tag = "places";
    r.summary = "a neighbourhood's trends";
    r.description =
        "Every indicator measured in more than one period: each period's value with its 95% interval, for the "
        "neighbourhood and for each comparator that has the value in that period. Oldest period first.";
    r.path_parameters = {kNeighbourhood};
    r.query = {{"indicator", schema::Array(schema::String()), "Only these indicator keys", false, ""}};
    r.response_schema = schema::Table(kTrendColumns, false);
    r.errors = {ErrorCode::kNotFound};
    r.caching = Caching::kByDataVersion;
    r.handler = [](Call& call) -> Result<Reply> {
      TrendOptions o;
      o.neighbourhood = call.Path("name");
      o.indicators = call.QueryList("indicator");
      NRS_ASSIGN_OR_RETURN(core::Table table, Trends(call.app(), o));
      return call.Table(std::move(table));
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/neighbourhoods/{name}/boundary";
    r.operation_id = "getBoundary";
    r.tag = "places";
    r.summary = "map a neighbourhood";
    r.description =
        "The neighbourhood's outline (and, with areas=true, each of its small areas) as a GeoJSON "
        "FeatureCollection in WGS84 longitude/latitude.";
    r.path_parameters = {kNeighbourhood};
    r.query = {
        {"areas", schema::Boolean(), "Also each small area", false, ""},
        {"decimals", schema::Integer("", 0, 15), "Decimals of the coordinates (default 6, about 0.1 m)", false, ""}};
    r.response_media = "application/geo+json";
    r.response_schema = FeatureCollectionSchema();
    r.errors = {ErrorCode::kNotFound};
    r.caching = Caching::kByDataVersion;
    r.handler = [](Call& call) -> Result<Reply> {
      GeoJsonOptions o;
      o.neighbourhood = call.Path("name");
      o.with_areas = call.QueryBool("areas", false);
      o.decimals = static_cast<int>(call.QueryInt("decimals", 6));
      NRS_ASSIGN_OR_RETURN(std::string geojson, NeighbourhoodGeoJson(call.app(), o));
      return GeoJsonReply(std::move(geojson));
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/indicators";
    r.operation_id = "listIndicators";
    r.tag = "places";
    r.summary = "list the indicator catalogue";
    r.response_schema = schema::Table(kIndicatorColumns, true);
    r.paginated = true;
    r.caching = Caching::kByDataVersion;
    r.handler = [](Call& call) -> Result<Reply> {
      NRS_ASSIGN_OR_RETURN(auto table, call.KeptTable("indicators", [&] { return ListIndicators(call.app()); }));
      return call.Table(table);
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/areas";
    r.operation_id = "listAreas";
    r.tag = "places";
    r.summary = "list the areas of the geography";
    r.query = {{"type", schema::String("", 20), "Only this area type, e.g. lad19, wd19, lsoa11", false, ""}};
    r.response_schema = schema::Table(kAreaColumns, true);
    r.paginated = true;
    r.caching = Caching::kByDataVersion;
    r.handler = [](Call& call) -> Result<Reply> {
      const std::string type = call.QueryOr("type", "");
      NRS_ASSIGN_OR_RETURN(auto table, call.KeptTable("areas:" + type, [&] { return ListAreas(call.app(), type); }));
      return call.Table(table);
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/areas/boundaries";
    r.operation_id = "getAreaBoundaries";
    r.tag = "places";
    r.summary = "map every area of a type";
    r.description =
        "Every area of the type that has a boundary, as a GeoJSON FeatureCollection in WGS84 longitude/latitude "
        "with code, name, council, council_name and a point inside each (anchor_lon, anchor_lat): the overview "
        "map's small areas (lsoa11) and council "
        "outlines (lad19). Colour them with /api/v1/areas/values.";
    r.query = {
        {"type", schema::String("", 20), "Area type, e.g. lsoa11 (default) or lad19", false, ""},
        {"decimals", schema::Integer("", 0, 15), "Decimals of the coordinates (default 5, about 1 m)", false, ""}};
    r.response_media = "application/geo+json";
    r.response_schema = FeatureCollectionSchema();
    r.caching = Caching::kByDataVersion;
    r.handler = [](Call& call) -> Result<Reply> {
      AreaMapOptions o;
      o.type = call.QueryOr("type", o.type);
      o.decimals = static_cast<int>(call.QueryInt("decimals", o.decimals));
      NRS_ASSIGN_OR_RETURN(std::string geojson, AreasGeoJson(call.app(), o));
      return GeoJsonReply(std::move(geojson));
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/areas/values";
    r.operation_id = "getAreaValues";
    r.tag = "places";
    r.summary = "one indicator in every area";
    r.description =
        "The indicator's value in each area of the type (by default only those with a boundary, as the map "
        "draws them), ordered by code. Computed shares and rates are computed per area.";
    r.query = {{"indicator", schema::String("", 200), "The indicator's key in the catalogue", true, "imd2019-score"},
               {"type", schema::String("", 20), "Area type (default lsoa11)", false, ""},
               {"period", schema::String("", 50), "Period (default: the latest)", false, ""},
               {"mapped", schema::Boolean(), "Only areas with a boundary (default true)", false, ""}};
    // Not paginated: a map colours every area at once (4,497 North West LSOAs: about 230 kB, 50 kB gzipped).
    r.response_schema = schema::Table(kAreaValueColumns, false);
    r.errors = {ErrorCode::kNotFound};
    r.caching = Caching::kByDataVersion;
    r.handler = [](Call& call) -> Result<Reply> {
      AreaValuesOptions o;
      o.indicator = call.QueryOr("indicator", "");
      o.type = call.QueryOr("type", o.type);
      o.period = call.QueryOr("period", "");
      o.mapped_only = call.QueryBool("mapped", true);
      const std::string key = fmt::format("area-values:{}:{}:{}:{}", o.indicator, o.type, o.period, o.mapped_only);
      NRS_ASSIGN_OR_RETURN(auto table, call.KeptTable(key, [&] { return AreaValues(call.app(), o); }));
      return call.Table(table);
    };
    routes.push_back(std::move(r));
  }

  // Imports, one route per kind of file.
  {
    Route r = ImportRoute("lookup", "import areas and how they nest, from an ONS lookup",
                          "An ONS lookup CSV (LSOA11CD, WD19CD, LAD19CD …), plain or gzip", "lookup.csv");
    r.handler = [](Call& call) -> Result<Reply> {
      ImportOptions o;
      NRS_RETURN_IF_ERROR(FillImport(call, "lookup.csv", o));
      return SubmitImport(call, "lookup", o, &ImportLookup);
    };
    routes.push_back(std::move(r));
  }
  {
    Route r = ImportRoute("population", "import population by sex and age band",
                          "A population CSV (age_0_4 … age_90_plus columns), plain or gzip", "population.csv");
    r.query.push_back({"period", schema::String("", 50), "The estimates' period, e.g. mid-2019", true, ""});
    r.handler = [](Call& call) -> Result<Reply> {
      PopulationImportOptions o;
      NRS_RETURN_IF_ERROR(FillImport(call, "population.csv", o));
      o.period = call.QueryOr("period", "");
      return SubmitImport(call, "population", o, &ImportPopulation);
    };
    routes.push_back(std::move(r));
  }
  {
    Route r = ImportRoute("boundaries", "import area boundaries",
                          "GeoJSON, TopoJSON, GeoPackage or a .zip/.tar.gz of them (or of a Shapefile)",
                          "boundaries.geojson");
    r.query.push_back(
        {"code_field", schema::String("", 100), "Property holding the area code (default: e.g. LSOA11CD)", false, ""});
    r.query.push_back(
        {"area_type", schema::String("", 20), "Area type when the property's name does not say", false, ""});
    r.query.push_back({"crs", schema::String("", 100), "Coordinate system of files that do not say", false, ""});
    r.handler = [](Call& call) -> Result<Reply> {
      BoundaryImportOptions o;
      NRS_RETURN_IF_ERROR(FillImport(call, "boundaries.geojson", o));
      o.code_field = call.QueryOr("code_field", "");
      o.area_type = call.QueryOr("area_type", "");
      o.crs = call.QueryOr("crs", "");
      return SubmitImport(call, "boundaries", o, &ImportBoundaries);
    };
    routes.push_back(std::move(r));
  }
  {
    Route r = ImportRoute("centroids", "import population-weighted centroids",
                          "A CSV of area code, x and y (or lon/lat)", "centroids.csv");
    r.query.push_back({"area_type", schema::String("", 20), "Area type of the codes (default lsoa11)", false, ""});
    r.query.push_back({"crs", schema::String("", 100), "Coordinate system of x and y (default EPSG:4326)", false, ""});
    r.handler = [](Call& call) -> Result<Reply> {
      CentroidImportOptions o;
      NRS_RETURN_IF_ERROR(FillImport(call, "centroids.csv", o));
      o.area_type = call.QueryOr("area_type", o.area_type);
      o.crs = call.QueryOr("crs", o.crs);
      return SubmitImport(call, "centroids", o, &ImportCentroids);
    };
    routes.push_back(std::move(r));
  }
  {
    Route r = ImportRoute("catalogue", "import indicator definitions",
                          "A catalogue CSV (key, name, domains, value_type, polarity …)", "catalogue.csv");
    r.handler = [](Call& call) -> Result<Reply> {
      ImportOptions o;
      NRS_RETURN_IF_ERROR(FillImport(call, "catalogue.csv", o));
      return SubmitImport(call, "catalogue", o, &ImportCatalogue);
    };
    routes.push_back(std::move(r));
  }
  {
    Route r = ImportRoute("indicators", "import indicator values",
                          "A CSV of values, wide (one column per indicator) or long (area_code, indicator, value)",
                          "indicators.csv");
    r.query.push_back(
        {"layout", schema::Enum({"auto", "wide", "long"}), "The file's layout (default auto)", false, ""});
    r.query.push_back(
        {"period", schema::String("", 50), "Period of the values (overrides the catalogue's)", false, ""});
    r.query.push_back(
        {"area_type", schema::String("", 20), "Area type when the code column's header does not say", false, ""});
    r.query.push_back(
        {"source", schema::String("", 200), "Source recorded on indicators new to the catalogue", false, ""});
    r.handler = [](Call& call) -> Result<Reply> {
      IndicatorImportOptions o;
      NRS_RETURN_IF_ERROR(FillImport(call, "indicators.csv", o));
      o.layout = call.QueryOr("layout", "auto");
      o.period = call.QueryOr("period", "");
      o.area_type = call.QueryOr("area_type", "");
      o.source = call.QueryOr("source", "");
      return SubmitImport(call, "indicators", o, &ImportIndicators);
    };
    routes.push_back(std::move(r));
  }
}

}  // namespace nrs::server
