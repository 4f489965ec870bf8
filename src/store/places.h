#pragma once

// Repositories of the places capability: areas and their hierarchy, population, boundaries, the indicator
// catalogue and values, aggregates, neighbourhoods. Functions over an open Transaction, so a use case writes a
// whole import in one commit.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "geo/hierarchy.h"
#include "geo/neighbourhood.h"
#include "indicators/aggregate.h"
#include "indicators/catalogue.h"
#include "store/store.h"

namespace nrs::store {

// ---- areas ----------------------------------------------------------------------------------------------

// Every area and best-fit link of the database.
Result<geo::Hierarchy> LoadHierarchy(Transaction& tx);
// Inserts an area and returns its id. kAlreadyExists when (type, code) is stored.
Result<std::int64_t> InsertArea(Transaction& tx, const geo::AreaType& type, std::string_view code,
                                std::string_view name);
// Records that `child` lies in `parent` (of `parent_type`). kAlreadyExists when `child` has a parent of that type.
Status InsertAreaParent(Transaction& tx, std::int64_t child, const geo::AreaType& parent_type, std::int64_t parent);
// One area, or nullopt.
Result<std::optional<geo::Area>> GetArea(Transaction& tx, std::int64_t id);
// The area of type `type` that contains `area` (through any chain of parents), or 0.
Result<std::int64_t> AncestorOfType(Transaction& tx, std::int64_t area, const geo::AreaType& type);
// Number of areas of each type key.
Result<std::vector<std::pair<std::string, std::int64_t>>> CountAreasByType(Transaction& tx);

// ---- population -----------------------------------------------------------------------------------------

struct PopulationCount {
  std::int64_t area_id = 0;
  std::string period;
  std::string sex;  // "female", "male", "all"
  int age_from = 0;
  std::optional<int> age_to;
  double count = 0;
};
// Inserts or replaces each count.
Status PutPopulation(Transaction& tx, const std::vector<PopulationCount>& counts);
// The latest period with population counts, or nullopt.
Result<std::optional<std::string>> LatestPopulationPeriod(Transaction& tx);
// Total population (all ages, both sexes or "all") per area for `period`.
Result<std::unordered_map<std::int64_t, double>> PopulationTotals(Transaction& tx, std::string_view period);
// The same for the given areas only.
Result<std::unordered_map<std::int64_t, double>> PopulationTotals(Transaction& tx, std::string_view period,
                                                                  const std::vector<std::int64_t>& area_ids);
// The age-band counts (by sex, not "all") of the given areas for `period`, summed over the areas: one row per
// (sex, age_from) with area_id 0.
Result<std::vector<PopulationCount>> PopulationBands(Transaction& tx, std::string_view period,
                                                     const std::vector<std::int64_t>& area_ids);

// ---- boundaries -----------------------------------------------------------------------------------------

struct BoundaryRow {
  std::int64_t area_id = 0;
  std::string wkb;
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
  double anchor_x = 0, anchor_y = 0;
  std::string anchor_source = "point_on_surface";
};
// Inserts or replaces each area's boundary.
Status PutBoundaries(Transaction& tx, const std::vector<BoundaryRow>& rows);
// Boundaries of `area_ids` (those that have one), in the order asked.
Result<std::vector<BoundaryRow>> LoadBoundaries(Transaction& tx, const std::vector<std::int64_t>& area_ids);
// Ids and anchors of every area of `type` with a boundary inside the box.
Result<std::vector<BoundaryRow>> AnchorsInBox(Transaction& tx, const geo::AreaType& type, double min_x, double min_y,
                                              double max_x, double max_y);
// An area of one type with its boundary and the council it lies in (directly, or through its ward).
struct MappedArea {
  std::int64_t area_id = 0;
  std::string code;
  std::string name;
  std::string council_code;  // "" when it has none (a council itself, a region)
  std::string council_name;
  std::string wkb;                    // empty when asked without geometry
  double anchor_x = 0, anchor_y = 0;  // its anchor point (see BoundaryRow)
};
// Every area of `type` that has a boundary, ordered by code; the geometry only `with_geometry`.
Result<std::vector<MappedArea>> LoadMappedAreas(Transaction& tx, const geo::AreaType& type, bool with_geometry);
// Replaces anchors with imported population-weighted centroids.
Status PutCentroids(Transaction& tx, const std::vector<std::pair<std::int64_t, std::pair<double, double>>>& points);

// ---- indicators -----------------------------------------------------------------------------------------

struct StoredIndicator {
  std::int64_t id = 0;
  indicators::Indicator indicator;
};
Result<std::vector<StoredIndicator>> LoadCatalogue(Transaction& tx);
// Inserts or updates (by key) and returns the id.
Result<std::int64_t> PutIndicator(Transaction& tx, const indicators::Indicator& indicator);

struct ValueRow {
  std::int64_t indicator_id = 0;
  std::int64_t area_id = 0;
  std::string period;
  std::optional<double> value, numerator, denominator;
};

// The values of one indicator in one period; fastest to store when sorted by area id.
struct ValueBatch {
  struct Value {
    std::int64_t area_id = 0;
    std::optional<double> value, numerator, denominator;
  };
  std::int64_t indicator_id = 0;
  std::string period;
  std::vector<Value> values;
};
// Inserts or replaces each value, many rows per statement, and records the indicators' periods. Returns, per
// batch, how many areas the indicator now has values for in that period (equal to the batch's size when the
// batch holds every value stored).
Result<std::vector<std::int64_t>> PutValues(Transaction& tx, const std::vector<ValueBatch>& batches);
// The periods of an indicator's values, sorted.
Result<std::vector<std::string>> ValuePeriods(Transaction& tx, std::int64_t indicator_id);
// All values of an indicator in one period, in area id order.
Result<std::vector<ValueBatch::Value>> LoadValues(Transaction& tx, std::int64_t indicator_id, std::string_view period);
// Values of the given areas for every indicator: (indicator id, period) → area id → value.
Result<std::vector<ValueRow>> LoadValuesOfAreas(Transaction& tx, const std::vector<std::int64_t>& area_ids);

struct AggregateRow {
  std::int64_t indicator_id = 0;
  std::int64_t area_id = 0;
  std::string period;
  indicators::Measure measure = indicators::Measure::kValue;
  std::optional<double> value, numerator, denominator;
  std::int64_t areas = 0, missing = 0;
};
// Replaces every aggregate of `indicator_id` in `period`.
Status ReplaceAggregates(Transaction& tx, std::int64_t indicator_id, std::string_view period,
                         const std::vector<AggregateRow>& rows);
Result<std::vector<AggregateRow>> LoadAggregates(Transaction& tx, const std::vector<std::int64_t>& area_ids);

// ---- neighbourhoods -------------------------------------------------------------------------------------

struct NeighbourhoodRow {
  std::int64_t id = 0;
  std::string name;
  std::string slug;
  std::int64_t council_area_id = 0;  // 0: none
  geo::NeighbourhoodClass klass = geo::NeighbourhoodClass::kProgramme;
  std::string description;
  geo::Definition definition = geo::Definition::kLsoas;
  std::string definition_codes;  // ';'-separated codes, or the outline's file name
  std::int64_t comparison_id = 0;
  std::string boundary;  // WKB of the union of its areas; empty when they have no boundaries
  std::string created_at;
  std::vector<std::int64_t> members;  // area ids
};
// Inserts the neighbourhood and its members; returns its id. kAlreadyExists for a name or slug in use.
Result<std::int64_t> InsertNeighbourhood(Transaction& tx, const NeighbourhoodRow& row);
Result<std::vector<NeighbourhoodRow>> ListNeighbourhoods(Transaction& tx);
// By name, slug or id text; nullopt when none matches.
Result<std::optional<NeighbourhoodRow>> FindNeighbourhood(Transaction& tx, std::string_view name_or_slug);

}  // namespace nrs::store
