// The neighbourhood profile: every indicator against the neighbourhood's comparators, with the intervals and
// significance of the national public-health profiles.

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "app/neighbourhood_values.h"
#include "app/places_internal.h"
#include "core/log.h"
#include "core/text.h"
#include "stats/compare.h"
#include "stats/proportion.h"
#include "stats/rate.h"
#include "store/places.h"
#include "store/system_maps.h"

namespace nrs {

Status ProfileOptions::Validate() const {
  if (neighbourhood.empty()) return Status::InvalidArgument("name the neighbourhood to profile");
  for (const std::string& d : domains) {
    if (!indicators::IsKnownDomain(d)) {
      return Status::InvalidArgument(
          "unknown domain '{}'; use living environment, economic systems, social "
          "relationships, community governance or overall",
          d);
    }
  }
  return Status::Ok();
}

namespace {

using indicators::Indicator;
using indicators::Measure;
using indicators::Summary;

stats::Polarity ToStats(indicators::Polarity p) {
  switch (p) {
    case indicators::Polarity::kHighIsGood:
      return stats::Polarity::kHighIsGood;
    case indicators::Polarity::kLowIsGood:
      return stats::Polarity::kLowIsGood;
    case indicators::Polarity::kNoJudgement:
      return stats::Polarity::kNoJudgement;
  }
  return stats::Polarity::kNoJudgement;
}

std::string WhyNotCompared(const Indicator& ind, const Summary& s) {
  if (!s.value) return "not compared: no value";
  if (s.measure != Measure::kValue) return "not compared: a summary of published ranks";
  switch (ind.value_type) {
    case indicators::ValueType::kCount:
      return "not compared: a count";
    case indicators::ValueType::kScore:
      return "not compared: a score has no confidence interval";
    case indicators::ValueType::kProportion:
    case indicators::ValueType::kRate:
      return "not compared: no counts for an interval";
    case indicators::ValueType::kRank:
    case indicators::ValueType::kDecile:
      return "not compared: a rank";
  }
  return "not compared";
}

core::Cell Number(double v) { return std::isfinite(v) ? core::Cell(v) : core::Cell(); }
core::Cell Optional(const std::optional<double>& v) { return v ? Number(*v) : core::Cell(); }

struct Comparator {
  std::string label;  // "council", "region", "England", "comparison area"
  std::string code;   // ONS code or neighbourhood slug
  std::string name;
  // measure values by (indicator id, period, measure)
  std::map<std::tuple<std::int64_t, std::string, Measure>, std::optional<double>> values;
};

// The council, its region and the country, each with every stored aggregate (all periods).
Result<std::vector<Comparator>> AreaComparators(store::Transaction& tx, std::int64_t council_area_id) {
  std::vector<Comparator> comparators;
  std::vector<std::int64_t> comparator_areas;
  std::int64_t area = council_area_id;
  for (const auto& [label, parent_type] :
       {std::pair{"council", geo::AreaType{geo::AreaKind::kRegion, 0}},
        std::pair{"region", geo::AreaType{geo::AreaKind::kCountry, 0}}, std::pair{"country", geo::AreaType{}}}) {
    if (area <= 0) break;
    NRS_ASSIGN_OR_RETURN(const auto a, store::GetArea(tx, area));
    if (!a) break;
    comparators.push_back({label, a->code, a->name, {}});
    comparator_areas.push_back(area);
    if (std::string_view(label) == "country") break;
    NRS_ASSIGN_OR_RETURN(area, store::AncestorOfType(tx, area, parent_type));
  }
  NRS_ASSIGN_OR_RETURN(const std::vector<store::AggregateRow> aggregates, store::LoadAggregates(tx, comparator_areas));
  for (const store::AggregateRow& a : aggregates) {
    for (std::size_t c = 0; c < comparator_areas.size(); ++c) {
      if (comparator_areas[c] == a.area_id) comparators[c].values[{a.indicator_id, a.period, a.measure}] = a.value;
    }
  }
  return comparators;
}

// The key, name and unit of one summary of an indicator: the indicator's own for its value, qualified for the
// other summaries of ranks ("imd2019-rank.average_rank", "...: population-weighted average rank").
std::tuple<std::string, std::string, std::string> Labels(const Indicator& ind, const Summary& sum) {
  const std::string measure_name(indicators::MeasureName(sum.measure));
  std::string id =
      sum.measure == Measure::kValue ? ind.key : fmt::format("{}.{}", ind.key, indicators::MeasureKey(sum.measure));
  std::string name = measure_name.empty() ? ind.name : fmt::format("{}: {}", ind.name, measure_name);
  std::string unit =
      sum.measure == Measure::kValue || sum.measure == Measure::kAverageRank ? ind.unit : std::string("share (0 to 1)");
  return {std::move(id), std::move(name), std::move(unit)};
}

bool Selected(const Indicator& ind, const ProfileOptions& options) {
  if (!ind.profile) return false;
  if (!options.indicators.empty() &&
      std::find(options.indicators.begin(), options.indicators.end(), ind.key) == options.indicators.end()) {
    return false;
  }
  if (options.domains.empty()) return true;
  for (const std::string& d : options.domains) {
    for (const std::string& own : ind.domains) {
      if (core::ToLower(d) == core::ToLower(own)) return true;
    }
  }
  return false;
}

}  // namespace

Result<core::Table> Profile(App& app, const ProfileOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  const core::Stopwatch watch;
  core::Table table({{"indicator_id", core::CellType::kText},
                     {"indicator_name", core::CellType::kText},
                     {"domain", core::CellType::kText},
                     {"period", core::CellType::kText},
                     {"value", core::CellType::kReal, 2},
                     {"lower_95", core::CellType::kReal, 2},
                     {"upper_95", core::CellType::kReal, 2},
                     {"lower_998", core::CellType::kReal, 2},
                     {"upper_998", core::CellType::kReal, 2},
                     {"method", core::CellType::kText},
                     {"unit", core::CellType::kText},
                     {"polarity", core::CellType::kText},
                     {"areas", core::CellType::kInteger},
                     {"comparator", core::CellType::kText},
                     {"comparator_type", core::CellType::kText},
                     {"comparator_code", core::CellType::kText},
                     {"comparator_value", core::CellType::kReal, 2},
                     {"significance", core::CellType::kText},
                     {"significance_95", core::CellType::kText},
                     {"significance_998", core::CellType::kText}});
  NRS_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const auto n, store::FindNeighbourhood(tx, options.neighbourhood));
    if (!n)
      return Status::NotFound("no neighbourhood called '{}' (see `nrs neighbourhood list`)", options.neighbourhood);
    NRS_ASSIGN_OR_RETURN(const std::vector<store::StoredIndicator> catalogue, store::LoadCatalogue(tx));
    app::NeighbourhoodValues aggregator(tx, catalogue);
    NRS_ASSIGN_OR_RETURN(const auto own, aggregator.Run(n->members));

