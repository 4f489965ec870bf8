// The overview map's layers: shapes of every mapped area once, and one indicator's values per area on demand.
// Shapes and values travel apart because a map redraws colours far more often than shapes (every change of
// the chosen measure), and 4,497 LSOA outlines are megabytes where their values are tens of kilobytes.

#include <unordered_map>
#include <unordered_set>

#include "geo/area_type.h"
#include "io/geodata.h"
#include "nrs/places.h"
#include "store/places.h"

namespace nrs {

Status AreaMapOptions::Validate() const {
  NRS_RETURN_IF_ERROR(geo::ParseAreaType(type).status());
  if (decimals < 0 || decimals > 15) return Status::InvalidArgument("decimals must be from 0 to 15, not {}", decimals);
  return Status::Ok();
}

Result<std::string> AreasGeoJson(App& app, const AreaMapOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  NRS_ASSIGN_OR_RETURN(const geo::AreaType type, geo::ParseAreaType(options.type));
  std::vector<io::OutputFeature> features;
  NRS_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(std::vector<store::MappedArea> areas, store::LoadMappedAreas(tx, type, true));
    features.reserve(areas.size());
    for (store::MappedArea& a : areas) {
      features.push_back({std::move(a.wkb),
                          {{"code", std::move(a.code)},
                           {"name", std::move(a.name)},
                           {"council", std::move(a.council_code)},
                           {"council_name", std::move(a.council_name)},
                           {"anchor_lon", a.anchor_x},
                           {"anchor_lat", a.anchor_y}}});
    }
    return Status::Ok();
  }));
  return io::FeatureCollectionJson(features, options.decimals);
}

Status AreaValuesOptions::Validate() const {
  if (indicator.empty()) return Status::InvalidArgument("name the indicator (its key in the catalogue)");
  return geo::ParseAreaType(type).status();
}

Result<core::Table> AreaValues(App& app, const AreaValuesOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  NRS_ASSIGN_OR_RETURN(const geo::AreaType type, geo::ParseAreaType(options.type));
  core::Table table(
      {{"code", core::CellType::kText}, {"period", core::CellType::kText}, {"value", core::CellType::kReal}});
  NRS_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const std::vector<store::StoredIndicator> catalogue, store::LoadCatalogue(tx));
    std::unordered_map<std::string, const store::StoredIndicator*> by_key;
    for (const store::StoredIndicator& s : catalogue) by_key[s.indicator.key] = &s;
    const auto it = by_key.find(options.indicator);
    if (it == by_key.end()) {
      return Status::NotFound("no indicator '{}' in the catalogue (see `nrs indicator list`)", options.indicator);
    }
    const indicators::Indicator& ind = it->second->indicator;
    // A computed indicator is a share or rate of two stored counts, in its numerator's periods.
    const store::StoredIndicator* numerator = it->second;
    const store::StoredIndicator* denominator = nullptr;
    if (ind.computed()) {
      const auto n = by_key.find(ind.numerator);
      const auto d = by_key.find(ind.denominator);
      if (n == by_key.end() || d == by_key.end()) {
        return Status::NotFound("'{}' is computed from '{}' and '{}', which are not both in the catalogue", ind.key,
                                ind.numerator, ind.denominator);
      }
      numerator = n->second;
      denominator = d->second;
    }
    NRS_ASSIGN_OR_RETURN(const std::vector<std::string> periods, store::ValuePeriods(tx, numerator->id));
    if (periods.empty()) return Status::NotFound("'{}' has no values by area", ind.key);
    std::string period = options.period.empty() ? periods.back() : options.period;
    if (std::find(periods.begin(), periods.end(), period) == periods.end()) {
      return Status::NotFound("'{}' has no values for period '{}'; it has {}", ind.key, period,
                              fmt::join(periods, ", "));
    }
    NRS_ASSIGN_OR_RETURN(const auto values, store::LoadValues(tx, numerator->id, period));
    std::unordered_map<std::int64_t, double> denominators;
    if (denominator != nullptr) {
      NRS_ASSIGN_OR_RETURN(const std::vector<std::string> den_periods, store::ValuePeriods(tx, denominator->id));
      if (den_periods.empty()) return Status::NotFound("'{}' has no values by area", denominator->indicator.key);
      const bool same = std::find(den_periods.begin(), den_periods.end(), period) != den_periods.end();
      NRS_ASSIGN_OR_RETURN(const auto den_values,
                           store::LoadValues(tx, denominator->id, same ? period : den_periods.back()));
      for (const auto& v : den_values) {
        if (v.value) denominators[v.area_id] = *v.value;
      }
    }
    // The areas of the type, by code (every area with a boundary, or every area of the type).
    std::vector<std::pair<std::int64_t, std::string>> areas;
    if (options.mapped_only) {
      NRS_ASSIGN_OR_RETURN(const std::vector<store::MappedArea> mapped, store::LoadMappedAreas(tx, type, false));
      for (const store::MappedArea& a : mapped) areas.emplace_back(a.area_id, a.code);
    } else {
      NRS_RETURN_IF_ERROR(
          tx.Query("SELECT id, code FROM area WHERE type = ? ORDER BY code", {type.Key()}, [&](const store::Row& r) {
            areas.emplace_back(r.Int(0), std::string(r.Text(1)));
            return Status::Ok();
          }));
    }
    std::unordered_map<std::int64_t, std::optional<double>> by_area;
    by_area.reserve(values.size());
    for (const auto& v : values) by_area[v.area_id] = v.value;
    for (const auto& [id, code] : areas) {
      const auto v = by_area.find(id);
      if (v == by_area.end()) continue;
      std::optional<double> value = v->second;
      if (denominator != nullptr) {
        const auto d = denominators.find(id);
        value = ind.ComputedValue(value, d == denominators.end() ? std::nullopt : std::optional<double>(d->second));
      }
      table.AddRow({code, period, value ? core::Cell(*value) : core::Cell()});
    }
    return Status::Ok();
  }));
  return table;
}

}  // namespace nrs
