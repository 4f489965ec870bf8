#pragma once

// Repositories of the system capability: a neighbourhood's actor map and causal factor map (as the network
// engine's plain structs), the register of activities and actions, and values measured for a neighbourhood as a
// whole (survey estimates, system-map measures).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"
#include "systems/network.h"

namespace nrs::store {

// Replaces the neighbourhood's actor map: nodes become actors (kind, label, sector = group, role, influence,
// domains), edges relationships. kInvalidArgument for an actor without kind or role.
Status ReplaceActorMap(Transaction& tx, std::int64_t neighbourhood_id, const systems::Network& map);
// The neighbourhood's actor map (directed; mutual ties flagged); empty when none is recorded.
Result<systems::Network> LoadActorMap(Transaction& tx, std::int64_t neighbourhood_id);

// The same for the causal factor map (nodes: label, domains[0] = domain, indicator; edges: sign). Factors
// named only by links are stored with their id as label.
Status ReplaceFactorMap(Transaction& tx, std::int64_t neighbourhood_id, const systems::Network& map);
Result<systems::Network> LoadFactorMap(Transaction& tx, std::int64_t neighbourhood_id);

// The actor's id by its key in the neighbourhood's map, or nullopt.
Result<std::optional<std::int64_t>> FindActor(Transaction& tx, std::int64_t neighbourhood_id, std::string_view key);

struct ActivityRow {
  std::int64_t id = 0;
  std::string kind = "activity";  // activity | action
  std::string title;
  std::string description;
  std::string status = "under way";  // proposed | planned | under way | done | stopped
  std::string start_date, end_date;
  std::optional<double> cost;
  std::int64_t tweak_of = 0;  // the activity an action changes, 0 = none
  std::string evidence;
  std::vector<std::string> indicators;  // catalogue keys it should move
  bool illustrative = false;
  std::string created_at;
  std::vector<std::int64_t> neighbourhoods;
  struct Domain {
    std::string framework;
    std::string domain;
    std::string relation;  // tagged | affects
  };
  std::vector<Domain> domains;
  struct Actor {
    std::int64_t actor_id = 0;
    std::string role;  // lead | partner
  };
  std::vector<Actor> actors;
};

// Inserts the activity with its neighbourhoods, domains and actors; returns its id.
Result<std::int64_t> InsertActivity(Transaction& tx, const ActivityRow& row);
// Every activity, oldest first, with its links.
Result<std::vector<ActivityRow>> ListActivities(Transaction& tx);

struct NeighbourhoodValue {
  std::int64_t indicator_id = 0;
  std::int64_t neighbourhood_id = 0;
  std::string period;
  std::optional<double> value, lower_95, upper_95, lower_998, upper_998;
  std::string method;
};
// Inserts or replaces each value.
Status PutNeighbourhoodValues(Transaction& tx, const std::vector<NeighbourhoodValue>& values);
// Every value of the given neighbourhoods.
Result<std::vector<NeighbourhoodValue>> LoadNeighbourhoodValues(Transaction& tx,
                                                                const std::vector<std::int64_t>& neighbourhood_ids);

}  // namespace nrs::store