    // Comparators: the council, its region, the country, and the paired comparison area.
    NRS_ASSIGN_OR_RETURN(std::vector<Comparator> comparators, AreaComparators(tx, n->council_area_id));
    if (n->comparison_id > 0) {
      NRS_ASSIGN_OR_RETURN(const auto all, store::ListNeighbourhoods(tx));
      for (const store::NeighbourhoodRow& other : all) {
        if (other.id != n->comparison_id) continue;
        Comparator c{"comparison area", other.slug, other.name, {}};
        NRS_ASSIGN_OR_RETURN(const auto summaries, aggregator.Run(other.members));
        for (const auto& [id, entry] : summaries) {
          for (const Summary& s : entry.second) c.values[{id, entry.first, s.measure}] = s.value;
        }
        comparators.push_back(std::move(c));
      }
    }

    // Values measured for the neighbourhood as a whole (survey estimates, system-map measures): compared with
    // the comparison area's value only, the one comparator measured the same way.
    std::vector<std::int64_t> measured = {n->id};
    if (n->comparison_id > 0) measured.push_back(n->comparison_id);
    NRS_ASSIGN_OR_RETURN(const auto neighbourhood_values, store::LoadNeighbourhoodValues(tx, measured));
    std::map<std::int64_t, const store::NeighbourhoodValue*> latest_own;
    for (const store::NeighbourhoodValue& v : neighbourhood_values) {
      if (v.neighbourhood_id == n->id) latest_own[v.indicator_id] = &v;  // ordered by period: the last is the latest
    }

