#include "systems/change.h"

#include <algorithm>
#include <map>
#include <set>

namespace nrs::systems {
namespace {

bool ValidOn(const Edge& e, std::string_view date) {
  return (e.valid_from.empty() || e.valid_from <= date) && (e.valid_to.empty() || date <= e.valid_to);
}

struct NaturalOrder {
  bool operator()(const std::pair<std::string, std::string>& a, const std::pair<std::string, std::string>& b) const {
    if (a.first != b.first) return NaturalLess(a.first, b.first);
    return NaturalLess(a.second, b.second);
  }
};

// A tie as (source, target), undirected ties with the smaller end first.
std::pair<std::string, std::string> TieKey(const Edge& e, bool directed) {
  if (!directed && NaturalLess(e.target, e.source)) return {e.target, e.source};
  return {e.source, e.target};
}

}  // namespace

Network SnapshotAt(const Network& network, std::string_view date) {
  Network snapshot;
  snapshot.directed = network.directed;
  std::set<std::string> named;
  for (const Edge& e : network.edges) {
    if (!ValidOn(e, date)) continue;
    snapshot.edges.push_back(e);
    named.insert(e.source);
    named.insert(e.target);
  }
  for (const Node& n : network.nodes) {
    if (named.contains(n.id)) snapshot.nodes.push_back(n);
  }
  return snapshot;
}

Result<MapChange> CompareDates(const Network& network, std::string_view before, std::string_view after,
                               const MeasureOptions& options) {
  if (!IsIsoDate(before)) return Status::InvalidArgument("'{}' is not a date YYYY-MM-DD", before);
  if (!IsIsoDate(after)) return Status::InvalidArgument("'{}' is not a date YYYY-MM-DD", after);
  if (after < before) return Status::InvalidArgument("the later date {} precedes the earlier {}", after, before);
  NRS_RETURN_IF_ERROR(BuildGraph(network).status());

  MapChange change;
  std::map<std::pair<std::string, std::string>, const Edge*, NaturalOrder> then;
  std::map<std::pair<std::string, std::string>, const Edge*, NaturalOrder> now;
  for (const Edge& e : network.edges) {
    if (ValidOn(e, before)) then.emplace(TieKey(e, network.directed), &e);
    if (ValidOn(e, after)) now.emplace(TieKey(e, network.directed), &e);
  }
  for (const auto& [key, e] : then) {
    if (!now.contains(key)) change.ties.push_back({key.first, key.second, e->type, false});
  }
  for (const auto& [key, e] : now) {
    if (!then.contains(key)) change.ties.push_back({key.first, key.second, e->type, true});
  }

  std::map<std::string, NodeChange,
           decltype([](const std::string& a, const std::string& b) { return NaturalLess(a, b); })>
      nodes;
  for (const bool later : {false, true}) {
    const Network snapshot = SnapshotAt(network, later ? after : before);
    NRS_ASSIGN_OR_RETURN(const Graph graph, BuildGraph(snapshot));
    NRS_ASSIGN_OR_RETURN(const NodeMeasureReport report, MeasureNodes(graph, options));
    for (const NodeMeasures& m : report.nodes) {
      NodeChange& row = nodes[m.node];
      row.node = m.node;
      (later ? row.after : row.before) = m;
    }
  }
  for (auto& [id, row] : nodes) {
    if (!row.before) ++change.actors_added;
    if (!row.after) ++change.actors_lost;
    change.nodes.push_back(std::move(row));
  }
  return change;
}

}  // namespace nrs::systems
