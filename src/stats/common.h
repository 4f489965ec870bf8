#pragma once

// The vocabulary every statistic shares: missing values, confidence levels, groups of rows, the per-row
// reason a value is absent, the method that produced it, and the columns a statistic returns.
//
// Conventions of the whole folder: inputs are columns (std::span<const double>), one element per row; a
// missing input is NaN (kMissing). Outputs are columns too. A row (or group) that cannot be computed gets NaN
// values *and* a Reason other than kNone — never a NaN without a reason, never an exception or abort.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "nrs/result.h"

namespace nrs::stats {

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
inline bool IsMissing(double value) { return std::isnan(value); }

// Why a row or group has no value (or no interval). kNone: complete. ReasonText() gives the sentence that
// reports show; the enumerators are grouped by the statistics that use them.
enum class Reason : std::uint8_t {
  kNone,
  // inputs of a single row
  kMissingNumerator,
  kMissingDenominator,
  kNegativeNumerator,
  kNegativeDenominator,
  kZeroDenominator,
  kNumeratorAboveDenominator,
  kMissingValue,
  // Byar's lower limit is below zero for very small counts at high confidence (reported as missing)
  kByarLowerBelowZero,
  // means
  kFewerThanTwoValues,
  // standardised rates
  kFewerThanTenEvents,
  kMissingStandardPopulation,
  kNegativeStandardPopulation,
  kWrongNumberOfBands,
  kMissingReferencePopulation,
  kZeroExpected,
  kEventsDifferFromFrequencies,
  kNegativeFrequency,
  // life expectancy
  kIncompleteAgeBands,
  kNegativeDeaths,
  kZeroPopulationBand,
  kDeathsAbovePopulation,
  kPopulationUnder5000,
  kNoDeathsInOpenBand,
  kIntervalWiderThan20Years,
  kNoSurvivorsToThisAge,
  // slope and relative index of inequality
  kIncompleteQuantiles,
  kInvalidPopulation,
  kTooFewQuantiles,
  kMissingStandardError,
  kNegativeStandardError,
  kValueOutOfRange,
  kInvalidConfidenceLimits,
  // quantiles
  kFewerValuesThanQuantiles,
  kMixedOrderInGroup,
  // funnels and trends
  kFewerThanTenEventsForDsr,
  kTooFewPoints,
};

std::string_view ReasonText(Reason reason);

// The published method that produced a value, named as PHEindicatormethods and Fingertips name it.
enum class Method : std::uint8_t {
  kNone,
  kWilson,
  kByar,
  kExact,
  kStudentT,
  kDobson,
  kDobsonNonIndependent,
  kChiangSilcocks,
  kPoisson,
};

std::string_view MethodName(Method method);

// A two-sided confidence interval.
struct Interval {
  double lower = kMissing;
  double upper = kMissing;
  friend bool operator==(const Interval&, const Interval&) = default;
};

// A value with its 95% and 99.8% intervals — the pair the national profiles report — for callers that
// need one value at a time (the column functions below handle many rows and any levels).
struct Estimate {
  double value = kMissing;
  Interval ci95;
  Interval ci998;
  Method method = Method::kNone;
  Reason reason = Reason::kNone;

  bool ok() const { return reason == Reason::kNone; }
};

// Confidence levels as fractions. Each must lie in [0.90, 1): the national profiles use 0.95 and 0.998.
inline const std::vector<double> kDefaultConfidence = {0.95, 0.998};

// OK when `levels` is not empty, holds no duplicates and every level is in [0.90, 1).
// Errors: kInvalidArgument naming the offending level.
Status ValidateConfidence(std::span<const double> levels);

// OK when `multiplier` (the scale of a statistic: 1, 100, 100,000 …) is finite and positive.
// Errors: kInvalidArgument.
Status ValidateMultiplier(double multiplier);

// Reads "0.95,0.998" or "95, 99.8" (percentages from 90 up to 100 are divided by 100).
// Errors: kInvalidArgument (not numbers, out of range; see ValidateConfidence).
Result<std::vector<double>> ParseConfidence(std::string_view text);

// The column suffix of a level: 0.95 → "95", 0.998 → "998", 0.9 → "90", 0.975 → "975".
std::string LevelSuffix(double level);

// The standard normal quantile at level + (1 − level)/2, i.e. the z of a two-sided interval.
double TwoSidedZ(double level);

// Rows partitioned into groups 0..count−1. Rows of a group need not be adjacent; within a group, row order is
// kept. `group_of_row.size()` is the number of rows.
struct Groups {
  std::vector<std::size_t> group_of_row;
  std::size_t count = 0;

  // Every row in one group (no --group given).
  static Groups Single(std::size_t rows);
  // One group per row.
  static Groups PerRow(std::size_t rows);
  // Rows with equal keys form a group; groups are numbered in order of first appearance.
  static Groups ByKey(std::span<const std::string> keys);

  std::size_t rows() const { return group_of_row.size(); }
  // The rows of each group, in row order: result[g] lists the rows of group g.
  std::vector<std::vector<std::size_t>> Members() const;
  // The first row of each group (the row that names it in grouped output).
  std::vector<std::size_t> FirstRows() const;
};

// Sums `values` within groups. A missing value makes its group's sum missing (as R's sum() without na.rm).
std::vector<double> SumByGroup(std::span<const double> values, const Groups& groups);

// A value and its intervals at each confidence level, with the method and the reason, for many rows (or
// groups) at once: what every interval-producing statistic returns.
struct Estimates {
  std::vector<double> levels;              // confidence levels, as given
  std::vector<double> value;               // per row
  std::vector<std::vector<double>> lower;  // lower[level][row]
  std::vector<std::vector<double>> upper;  // upper[level][row]
  std::vector<Method> method;              // per row
  std::vector<Reason> reason;              // per row

  // `rows` rows of missing values and kNone reasons, for `levels`.
  Estimates(std::size_t rows, std::span<const double> levels);
  Estimates() = default;

  std::size_t size() const { return value.size(); }
  // Clears row `row` to missing values with `why` (and no method).
  void Invalidate(std::size_t row, Reason why);
  // Multiplies the value and every limit of `row` by `factor`.
  void Scale(std::size_t row, double factor);
};

}  // namespace nrs::stats
