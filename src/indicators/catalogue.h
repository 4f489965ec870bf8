#pragma once

// The indicator catalogue: what each indicator measures, how its values are typed and aggregated, which way
// is good, where it comes from, and which framework domains it informs.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nrs/result.h"

namespace nrs::indicators {

enum class ValueType {
  kCount,       // people, households, events: summed
  kProportion,  // numerator / denominator × multiplier (1 for a share, 100 for a percentage)
  kRate,        // events per `multiplier` people
  kScore,       // an index score: population-weighted mean
  kRank,        // 1 = most deprived of `rank_count` areas: summarised as the IoD does
  kDecile,      // 1 = most deprived tenth: shown for small areas only, summarised through its rank
};

enum class Polarity { kHighIsGood, kLowIsGood, kNoJudgement };

Result<ValueType> ParseValueType(std::string_view text);
std::string_view ValueTypeKey(ValueType t);
Result<Polarity> ParsePolarity(std::string_view text);
std::string_view PolarityKey(Polarity p);

// The framework's four domains (see the product description); a catalogue entry names one or more, or
// "overall" for a summary across domains. Configurable frameworks arrive with the framework subsystem.
bool IsKnownDomain(std::string_view domain);

struct Indicator {
  std::string key;  // stable identifier, e.g. "imd2019-score"
  std::string name;
  std::string description;
  std::vector<std::string> domains;
  std::string unit;
  ValueType value_type = ValueType::kScore;
  double multiplier = 1;  // proportions: 1 or 100; rates: per N
  Polarity polarity = Polarity::kNoJudgement;
  std::string source;
  std::string period;                // default period of its values, e.g. "2019"
  std::string area_type;             // the area type its values are published for, e.g. "lsoa11"
  std::vector<std::string> columns;  // headers that carry it in wide files
  std::string numerator;             // key of the count indicator it is computed from (proportions and rates)
  std::string denominator;           // key of the count indicator it is divided by
  std::string weight;                // key of the count indicator weighting means and rank summaries ("" = population)
  std::int64_t rank_count = 0;       // ranks: how many areas were ranked (e.g. 32,844 LSOAs in England)
  bool profile = true;               // shown in neighbourhood profiles

  // True when its values are computed from two other indicators rather than stored.
  bool computed() const { return !numerator.empty() && !denominator.empty(); }
  // A computed indicator's value in one area: numerator / denominator × multiplier; none without both counts or
  // with no denominator.
  std::optional<double> ComputedValue(std::optional<double> numerator_value,
                                      std::optional<double> denominator_value) const {
    if (!numerator_value || !denominator_value || *denominator_value <= 0) return std::nullopt;
    return *numerator_value / *denominator_value * multiplier;
  }
  // Checks the fields against each other. kInvalidArgument naming the field.
  Status Validate() const;
};

}  // namespace nrs::indicators
