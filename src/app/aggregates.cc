// Keeps indicator_aggregate in step with the small-area values: every council, county, region and country
// gets each indicator summarised over the small areas inside it, by the indicator's value type.

#include <algorithm>
#include <atomic>
#include <map>
#include <thread>
#include <unordered_map>

#include "app/places_internal.h"
#include "core/log.h"
#include "store/places.h"

namespace nrs::app {
namespace {

using indicators::Indicator;
using store::StoredIndicator;

bool IsComparatorKind(geo::AreaKind kind) {
  return kind == geo::AreaKind::kLocalAuthority || kind == geo::AreaKind::kCounty || kind == geo::AreaKind::kRegion ||
         kind == geo::AreaKind::kCountry;
}

using Value = store::ValueBatch::Value;

// The values of one indicator in one period, found by area id in constant time.
class AreaValues {
 public:
  explicit AreaValues(std::vector<Value> values) : values_(std::move(values)) {
    std::int64_t max_id = 0;
    for (const Value& v : values_) max_id = std::max(max_id, v.area_id);
    index_.assign(static_cast<std::size_t>(max_id) + 1, -1);
    for (std::size_t i = 0; i < values_.size(); ++i)
      index_[static_cast<std::size_t>(values_[i].area_id)] = static_cast<std::int32_t>(i);
  }
  const Value* Find(std::int64_t area) const {
    if (area < 0 || static_cast<std::size_t>(area) >= index_.size()) return nullptr;
    const std::int32_t i = index_[static_cast<std::size_t>(area)];
    return i < 0 ? nullptr : &values_[static_cast<std::size_t>(i)];
  }
  std::size_t size() const { return values_.size(); }

 private:
  std::vector<Value> values_;
  std::vector<std::int32_t> index_;
};

// Values read once per refresh, by (indicator id, period).
class ValueCache {
 public:
  // `complete`: batches holding all the values of their indicator and period (moved from).
  ValueCache(store::Transaction& tx, std::vector<store::ValueBatch>* complete) : tx_(tx) {
    if (complete == nullptr) return;
    for (store::ValueBatch& b : *complete) {
      cache_.emplace(std::make_pair(b.indicator_id, b.period), AreaValues(std::move(b.values)));
    }
    complete->clear();
  }
  Result<const AreaValues*> Get(std::int64_t indicator, const std::string& period) {
    const auto key = std::make_pair(indicator, period);
    auto it = cache_.find(key);
    if (it == cache_.end()) {
      NRS_ASSIGN_OR_RETURN(std::vector<Value> values, store::LoadValues(tx_, indicator, period));
      it = cache_.emplace(key, AreaValues(std::move(values))).first;
    }
    return &it->second;
  }

