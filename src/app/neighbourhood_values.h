#pragma once

// Indicators summarised over a neighbourhood's small areas, by value type (sums, ratios of sums,
// population-weighted means, IoD rank summaries), with the interval the national profiles give each summary.
// Shared by the profile and the composite index over neighbourhoods: one aggregation, not two.

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "indicators/aggregate.h"
#include "stats/common.h"
#include "store/places.h"

namespace nrs::app {

// Summaries of every indicator over a set of areas, computed on demand (neighbourhoods are not pre-aggregated).
class NeighbourhoodValues {
 public:
  NeighbourhoodValues(store::Transaction& tx, const std::vector<store::StoredIndicator>& catalogue);

  using Summaries = std::vector<indicators::Summary>;

  // indicator id → (latest period, summaries of the latest period over `members`). Deciles are left out.
  Result<std::map<std::int64_t, std::pair<std::string, Summaries>>> Run(const std::vector<std::int64_t>& members);

  // indicator id → every period's summaries over `members`, oldest period first. Deciles are left out.
  Result<std::map<std::int64_t, std::vector<std::pair<std::string, Summaries>>>> Series(
      const std::vector<std::int64_t>& members);

 private:
  struct Loaded;
  Result<Loaded> Load(const std::vector<std::int64_t>& members);
  // The summaries of one indicator in one period.
  Result<Summaries> Summarise(const store::StoredIndicator& stored, const std::string& period,
                              const std::vector<std::int64_t>& members, Loaded& loaded) const;
  const store::StoredIndicator* Find(const std::string& key) const;
  store::Transaction& tx_;
  std::map<std::string, const store::StoredIndicator*> by_key_;
};

// The value of a summary with its interval: the public-health methods for proportions and rates built from
// counts (Wilson; exact Poisson or Byar); other types (scores, ranks, sums) are exact summaries of published
// figures and have none.
stats::Estimate EstimateOf(const indicators::Indicator& indicator, const indicators::Summary& summary);

}  // namespace nrs::app
