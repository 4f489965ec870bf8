// The neighbourhood as a system, stored: actor and factor maps per neighbourhood, their analyses and published
// measures, and the register of activities and actions with its coverage.

#include "nrs/system_maps.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "app/audit.h"
#include "app/places_internal.h"
#include "app/systems_internal.h"
#include "core/text.h"
#include "indicators/catalogue.h"
#include "io/graph_files.h"
#include "store/meta.h"
#include "store/places.h"
#include "store/system_maps.h"
#include "systems/change.h"
#include "systems/measures.h"

namespace nrs {
namespace {

constexpr std::string_view kStatuses[] = {"proposed", "planned", "under way", "done", "stopped"};
// The programme's four domains (product description); frameworks as data arrive with the framework capability.
constexpr std::string_view kFourDomains[] = {"living environment", "economic systems", "social relationships",
                                             "community governance"};

Result<store::NeighbourhoodRow> Neighbourhood(store::Transaction& tx, const std::string& name) {
  NRS_ASSIGN_OR_RETURN(auto n, store::FindNeighbourhood(tx, name));
  if (!n) return Status::NotFound("no neighbourhood called '{}' (see `nrs neighbourhood list`)", name);
  return std::move(*n);
}

// The neighbourhood's stored map of `kind` as it stood on `date`.
Result<systems::Network> LoadMap(App& app, const std::string& neighbourhood, MapKind kind, const std::string& date) {
  if (!date.empty() && !systems::IsIsoDate(date)) return Status::InvalidArgument("'{}' is not a date YYYY-MM-DD", date);
  systems::Network network;
  NRS_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const store::NeighbourhoodRow n, Neighbourhood(tx, neighbourhood));
    if (kind == MapKind::kActors) {
      NRS_ASSIGN_OR_RETURN(network, store::LoadActorMap(tx, n.id));
    } else {
      NRS_ASSIGN_OR_RETURN(network, store::LoadFactorMap(tx, n.id));
    }
    if (network.nodes.empty()) {
      return Status::NotFound("{} has no {} map yet (import one with `nrs map import`)", n.name,
                              kind == MapKind::kActors ? "actor" : "factor");
    }
    return Status::Ok();
  }));
  return date.empty() ? network : systems::SnapshotAt(network, date);
}

MapInput StoredInput(const systems::Network& network) {
  MapInput input;
  input.network = &network;
  return input;
}

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  return fmt::format("{}", fmt::join(parts, separator));
}

}  // namespace

Status SystemMapImportOptions::Validate() const {
  if (neighbourhood.empty()) return Status::InvalidArgument("name the neighbourhood the map belongs to");
  return input.Validate();
}

Result<ImportReport> ImportSystemMap(App& app, const SystemMapImportOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  const bool factors = options.kind == MapKind::kFactors;
  io::GraphReadOptions read;
  read.directed = factors || options.input.directed;
  read.rules = systems::NetworkRules{.allow_self_loops = false, .require_sign = factors};
  read.node_table_complete = !factors;  // every actor needs its row: kind and role are required
  NRS_ASSIGN_OR_RETURN(const systems::Network network,
                       io::ReadNetwork(options.input.path, options.input.nodes_path, read));
  NRS_ASSIGN_OR_RETURN(const systems::Graph graph, systems::BuildGraph(network, read.rules));
  ImportReport report;
  NRS_RETURN_IF_ERROR(app.store().Write([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const store::NeighbourhoodRow n, Neighbourhood(tx, options.neighbourhood));
    NRS_RETURN_IF_ERROR(factors ? store::ReplaceFactorMap(tx, n.id, network)
                                : store::ReplaceActorMap(tx, n.id, network));
    report.dataset = fmt::format("{} map of {}", factors ? "factor" : "actor", n.name);
    return app::RecordAudit(tx, options.actor, app.clock(),
                            {.action = factors ? "map.factors.import" : "map.actors.import",
                             .target = "neighbourhood:" + n.slug,
                             .after = {{"source", std::filesystem::path(options.input.path).filename().string()},
                                       {"nodes", network.nodes.size()},
                                       {"edges", network.edges.size()}}});
  }));
  report.records = static_cast<std::int64_t>(network.edges.size());
  report.notes.push_back(fmt::format("{} {} and {} {} replace the neighbourhood's {} map", graph.size(),
                                     factors ? "factors" : "actors", network.edges.size(), factors ? "links" : "ties",
                                     factors ? "factor" : "actor"));
  return report;
}

