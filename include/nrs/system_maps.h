#pragma once

// The neighbourhood as a system, stored: each neighbourhood's actor map and causal factor map, analysed like
// map files (nrs/maps.h); their neighbourhood-level measures published as indicators; and the register of
// activities and actions tagged to the framework's domains, with its coverage of domains × neighbourhoods.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/table.h"
#include "nrs/app.h"
#include "nrs/maps.h"
#include "nrs/places.h"

namespace nrs {

enum class MapKind { kActors, kFactors };

struct SystemMapImportOptions {
  std::string neighbourhood;
  MapKind kind = MapKind::kActors;
  MapInput input;                      // the file(s); an actor map needs kind and role for every actor (node table)
  Actor actor = Actor::CommandLine();  // recorded in the audit trail

  Status Validate() const;
};
// Replaces the neighbourhood's map of that kind with the file's, in one transaction with its audit record.
Result<ImportReport> ImportSystemMap(App& app, const SystemMapImportOptions& options);

// A neighbourhood's stored map, as it stood on `date` (YYYY-MM-DD; "" = every tie recorded).
struct StoredMap {
  std::string neighbourhood;
  std::string date;
};
// The analyses of nrs/maps.h on stored maps (the actor map for measures, summary and change; the factor map
// for loops, factors, reach and paths). `options.input` is ignored.
Result<MapOutput> MapMeasures(App& app, const StoredMap& map, MapMeasuresOptions options);
Result<MapOutput> MapSummary(App& app, const StoredMap& map, MapMeasuresOptions options);
Result<MapOutput> MapChange(App& app, const std::string& neighbourhood, MapChangeOptions options);
Result<MapOutput> MapLoops(App& app, const StoredMap& map, MapLoopsOptions options);
Result<MapOutput> MapFactors(App& app, const StoredMap& map, MapLoopsOptions options);
Result<MapOutput> MapReach(App& app, const StoredMap& map, MapReachOptions options);
Result<MapOutput> MapPaths(App& app, const StoredMap& map, MapPathsOptions options);
// Writes the stored map to a file (.csv edge table with optional node table, .graphml or .gexf).
Result<MapOutput> ExportSystemMap(App& app, const StoredMap& map, MapKind kind, MapConvertOptions options);

struct MapIndicatorOptions {
  std::string neighbourhood;  // "" = every neighbourhood with an actor map
  std::string date;           // the map as it stood then ("" = every tie)
  std::string period;         // the period the values are published for (default: the date's year, or "current")
  Actor actor = Actor::CommandLine();  // recorded in the audit trail
};
// Publishes the neighbourhood-level measures of actor maps as indicators of the catalogue (area type
// "neighbourhood"): density, the share of ties that bridge sectors, residents' reach to decision-makers and
// residents in oversight roles. Returns (neighbourhood, indicator, period, value) rows.
Result<core::Table> PublishMapIndicators(App& app, const MapIndicatorOptions& options);

struct ActivityOptions {
  std::string kind = "activity";  // activity (already running) or action (new work, or a tweak of an activity)
  std::string title;
  std::string description;
  std::string status = "under way";  // proposed, planned, under way, done, stopped
  std::string start_date, end_date;  // YYYY-MM-DD or ""
  std::optional<double> cost;
  std::int64_t tweak_of = 0;                // an action's activity
  std::vector<std::string> neighbourhoods;  // names or slugs (at least one)
  std::string framework = "resilience-4-domains";
  std::vector<std::string> domains;  // the domains it serves (at least one)
  std::vector<std::string> affects;  // other domains it is reported to affect
  std::string lead;                  // actor key in the (first) neighbourhood's actor map
  std::vector<std::string> partners;
  std::string evidence;                 // what it draws on
  std::vector<std::string> indicators;  // catalogue keys it should move
  bool illustrative = false;
  Actor actor = Actor::CommandLine();  // recorded in the audit trail

  Status Validate() const;
};
// Adds an activity or action (with its record in the audit trail); returns its id.
Result<std::int64_t> AddActivity(App& app, const ActivityOptions& options);

struct ActivityListOptions {
  std::string neighbourhood;  // "" = all
  std::string domain;         // "" = all
  std::string kind;           // "" = both
};
// id, kind, title, status, neighbourhoods, domains, affects, tweak_of, lead, partners, start, end, cost,
// indicators, illustrative.
Result<core::Table> ListActivities(App& app, const ActivityListOptions& options);

// The framework's domains × neighbourhoods: activities, actions, actions reported from other domains
// ("affects"), and whether the cell is a gap (nothing tagged to it).
Result<core::Table> ActivityCoverage(App& app);

}  // namespace nrs