    for (const store::StoredIndicator& s : catalogue) {
      const Indicator& ind = s.indicator;
      if (!Selected(ind, options)) continue;
      if (const auto nv = latest_own.find(s.id); nv != latest_own.end()) {
        const store::NeighbourhoodValue& v = *nv->second;
        stats::Estimate e;
        e.value = v.value.value_or(std::numeric_limits<double>::quiet_NaN());
        const auto limit = [](const std::optional<double>& x) {
          return x.value_or(std::numeric_limits<double>::quiet_NaN());
        };
        e.ci95 = {limit(v.lower_95), limit(v.upper_95)};
        e.ci998 = {limit(v.lower_998), limit(v.upper_998)};
        const bool has_interval = std::isfinite(e.ci95.lower) && std::isfinite(e.ci95.upper);
        const store::NeighbourhoodValue* other = nullptr;
        for (const store::NeighbourhoodValue& c : neighbourhood_values) {
          if (c.neighbourhood_id == n->comparison_id && c.indicator_id == s.id && c.period == v.period) other = &c;
        }
        std::string significance = "not compared: no comparator value";
        std::string at_95 = "not compared";
        std::string at_998 = "not compared";
        double comparator_number = std::numeric_limits<double>::quiet_NaN();
        if (other != nullptr && other->value) {
          comparator_number = *other->value;
          if (has_interval) {
            const stats::Benchmark b = stats::BenchmarkAgainst(e, comparator_number, ToStats(ind.polarity));
            significance = stats::BenchmarkLabel(b);
            at_95 = std::string(stats::ComparisonName(b.at_95));
            at_998 = std::string(stats::ComparisonName(b.at_998));
          } else {
            significance = "not compared: no confidence interval";
          }
        }
        std::string comparator_name;
        std::string comparator_code;
        for (const Comparator& c : comparators) {
          if (c.label == "comparison area") comparator_name = c.name, comparator_code = c.code;
        }
        table.AddRow({ind.key,
                      ind.name,
                      fmt::format("{}", fmt::join(ind.domains, "; ")),
                      v.period,
                      Number(e.value),
                      Number(e.ci95.lower),
                      Number(e.ci95.upper),
                      Number(e.ci998.lower),
                      Number(e.ci998.upper),
                      v.method,
                      ind.unit,
                      std::string(indicators::PolarityKey(ind.polarity)),
                      std::int64_t{1},
                      comparator_name,
                      std::string(comparator_name.empty() ? "" : "comparison area"),
                      comparator_code,
                      Number(comparator_number),
                      significance,
                      at_95,
                      at_998});
        continue;
      }
      const auto it = own.find(s.id);
      if (it == own.end()) continue;
      const auto& [period, summaries] = it->second;
      for (const Summary& sum : summaries) {
        const stats::Estimate e = app::EstimateOf(ind, sum);
        const bool has_interval = std::isfinite(e.ci95.lower) && std::isfinite(e.ci95.upper);
        const auto [id, name, unit] = Labels(ind, sum);
        const std::string method =
            has_interval ? fmt::format("{}; {}", sum.method, stats::MethodName(e.method)) : sum.method;
        for (const Comparator& c : comparators) {
          const auto v = c.values.find({s.id, period, sum.measure});
          const std::optional<double> comparator_value = v == c.values.end() ? std::nullopt : v->second;
          const double comparator_number = comparator_value.value_or(std::numeric_limits<double>::quiet_NaN());
          std::string significance;
          std::string at_95;
          std::string at_998;
          if (has_interval && comparator_value) {
            const stats::Benchmark b = stats::BenchmarkAgainst(e, *comparator_value, ToStats(sum.polarity));
            significance = stats::BenchmarkLabel(b);
            at_95 = std::string(stats::ComparisonName(b.at_95));
            at_998 = std::string(stats::ComparisonName(b.at_998));
          } else {
            significance = comparator_value ? WhyNotCompared(ind, sum) : "not compared: no comparator value";
            at_95 = at_998 = "not compared";
          }
          table.AddRow({id,
                        name,
                        fmt::format("{}", fmt::join(ind.domains, "; ")),
                        period,
                        Number(e.value),
                        Number(e.ci95.lower),
                        Number(e.ci95.upper),
                        Number(e.ci998.lower),
                        Number(e.ci998.upper),
                        method,
                        unit,
                        std::string(indicators::PolarityKey(sum.polarity)),
                        sum.areas,
                        c.name,
                        c.label,
                        c.code,
                        Number(comparator_number),
                        significance,
                        at_95,
                        at_998});
        }
      }
    }
    return Status::Ok();
  }));
  spdlog::debug("profile of {} in {:.1f} ms", options.neighbourhood, watch.Milliseconds());
  return table;
}

}  // namespace nrs