namespace {

// Runs an analysis written for map files over a stored map: the map, loaded, becomes the analysis' input.
template <typename Options>
Result<MapOutput> OnStoredMap(App& app, const StoredMap& map, MapKind kind, Options options,
                              Result<MapOutput> (*analysis)(const Options&)) {
  NRS_ASSIGN_OR_RETURN(const systems::Network network, LoadMap(app, map.neighbourhood, kind, map.date));
  options.input = StoredInput(network);
  return analysis(options);
}

}  // namespace

Result<MapOutput> MapMeasures(App& app, const StoredMap& map, MapMeasuresOptions options) {
  return OnStoredMap(app, map, MapKind::kActors, std::move(options), MapMeasures);
}

Result<MapOutput> MapSummary(App& app, const StoredMap& map, MapMeasuresOptions options) {
  return OnStoredMap(app, map, MapKind::kActors, std::move(options), MapSummary);
}

Result<MapOutput> MapChange(App& app, const std::string& neighbourhood, MapChangeOptions options) {
  NRS_ASSIGN_OR_RETURN(const systems::Network network, LoadMap(app, neighbourhood, MapKind::kActors, ""));
  options.measures.input = StoredInput(network);
  return MapChange(options);
}

Result<MapOutput> MapLoops(App& app, const StoredMap& map, MapLoopsOptions options) {
  return OnStoredMap(app, map, MapKind::kFactors, std::move(options), MapLoops);
}

Result<MapOutput> MapFactors(App& app, const StoredMap& map, MapLoopsOptions options) {
  return OnStoredMap(app, map, MapKind::kFactors, std::move(options), MapFactors);
}

Result<MapOutput> MapReach(App& app, const StoredMap& map, MapReachOptions options) {
  return OnStoredMap(app, map, MapKind::kFactors, std::move(options), MapReach);
}

Result<MapOutput> MapPaths(App& app, const StoredMap& map, MapPathsOptions options) {
  return OnStoredMap(app, map, MapKind::kFactors, std::move(options), MapPaths);
}

Result<MapOutput> ExportSystemMap(App& app, const StoredMap& map, MapKind kind, MapConvertOptions options) {
  return OnStoredMap(app, map, kind, std::move(options), ConvertMap);
}

namespace {

struct MapIndicator {
  const char* key;
  const char* name;
  const char* domain;
  const char* unit;
  indicators::Polarity polarity;
  double (*value)(const systems::GraphMeasures&);
};

// The neighbourhood-level measures of an actor map that the framework's social-relationships and
// community-governance domains use.
const MapIndicator kMapIndicators[] = {
    {"actor-map-density", "Actor map: density of ties", "social relationships", "share of possible ties",
     indicators::Polarity::kHighIsGood, [](const systems::GraphMeasures& m) { return m.density; }},
    {"actor-map-bridging-share", "Actor map: ties that bridge sectors", "social relationships", "share of ties",
     indicators::Polarity::kHighIsGood, [](const systems::GraphMeasures& m) { return m.bridging_share; }},
    {"actor-map-residents-reach", "Actor map: residents' ties that reach institutions", "community governance",
     "share of residents' ties", indicators::Polarity::kHighIsGood,
     [](const systems::GraphMeasures& m) { return m.residents_reach; }},
    {"actor-map-residents-in-oversight", "Actor map: residents in oversight roles", "community governance", "people",
     indicators::Polarity::kHighIsGood,
     [](const systems::GraphMeasures& m) { return static_cast<double>(m.residents_in_oversight); }},
};

}  // namespace

