#pragma once

// Life expectancy from an abridged life table: Chiang's method II with Silcocks' variance for the open age
// interval (PHEindicatormethods phe_life_expectancy; the Fingertips life expectancy calculator).

#include <array>
#include <span>
#include <vector>

#include "stats/common.h"

namespace nrs::stats {

// The 20 bands of the table, by start age: 0, 1-4, 5-9 … 85-89, 90+.
inline constexpr std::array<double, 20> kLifeTableStartAges = {0,  1,  5,  10, 15, 20, 25, 30, 35, 40,
                                                               45, 50, 55, 60, 65, 70, 75, 80, 85, 90};

struct LifeExpectancyOptions {
  std::vector<double> confidence = kDefaultConfidence;
  // Not calculated when a group's total population is at or below this (person-years).
  double minimum_population = 5000;
  // The value (not its interval) is suppressed when the 95% interval is wider than this (years).
  double maximum_interval_width = 20;

  // Errors: kInvalidArgument (confidence; negative thresholds).
  Status Validate() const;
};

struct LifeTableInput {
  std::span<const double> deaths;      // per row (age band)
  std::span<const double> population;  // per row: person-years at risk
  std::span<const double> start_age;   // per row: the band's start age (AgeBandStart of its label)
};

// Per row: life expectancy at the row's start age, from its group's table, with limits e ± z·SE at every
// level; method "Chiang, using Silcocks et al for confidence limits". Rows keep their order (a group's rows
// may come in any order). A whole group has no values, with its reason, when it does not have exactly the 20
// bands, has missing or negative deaths, a zero, negative or missing population, more deaths than population
// in a band, a total population of 5,000 or less, or no deaths at 90+. A row whose 95% interval is wider than
// 20 years keeps its limits but not its value (kIntervalWiderThan20Years).
// Errors: kInvalidArgument (options; columns of different lengths).
Result<Estimates> LifeExpectancy(const LifeTableInput& input, const Groups& groups,
                                 const LifeExpectancyOptions& options);

}  // namespace nrs::stats
