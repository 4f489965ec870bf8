#pragma once

// Measures of an actor map (methods.md §5), defined as R igraph defines them so that our numbers match the
// reference (tests/reference/network/): every standard measure is computed by the igraph C library; Gould–
// Fernandez brokerage (brokerage.h), bridging ties and the parallel betweenness are ours. All measures are
// unweighted (tie strength is carried, not used), as in the reference.
//
//   NRS_ASSIGN_OR_RETURN(Graph graph, BuildGraph(network));
//   NRS_ASSIGN_OR_RETURN(NodeMeasureReport report, MeasureNodes(graph, {}));

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "nrs/result.h"
#include "systems/brokerage.h"
#include "systems/network.h"

namespace nrs::systems {

struct MeasureOptions {
  // Threads for betweenness: 0 = every core; 1 = igraph's own single-threaded betweenness.
  int threads = 0;
  // Above this many nodes betweenness is estimated from `betweenness_sample_sources` sources drawn at random
  // (seeded) and scaled by nodes / sources; the report says so. Exact betweenness costs O(nodes × ties):
  // seconds at 10,000 actors, an hour at 100,000.
  int exact_betweenness_max_nodes = 25'000;
  int betweenness_sample_sources = 2'500;
  // Seeds the source sample and Louvain's random node order, so results repeat run to run.
  std::uint64_t seed = 42;

  Status Validate() const;
};

struct BetweennessResult {
  std::vector<double> values;  // raw betweenness per node (Graph order)
  int sources = 0;             // shortest-path sources used: all nodes, or the sample
  bool sampled = false;
};

// Shortest-path betweenness of every node: the number of shortest paths between other pairs through it, each
// pair's paths sharing one unit (directed paths in a directed graph; an undirected pair counted once). With
// one thread and exact: igraph_betweenness. Otherwise Brandes' accumulation over igraph's adjacency list,
// sources split across threads and the partial sums added — equal to igraph's to rounding (tested).
Result<BetweennessResult> Betweenness(const Graph& graph, const MeasureOptions& options);

struct Communities {
  std::vector<int> membership;  // per node (Graph order), 1-based, numbered in node order of first member
  int count = 0;
  double modularity = 0;  // NaN for a graph without ties
};

// Louvain (igraph_community_multilevel) on the undirected simple graph, the level of highest modularity.
Result<Communities> Louvain(const Graph& graph, std::uint64_t seed);

struct NodeMeasures {
  std::string node;
  std::string group;
  int degree = 0;      // in + out in a directed graph
  int in_degree = 0;   // = degree in an undirected graph
  int out_degree = 0;  // = degree in an undirected graph
  double betweenness = 0;
  double betweenness_normalised = 0;  // ÷ (n−1)(n−2) directed, ÷ (n−1)(n−2)/2 undirected; NaN when n < 3
  double closeness = 0;    // 1 / sum of distances to the nodes reached (out-distances when directed); NaN alone
  double eigenvector = 0;  // of the undirected graph, scaled to a maximum of 1
  double constraint = 0;   // Burt's constraint; NaN for an isolate
  double clustering = 0;   // local clustering of the undirected graph; 0 for degree < 2
  std::optional<BrokerageCounts> brokerage;  // when every node has a group
  int community = 0;
};

struct NodeMeasureReport {
  std::vector<NodeMeasures> nodes;  // Graph order
  int betweenness_sources = 0;
  bool betweenness_sampled = false;
  Communities communities;
};

Result<NodeMeasureReport> MeasureNodes(const Graph& graph, const MeasureOptions& options);

// Which sectors count as residents and as decision-making institutions, and which role marks oversight. Groups
// and roles match case-insensitively; a role matches when it contains `oversight_role`.
struct SectorRules {
  std::vector<std::string> resident_groups = {"resident", "residents", "residents' group", "residents group"};
  std::vector<std::string> institution_groups = {"council", "elected member", "police",
                                                 "health",  "housing",        "education"};
  std::string oversight_role = "oversight";
};

struct GraphMeasures {
  int nodes = 0;
  int ties = 0;             // edges of the map (a mutual tie once)
  double density = 0;       // arcs / n(n−1) directed, ties / (n(n−1)/2) undirected
  double transitivity = 0;  // global clustering (ratio of triangles to connected triples), undirected
  int components = 0;       // weakly connected
  int largest_component = 0;
  double diameter = 0;       // longest shortest path within components (directed paths when directed)
  double mean_distance = 0;  // mean over connected ordered pairs
  int communities = 0;
  double modularity = 0;
  // With groups (NaN / 0 when the nodes have none):
  int bridging_ties = 0;           // ties between nodes of different groups
  double bridging_share = 0;       // bridging_ties / ties
  int resident_ties = 0;           // ties with at least one resident end
  double residents_reach = 0;      // share of residents' ties whose other end is an institution
  int residents_in_oversight = 0;  // resident nodes whose role marks oversight
  bool has_groups = false;
};

Result<GraphMeasures> MeasureGraph(const Graph& graph, const MeasureOptions& options, const SectorRules& sectors = {});

}  // namespace nrs::systems