namespace app {

Result<core::Table> PublishMapIndicators(store::Transaction& tx, const MapIndicatorOptions& options) {
  if (!options.date.empty() && !systems::IsIsoDate(options.date)) {
    return Status::InvalidArgument("'{}' is not a date YYYY-MM-DD", options.date);
  }
  const std::string period = !options.period.empty() ? options.period
                             : options.date.empty()  ? std::string("current")
                                                     : options.date.substr(0, 4);
  core::Table table({{"neighbourhood", core::CellType::kText},
                     {"indicator", core::CellType::kText},
                     {"period", core::CellType::kText},
                     {"value", core::CellType::kReal, 4}});
  std::vector<store::NeighbourhoodRow> targets;
  if (options.neighbourhood.empty()) {
    NRS_ASSIGN_OR_RETURN(targets, store::ListNeighbourhoods(tx));
  } else {
    NRS_ASSIGN_OR_RETURN(store::NeighbourhoodRow n, Neighbourhood(tx, options.neighbourhood));
    targets.push_back(std::move(n));
  }
  std::map<std::string, std::int64_t> ids;
  for (const MapIndicator& m : kMapIndicators) {
    indicators::Indicator ind;
    ind.key = m.key;
    ind.name = m.name;
    ind.domains = {m.domain};
    ind.unit = m.unit;
    ind.value_type = indicators::ValueType::kScore;
    ind.polarity = m.polarity;
    ind.source = "NRS actor maps (measured by the network engine)";
    ind.area_type = "neighbourhood";
    NRS_ASSIGN_OR_RETURN(ids[m.key], store::PutIndicator(tx, ind));
  }
  std::vector<store::NeighbourhoodValue> values;
  for (const store::NeighbourhoodRow& n : targets) {
    NRS_ASSIGN_OR_RETURN(systems::Network network, store::LoadActorMap(tx, n.id));
    if (network.nodes.empty()) continue;
    if (!options.date.empty()) network = systems::SnapshotAt(network, options.date);
    NRS_ASSIGN_OR_RETURN(const systems::Graph graph, systems::BuildGraph(network));
    NRS_ASSIGN_OR_RETURN(const systems::GraphMeasures measures, systems::MeasureGraph(graph, {}));
    for (const MapIndicator& m : kMapIndicators) {
      const double v = m.value(measures);
      values.push_back({ids[m.key], n.id, period, std::isfinite(v) ? std::optional<double>(v) : std::nullopt,
                        std::nullopt, std::nullopt, std::nullopt, std::nullopt, "actor map measure"});
      table.AddRow({n.name, std::string(m.key), period, std::isfinite(v) ? core::Cell(v) : core::Cell()});
    }
  }
  NRS_RETURN_IF_ERROR(store::PutNeighbourhoodValues(tx, values));
  return table;
}

}  // namespace app

Result<core::Table> PublishMapIndicators(App& app, const MapIndicatorOptions& options) {
  core::Table table;
  NRS_RETURN_IF_ERROR(app.store().Write([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(table, app::PublishMapIndicators(tx, options));
    return app::RecordAudit(tx, options.actor, app.clock(),
                            {.action = "map.publish",
                             .target = options.neighbourhood.empty() ? std::string("neighbourhoods")
                                                                     : "neighbourhood:" + options.neighbourhood,
                             .after = {{"date", options.date}, {"values", table.rows().size()}}});
  }));
  return table;
}

Status ActivityOptions::Validate() const {
  if (kind != "activity" && kind != "action")
    return Status::InvalidArgument("kind is activity or action, not '{}'", kind);
  if (core::Trim(title).empty()) return Status::InvalidArgument("an activity needs a title");
  if (std::find(std::begin(kStatuses), std::end(kStatuses), status) == std::end(kStatuses)) {
    return Status::InvalidArgument("status '{}': use proposed, planned, under way, done or stopped", status);
  }
  for (const std::string* date : {&start_date, &end_date}) {
    if (!date->empty() && !systems::IsIsoDate(*date))
      return Status::InvalidArgument("'{}' is not a date YYYY-MM-DD", *date);
  }
  if (!start_date.empty() && !end_date.empty() && end_date < start_date) {
    return Status::InvalidArgument("it ends ({}) before it starts ({})", end_date, start_date);
  }
  if (cost && (!std::isfinite(*cost) || *cost < 0))
    return Status::InvalidArgument("cost must be a sum of money, 0 or more");
  if (neighbourhoods.empty()) return Status::InvalidArgument("name at least one neighbourhood");
  if (domains.empty()) return Status::InvalidArgument("tag at least one domain of the framework");
  for (const std::vector<std::string>* list : {&domains, &affects}) {
    for (const std::string& d : *list) {
      if (std::find(std::begin(kFourDomains), std::end(kFourDomains), core::ToLower(d)) == std::end(kFourDomains)) {
        return Status::InvalidArgument(
            "'{}' is not a domain of {}: use living environment, economic systems, social relationships or "
            "community governance",
            d, framework);
      }
    }
  }
  if (kind == "activity" && tweak_of != 0)
    return Status::InvalidArgument("only an action can be a tweak of an activity");
  return Status::Ok();
}