namespace nrs {

Status TrendOptions::Validate() const {
  if (neighbourhood.empty()) return Status::InvalidArgument("name the neighbourhood");
  return Status::Ok();
}

Result<core::Table> Trends(App& app, const TrendOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  core::Table table({{"indicator_id", core::CellType::kText},
                     {"indicator_name", core::CellType::kText},
                     {"unit", core::CellType::kText},
                     {"polarity", core::CellType::kText},
                     {"series", core::CellType::kText},
                     {"series_name", core::CellType::kText},
                     {"period", core::CellType::kText},
                     {"value", core::CellType::kReal, 2},
                     {"lower_95", core::CellType::kReal, 2},
                     {"upper_95", core::CellType::kReal, 2},
                     {"method", core::CellType::kText}});
  const auto wanted = [&](const Indicator& ind) {
    if (options.indicators.empty()) return ind.profile;
    return std::find(options.indicators.begin(), options.indicators.end(), ind.key) != options.indicators.end();
  };
  NRS_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const auto n, store::FindNeighbourhood(tx, options.neighbourhood));
    if (!n) {
      return Status::NotFound("no neighbourhood called '{}' (see `nrs neighbourhood list`)", options.neighbourhood);
    }
    NRS_ASSIGN_OR_RETURN(const std::vector<store::StoredIndicator> catalogue, store::LoadCatalogue(tx));
    for (const std::string& key : options.indicators) {
      if (std::none_of(catalogue.begin(), catalogue.end(),
                       [&](const store::StoredIndicator& s) { return s.indicator.key == key; })) {
        return Status::NotFound("no indicator '{}' in the catalogue (see `nrs indicator list`)", key);
      }
    }
    std::string comparison_name;
    if (n->comparison_id > 0) {
      NRS_ASSIGN_OR_RETURN(const auto all, store::ListNeighbourhoods(tx));
      for (const store::NeighbourhoodRow& other : all) {
        if (other.id == n->comparison_id) comparison_name = other.name;
      }
    }
    // Values measured over the neighbourhood as a whole, with the comparison area's measured the same way.
    std::vector<std::int64_t> measured = {n->id};
    if (n->comparison_id > 0) measured.push_back(n->comparison_id);
    NRS_ASSIGN_OR_RETURN(const auto neighbourhood_values, store::LoadNeighbourhoodValues(tx, measured));
    // Values summarised from the neighbourhood's small areas, with the council's, region's and England's.
    app::NeighbourhoodValues aggregator(tx, catalogue);
    NRS_ASSIGN_OR_RETURN(const auto series, aggregator.Series(n->members));
    NRS_ASSIGN_OR_RETURN(const std::vector<Comparator> comparators, AreaComparators(tx, n->council_area_id));

    for (const store::StoredIndicator& s : catalogue) {
      const Indicator& ind = s.indicator;
      if (!wanted(ind)) continue;
      const std::string polarity(indicators::PolarityKey(ind.polarity));
      std::set<std::string> own_periods;
      for (const store::NeighbourhoodValue& v : neighbourhood_values) {
        if (v.indicator_id == s.id && v.neighbourhood_id == n->id) own_periods.insert(v.period);
      }
      if (own_periods.size() > 1) {
        for (const bool own : {true, false}) {
          for (const store::NeighbourhoodValue& v : neighbourhood_values) {
            if (v.indicator_id != s.id || (v.neighbourhood_id == n->id) != own) continue;
            table.AddRow({ind.key, ind.name, ind.unit, polarity, std::string(own ? "neighbourhood" : "comparison area"),
                          own ? n->name : comparison_name, v.period, Optional(v.value), Optional(v.lower_95),
                          Optional(v.upper_95), v.method});
          }
        }
        continue;
      }
      const auto it = series.find(s.id);
      if (it == series.end() || it->second.size() < 2) continue;
      // One series per summary measure (a rank has several), as the profile shows them.
      const std::size_t measures = it->second.front().second.size();
      for (std::size_t m = 0; m < measures; ++m) {
        for (const auto& [period, summaries] : it->second) {
          if (m >= summaries.size()) continue;
          const Summary& sum = summaries[m];
          const stats::Estimate e = app::EstimateOf(ind, sum);
          const auto [id, name, unit] = Labels(ind, sum);
          const bool has_interval = std::isfinite(e.ci95.lower) && std::isfinite(e.ci95.upper);
          table.AddRow({id, name, unit, std::string(indicators::PolarityKey(sum.polarity)),
                        std::string("neighbourhood"), n->name, period, Number(e.value), Number(e.ci95.lower),
                        Number(e.ci95.upper),
                        has_interval ? fmt::format("{}; {}", sum.method, stats::MethodName(e.method)) : sum.method});
        }
        const Summary& first = it->second.front().second[m];
        const auto [id, name, unit] = Labels(ind, first);
        for (const Comparator& c : comparators) {
          for (const auto& entry : it->second) {
            const auto v = c.values.find({s.id, entry.first, first.measure});
            if (v == c.values.end() || !v->second) continue;
            table.AddRow({id, name, unit, std::string(indicators::PolarityKey(first.polarity)), c.label, c.name,
                          entry.first, Number(*v->second), core::Cell(), core::Cell(),
                          std::string("aggregate of the published small-area values")});
          }
        }
      }
    }
    return Status::Ok();
  }));
  return table;
}

}  // namespace nrs
