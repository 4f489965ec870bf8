// The `nrs map …` use cases: read a map file (io/graph_files.h), run the network engine (systems/), and lay
// its results out as tables.

#include "nrs/maps.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "io/graph_files.h"
#include "systems/change.h"
#include "systems/factors.h"
#include "systems/loops.h"
#include "systems/measures.h"

namespace nrs {
namespace {

using core::Cell;
using core::CellType;
using core::Table;
using core::TableColumn;

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

Cell Int(std::int64_t v) { return v; }
Cell Real(double v) { return std::isfinite(v) ? Cell(v) : Cell(); }

Result<systems::Network> Read(const MapInput& input, const systems::NetworkRules& rules, bool directed) {
  if (input.network != nullptr) return *input.network;  // checked by BuildGraph like a file's
  io::GraphReadOptions options;
  options.directed = directed;
  options.rules = rules;
  options.node_table_complete = input.nodes_complete;
  return io::ReadNetwork(input.path, input.nodes_path, options);
}

Result<systems::Graph> ReadActorMap(const MapInput& input) {
  NRS_ASSIGN_OR_RETURN(const systems::Network network, Read(input, {}, input.directed));
  return systems::BuildGraph(network);
}

// A causal factor map: directed, every link signed.
Result<systems::Graph> ReadFactorMap(const MapInput& input) {
  const systems::NetworkRules rules{.allow_self_loops = false, .require_sign = true};
  NRS_ASSIGN_OR_RETURN(systems::Network network, Read(input, rules, /*directed=*/true));
  if (!network.directed) {
    return Status::InvalidArgument("'{}' is an undirected network; a causal factor map is directed", input.path);
  }
  return systems::BuildGraph(network, rules);
}

systems::MeasureOptions EngineOptions(const MapMeasuresOptions& options) {
  systems::MeasureOptions engine;
  engine.threads = options.threads;
  engine.exact_betweenness_max_nodes = options.exact_betweenness_max_nodes;
  engine.betweenness_sample_sources = options.betweenness_sample_sources;
  engine.seed = options.seed;
  return engine;
}

std::string SampleNote(int sources, int nodes, int limit) {
  return fmt::format(
      "betweenness estimated from {} of {} nodes as sources, scaled by {:.4g} (the map has more than {} nodes, "
      "the limit for exact betweenness)",
      sources, nodes, static_cast<double>(nodes) / sources, limit);
}

std::string Factors(const systems::Graph& graph, const std::vector<int>& nodes) {
  std::string text;
  for (const int v : nodes) {
    if (!text.empty()) text += ' ';
    text += graph.ids[static_cast<std::size_t>(v)];
  }
  return text;
}

Result<int> FindFactor(const systems::Graph& graph, const std::string& id, const std::string& path) {
  const int at = graph.Find(id);
  if (at < 0) return Status::NotFound("no factor '{}' in {}", id, path.empty() ? "the stored map" : "'" + path + "'");
  return at;
}

}  // namespace

Status MapInput::Validate() const {
  if (path.empty() && network == nullptr) return Status::InvalidArgument("name the map's edges file");
  if (!path.empty() && network != nullptr) return Status::InvalidArgument("give a map file or a stored map, not both");
  return Status::Ok();
}

Status MapMeasuresOptions::Validate() const {
  NRS_RETURN_IF_ERROR(input.Validate());
  return EngineOptions(*this).Validate();
}

Status MapLoopsOptions::Validate() const {
  NRS_RETURN_IF_ERROR(input.Validate());
  if (max_length < 0) return Status::InvalidArgument("--max-length must be 0 (no bound) or more, not {}", max_length);
  if (max_loops < 0) return Status::InvalidArgument("--max-loops must be 0 or more, not {}", max_loops);
  return Status::Ok();
}

Status MapReachOptions::Validate() const {
  NRS_RETURN_IF_ERROR(input.Validate());
  if (factor.empty()) return Status::InvalidArgument("name the factor");
  return Status::Ok();
}

Status MapPathsOptions::Validate() const {
  NRS_RETURN_IF_ERROR(input.Validate());
  if (from.empty() || to.empty()) return Status::InvalidArgument("name both factors of the paths");
  if (from == to) return Status::InvalidArgument("a path needs two different factors; for loops use `map loops`");
  if (max_length < 0) return Status::InvalidArgument("--max-length must be 0 (no bound) or more, not {}", max_length);
  if (max_paths < 0) return Status::InvalidArgument("--max-paths must be 0 or more, not {}", max_paths);
  return Status::Ok();
}

Status MapChangeOptions::Validate() const {
  NRS_RETURN_IF_ERROR(measures.Validate());
  for (const std::string* date : {&before, &after}) {
    if (!systems::IsIsoDate(*date)) return Status::InvalidArgument("'{}' is not a date YYYY-MM-DD", *date);
  }
  if (after < before) return Status::InvalidArgument("--after {} is earlier than --before {}", after, before);
  return Status::Ok();
}

Status MapConvertOptions::Validate() const {
  NRS_RETURN_IF_ERROR(input.Validate());
  if (output_path.empty()) return Status::InvalidArgument("name the output file (.csv, .graphml or .gexf)");
  NRS_RETURN_IF_ERROR(io::GraphFormatOf(output_path).status());
  if (!output_nodes_path.empty() && *io::GraphFormatOf(output_path) != io::GraphFormat::kCsv) {
    return Status::InvalidArgument("a separate node table goes with a .csv output; GraphML and GEXF hold the nodes");
  }
  return Status::Ok();
}

Result<MapOutput> MapMeasures(const MapMeasuresOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  NRS_ASSIGN_OR_RETURN(const systems::Graph graph, ReadActorMap(options.input));
  NRS_ASSIGN_OR_RETURN(const systems::NodeMeasureReport report, systems::MeasureNodes(graph, EngineOptions(options)));
  MapOutput out;
  out.table = Table({{"node", CellType::kText},
                     {"degree", CellType::kInteger},
                     {"in_degree", CellType::kInteger},
                     {"out_degree", CellType::kInteger},
                     {"betweenness", CellType::kReal, 4},
                     {"betweenness_normalised", CellType::kReal, 6},
                     {"closeness", CellType::kReal, 6},
                     {"eigenvector", CellType::kReal, 6},
                     {"constraint", CellType::kReal, 6},
                     {"clustering", CellType::kReal, 6},
                     {"coordinator", CellType::kInteger},
                     {"itinerant", CellType::kInteger},
                     {"gatekeeper", CellType::kInteger},
                     {"representative", CellType::kInteger},
                     {"liaison", CellType::kInteger},
                     {"brokerage_total", CellType::kInteger},
                     {"community", CellType::kInteger}});
  for (const systems::NodeMeasures& m : report.nodes) {
    std::vector<Cell> row = {m.node,
                             Int(m.degree),
                             Int(m.in_degree),
                             Int(m.out_degree),
                             Real(m.betweenness),
                             Real(m.betweenness_normalised),
                             Real(m.closeness),
                             Real(m.eigenvector),
                             Real(m.constraint),
                             Real(m.clustering)};
    if (m.brokerage) {
      for (const int k : {m.brokerage->coordinator, m.brokerage->itinerant, m.brokerage->gatekeeper,
                          m.brokerage->representative, m.brokerage->liaison, m.brokerage->Total()}) {
        row.emplace_back(Int(k));
      }
    } else {
      row.insert(row.end(), 6, Cell());
    }
    row.emplace_back(Int(m.community));
    out.table.AddRow(std::move(row));
  }
  if (report.betweenness_sampled) {
    out.notes.push_back(SampleNote(report.betweenness_sources, graph.size(), options.exact_betweenness_max_nodes));
  }
  if (!graph.HasGroups()) {
    out.notes.push_back("brokerage roles need a sector for every node (--groups FILE with node,sector)");
  }
  return out;
}

Result<MapOutput> MapSummary(const MapMeasuresOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  NRS_ASSIGN_OR_RETURN(const systems::Graph graph, ReadActorMap(options.input));
  NRS_ASSIGN_OR_RETURN(const systems::GraphMeasures m, systems::MeasureGraph(graph, EngineOptions(options)));
  MapOutput out;
  out.table = Table({{"measure", CellType::kText}, {"value", CellType::kReal}});
  const auto add = [&](const char* name, double value) { out.table.AddRow({std::string(name), Real(value)}); };
  add("nodes", m.nodes);
  add("ties", m.ties);
  add("density", m.density);
  add("transitivity", m.transitivity);
  add("components", m.components);
  add("largest_component", m.largest_component);
  add("diameter", m.diameter);
  add("mean_distance", m.mean_distance);
  add("communities", m.communities);
  add("modularity", m.modularity);
  add("bridging_ties", m.has_groups ? m.bridging_ties : kMissing);
  add("bridging_share", m.bridging_share);
  add("resident_ties", m.has_groups ? m.resident_ties : kMissing);
  add("residents_reach", m.residents_reach);
  add("residents_in_oversight", m.has_groups ? m.residents_in_oversight : kMissing);
  if (!m.has_groups) out.notes.push_back("bridging and residents' measures need a sector for every node (--groups)");
  return out;
}

Result<MapOutput> MapLoops(const MapLoopsOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  NRS_ASSIGN_OR_RETURN(const systems::Graph graph, ReadFactorMap(options.input));
  systems::LoopOptions engine;
  engine.max_length = options.max_length;
  engine.max_loops = options.max_loops;
  NRS_ASSIGN_OR_RETURN(const systems::LoopReport report, systems::FindLoops(graph, engine));
  MapOutput out;
  out.table = Table({{"length", CellType::kInteger}, {"polarity", CellType::kText}, {"factors", CellType::kText}});
  for (const systems::Loop& loop : report.loops) {
    out.table.AddRow({Int(static_cast<std::int64_t>(loop.nodes.size())),
                      std::string(systems::PolarityName(loop.polarity)), Factors(graph, loop.nodes)});
  }
  if (report.cut > 0) {
    out.notes.push_back(fmt::format("{} loops found; {} beyond the cap of {} were not listed (raise --max-loops)",
                                    report.found, report.cut, options.max_loops));
  }
  if (!report.complete) {
    out.notes.push_back("the search stopped at its step budget: there may be more loops (lower --max-length)");
  }
  return out;
}

Result<MapOutput> MapFactors(const MapLoopsOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  NRS_ASSIGN_OR_RETURN(const systems::Graph graph, ReadFactorMap(options.input));
  systems::LoopOptions engine;
  engine.max_length = options.max_length;
  engine.max_loops = options.max_loops;
  NRS_ASSIGN_OR_RETURN(const systems::LoopReport loops, systems::FindLoops(graph, engine));
  NRS_ASSIGN_OR_RETURN(const std::vector<systems::FactorSummary> rows, systems::SummariseFactors(graph, loops));
  MapOutput out;
  out.table = Table({{"factor", CellType::kText},
                     {"in_degree", CellType::kInteger},
                     {"out_degree", CellType::kInteger},
                     {"leverage", CellType::kReal, 3},
                     {"upstream", CellType::kInteger},
                     {"downstream", CellType::kInteger},
                     {"loops", CellType::kInteger}});
  for (const systems::FactorSummary& r : rows) {
    out.table.AddRow({r.factor, Int(r.in_degree), Int(r.out_degree), Real(r.leverage), Int(r.upstream),
                      Int(r.downstream), Int(r.loops)});
  }
  if (loops.cut > 0 || !loops.complete) {
    out.notes.push_back("loop counts are partial: the loop search was capped (see `map loops`)");
  }
  return out;
}

Result<MapOutput> MapReach(const MapReachOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  NRS_ASSIGN_OR_RETURN(const systems::Graph graph, ReadFactorMap(options.input));
  NRS_ASSIGN_OR_RETURN(const int factor, FindFactor(graph, options.factor, options.input.path));
  NRS_ASSIGN_OR_RETURN(const std::vector<systems::Reach> reach, systems::ReachOf(graph, factor));
  MapOutput out;
  out.table = Table({{"factor", CellType::kText}, {"direction", CellType::kText}, {"distance", CellType::kInteger}});
  for (const systems::Reach& r : reach) {
    out.table.AddRow({graph.ids[static_cast<std::size_t>(r.node)], std::string(r.upstream ? "upstream" : "downstream"),
                      Int(r.distance)});
  }
  return out;
}

Result<MapOutput> MapPaths(const MapPathsOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  NRS_ASSIGN_OR_RETURN(const systems::Graph graph, ReadFactorMap(options.input));
  NRS_ASSIGN_OR_RETURN(const int from, FindFactor(graph, options.from, options.input.path));
  NRS_ASSIGN_OR_RETURN(const int to, FindFactor(graph, options.to, options.input.path));
  systems::PathOptions engine;
  engine.max_length = options.max_length;
  engine.max_paths = options.max_paths;
  NRS_ASSIGN_OR_RETURN(const systems::PathReport report, systems::PathsBetween(graph, from, to, engine));
  MapOutput out;
  out.table = Table({{"length", CellType::kInteger}, {"polarity", CellType::kText}, {"factors", CellType::kText}});
  for (const systems::Path& p : report.paths) {
    const std::string polarity = p.polarity > 0 ? "same" : p.polarity < 0 ? "opposite" : "unsigned";
    out.table.AddRow({Int(static_cast<std::int64_t>(p.nodes.size()) - 1), polarity, Factors(graph, p.nodes)});
  }
  if (report.cut > 0) {
    out.notes.push_back(fmt::format("{} paths found; {} beyond the cap of {} were not listed (raise --max-paths)",
                                    report.found, report.cut, options.max_paths));
  }
  return out;
}

Result<MapOutput> MapChange(const MapChangeOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  NRS_ASSIGN_OR_RETURN(const systems::Network network,
                       Read(options.measures.input, {}, options.measures.input.directed));
  NRS_ASSIGN_OR_RETURN(const systems::MapChange change,
                       systems::CompareDates(network, options.before, options.after, EngineOptions(options.measures)));
  MapOutput out;
  if (options.ties) {
    out.table = Table({{"change", CellType::kText},
                       {"source", CellType::kText},
                       {"target", CellType::kText},
                       {"type", CellType::kText}});
    for (const systems::TieChange& t : change.ties) {
      out.table.AddRow({std::string(t.added ? "added" : "lost"), t.source, t.target, t.type});
    }
    return out;
  }
  std::vector<TableColumn> columns = {{"node", CellType::kText}, {"change", CellType::kText}};
  for (const char* measure : {"degree", "betweenness", "closeness", "eigenvector", "constraint"}) {
    const CellType type = std::string_view(measure) == "degree" ? CellType::kInteger : CellType::kReal;
    columns.push_back({fmt::format("{}_before", measure), type, 6});
    columns.push_back({fmt::format("{}_after", measure), type, 6});
  }
  out.table = Table(std::move(columns));
  for (const systems::NodeChange& n : change.nodes) {
    std::vector<Cell> row = {n.node, std::string(!n.before ? "added" : !n.after ? "lost" : "kept")};
    const auto pair = [&](auto get) {
      row.push_back(n.before ? get(*n.before) : Cell());
      row.push_back(n.after ? get(*n.after) : Cell());
    };
    pair([](const systems::NodeMeasures& m) { return Int(m.degree); });
    pair([](const systems::NodeMeasures& m) { return Real(m.betweenness); });
    pair([](const systems::NodeMeasures& m) { return Real(m.closeness); });
    pair([](const systems::NodeMeasures& m) { return Real(m.eigenvector); });
    pair([](const systems::NodeMeasures& m) { return Real(m.constraint); });
    out.table.AddRow(std::move(row));
  }
  out.notes.push_back(
      fmt::format("{} → {}: {} ties added, {} lost; {} actors added, {} lost", options.before, options.after,
                  std::count_if(change.ties.begin(), change.ties.end(), [](auto& t) { return t.added; }),
                  std::count_if(change.ties.begin(), change.ties.end(), [](auto& t) { return !t.added; }),
                  change.actors_added, change.actors_lost));
  return out;
}

Result<MapOutput> ConvertMap(const MapConvertOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  const systems::NetworkRules rules{.allow_self_loops = true, .require_sign = false};
  NRS_ASSIGN_OR_RETURN(const systems::Network network, Read(options.input, rules, options.input.directed));
  NRS_ASSIGN_OR_RETURN(const io::GraphFormat format, io::GraphFormatOf(options.output_path));
  std::string text;
  switch (format) {
    case io::GraphFormat::kCsv:
      text = io::EdgeTableCsv(network);
      break;
    case io::GraphFormat::kGraphMl:
      text = io::GraphMlText(network);
      break;
    case io::GraphFormat::kGexf:
      text = io::GexfText(network);
      break;
  }
  if (text.empty()) return Status::Internal("the {} document could not be built", options.output_path);
  NRS_RETURN_IF_ERROR(io::WriteTextFile(options.output_path, text));
  if (!options.output_nodes_path.empty()) {
    NRS_RETURN_IF_ERROR(io::WriteTextFile(options.output_nodes_path, io::NodeTableCsv(network)));
  }
  NRS_ASSIGN_OR_RETURN(const systems::Graph graph, systems::BuildGraph(network, rules));
  MapOutput out;
  out.table = Table({{"item", CellType::kText}, {"value", CellType::kText}});
  out.table.AddRow({std::string("written"), options.output_path});
  if (!options.output_nodes_path.empty()) out.table.AddRow({std::string("nodes written"), options.output_nodes_path});
  out.table.AddRow({std::string("directed"), std::string(network.directed ? "yes" : "no")});
  out.table.AddRow({std::string("nodes"), std::to_string(graph.size())});
  out.table.AddRow({std::string("edges"), std::to_string(network.edges.size())});
  return out;
}

}  // namespace nrs
