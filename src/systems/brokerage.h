#pragma once

// Gould–Fernandez brokerage roles (Gould and Fernandez 1989), counted and labelled exactly as R sna's
// brokerage() does (the reference, methods.md §5): for every two-path a → v → c between distinct nodes with no
// tie a → c, the broker v takes one role by the groups (sectors) of a, v and c:
//   coordinator     a, v, c all in one group
//   itinerant       a and c in one group, v in another
//   gatekeeper      a and v in one group, c in another
//   representative  v and c in one group, a in another
//   liaison         a, v, c in three different groups
// (Some readings of Gould and Fernandez swap the names gatekeeper and representative; sna's labels are kept
// so that our counts compare with the tool analysts use.) igraph has no brokerage measure, so this is ours.
// An undirected tie counts in both directions.

#include <vector>

#include "systems/network.h"

namespace nrs::systems {

struct BrokerageCounts {
  int coordinator = 0;
  int itinerant = 0;
  int gatekeeper = 0;
  int representative = 0;
  int liaison = 0;

  int Total() const { return coordinator + itinerant + gatekeeper + representative + liaison; }
  friend bool operator==(const BrokerageCounts&, const BrokerageCounts&) = default;
};

// Per node (Graph order). Precondition: graph.HasGroups().
std::vector<BrokerageCounts> Brokerage(const Graph& graph);

}  // namespace nrs::systems