Result<std::int64_t> AddActivity(App& app, const ActivityOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  std::int64_t id = 0;
  NRS_RETURN_IF_ERROR(app.store().Write([&](store::Transaction& tx) -> Status {
    store::ActivityRow row;
    row.kind = options.kind;
    row.title = std::string(core::Trim(options.title));
    row.description = options.description;
    row.status = options.status;
    row.start_date = options.start_date;
    row.end_date = options.end_date;
    row.cost = options.cost;
    row.evidence = options.evidence;
    row.indicators = options.indicators;
    row.illustrative = options.illustrative;
    row.created_at = core::FormatUtc(app.clock().Now());
    if (options.tweak_of != 0) {
      NRS_ASSIGN_OR_RETURN(const auto kind,
                           tx.QueryInt("SELECT kind = 'activity' FROM activity WHERE id = ?", {options.tweak_of}));
      if (!kind) return Status::InvalidArgument("no activity {} to tweak", options.tweak_of);
      if (*kind == 0) return Status::InvalidArgument("{} is an action; a tweak changes an activity", options.tweak_of);
      row.tweak_of = options.tweak_of;
    }
    for (const std::string& name : options.neighbourhoods) {
      NRS_ASSIGN_OR_RETURN(const store::NeighbourhoodRow n, Neighbourhood(tx, name));
      row.neighbourhoods.push_back(n.id);
    }
    for (const std::string& d : options.domains) row.domains.push_back({options.framework, core::ToLower(d), "tagged"});
    for (const std::string& d : options.affects)
      row.domains.push_back({options.framework, core::ToLower(d), "affects"});
    NRS_ASSIGN_OR_RETURN(const auto catalogue, store::LoadCatalogue(tx));
    for (const std::string& key : options.indicators) {
      if (std::none_of(catalogue.begin(), catalogue.end(), [&](const auto& s) { return s.indicator.key == key; })) {
        return Status::InvalidArgument("'{}' is not an indicator of the catalogue", key);
      }
    }
    const auto add_actor = [&](const std::string& key, const char* role) -> Status {
      NRS_ASSIGN_OR_RETURN(const auto actor, store::FindActor(tx, row.neighbourhoods.front(), key));
      if (!actor)
        return Status::InvalidArgument("no actor '{}' in the actor map of {}", key, options.neighbourhoods.front());
      row.actors.push_back({*actor, role});
      return Status::Ok();
    };
    if (!options.lead.empty()) NRS_RETURN_IF_ERROR(add_actor(options.lead, "lead"));
    for (const std::string& p : options.partners) NRS_RETURN_IF_ERROR(add_actor(p, "partner"));
    NRS_ASSIGN_OR_RETURN(id, store::InsertActivity(tx, row));
    return app::RecordAudit(tx, options.actor, app.clock(),
                            {.action = options.kind + ".add",
                             .target = fmt::format("activity:{}", id),
                             .after = {{"kind", options.kind},
                                       {"title", row.title},
                                       {"status", row.status},
                                       {"neighbourhoods", options.neighbourhoods},
                                       {"domains", options.domains}}});
  }));
  return id;
}

