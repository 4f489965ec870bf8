#include "systems/factors.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "systems/igraph_graph.h"

namespace nrs::systems {
namespace {

using internal::Check;
using internal::IgraphGraph;

// Shortest distances from `node` to every node (IGRAPH_OUT) or from every node to it (IGRAPH_IN); -1 when
// unreachable. Caller holds the igraph lock.
Result<std::vector<int>> Distances(const IgraphGraph& g, int node, igraph_neimode_t mode) {
  igraph_matrix_t matrix;
  NRS_RETURN_IF_ERROR(Check(igraph_matrix_init(&matrix, 0, 0), "distances"));
  const igraph_error_t code = igraph_distances(g.Get(), &matrix, igraph_vss_1(node), igraph_vss_all(), mode);
  std::vector<int> out;
  if (code == IGRAPH_SUCCESS) {
    const igraph_integer_t n = igraph_matrix_ncol(&matrix);
    out.resize(static_cast<std::size_t>(n));
    for (igraph_integer_t v = 0; v < n; ++v) {
      const double d = MATRIX(matrix, 0, v);
      out[static_cast<std::size_t>(v)] = std::isfinite(d) ? static_cast<int>(d) : -1;
    }
  }
  igraph_matrix_destroy(&matrix);
  NRS_RETURN_IF_ERROR(Check(code, "distances"));
  return out;
}

Status CheckNode(const Graph& graph, int node) {
  if (!graph.directed) return Status::InvalidArgument("a causal factor map is directed");
  if (node < 0 || node >= graph.size()) return Status::InvalidArgument("no factor with index {}", node);
  return Status::Ok();
}

}  // namespace

Status PathOptions::Validate() const {
  if (max_length < 0)
    return Status::InvalidArgument("the path length bound must be 0 (none) or more, not {}", max_length);
  if (max_paths < 0) return Status::InvalidArgument("the path cap must be 0 or more, not {}", max_paths);
  return Status::Ok();
}

Result<std::vector<FactorSummary>> SummariseFactors(const Graph& graph, const LoopReport& loops) {
  if (!graph.directed) return Status::InvalidArgument("a causal factor map is directed");
  const auto n = static_cast<std::size_t>(graph.size());
  std::vector<FactorSummary> rows(n);
  for (std::size_t v = 0; v < n; ++v) rows[v].factor = graph.ids[v];
  for (const Graph::Arc& arc : graph.arcs) {
    ++rows[static_cast<std::size_t>(arc.from)].out_degree;
    ++rows[static_cast<std::size_t>(arc.to)].in_degree;
  }
  for (const Loop& loop : loops.loops) {
    for (const int v : loop.nodes) ++rows[static_cast<std::size_t>(v)].loops;
  }
  {
    auto lock = internal::LockIgraph();
    NRS_ASSIGN_OR_RETURN(IgraphGraph g, IgraphGraph::Create(graph));
    for (std::size_t v = 0; v < n; ++v) {
      NRS_ASSIGN_OR_RETURN(const std::vector<int> down, Distances(g, static_cast<int>(v), IGRAPH_OUT));
      NRS_ASSIGN_OR_RETURN(const std::vector<int> up, Distances(g, static_cast<int>(v), IGRAPH_IN));
      rows[v].downstream = static_cast<int>(std::count_if(down.begin(), down.end(), [](int d) { return d > 0; }));
      rows[v].upstream = static_cast<int>(std::count_if(up.begin(), up.end(), [](int d) { return d > 0; }));
    }
  }
  for (FactorSummary& row : rows) {
    row.leverage = row.in_degree > 0 ? static_cast<double>(row.out_degree) / row.in_degree
                                     : std::numeric_limits<double>::quiet_NaN();
  }
  return rows;
}

Result<std::vector<Reach>> ReachOf(const Graph& graph, int factor) {
  NRS_RETURN_IF_ERROR(CheckNode(graph, factor));
  std::vector<int> up;
  std::vector<int> down;
  {
    auto lock = internal::LockIgraph();
    NRS_ASSIGN_OR_RETURN(IgraphGraph g, IgraphGraph::Create(graph));
    NRS_ASSIGN_OR_RETURN(up, Distances(g, factor, IGRAPH_IN));
    NRS_ASSIGN_OR_RETURN(down, Distances(g, factor, IGRAPH_OUT));
  }
  std::vector<Reach> reach;
  for (const bool upstream : {true, false}) {
    const std::vector<int>& d = upstream ? up : down;
    const std::size_t first = reach.size();
    for (std::size_t v = 0; v < d.size(); ++v) {
      if (d[v] > 0) reach.push_back({static_cast<int>(v), upstream, d[v]});
    }
    std::stable_sort(reach.begin() + static_cast<std::ptrdiff_t>(first), reach.end(),
                     [](const Reach& a, const Reach& b) { return a.distance < b.distance; });
  }
  return reach;
}

Result<PathReport> PathsBetween(const Graph& graph, int from, int to, const PathOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  NRS_RETURN_IF_ERROR(CheckNode(graph, from));
  NRS_RETURN_IF_ERROR(CheckNode(graph, to));
  if (from == to) return Status::InvalidArgument("a path needs two different factors; for loops use FindLoops");
  std::map<std::pair<int, int>, int> sign;
  for (const Graph::Arc& arc : graph.arcs) sign[{arc.from, arc.to}] = arc.sign;
  PathReport report;
  {
    auto lock = internal::LockIgraph();
    NRS_ASSIGN_OR_RETURN(IgraphGraph g, IgraphGraph::Create(graph));
    internal::IntVector flat;
    // igraph lists the paths one after another, each ended by -1.
    NRS_RETURN_IF_ERROR(
        Check(igraph_get_all_simple_paths(g.Get(), flat.Get(), from, igraph_vss_1(to),
                                          options.max_length == 0 ? -1 : options.max_length, IGRAPH_OUT),
              "paths"));
    Path path;
    for (igraph_integer_t i = 0; i < flat.size(); ++i) {
      if (flat[i] >= 0) {
        path.nodes.push_back(static_cast<int>(flat[i]));
        continue;
      }
      ++report.found;
      if (report.found > options.max_paths) {
        ++report.cut;
      } else {
        path.polarity = 1;
        for (std::size_t k = 0; k + 1 < path.nodes.size(); ++k)
          path.polarity *= sign[{path.nodes[k], path.nodes[k + 1]}];
        report.paths.push_back(path);
      }
      path.nodes.clear();
    }
  }
  std::stable_sort(report.paths.begin(), report.paths.end(), [](const Path& a, const Path& b) {
    if (a.nodes.size() != b.nodes.size()) return a.nodes.size() < b.nodes.size();
    return a.nodes < b.nodes;
  });
  return report;
}

}  // namespace nrs::systems
