#include "store/system_maps.h"

#include <fmt/format.h>

#include <unordered_map>

#include "core/text.h"

namespace nrs::store {
namespace {

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  return fmt::format("{}", fmt::join(parts, separator));
}

std::optional<double> Opt(const Row& r, int c) { return r.OptionalReal(c); }

std::string IdList(const std::vector<std::int64_t>& ids) { return fmt::format("[{}]", fmt::join(ids, ",")); }

}  // namespace

Status ReplaceActorMap(Transaction& tx, std::int64_t neighbourhood_id, const systems::Network& map) {
  NRS_RETURN_IF_ERROR(tx.Execute("DELETE FROM relationship WHERE neighbourhood_id = ?", {neighbourhood_id}));
  NRS_RETURN_IF_ERROR(
      tx.Execute("DELETE FROM activity_actor WHERE actor_id IN (SELECT id FROM actor WHERE "
                 "neighbourhood_id = ?)",
                 {neighbourhood_id}));
  NRS_RETURN_IF_ERROR(tx.Execute("DELETE FROM actor WHERE neighbourhood_id = ?", {neighbourhood_id}));
  std::unordered_map<std::string, std::int64_t> ids;
  NRS_ASSIGN_OR_RETURN(Statement * actor,
                       tx.Prepare("INSERT INTO actor(neighbourhood_id, key, kind, label, sector, role, influence, "
                                  "domains) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  for (const systems::Node& n : map.nodes) {
    if (n.kind != "person" && n.kind != "organisation") {
      return Status::InvalidArgument("actor '{}': kind must be person or organisation, not '{}'", n.id, n.kind);
    }
    if (n.role.empty()) return Status::InvalidArgument("actor '{}' needs a role", n.id);
    NRS_RETURN_IF_ERROR(
        actor->Execute({neighbourhood_id, n.id, n.kind, n.label, n.group, n.role, n.influence, Join(n.domains, ";")}));
    ids[n.id] = tx.LastInsertId();
  }
  NRS_ASSIGN_OR_RETURN(Statement * tie,
                       tx.Prepare("INSERT INTO relationship(neighbourhood_id, source_id, target_id, mutual, type, "
                                  "strength, valid_from, valid_to, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  for (const systems::Edge& e : map.edges) {
    const auto s = ids.find(e.source);
    const auto t = ids.find(e.target);
    if (s == ids.end() || t == ids.end()) {
      return Status::InvalidArgument("the tie {} → {} names an actor without a row of its own", e.source, e.target);
    }
    // An undirected map's ties are stored as mutual: the stored map is always read back as directed.
    NRS_RETURN_IF_ERROR(tie->Execute({neighbourhood_id, s->second, t->second, e.mutual || !map.directed, e.type,
                                      e.weight, e.valid_from, e.valid_to, e.recorded_by}));
  }
  return Status::Ok();
}

Result<systems::Network> LoadActorMap(Transaction& tx, std::int64_t neighbourhood_id) {
  systems::Network map;
  map.directed = true;
  std::unordered_map<std::int64_t, std::string> keys;
  NRS_RETURN_IF_ERROR(
      tx.Query("SELECT id, key, kind, label, sector, role, influence, domains FROM actor WHERE "
               "neighbourhood_id = ? ORDER BY id",
               {neighbourhood_id}, [&](const Row& r) {
                 systems::Node n;
                 n.id = r.Text(1);
                 n.kind = r.Text(2);
                 n.label = r.Text(3);
                 n.group = r.Text(4);
                 n.role = r.Text(5);
                 n.influence = Opt(r, 6);
                 n.domains = core::SplitList(r.Text(7), ';');
                 keys[r.Int(0)] = n.id;
                 map.nodes.push_back(std::move(n));
                 return Status::Ok();
               }));
  NRS_RETURN_IF_ERROR(
      tx.Query("SELECT source_id, target_id, mutual, type, strength, valid_from, valid_to, "
               "recorded_by FROM relationship WHERE neighbourhood_id = ? ORDER BY id",
               {neighbourhood_id}, [&](const Row& r) {
                 systems::Edge e;
                 e.source = keys[r.Int(0)];
                 e.target = keys[r.Int(1)];
                 e.mutual = r.Int(2) != 0;
                 e.type = r.Text(3);
                 e.weight = r.Real(4);
                 e.valid_from = r.Text(5);
                 e.valid_to = r.Text(6);
                 e.recorded_by = r.Text(7);
                 map.edges.push_back(std::move(e));
                 return Status::Ok();
               }));
  return map;
}

Status ReplaceFactorMap(Transaction& tx, std::int64_t neighbourhood_id, const systems::Network& map) {
  NRS_RETURN_IF_ERROR(tx.Execute("DELETE FROM factor_link WHERE neighbourhood_id = ?", {neighbourhood_id}));
  NRS_RETURN_IF_ERROR(tx.Execute("DELETE FROM factor WHERE neighbourhood_id = ?", {neighbourhood_id}));
  std::unordered_map<std::string, std::int64_t> ids;
  NRS_ASSIGN_OR_RETURN(Statement * factor, tx.Prepare("INSERT INTO factor(neighbourhood_id, key, label, domain, "
                                                      "indicator_key) VALUES (?, ?, ?, ?, ?)"));
  for (const systems::Node& n : map.nodes) {
    NRS_RETURN_IF_ERROR(factor->Execute(
        {neighbourhood_id, n.id, n.label, n.domains.empty() ? std::string() : n.domains.front(), n.indicator}));
    ids[n.id] = tx.LastInsertId();
  }
  // Factors that only the links name (no node table) are stored with their id as label.
  for (const systems::Edge& e : map.edges) {
    for (const std::string& end : {e.source, e.target}) {
      if (ids.contains(end)) continue;
      NRS_RETURN_IF_ERROR(factor->Execute({neighbourhood_id, end, end, std::string(), std::string()}));
      ids[end] = tx.LastInsertId();
    }
  }
  NRS_ASSIGN_OR_RETURN(Statement * link, tx.Prepare("INSERT INTO factor_link(neighbourhood_id, source_id, target_id, "
                                                    "sign, recorded_by) VALUES (?, ?, ?, ?, ?)"));
  for (const systems::Edge& e : map.edges) {
    const auto s = ids.find(e.source);
    const auto t = ids.find(e.target);
    if (s == ids.end() || t == ids.end()) {
      return Status::InvalidArgument("the link {} → {} names a factor without a row of its own", e.source, e.target);
    }
    if (e.sign != 1 && e.sign != -1) {
      return Status::InvalidArgument("the link {} → {} needs a sign, + or -", e.source, e.target);
    }
    NRS_RETURN_IF_ERROR(link->Execute({neighbourhood_id, s->second, t->second, e.sign, e.recorded_by}));
  }
  return Status::Ok();
}

Result<systems::Network> LoadFactorMap(Transaction& tx, std::int64_t neighbourhood_id) {
  systems::Network map;
  map.directed = true;
  std::unordered_map<std::int64_t, std::string> keys;
  NRS_RETURN_IF_ERROR(
      tx.Query("SELECT id, key, label, domain, indicator_key FROM factor WHERE neighbourhood_id = ? "
               "ORDER BY id",
               {neighbourhood_id}, [&](const Row& r) {
                 systems::Node n;
                 n.id = r.Text(1);
                 n.label = r.Text(2);
                 if (!r.Text(3).empty()) n.domains = {std::string(r.Text(3))};
                 n.indicator = r.Text(4);
                 keys[r.Int(0)] = n.id;
                 map.nodes.push_back(std::move(n));
                 return Status::Ok();
               }));
  NRS_RETURN_IF_ERROR(
      tx.Query("SELECT source_id, target_id, sign, recorded_by FROM factor_link WHERE "
               "neighbourhood_id = ? ORDER BY id",
               {neighbourhood_id}, [&](const Row& r) {
                 systems::Edge e;
                 e.source = keys[r.Int(0)];
                 e.target = keys[r.Int(1)];
                 e.sign = static_cast<int>(r.Int(2));
                 e.recorded_by = r.Text(3);
                 map.edges.push_back(std::move(e));
                 return Status::Ok();
               }));
  return map;
}

Result<std::optional<std::int64_t>> FindActor(Transaction& tx, std::int64_t neighbourhood_id, std::string_view key) {
  return tx.QueryInt("SELECT id FROM actor WHERE neighbourhood_id = ? AND key = ?", {neighbourhood_id, key});
}

Result<std::int64_t> InsertActivity(Transaction& tx, const ActivityRow& a) {
  const std::optional<std::int64_t> tweak = a.tweak_of > 0 ? std::optional<std::int64_t>(a.tweak_of) : std::nullopt;
  NRS_RETURN_IF_ERROR(tx.Execute(
      "INSERT INTO activity(kind, title, description, status, start_date, end_date, cost, tweak_of, evidence, "
      "indicators, illustrative, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {a.kind, a.title, a.description, a.status, a.start_date, a.end_date, a.cost, tweak, a.evidence,
       Join(a.indicators, ";"), a.illustrative, a.created_at}));
  const std::int64_t id = tx.LastInsertId();
  for (const std::int64_t n : a.neighbourhoods) {
    NRS_RETURN_IF_ERROR(
        tx.Execute("INSERT INTO activity_neighbourhood(activity_id, neighbourhood_id) VALUES (?, ?)", {id, n}));
  }
  for (const ActivityRow::Domain& d : a.domains) {
    NRS_RETURN_IF_ERROR(
        tx.Execute("INSERT OR IGNORE INTO activity_domain(activity_id, framework, domain, relation) "
                   "VALUES (?, ?, ?, ?)",
                   {id, d.framework, d.domain, d.relation}));
  }
  for (const ActivityRow::Actor& actor : a.actors) {
    NRS_RETURN_IF_ERROR(tx.Execute("INSERT INTO activity_actor(activity_id, actor_id, role) VALUES (?, ?, ?)",
                                   {id, actor.actor_id, actor.role}));
  }
  return id;
}

Result<std::vector<ActivityRow>> ListActivities(Transaction& tx) {
  std::vector<ActivityRow> out;
  std::unordered_map<std::int64_t, std::size_t> index;
  NRS_RETURN_IF_ERROR(tx.Query(
      "SELECT id, kind, title, description, status, start_date, end_date, cost, coalesce(tweak_of, 0), evidence, "
      "indicators, illustrative, created_at FROM activity ORDER BY id",
      {}, [&](const Row& r) {
        ActivityRow a;
        a.id = r.Int(0);
        a.kind = r.Text(1);
        a.title = r.Text(2);
        a.description = r.Text(3);
        a.status = r.Text(4);
        a.start_date = r.Text(5);
        a.end_date = r.Text(6);
        a.cost = Opt(r, 7);
        a.tweak_of = r.Int(8);
        a.evidence = r.Text(9);
        a.indicators = core::SplitList(r.Text(10), ';');
        a.illustrative = r.Int(11) != 0;
        a.created_at = r.Text(12);
        index[a.id] = out.size();
        out.push_back(std::move(a));
        return Status::Ok();
      }));
  NRS_RETURN_IF_ERROR(
      tx.Query("SELECT activity_id, neighbourhood_id FROM activity_neighbourhood ORDER BY activity_id, "
               "neighbourhood_id",
               {}, [&](const Row& r) {
                 out[index.at(r.Int(0))].neighbourhoods.push_back(r.Int(1));
                 return Status::Ok();
               }));
  NRS_RETURN_IF_ERROR(
      tx.Query("SELECT activity_id, framework, domain, relation FROM activity_domain ORDER BY "
               "activity_id, relation DESC, domain",
               {}, [&](const Row& r) {
                 out[index.at(r.Int(0))].domains.push_back(
                     {std::string(r.Text(1)), std::string(r.Text(2)), std::string(r.Text(3))});
                 return Status::Ok();
               }));
  NRS_RETURN_IF_ERROR(tx.Query("SELECT activity_id, actor_id, role FROM activity_actor ORDER BY activity_id, role", {},
                               [&](const Row& r) {
                                 out[index.at(r.Int(0))].actors.push_back({r.Int(1), std::string(r.Text(2))});
                                 return Status::Ok();
                               }));
  return out;
}

Status PutNeighbourhoodValues(Transaction& tx, const std::vector<NeighbourhoodValue>& values) {
  NRS_ASSIGN_OR_RETURN(Statement * put,
                       tx.Prepare("INSERT OR REPLACE INTO neighbourhood_value(indicator_id, neighbourhood_id, period, "
                                  "value, lower_95, upper_95, lower_998, upper_998, method) VALUES (?, ?, ?, ?, ?, ?, "
                                  "?, ?, ?)"));
  for (const NeighbourhoodValue& v : values) {
    NRS_RETURN_IF_ERROR(put->Execute({v.indicator_id, v.neighbourhood_id, v.period, v.value, v.lower_95, v.upper_95,
                                      v.lower_998, v.upper_998, v.method}));
  }
  return Status::Ok();
}

Result<std::vector<NeighbourhoodValue>> LoadNeighbourhoodValues(Transaction& tx,
                                                                const std::vector<std::int64_t>& neighbourhood_ids) {
  std::vector<NeighbourhoodValue> out;
  const std::string ids = IdList(neighbourhood_ids);
  NRS_RETURN_IF_ERROR(
      tx.Query("SELECT v.indicator_id, v.neighbourhood_id, v.period, v.value, v.lower_95, v.upper_95, v.lower_998, "
               "v.upper_998, v.method FROM json_each(?) AS j CROSS JOIN neighbourhood_value AS v "
               "ON v.neighbourhood_id = j.value ORDER BY v.indicator_id, v.period",
               {ids}, [&](const Row& r) {
                 out.push_back({r.Int(0), r.Int(1), std::string(r.Text(2)), Opt(r, 3), Opt(r, 4), Opt(r, 5), Opt(r, 6),
                                Opt(r, 7), std::string(r.Text(8))});
                 return Status::Ok();
               }));
  return out;
}

}  // namespace nrs::store
