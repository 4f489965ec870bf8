// Moved here from the profile so that the composite index over neighbourhoods uses the same aggregation.

#include "app/neighbourhood_values.h"

#include <functional>
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

struct NeighbourhoodValues::Loaded {
  std::vector<store::ValueRow> rows;
  // (indicator id, period) → area id → value
  std::map<std::pair<std::int64_t, std::string>, std::unordered_map<std::int64_t, const store::ValueRow*>> values;
  std::unordered_map<std::int64_t, double> population;  // latest population period, the default weights

  // The latest period of an indicator among the loaded values ("" when it has none).
  std::string Latest(std::int64_t id) const {
    std::string best;
    for (auto it = values.lower_bound({id, ""}); it != values.end() && it->first.first == id; ++it) {
      best = it->first.second;  // ordered by period: the last is the latest
    }
    return best;
  }
  std::vector<std::string> Periods(std::int64_t id) const {
    std::vector<std::string> out;
    for (auto it = values.lower_bound({id, ""}); it != values.end() && it->first.first == id; ++it) {
      out.push_back(it->first.second);
    }
    return out;
  }
};

Result<NeighbourhoodValues::Loaded> NeighbourhoodValues::Load(const std::vector<std::int64_t>& members) {
  Loaded loaded;
  NRS_ASSIGN_OR_RETURN(loaded.rows, store::LoadValuesOfAreas(tx_, members));
  for (const store::ValueRow& r : loaded.rows) loaded.values[{r.indicator_id, r.period}][r.area_id] = &r;
  NRS_ASSIGN_OR_RETURN(const auto population_period, store::LatestPopulationPeriod(tx_));
  if (population_period) {
    // Spelled out rather than NRS_ASSIGN_OR_RETURN: GCC 12 warns falsely (array-bounds) on the macro's form here.
    Result<std::unordered_map<std::int64_t, double>> totals = store::PopulationTotals(tx_, *population_period, members);
    if (!totals.ok()) return totals.status();
    loaded.population.swap(*totals);
  }
  return loaded;
}

Result<NeighbourhoodValues::Summaries> NeighbourhoodValues::Summarise(const store::StoredIndicator& stored,
                                                                      const std::string& period,
                                                                      const std::vector<std::int64_t>& members,
                                                                      Loaded& loaded) const {
  const Indicator& ind = stored.indicator;
  const store::StoredIndicator* num = ind.computed() ? Find(ind.numerator) : nullptr;
  const store::StoredIndicator* den = ind.computed() ? Find(ind.denominator) : nullptr;
  const auto* vals = &loaded.values[{num != nullptr ? num->id : stored.id, period}];
  const std::unordered_map<std::int64_t, const store::ValueRow*>* den_vals = nullptr;
  if (den != nullptr) {
    const std::string den_period = loaded.values.contains({den->id, period}) ? period : loaded.Latest(den->id);
    den_vals = &loaded.values[{den->id, den_period}];
  }
  const std::unordered_map<std::int64_t, const store::ValueRow*>* weights = nullptr;
  if (const store::StoredIndicator* w = ind.weight.empty() ? nullptr : Find(ind.weight)) {
    weights = &loaded.values[{w->id, loaded.Latest(w->id)}];
  }
  std::vector<indicators::MemberValue> ms;
  for (const std::int64_t a : members) {
    indicators::MemberValue m;
    if (const auto it = vals->find(a); it != vals->end()) {
      const store::ValueRow& v = *it->second;
      if (den_vals != nullptr) {
        m.numerator = v.value;
        if (const auto d = den_vals->find(a); d != den_vals->end()) m.denominator = d->second->value;
        m.value = ind.ComputedValue(m.numerator, m.denominator);
      } else {
        m.value = v.value;
        m.numerator = v.numerator;
        m.denominator = v.denominator;
      }
    }
    if (weights != nullptr) {
      if (const auto w = weights->find(a); w != weights->end() && w->second->value) m.weight = *w->second->value;
    } else if (const auto p = loaded.population.find(a); p != loaded.population.end()) {
      m.weight = p->second;
    }
    ms.push_back(m);
  }
  std::int64_t rank_count = ind.rank_count;
  if (rank_count == 0 && ind.value_type == indicators::ValueType::kRank) {
    // Without a stated count, the areas ranked are those with values in that period.
    NRS_ASSIGN_OR_RETURN(const auto ranked, tx_.QueryInt("SELECT areas FROM indicator_period WHERE "
                                                         "indicator_id = ? AND period = ?",
                                                         {stored.id, period}));
    rank_count = ranked.value_or(0);
  }
  return indicators::Summarise(ind, ms, rank_count);
}

namespace {

// The indicator whose periods a summary follows: a computed indicator has its numerator's. Null when the
// indicator is left out (deciles; computed ones whose parts are missing).
const store::StoredIndicator* PeriodSource(
    const store::StoredIndicator& stored,
    const std::function<const store::StoredIndicator*(const std::string&)>& find) {
  const Indicator& ind = stored.indicator;
  if (ind.value_type == indicators::ValueType::kDecile) return nullptr;
  if (!ind.computed()) return &stored;
  if (find(ind.denominator) == nullptr) return nullptr;
  return find(ind.numerator);
}

}  // namespace

Result<std::map<std::int64_t, std::pair<std::string, NeighbourhoodValues::Summaries>>> NeighbourhoodValues::Run(
    const std::vector<std::int64_t>& members) {
  NRS_ASSIGN_OR_RETURN(Loaded loaded, Load(members));
  const auto find = [this](const std::string& key) { return Find(key); };
  std::map<std::int64_t, std::pair<std::string, Summaries>> out;
  for (const auto& [key, stored] : by_key_) {
    const store::StoredIndicator* source = PeriodSource(*stored, find);
    if (source == nullptr) continue;
    const std::string period = loaded.Latest(source->id);
    if (period.empty()) continue;
    NRS_ASSIGN_OR_RETURN(Summaries summaries, Summarise(*stored, period, members, loaded));
    out[stored->id] = {period, std::move(summaries)};
  }
  return out;
}

Result<std::map<std::int64_t, std::vector<std::pair<std::string, NeighbourhoodValues::Summaries>>>>
NeighbourhoodValues::Series(const std::vector<std::int64_t>& members) {
  NRS_ASSIGN_OR_RETURN(Loaded loaded, Load(members));
  const auto find = [this](const std::string& key) { return Find(key); };
  std::map<std::int64_t, std::vector<std::pair<std::string, Summaries>>> out;
  for (const auto& [key, stored] : by_key_) {
    const store::StoredIndicator* source = PeriodSource(*stored, find);
    if (source == nullptr) continue;
    for (const std::string& period : loaded.Periods(source->id)) {
      NRS_ASSIGN_OR_RETURN(Summaries summaries, Summarise(*stored, period, members, loaded));
      out[stored->id].emplace_back(period, std::move(summaries));
    }
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
