// System maps sent with the request (an edge table and node table as CSV text, or GraphML or GEXF): network
// measures, feedback loops, leverage, reach and paths, change between dates, and conversion between formats —
// as `nrs map …` computes them.

#include <fstream>
#include <sstream>

#include "nrs/maps.h"
#include "server/replies.h"
#include "server/request_files.h"
#include "server/state.h"

namespace nrs::server {
namespace {

Json MapProperties(std::vector<std::pair<std::string, Json>> own) {
  std::vector<std::pair<std::string, Json>> properties = {
      {"edges", schema::String("The map: a CSV edge table (source, target …), or a GraphML or GEXF document")},
      {"format", schema::Enum({"csv", "graphml", "gexf"}, "The format of edges (default csv)")},
      {"nodes", schema::String("A CSV node table (node, sector, kind …) for a CSV edge table")},
      {"nodes_complete", schema::Boolean("Every node of the edge table must have a row in the node table")},
      {"directed", schema::Boolean("CSV only: the ties are directed")}};
  for (auto& p : own) properties.push_back(std::move(p));
  return schema::Object(properties, {"edges"});
}

Json MeasureProperties() {
  return MapProperties({{"exact_betweenness_max_nodes", schema::Integer("", 1)},
                        {"betweenness_sample_sources", schema::Integer("", 1)},
                        {"seed", schema::Integer("Louvain and sampling", 0)}});
}

Json Output() {
  return schema::Object({{"table", schema::AnyTable()}, {"notes", schema::Array(schema::String())}},
                        {"table", "notes"});
}

// The map's files, named by their format (messages then say "edges.csv:12: …").
Result<MapInput> InputFrom(const Json& b, const RequestFiles& files) {
  MapInput input;
  const std::string format = b.value("format", "csv");
  NRS_ASSIGN_OR_RETURN(input.path, files.Write("edges." + format, b["edges"].get<std::string>()));
  if (b.contains("nodes")) {
    NRS_ASSIGN_OR_RETURN(input.nodes_path, files.Write("nodes.csv", b["nodes"].get<std::string>()));
  }
  input.nodes_complete = b.value("nodes_complete", false);
  input.directed = b.value("directed", false);
  return input;
}

MapMeasuresOptions MeasuresFrom(const Json& b, MapInput input) {
  MapMeasuresOptions o;
  o.input = std::move(input);
  // One thread a request: betweenness would otherwise take every core from the other requests.
  o.threads = 1;
  o.exact_betweenness_max_nodes = b.value("exact_betweenness_max_nodes", o.exact_betweenness_max_nodes);
  o.betweenness_sample_sources = b.value("betweenness_sample_sources", o.betweenness_sample_sources);
  o.seed = b.value("seed", o.seed);
  return o;
}

Reply OutputReply(const MapOutput& out) {
  std::string body =
      R"({"table":)" + TableJson(out.table, 0, std::nullopt) + R"(,"notes":)" + Json(out.notes).dump() + "}";
  return Reply::Json(std::move(body));
}

using MapFn = std::function<Result<MapOutput>(const Json& body, MapInput input)>;

Route MapRoute(const std::string& name, std::string summary, std::string description, Json body, MapFn run) {
  Route r;
  r.method = Method::kPost;
  r.path = "/api/v1/maps/" + name;
  r.operation_id = "map" + std::string(1, static_cast<char>(std::toupper(name[0]))) + name.substr(1);
  r.tag = "maps";
  r.summary = std::move(summary);
  r.description = std::move(description);
  r.permission = Permission::kAnalyseMaps;
  r.body = BodyKind::kJson;
  r.body_limit = std::size_t{32} << 20;
  r.request_schema = std::move(body);
  r.response_schema = Output();
  r.errors = {ErrorCode::kNotFound, ErrorCode::kIoError};
  r.handler = [run = std::move(run)](Call& call) -> Result<Reply> {
    NRS_ASSIGN_OR_RETURN(const auto files, RequestFiles::Create(call.state().options().upload_dir));
    auto input = InputFrom(call.body(), *files);
    if (!input.ok()) return files->Scrub(input.status());
    auto out = run(call.body(), std::move(input).value());
    if (!out.ok()) return files->Scrub(out.status());
    return OutputReply(*out);
  };
  return r;
}

}  // namespace

void AddMapsRoutes(std::vector<Route>& routes) {
  routes.push_back(
      MapRoute("measures", "measure every actor of a map",
               "Per node: degree, betweenness, closeness, eigenvector, constraint, clustering, brokerage roles (with a "
               "complete node table with sectors) and community.",
               MeasureProperties(),
               [](const Json& b, MapInput input) { return MapMeasures(MeasuresFrom(b, std::move(input))); }));
  routes.push_back(
      MapRoute("summary", "measure a map as a whole",
               "Nodes, ties, density, transitivity, components, diameter, communities, modularity and, with sectors, "
               "bridging ties and residents' reach.",
               MeasureProperties(),
               [](const Json& b, MapInput input) { return MapSummary(MeasuresFrom(b, std::move(input))); }));
  const Json loop_properties = MapProperties({{"max_length", schema::Integer("Links per loop (0: no bound)", 0)},
                                              {"max_loops", schema::Integer("Loops listed", 1)}});
  const auto loops_from = [](const Json& b, MapInput input) {
    MapLoopsOptions o;
    o.input = std::move(input);
    o.max_length = b.value("max_length", o.max_length);
    o.max_loops = b.value("max_loops", o.max_loops);
    return o;
  };
  routes.push_back(
      MapRoute("loops", "find the feedback loops of a factor map",
               "Every loop of a signed, directed factor map, reinforcing or balancing.", loop_properties,
               [loops_from](const Json& b, MapInput input) { return MapLoops(loops_from(b, std::move(input))); }));
  routes.push_back(
      MapRoute("factors", "rank the factors of a factor map by leverage",
               "Per factor: degrees, leverage, what is up- and downstream, loops through it.", loop_properties,
               [loops_from](const Json& b, MapInput input) { return MapFactors(loops_from(b, std::move(input))); }));
  routes.push_back(MapRoute("reach", "find what acts on a factor and what it acts on",
                            "Upstream and downstream factors with their distances.",
                            MapProperties({{"factor", schema::String("The factor", 200)}}),
                            [](const Json& b, MapInput input) {
                              MapReachOptions o;
                              o.input = std::move(input);
                              o.factor = b.value("factor", "");
                              return MapReach(o);
                            }));
  routes.push_back(MapRoute("paths", "find the paths between two factors",
                            "Every simple path with its polarity (same or opposite).",
                            MapProperties({{"from", schema::String("", 200)},
                                           {"to", schema::String("", 200)},
                                           {"max_length", schema::Integer("Links per path (0: no bound)", 0)},
                                           {"max_paths", schema::Integer("", 0)}}),
                            [](const Json& b, MapInput input) {
                              MapPathsOptions o;
                              o.input = std::move(input);
                              o.from = b.value("from", "");
                              o.to = b.value("to", "");
                              o.max_length = b.value("max_length", o.max_length);
                              o.max_paths = b.value("max_paths", o.max_paths);
                              return MapPaths(o);
                            }));
  Json change = MeasureProperties();
  change["properties"]["before"] = schema::String("YYYY-MM-DD", 10);
  change["properties"]["after"] = schema::String("YYYY-MM-DD", 10);
  change["properties"]["ties"] = schema::Boolean("List the ties added and lost instead of the actors' measures");
  routes.push_back(MapRoute("change", "compare a map at two dates",
                            "Per actor present at either date, its measures before and after (edges carry valid_from "
                            "and valid_to); or the ties added and lost.",
                            change, [](const Json& b, MapInput input) {
                              MapChangeOptions o;
                              o.measures = MeasuresFrom(b, std::move(input));
                              o.before = b.value("before", "");
                              o.after = b.value("after", "");
                              o.ties = b.value("ties", false);
                              return MapChange(o);
                            }));

  Route convert;
  convert.method = Method::kPost;
  convert.path = "/api/v1/maps/convert";
  convert.operation_id = "mapConvert";
  convert.tag = "maps";
  convert.summary = "convert a map to another format";
  convert.description = "The map as a CSV edge table (with its node table), GraphML or GEXF.";
  convert.permission = Permission::kAnalyseMaps;
  convert.body = BodyKind::kJson;
  convert.body_limit = std::size_t{32} << 20;
  convert.request_schema = MapProperties({{"to", schema::Enum({"csv", "graphml", "gexf"}, "The format wanted")}});
  convert.request_schema["required"].push_back("to");
  convert.response_schema = schema::Object(
      {{"format", schema::String()}, {"document", schema::String()}, {"nodes", schema::Nullable(schema::String())}},
      {"format", "document", "nodes"});
  convert.errors = {ErrorCode::kIoError};
  convert.handler = [](Call& call) -> Result<Reply> {
    NRS_ASSIGN_OR_RETURN(const auto files, RequestFiles::Create(call.state().options().upload_dir));
    auto input = InputFrom(call.body(), *files);
    if (!input.ok()) return files->Scrub(input.status());
    const std::string to = call.body()["to"];
    MapConvertOptions o;
    o.input = std::move(input).value();
    NRS_ASSIGN_OR_RETURN(o.output_path, files->PathFor("converted." + to));
    if (to == "csv") {
      NRS_ASSIGN_OR_RETURN(o.output_nodes_path, files->PathFor("converted_nodes.csv"));
    }
    if (const auto out = ConvertMap(o); !out.ok()) return files->Scrub(out.status());
    const auto read = [](const std::string& path) -> Result<std::string> {
      std::ifstream in(path, std::ios::binary);
      if (!in) return Status::IoError("the converted map could not be read back");
      std::ostringstream text;
      text << in.rdbuf();
      return std::move(text).str();
    };
    NRS_ASSIGN_OR_RETURN(const std::string document, read(o.output_path));
    Json reply = {{"format", to}, {"document", document}, {"nodes", nullptr}};
    if (!o.output_nodes_path.empty()) {
      NRS_ASSIGN_OR_RETURN(const std::string nodes, read(o.output_nodes_path));
      reply["nodes"] = nodes;
    }
    return Reply::Json(reply.dump(-1, ' ', false, Json::error_handler_t::replace));
  };
  routes.push_back(std::move(convert));
}

}  // namespace nrs::server
