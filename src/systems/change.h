#pragma once

// Change in an actor map between two dates, from the relationships' valid-from / valid-to dates: which ties and
// actors were added and lost, and each actor's measures before and after.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nrs/result.h"
#include "systems/measures.h"
#include "systems/network.h"

namespace nrs::systems {

// The map as it stood on `date` (YYYY-MM-DD): the edges valid then (valid_from ≤ date ≤ valid_to, an empty
// date being open), and the nodes those edges name, with their attributes.
Network SnapshotAt(const Network& network, std::string_view date);

struct TieChange {
  std::string source;
  std::string target;
  std::string type;
  bool added = false;  // false: lost
};

struct NodeChange {
  std::string node;
  std::optional<NodeMeasures> before;  // absent when the actor had no tie then
  std::optional<NodeMeasures> after;
};

struct MapChange {
  std::vector<TieChange> ties;    // lost, then added, each in node order
  std::vector<NodeChange> nodes;  // every actor present at either date, in node order
  int actors_added = 0;
  int actors_lost = 0;
};

// Errors: kInvalidArgument (a date is not YYYY-MM-DD or `after` precedes `before`), kInvalidInput (the network
// fails BuildGraph), and those of MeasureNodes.
Result<MapChange> CompareDates(const Network& network, std::string_view before, std::string_view after,
                               const MeasureOptions& options);

}  // namespace nrs::systems
