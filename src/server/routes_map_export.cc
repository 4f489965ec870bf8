// A neighbourhood's stored actor or factor map itself — its ties and nodes as `nrs map export` writes them — for
// the web application to draw, and to download as CSV, GraphML or GEXF.

#include <fstream>
#include <sstream>

#include "nrs/system_maps.h"
#include "server/replies.h"
#include "server/request_files.h"
#include "server/state.h"

namespace nrs::server {
namespace {

Result<std::string> ReadBack(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("the exported map could not be read back");
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

}  // namespace

void AddMapExportRoutes(std::vector<Route>& routes) {
  Route r;
  r.path = "/api/v1/neighbourhoods/{name}/maps/export";
  r.operation_id = "neighbourhoodMapExport";
  r.tag = "systems";
  r.summary = "give a neighbourhood's stored actor or factor map";
  r.description =
      "The map as `nrs map export --neighbourhood` writes it: a CSV edge table with its node table (sector, kind "
      "and role of each actor; the name and domains of each factor), GraphML or GEXF.";
  r.permission = Permission::kAnalyseMaps;
  r.scope_parameter = "name";
  r.path_parameters = {{"name", schema::String(), "The neighbourhood's name or slug", true, "central-southport"}};
  r.query = {
      {"kind", schema::Enum({"actors", "factors"}), "The actor map (default) or the causal factor map", false, ""},
      {"format", schema::Enum({"csv", "graphml", "gexf"}), "The format wanted (default csv)", false, ""},
      {"date", schema::String("YYYY-MM-DD", 10), "The map as it stood on this date (default: every tie)", false, ""}};
  r.response_schema = schema::Object({{"format", schema::String()},
                                      {"document", schema::String("The edge table, or the GraphML or GEXF document")},
                                      {"nodes", schema::Nullable(schema::String("The CSV node table (csv only)"))}},
                                     {"format", "document", "nodes"});
  r.errors = {ErrorCode::kNotFound, ErrorCode::kIoError};
  r.caching = Caching::kByDataVersion;
  r.handler = [](Call& call) -> Result<Reply> {
    const StoredMap map{call.Path("name"), call.QueryOr("date", "")};
    const MapKind kind = call.QueryOr("kind", "actors") == "factors" ? MapKind::kFactors : MapKind::kActors;
    const std::string format = call.QueryOr("format", "csv");
    NRS_ASSIGN_OR_RETURN(const auto files, RequestFiles::Create(call.state().options().upload_dir));
    MapConvertOptions o;
    NRS_ASSIGN_OR_RETURN(o.output_path, files->PathFor("map." + format));
    if (format == "csv") {
      NRS_ASSIGN_OR_RETURN(o.output_nodes_path, files->PathFor("map_nodes.csv"));
    }
    if (auto out = ExportSystemMap(call.app(), map, kind, o); !out.ok()) return files->Scrub(out.status());
    NRS_ASSIGN_OR_RETURN(const std::string document, ReadBack(o.output_path));
    Json reply = {{"format", format}, {"document", document}, {"nodes", nullptr}};
    if (!o.output_nodes_path.empty()) {
      NRS_ASSIGN_OR_RETURN(const std::string nodes, ReadBack(o.output_nodes_path));
      reply["nodes"] = nodes;
    }
    return Reply::Json(reply.dump(-1, ' ', false, Json::error_handler_t::replace));
  };
  routes.push_back(std::move(r));
}

}  // namespace nrs::server
