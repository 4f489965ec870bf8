#pragma once

// Feedback loops of a causal factor map: every simple directed cycle up to a length bound, each once, rotated
// to start at its smallest factor (natural order of ids), with its polarity — reinforcing when the product of
// its link signs is +, balancing when −. igraph has no signed cycle enumeration, so this is ours: for each
// start factor s in order, a depth-first search over factors after s, pruned by the distance back to s (a
// path is only extended while it can still close within the bound), so each cycle is found exactly once, from
// its smallest factor.

#include <cstdint>
#include <string>
#include <vector>

#include "nrs/result.h"
#include "systems/network.h"

namespace nrs::systems {

struct LoopOptions {
  int max_length = 12;               // links per loop; 0 = no bound (up to the number of factors)
  std::int64_t max_loops = 100'000;  // loops kept; the others are counted in LoopReport::cut
  // Search steps (path extensions) before the search stops; LoopReport::complete is then false.
  std::int64_t max_steps = 500'000'000;

  Status Validate() const;
};

struct Loop {
  std::vector<int> nodes;  // Graph indices, starting at the smallest
  int polarity = 0;        // +1 reinforcing, −1 balancing, 0 when a link is unsigned
};

struct LoopReport {
  std::vector<Loop> loops;  // by length, then by factors in order
  std::int64_t found = 0;   // loops found (kept + cut)
  std::int64_t cut = 0;     // found but not kept (beyond max_loops)
  bool complete = true;     // false when max_steps stopped the search: more loops may exist
};

// Precondition: graph.directed. Errors: kInvalidArgument (undirected graph, bad options).
Result<LoopReport> FindLoops(const Graph& graph, const LoopOptions& options);

// "reinforcing", "balancing" or "unsigned".
std::string_view PolarityName(int polarity);

}  // namespace nrs::systems
