// Moved here from the profile so that the composite index over neighbourhoods uses the same aggregation.

#include "app/neighbourhood_values.h"

#include <unordered_map>

#include "stats/proportion.h"
#include "stats/rate.h"

namespace nrs::app {

using indicators::Indicator;
using indicators::Measure;
using indicators::Summary;

NeighbourhoodValues::NeighbourhoodValues(store::Transaction& tx, const std::vector<store::StoredIndicator>& catalogue)
    : tx_(tx) {
  for (const auto& s : catalogue) by_key_[s.indicator.key] = &s;
}

Result<std::map<std::int64_t, std::pair<std::string, std::vector<Summary>>>> NeighbourhoodValues::Run(
    const std::vector<std::int64_t>& members) {
  NRS_ASSIGN_OR_RETURN(const std::vector<store::ValueRow> rows, store::LoadValuesOfAreas(tx_, members));
  std::map<std::pair<std::int64_t, std::string>, std::unordered_map<std::int64_t, const store::ValueRow*>> values;
  for (const store::ValueRow& r : rows) values[{r.indicator_id, r.period}][r.area_id] = &r;
  NRS_ASSIGN_OR_RETURN(const auto population_period, store::LatestPopulationPeriod(tx_));
  std::unordered_map<std::int64_t, double> population;
  if (population_period) {
    Result<std::unordered_map<std::int64_t, double>> totals = store::PopulationTotals(tx_, *population_period, members);
    if (!totals.ok()) return totals.status();
    population.swap(*totals);
  }
  const auto latest = [&](std::int64_t id) -> std::string {
    std::string best;
    for (const auto& [key, v] : values) {
      if (key.first == id && key.second > best) best = key.second;
    }
    return best;
  };
  std::map<std::int64_t, std::pair<std::string, std::vector<Summary>>> out;
  for (const auto& [key, stored] : by_key_) {
    const Indicator& ind = stored->indicator;
    if (ind.value_type == indicators::ValueType::kDecile) continue;
    const store::StoredIndicator* num = ind.computed() ? Find(ind.numerator) : nullptr;
    const store::StoredIndicator* den = ind.computed() ? Find(ind.denominator) : nullptr;
    if (ind.computed() && (num == nullptr || den == nullptr)) continue;
    const std::string period = latest(num != nullptr ? num->id : stored->id);
    if (period.empty()) continue;
    const auto* vals = &values[{num != nullptr ? num->id : stored->id, period}];
    const std::unordered_map<std::int64_t, const store::ValueRow*>* den_vals = nullptr;
    if (den != nullptr) {
      std::string den_period = values.contains({den->id, period}) ? period : latest(den->id);
      den_vals = &values[{den->id, den_period}];
    }
    const std::unordered_map<std::int64_t, const store::ValueRow*>* weights = nullptr;
    if (const store::StoredIndicator* w = ind.weight.empty() ? nullptr : Find(ind.weight)) {
      weights = &values[{w->id, latest(w->id)}];
    }
    std::vector<indicators::MemberValue> ms;
    for (const std::int64_t a : members) {
      indicators::MemberValue m;
      if (const auto it = vals->find(a); it != vals->end()) {
        const store::ValueRow& v = *it->second;
        if (den_vals != nullptr) {
          m.numerator = v.value;
          if (const auto d = den_vals->find(a); d != den_vals->end()) m.denominator = d->second->value;
          if (m.numerator && m.denominator && *m.denominator > 0)
            m.value = *m.numerator / *m.denominator * ind.multiplier;
        } else {
          m.value = v.value;
          m.numerator = v.numerator;
          m.denominator = v.denominator;
        }
      }
      if (weights != nullptr) {
        if (const auto w = weights->find(a); w != weights->end() && w->second->value) m.weight = *w->second->value;
      } else if (const auto p = population.find(a); p != population.end()) {
        m.weight = p->second;
      }
      ms.push_back(m);
    }
    std::int64_t rank_count = ind.rank_count;
    if (rank_count == 0 && ind.value_type == indicators::ValueType::kRank) {
      // Without a stated count, the areas ranked are those with values in that period.
      NRS_ASSIGN_OR_RETURN(const auto ranked, tx_.QueryInt("SELECT areas FROM indicator_period WHERE "
                                                           "indicator_id = ? AND period = ?",
                                                           {stored->id, period}));
      rank_count = ranked.value_or(0);
    }
    NRS_ASSIGN_OR_RETURN(std::vector<Summary> summaries, indicators::Summarise(ind, ms, rank_count));
    out[stored->id] = {period, std::move(summaries)};
  }
  return out;
}

const store::StoredIndicator* NeighbourhoodValues::Find(const std::string& key) const {
  const auto it = by_key_.find(key);
  return it == by_key_.end() ? nullptr : it->second;
}

stats::Estimate EstimateOf(const Indicator& ind, const Summary& s) {
  stats::Estimate e;
  if (!s.value) return e;
  e.value = *s.value;
  if (s.measure != Measure::kValue || !s.numerator || !s.denominator) return e;
  if (ind.value_type == indicators::ValueType::kProportion) {
    e = stats::ProportionEstimate(*s.numerator, *s.denominator, ind.multiplier);
  } else if (ind.value_type == indicators::ValueType::kRate) {
    e = stats::RateEstimate(*s.numerator, *s.denominator, ind.multiplier);
  }
  return e;
}

}  // namespace nrs::app
