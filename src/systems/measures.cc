#include "systems/measures.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <set>
#include <thread>

#include "core/text.h"
#include "systems/igraph_graph.h"

namespace nrs::systems {
namespace {

using internal::Check;
using internal::IgraphGraph;
using internal::IntVector;
using internal::RealVector;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Adjacency in compressed rows: the neighbours of v are targets[offsets[v] .. offsets[v+1]).
struct Csr {
  std::vector<int> offsets;
  std::vector<int> targets;
};

// Out-neighbours (all neighbours when undirected) from igraph's adjacency list. Caller holds the igraph lock.
Result<Csr> AdjacencyOf(const IgraphGraph& g) {
  igraph_adjlist_t list;
  NRS_RETURN_IF_ERROR(
      Check(igraph_adjlist_init(g.Get(), &list, IGRAPH_OUT, IGRAPH_NO_LOOPS, IGRAPH_MULTIPLE), "adjacency"));
  const igraph_integer_t n = igraph_adjlist_size(&list);
  Csr csr;
  csr.offsets.reserve(static_cast<std::size_t>(n) + 1);
  csr.offsets.push_back(0);
  for (igraph_integer_t v = 0; v < n; ++v) {
    const igraph_vector_int_t* neighbours = igraph_adjlist_get(&list, v);
    for (igraph_integer_t k = 0; k < igraph_vector_int_size(neighbours); ++k) {
      csr.targets.push_back(static_cast<int>(VECTOR(*neighbours)[k]));
    }
    csr.offsets.push_back(static_cast<int>(csr.targets.size()));
  }
  igraph_adjlist_destroy(&list);
  return csr;
}

// Brandes (2001) for unweighted graphs: one breadth-first search per source, then dependencies accumulated in
// reverse order of distance. The search records the arcs of the shortest-path DAG as it finds them, grouped by
// their tail in visiting order, so the way back walks only those arcs, in sequence, and never tests distances
// again; and each node's share (1 + δ(w)) / σ(w) is computed once, not once per arc. Adds each source's
// dependencies to `sum`; no igraph call, so threads may run it at once over a shared Csr.
void AccumulateBrandes(const Csr& csr, const std::vector<int>& sources, std::vector<double>* sum) {
  const std::size_t n = csr.offsets.size() - 1;
  std::vector<int> dist(n, -1);
  std::vector<double> sigma(n, 0);
  std::vector<double> share(n, 0);  // (1 + δ(w)) / σ(w), once w is done
  std::vector<int> order(n);
  std::vector<int> dag(csr.targets.size());  // DAG arc heads, grouped by tail in visiting order
  std::vector<int> dag_end(n);               // end of the i-th visited node's group in `dag`
  for (const int s : sources) {
    std::size_t tail = 0;
    std::size_t arcs = 0;
    order[tail++] = s;
    dist[static_cast<std::size_t>(s)] = 0;
    sigma[static_cast<std::size_t>(s)] = 1;
    for (std::size_t head = 0; head < tail; ++head) {
      const auto v = static_cast<std::size_t>(order[head]);
      const int next = dist[v] + 1;
      const double sigma_v = sigma[v];
      const int* const begin = csr.targets.data() + csr.offsets[v];
      const int* const end = csr.targets.data() + csr.offsets[v + 1];
      for (const int* k = begin; k != end; ++k) {
        const auto w = static_cast<std::size_t>(*k);
        if (dist[w] < 0) {
          dist[w] = next;
          order[tail++] = static_cast<int>(w);
        }
        if (dist[w] == next) {
          sigma[w] += sigma_v;
          dag[arcs++] = static_cast<int>(w);
        }
      }
      dag_end[head] = static_cast<int>(arcs);
    }
    for (std::size_t i = tail; i-- > 0;) {
      const auto v = static_cast<std::size_t>(order[i]);
      const std::size_t first = i == 0 ? 0 : static_cast<std::size_t>(dag_end[i - 1]);
      double total = 0;
      for (std::size_t k = first; k < static_cast<std::size_t>(dag_end[i]); ++k) {
        total += share[static_cast<std::size_t>(dag[k])];
      }
      const double delta = sigma[v] * total;
      share[v] = (1 + delta) / sigma[v];
      if (i != 0) (*sum)[v] += delta;
    }
    for (std::size_t i = 0; i < tail; ++i) {
      const auto v = static_cast<std::size_t>(order[i]);
      dist[v] = -1;
      sigma[v] = 0;
      share[v] = 0;
    }
  }
}

int ResolveThreads(int threads) {
  if (threads > 0) return threads;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

bool InGroupList(const std::string& group, const std::vector<std::string>& list) {
  const std::string g = core::ToLower(core::Trim(group));
  return std::any_of(list.begin(), list.end(), [&](const std::string& x) { return core::ToLower(x) == g; });
}

}  // namespace

Status MeasureOptions::Validate() const {
  if (threads < 0) return Status::InvalidArgument("threads must be 0 (every core) or more, not {}", threads);
  if (exact_betweenness_max_nodes < 1) {
    return Status::InvalidArgument("exact betweenness limit must be at least 1, not {}", exact_betweenness_max_nodes);
  }
  if (betweenness_sample_sources < 1) {
    return Status::InvalidArgument("betweenness sample must be at least 1 source, not {}", betweenness_sample_sources);
  }
  return Status::Ok();
}

Result<BetweennessResult> Betweenness(const Graph& graph, const MeasureOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  const int n = graph.size();
  BetweennessResult result;
  result.sampled = n > options.exact_betweenness_max_nodes && options.betweenness_sample_sources < n;
  result.sources = result.sampled ? options.betweenness_sample_sources : n;
  const int threads = std::min(ResolveThreads(options.threads), std::max(1, result.sources));

  std::vector<int> sources(static_cast<std::size_t>(n));
  std::iota(sources.begin(), sources.end(), 0);
  if (result.sampled) {
    std::mt19937_64 random(options.seed);
    std::shuffle(sources.begin(), sources.end(), random);
    sources.resize(static_cast<std::size_t>(result.sources));
    std::sort(sources.begin(), sources.end());
  }

  Csr csr;
  {
    auto lock = internal::LockIgraph();
    NRS_ASSIGN_OR_RETURN(IgraphGraph g, IgraphGraph::Create(graph));
    if (threads == 1 && !result.sampled) {
      RealVector values;
      NRS_RETURN_IF_ERROR(
          Check(igraph_betweenness(g.Get(), values.Get(), igraph_vss_all(), graph.directed, nullptr), "betweenness"));
      result.values = values.ToStd();
      return result;
    }
    NRS_ASSIGN_OR_RETURN(csr, AdjacencyOf(g));
  }

  // Sources are dealt round-robin so that each thread gets a similar mix; partial sums are added in thread
  // order, so the result is the same on every run.
  std::vector<std::vector<double>> partial(static_cast<std::size_t>(threads),
                                           std::vector<double>(static_cast<std::size_t>(n), 0.0));
  std::vector<std::vector<int>> share(static_cast<std::size_t>(threads));
  for (std::size_t i = 0; i < sources.size(); ++i) share[i % share.size()].push_back(sources[i]);
  {
    std::vector<std::jthread> workers;
    for (std::size_t t = 1; t < share.size(); ++t) {
      workers.emplace_back([&csr, &share, &partial, t] { AccumulateBrandes(csr, share[t], &partial[t]); });
    }
    AccumulateBrandes(csr, share[0], &partial[0]);
  }
  result.values.assign(static_cast<std::size_t>(n), 0.0);
  // An undirected pair is reached from both of its ends: half of each.
  double scale = graph.directed ? 1.0 : 0.5;
  if (result.sampled) scale *= static_cast<double>(n) / result.sources;
  for (const auto& p : partial) {
    for (std::size_t v = 0; v < p.size(); ++v) result.values[v] += p[v];
  }
  for (double& v : result.values) v *= scale;
  return result;
}

Result<Communities> Louvain(const Graph& graph, std::uint64_t seed) {
  Communities result;
  const auto n = static_cast<std::size_t>(graph.size());
  IntVector membership;
  RealVector modularity;
  {
    auto lock = internal::LockIgraph();
    NRS_ASSIGN_OR_RETURN(IgraphGraph g, IgraphGraph::Create(graph, /*as_undirected=*/true));
    NRS_RETURN_IF_ERROR(Check(igraph_rng_seed(igraph_rng_default(), seed), "communities"));
    NRS_RETURN_IF_ERROR(
        Check(igraph_community_multilevel(g.Get(), nullptr, 1.0, membership.Get(), nullptr, modularity.Get()),
              "communities"));
  }
  result.modularity = kNaN;
  for (igraph_integer_t i = 0; i < modularity.size(); ++i) {
    if (std::isnan(result.modularity) || modularity[i] > result.modularity) result.modularity = modularity[i];
  }
  if (graph.arcs.empty()) result.modularity = kNaN;
  // igraph numbers communities arbitrarily; renumber them 1, 2, … in node order.
  std::vector<int> renumber(n + 1, 0);
  result.membership.resize(n);
  for (std::size_t v = 0; v < n; ++v) {
    const auto c = static_cast<std::size_t>(membership[static_cast<igraph_integer_t>(v)]);
    if (renumber[c] == 0) renumber[c] = ++result.count;
    result.membership[v] = renumber[c];
  }
  return result;
}

Result<NodeMeasureReport> MeasureNodes(const Graph& graph, const MeasureOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  const auto n = static_cast<std::size_t>(graph.size());
  NodeMeasureReport report;
  report.nodes.resize(n);
  for (std::size_t v = 0; v < n; ++v) {
    report.nodes[v].node = graph.ids[v];
    report.nodes[v].group = graph.groups[v];
  }
  for (const Graph::Arc& arc : graph.arcs) {
    ++report.nodes[static_cast<std::size_t>(arc.from)].out_degree;
    ++report.nodes[static_cast<std::size_t>(arc.to)].in_degree;
  }
  for (NodeMeasures& m : report.nodes) {
    m.degree = m.in_degree + m.out_degree;
    if (!graph.directed) m.in_degree = m.out_degree = m.degree;
  }

  NRS_ASSIGN_OR_RETURN(const BetweennessResult betweenness, Betweenness(graph, options));
  report.betweenness_sources = betweenness.sources;
  report.betweenness_sampled = betweenness.sampled;
  const double pairs = static_cast<double>(n - 1) * static_cast<double>(n - 2) / (graph.directed ? 1.0 : 2.0);
  for (std::size_t v = 0; v < n; ++v) {
    report.nodes[v].betweenness = betweenness.values[v];
    report.nodes[v].betweenness_normalised = n >= 3 ? betweenness.values[v] / pairs : kNaN;
  }

  {
    auto lock = internal::LockIgraph();
    NRS_ASSIGN_OR_RETURN(IgraphGraph g, IgraphGraph::Create(graph));
    NRS_ASSIGN_OR_RETURN(IgraphGraph simple, IgraphGraph::Create(graph, /*as_undirected=*/true));
    RealVector closeness;
    NRS_RETURN_IF_ERROR(Check(igraph_closeness(g.Get(), closeness.Get(), nullptr, nullptr, igraph_vss_all(),
                                               graph.directed ? IGRAPH_OUT : IGRAPH_ALL, nullptr, false),
                              "closeness"));
    RealVector eigenvector;
    igraph_real_t eigenvalue = 0;
    NRS_RETURN_IF_ERROR(Check(
        igraph_eigenvector_centrality(simple.Get(), eigenvector.Get(), &eigenvalue, false, true, nullptr, nullptr),
        "eigenvector centrality"));
    RealVector constraint;
    NRS_RETURN_IF_ERROR(Check(igraph_constraint(g.Get(), constraint.Get(), igraph_vss_all(), nullptr), "constraint"));
    RealVector clustering;
    NRS_RETURN_IF_ERROR(Check(igraph_transitivity_local_undirected(simple.Get(), clustering.Get(), igraph_vss_all(),
                                                                   IGRAPH_TRANSITIVITY_ZERO),
                              "clustering"));
    for (std::size_t v = 0; v < n; ++v) {
      const auto i = static_cast<igraph_integer_t>(v);
      report.nodes[v].closeness = closeness[i];
      report.nodes[v].eigenvector = eigenvector[i];
      report.nodes[v].constraint = constraint[i];
      report.nodes[v].clustering = clustering[i];
    }
  }

  NRS_ASSIGN_OR_RETURN(report.communities, Louvain(graph, options.seed));
  for (std::size_t v = 0; v < n; ++v) report.nodes[v].community = report.communities.membership[v];
  if (graph.HasGroups()) {
    const std::vector<BrokerageCounts> brokerage = Brokerage(graph);
    for (std::size_t v = 0; v < n; ++v) report.nodes[v].brokerage = brokerage[v];
  }
  return report;
}

Result<GraphMeasures> MeasureGraph(const Graph& graph, const MeasureOptions& options, const SectorRules& sectors) {
  NRS_RETURN_IF_ERROR(options.Validate());
  GraphMeasures m;
  m.nodes = graph.size();
  std::set<std::size_t> edges;
  for (const Graph::Arc& arc : graph.arcs) edges.insert(arc.edge);
  m.ties = static_cast<int>(edges.size());
  {
    auto lock = internal::LockIgraph();
    NRS_ASSIGN_OR_RETURN(IgraphGraph g, IgraphGraph::Create(graph));
    NRS_ASSIGN_OR_RETURN(IgraphGraph simple, IgraphGraph::Create(graph, /*as_undirected=*/true));
    NRS_RETURN_IF_ERROR(Check(igraph_density(g.Get(), &m.density, false), "density"));
    NRS_RETURN_IF_ERROR(
        Check(igraph_transitivity_undirected(simple.Get(), &m.transitivity, IGRAPH_TRANSITIVITY_ZERO), "transitivity"));
    IntVector membership;
    IntVector sizes;
    igraph_integer_t components = 0;
    NRS_RETURN_IF_ERROR(Check(
        igraph_connected_components(g.Get(), membership.Get(), sizes.Get(), &components, IGRAPH_WEAK), "components"));
    m.components = static_cast<int>(components);
    for (igraph_integer_t i = 0; i < sizes.size(); ++i) {
      m.largest_component = std::max(m.largest_component, static_cast<int>(sizes[i]));
    }
    NRS_RETURN_IF_ERROR(Check(
        igraph_diameter(g.Get(), &m.diameter, nullptr, nullptr, nullptr, nullptr, graph.directed, true), "diameter"));
    NRS_RETURN_IF_ERROR(
        Check(igraph_average_path_length(g.Get(), &m.mean_distance, nullptr, graph.directed, true), "mean distance"));
  }
  if (m.nodes < 2) m.density = kNaN;
  NRS_ASSIGN_OR_RETURN(const Communities communities, Louvain(graph, options.seed));
  m.communities = communities.count;
  m.modularity = communities.modularity;

  m.has_groups = graph.HasGroups();
  m.bridging_share = m.residents_reach = kNaN;
  if (m.has_groups) {
    std::set<std::size_t> bridging;
    std::set<std::size_t> resident;
    std::set<std::size_t> reaching;
    const auto group = [&](int v) -> const std::string& { return graph.groups[static_cast<std::size_t>(v)]; };
    for (const Graph::Arc& arc : graph.arcs) {
      if (core::ToLower(group(arc.from)) != core::ToLower(group(arc.to))) bridging.insert(arc.edge);
      const bool from_resident = InGroupList(group(arc.from), sectors.resident_groups);
      const bool to_resident = InGroupList(group(arc.to), sectors.resident_groups);
      if (!from_resident && !to_resident) continue;
      resident.insert(arc.edge);
      if ((from_resident && InGroupList(group(arc.to), sectors.institution_groups)) ||
          (to_resident && InGroupList(group(arc.from), sectors.institution_groups))) {
        reaching.insert(arc.edge);
      }
    }
    m.bridging_ties = static_cast<int>(bridging.size());
    m.bridging_share = m.ties > 0 ? static_cast<double>(m.bridging_ties) / m.ties : kNaN;
    m.resident_ties = static_cast<int>(resident.size());
    m.residents_reach = m.resident_ties > 0 ? static_cast<double>(reaching.size()) / m.resident_ties : kNaN;
    const std::string oversight = core::ToLower(sectors.oversight_role);
    for (std::size_t v = 0; v < graph.groups.size(); ++v) {
      if (InGroupList(graph.groups[v], sectors.resident_groups) && !oversight.empty() &&
          core::ToLower(graph.roles[v]).find(oversight) != std::string::npos) {
        ++m.residents_in_oversight;
      }
    }
  }
  return m;
}

}  // namespace nrs::systems