Result<core::Table> ListActivities(App& app, const ActivityListOptions& options) {
  core::Table table({{"id", core::CellType::kInteger},
                     {"kind", core::CellType::kText},
                     {"title", core::CellType::kText},
                     {"status", core::CellType::kText},
                     {"neighbourhoods", core::CellType::kText},
                     {"domains", core::CellType::kText},
                     {"affects", core::CellType::kText},
                     {"tweak_of", core::CellType::kInteger},
                     {"lead", core::CellType::kText},
                     {"partners", core::CellType::kText},
                     {"start", core::CellType::kText},
                     {"end", core::CellType::kText},
                     {"cost", core::CellType::kReal, 0},
                     {"indicators", core::CellType::kText},
                     {"illustrative", core::CellType::kText}});
  NRS_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const auto neighbourhoods, store::ListNeighbourhoods(tx));
    std::map<std::int64_t, std::string> names;
    for (const auto& n : neighbourhoods) names[n.id] = n.name;
    std::int64_t only = 0;
    if (!options.neighbourhood.empty()) {
      NRS_ASSIGN_OR_RETURN(const store::NeighbourhoodRow n, Neighbourhood(tx, options.neighbourhood));
      only = n.id;
    }
    std::map<std::int64_t, std::string> actor_keys;
    NRS_RETURN_IF_ERROR(tx.Query("SELECT id, key FROM actor", {}, [&](const store::Row& r) {
      actor_keys[r.Int(0)] = r.Text(1);
      return Status::Ok();
    }));
    NRS_ASSIGN_OR_RETURN(const auto activities, store::ListActivities(tx));
    for (const store::ActivityRow& a : activities) {
      if (only != 0 && std::find(a.neighbourhoods.begin(), a.neighbourhoods.end(), only) == a.neighbourhoods.end()) {
        continue;
      }
      if (!options.kind.empty() && a.kind != options.kind) continue;
      std::vector<std::string> tagged;
      std::vector<std::string> affects;
      for (const auto& d : a.domains) (d.relation == "tagged" ? tagged : affects).push_back(d.domain);
      if (!options.domain.empty() &&
          std::find(tagged.begin(), tagged.end(), core::ToLower(options.domain)) == tagged.end()) {
        continue;
      }
      std::vector<std::string> where;
      for (const std::int64_t n : a.neighbourhoods) where.push_back(names[n]);
      std::string lead;
      std::vector<std::string> partners;
      for (const auto& actor : a.actors) {
        if (actor.role == "lead") {
          lead = actor_keys[actor.actor_id];
        } else {
          partners.push_back(actor_keys[actor.actor_id]);
        }
      }
      table.AddRow({a.id, a.kind, a.title, a.status, Join(where, "; "), Join(tagged, "; "), Join(affects, "; "),
                    a.tweak_of > 0 ? core::Cell(a.tweak_of) : core::Cell(), lead, Join(partners, "; "), a.start_date,
                    a.end_date, a.cost ? core::Cell(*a.cost) : core::Cell(), Join(a.indicators, "; "),
                    std::string(a.illustrative ? "yes" : "no")});
    }
    return Status::Ok();
  }));
  return table;
}

Result<core::Table> ActivityCoverage(App& app) {
  core::Table table({{"neighbourhood", core::CellType::kText},
                     {"domain", core::CellType::kText},
                     {"activities", core::CellType::kInteger},
                     {"actions", core::CellType::kInteger},
                     {"affected_from_other_domains", core::CellType::kInteger},
                     {"gap", core::CellType::kText}});
  NRS_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const auto neighbourhoods, store::ListNeighbourhoods(tx));
    NRS_ASSIGN_OR_RETURN(const auto activities, store::ListActivities(tx));
    struct Cell {
      std::int64_t activities = 0, actions = 0, affected = 0;
    };
    std::map<std::pair<std::int64_t, std::string>, Cell> cells;
    for (const store::ActivityRow& a : activities) {
      for (const std::int64_t n : a.neighbourhoods) {
        for (const auto& d : a.domains) {
          Cell& c = cells[{n, d.domain}];
          if (d.relation == "affects") {
            ++c.affected;
          } else if (a.kind == "activity") {
            ++c.activities;
          } else {
            ++c.actions;
          }
        }
      }
    }
    for (const auto& n : neighbourhoods) {
      for (const std::string_view domain : kFourDomains) {
        const Cell c = cells[{n.id, std::string(domain)}];
        table.AddRow({n.name, std::string(domain), c.activities, c.actions, c.affected,
                      std::string(c.activities + c.actions == 0 ? "yes" : "no")});
      }
    }
    return Status::Ok();
  }));
  return table;
}

}  // namespace nrs