 private:
  store::Transaction& tx_;
  std::map<std::pair<std::int64_t, std::string>, AreaValues> cache_;
};

// The latest period of an indicator's values, or "".
Result<std::string> LatestPeriod(store::Transaction& tx, std::int64_t indicator) {
  NRS_ASSIGN_OR_RETURN(const std::vector<std::string> periods, store::ValuePeriods(tx, indicator));
  return periods.empty() ? std::string() : periods.back();
}

}  // namespace

Status RefreshAggregates(store::Transaction& tx, const std::set<std::string>& keys, core::Progress& progress,
                         std::vector<store::ValueBatch>* complete) {
  const core::Stopwatch watch;
  NRS_ASSIGN_OR_RETURN(const std::vector<StoredIndicator> catalogue, store::LoadCatalogue(tx));
  std::unordered_map<std::string, const StoredIndicator*> by_key;
  for (const StoredIndicator& s : catalogue) by_key[s.indicator.key] = &s;

  // What to refresh: the named indicators and, transitively, those computed from or weighted by them.
  std::set<std::string> scope = keys;
  if (keys.empty()) {
    for (const StoredIndicator& s : catalogue) scope.insert(s.indicator.key);
  }
  for (bool grew = true; grew;) {
    grew = false;
    for (const StoredIndicator& s : catalogue) {
      const Indicator& i = s.indicator;
      if (scope.contains(i.key)) continue;
      if (scope.contains(i.numerator) || scope.contains(i.denominator) || scope.contains(i.weight)) {
        scope.insert(i.key);
        grew = true;
      }
    }
  }

  NRS_ASSIGN_OR_RETURN(const geo::Hierarchy h, store::LoadHierarchy(tx));
  NRS_ASSIGN_OR_RETURN(const auto population_period, store::LatestPopulationPeriod(tx));
  std::unordered_map<std::int64_t, double> population;
  if (population_period) {
    NRS_ASSIGN_OR_RETURN(population, store::PopulationTotals(tx, *population_period));
  }

  // Comparator areas and their small areas, per small-area type, computed once.
  std::map<std::string, std::vector<std::pair<std::int64_t, std::vector<std::int64_t>>>> targets_by_type;
  const auto targets_for = [&](const geo::AreaType& type) -> const auto& {
    auto it = targets_by_type.find(type.Key());
    if (it != targets_by_type.end()) return it->second;
    std::vector<std::pair<std::int64_t, std::vector<std::int64_t>>> targets;
    for (const geo::Area& area : h.areas()) {
      if (!IsComparatorKind(area.type.kind)) continue;
      std::vector<std::int64_t> members = h.Descendants(area.id, type);
      if (!members.empty()) targets.emplace_back(area.id, std::move(members));
    }
    return targets_by_type.emplace(type.Key(), std::move(targets)).first->second;
  };

  // Three phases: read every input (the store is single-threaded), summarise on all cores (the engine is
  // pure), write. The summaries are most of the work: hundreds of areas per indicator, each over thousands of
  // small areas.
  struct Job {
    const StoredIndicator* indicator = nullptr;
    std::string period;
    geo::AreaType type;
    const AreaValues* values = nullptr;
    const AreaValues* denominators = nullptr;  // computed proportions and rates
    const AreaValues* weights = nullptr;       // else the population table
    std::int64_t rank_count = 0;
    std::vector<store::AggregateRow> rows;
    Status status;
  };
  ValueCache cache(tx, complete);
  std::vector<Job> jobs;
  for (const StoredIndicator& s : catalogue) {
    const Indicator& ind = s.indicator;
    if (!scope.contains(ind.key)) continue;
    // Deciles are summarised through their ranks; neighbourhood-level values have no small areas to sum.
    if (ind.value_type == indicators::ValueType::kDecile || ind.area_type.empty() || ind.area_type == "neighbourhood") {
      continue;
    }
    NRS_ASSIGN_OR_RETURN(const geo::AreaType type, geo::ParseAreaType(ind.area_type));
    const StoredIndicator* numerator = ind.computed() ? by_key[ind.numerator] : nullptr;
    const StoredIndicator* denominator = ind.computed() ? by_key[ind.denominator] : nullptr;
    if (ind.computed() && (numerator == nullptr || denominator == nullptr)) {
      return Status::InvalidInput("indicator '{}' is computed from '{}' and '{}', which are not both in the catalogue",
                                  ind.key, ind.numerator, ind.denominator);
    }
    NRS_ASSIGN_OR_RETURN(const std::vector<std::string> periods,
                         store::ValuePeriods(tx, numerator != nullptr ? numerator->id : s.id));
    // Weights: the indicator's own weight indicator (its latest period), else the population table.
    const AreaValues* weight_values = nullptr;
    if (!ind.weight.empty()) {
      const StoredIndicator* w = by_key[ind.weight];
      if (w == nullptr) return Status::InvalidInput("indicator '{}' is weighted by unknown '{}'", ind.key, ind.weight);
      NRS_ASSIGN_OR_RETURN(const std::string wp, LatestPeriod(tx, w->id));
      NRS_ASSIGN_OR_RETURN(weight_values, cache.Get(w->id, wp));
    }
    for (const std::string& period : periods) {
      Job job;
      job.indicator = &s;
      job.period = period;
      job.type = type;
      job.weights = weight_values;
      if (numerator != nullptr) {
        NRS_ASSIGN_OR_RETURN(job.values, cache.Get(numerator->id, period));
        // The denominator of the same period when there is one, else its latest (IoD 2019 counts people of
        // 2015/16 over mid-2015 populations).
        NRS_ASSIGN_OR_RETURN(const std::vector<std::string> den_periods, store::ValuePeriods(tx, denominator->id));
        if (den_periods.empty()) continue;
        const bool same = std::find(den_periods.begin(), den_periods.end(), period) != den_periods.end();
        NRS_ASSIGN_OR_RETURN(job.denominators, cache.Get(denominator->id, same ? period : den_periods.back()));
      } else {
        NRS_ASSIGN_OR_RETURN(job.values, cache.Get(s.id, period));
      }
      job.rank_count = ind.rank_count > 0 ? ind.rank_count : static_cast<std::int64_t>(job.values->size());
      targets_for(type);  // computed here, read concurrently below
      jobs.push_back(std::move(job));
    }
  }
  spdlog::debug("aggregates: inputs read at {:.0f} ms", watch.Milliseconds());

  const auto run = [&](Job& job) {
    const Indicator& ind = job.indicator->indicator;
    std::vector<indicators::MemberValue> members;
    for (const auto& [target, lsoas] : targets_by_type.at(job.type.Key())) {
      members.clear();
      for (const std::int64_t a : lsoas) {
        indicators::MemberValue m;
        if (const Value* v = job.values->Find(a)) {
          if (job.denominators != nullptr) {
            m.numerator = v->value;
            if (const Value* d = job.denominators->Find(a)) m.denominator = d->value;
            m.value = ind.ComputedValue(m.numerator, m.denominator);
          } else {
            m.value = v->value;
            m.numerator = v->numerator;
            m.denominator = v->denominator;
          }
        }
        if (job.weights != nullptr) {
          if (const Value* w = job.weights->Find(a); w != nullptr && w->value) m.weight = *w->value;
        } else if (const auto p = population.find(a); p != population.end()) {
          m.weight = p->second;
        }
        members.push_back(m);
      }
      auto summaries = indicators::Summarise(ind, members, job.rank_count);
      if (!summaries.ok()) {
        job.status = summaries.status();
        return;
      }
      for (const indicators::Summary& sum : *summaries) {
        job.rows.push_back({job.indicator->id, target, job.period, sum.measure, sum.value, sum.numerator,
                            sum.denominator, sum.areas, sum.missing});
      }
    }
  };
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    for (std::size_t j = next++; j < jobs.size(); j = next++) run(jobs[j]);
  };
  const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1U, 4U);
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
  }
  spdlog::debug("aggregates: summarised at {:.0f} ms on {} threads", watch.Milliseconds(), threads);

  progress.Start("storing aggregates", jobs.size());
  std::uint64_t done = 0;
  for (const Job& job : jobs) {
    NRS_RETURN_IF_ERROR(job.status);
    NRS_RETURN_IF_ERROR(store::ReplaceAggregates(tx, job.indicator->id, job.period, job.rows));
    progress.Update(++done);
  }
  progress.Finish();
  spdlog::debug("aggregates of {} indicators refreshed in {:.0f} ms", scope.size(), watch.Milliseconds());
  return Status::Ok();
}

}  // namespace nrs::app
