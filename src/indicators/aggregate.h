#pragma once

// Aggregation of small-area values to a larger area (a neighbourhood, a council, a region, England), by the
// indicator's value type: counts are summed; proportions and rates are recomputed from summed numerators and
// denominators; scores are population-weighted means; ranks are summarised as the English Indices of
// Deprivation summarise them for local authorities.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "indicators/catalogue.h"

namespace nrs::indicators {

// One small area's value, with its population (the weight of means and rank summaries).
struct MemberValue {
  std::optional<double> value;
  std::optional<double> numerator;
  std::optional<double> denominator;
  double weight = 0;  // population; 0 when not known
};

enum class Measure {
  kValue,                          // the aggregated value
  kAverageRank,                    // ranks: population-weighted average rank
  kShareAreasMostDeprived10,       // ranks: share of the areas in the most deprived 10% nationally
  kSharePopulationMostDeprived10,  // ranks: share of the population living in those areas
  kExtent,                         // ranks: population in the most deprived 30%, sliding weight (IoD "extent")
};

std::string_view MeasureKey(Measure m);   // "value", "average_rank", "share_areas_most_deprived_10", …
std::string_view MeasureName(Measure m);  // "", "average rank", "share of areas in England's most deprived 10%", …
Result<Measure> ParseMeasure(std::string_view key);

struct Summary {
  Measure measure = Measure::kValue;
  std::optional<double> value;      // missing when no member has a value
  std::optional<double> numerator;  // for proportions and rates (and the shares of rank summaries)
  std::optional<double> denominator;
  std::int64_t areas = 0;    // members with a value
  std::int64_t missing = 0;  // members without one
  std::string method;        // how `value` was obtained, for the output
  // Polarity of this measure: a rank summary's shares are bad when high even though a high rank is good.
  Polarity polarity = Polarity::kNoJudgement;
};

// The IoD "extent" weight of an area at national rank `rank` of `rank_count` (1 = most deprived): 1 up to the
// 10th percentile, falling linearly to 0.05 at the 30th, 0 beyond.
double ExtentWeight(double rank, double rank_count);

// Summarises `members` for `indicator`: one Summary for most types, four for ranks (average rank, share of
// areas and of population in the most deprived 10%, extent). `rank_count` is the number of areas ranked
// nationally (the indicator's rank_count when set). Deciles are not summarised (empty result).
// Errors: kInvalidArgument for a rank summary without rank_count.
Result<std::vector<Summary>> Summarise(const Indicator& indicator, std::span<const MemberValue> members,
                                       std::int64_t rank_count);

}  // namespace nrs::indicators
