#pragma once

// Questions a group asks of its causal factor map (methods.md §5): what drives a factor (upstream), what it
// drives (downstream), every way one factor acts on another (paths with their sign), and which factors are
// levers (leverage = out-degree / in-degree). Reach and paths come from igraph (distances, simple paths).

#include <cstdint>
#include <string>
#include <vector>

#include "nrs/result.h"
#include "systems/loops.h"
#include "systems/network.h"

namespace nrs::systems {

struct FactorSummary {
  std::string factor;
  int in_degree = 0;
  int out_degree = 0;
  double leverage = 0;  // out_degree / in_degree; NaN when nothing acts on the factor (in_degree 0)
  int upstream = 0;     // factors from which a path leads here
  int downstream = 0;   // factors a path from here reaches
  int loops = 0;        // loops of `loops` through the factor
};

// One row per factor (Graph order). `loops` is a FindLoops report of the same graph (its kept loops are
// counted). Precondition: graph.directed.
Result<std::vector<FactorSummary>> SummariseFactors(const Graph& graph, const LoopReport& loops);

struct Reach {
  int node = 0;
  bool upstream = false;  // true: acts on the factor; false: acted on by it
  int distance = 0;       // links on the shortest path
};

// Every factor upstream, then every factor downstream of `factor`, each by distance then node order.
// Errors: kInvalidArgument (undirected graph, factor out of range).
Result<std::vector<Reach>> ReachOf(const Graph& graph, int factor);

struct PathOptions {
  int max_length = 8;               // links per path (0 = no bound)
  std::int64_t max_paths = 10'000;  // paths kept; others counted in PathReport::cut
  Status Validate() const;
};

struct Path {
  std::vector<int> nodes;  // from … to
  int polarity = 0;        // product of link signs: +1 same direction, −1 opposite, 0 unsigned
};

struct PathReport {
  std::vector<Path> paths;  // by length, then by factors in order
  std::int64_t found = 0;
  std::int64_t cut = 0;
};

// Every simple path from `from` to `to` up to the bound. Errors: kInvalidArgument.
Result<PathReport> PathsBetween(const Graph& graph, int from, int to, const PathOptions& options);

}  // namespace nrs::systems
