#pragma once

// Crude rates and the confidence limits of counts of events: exact Poisson limits below 10 events and Byar's
// approximation from 10 (PHEindicatormethods phe_rate, byars_lower/upper). The same count limits serve the
// standardised ratios and the funnel significance tests.

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "stats/common.h"

namespace nrs::stats {

enum class RateMethod : std::uint8_t {
  kAuto,   // exact Poisson below 10 events, Byar's from 10 — the national rule
  kByar,   // Byar's at every count
  kExact,  // exact Poisson at every count
};

// Byar's approximation to the Poisson limits of a count x ≥ 0 at the two-sided normal quantile z:
//   lower = x(1 − 1/(9x) − z/(3√x))³,  upper = (x + 1)(1 − 1/(9(x + 1)) + z/(3√(x + 1)))³.
// The lower limit is below zero for very small x at high confidence (the caller reports it missing); it is
// NaN at x = 0.
inline Interval ByarInterval(double x, double z) {
  const double a = 1 - 1 / (9 * x) - z / (3 * std::sqrt(x));
  const double y = x + 1;
  const double b = 1 - 1 / (9 * y) + z / (3 * std::sqrt(y));
  return {x * a * a * a, y * b * b * b};
}

// Exact Poisson limits of a count x ≥ 0 at `level`, from the chi-squared distribution:
//   lower = χ²((1 − level)/2; 2x)/2,  upper = χ²((1 + level)/2; 2x + 2)/2.
Interval ExactPoissonInterval(double x, double level);

// The limits of counts at several confidence levels, by a method. z and the exact limits of the counts 0–9
// (the only ones the national rule computes exactly) are prepared once, so each count costs a few
// multiplications. Thread-compatible (read-only after construction).
class CountLimits {
 public:
  // Precondition: `levels` valid (ValidateConfidence).
  CountLimits(std::span<const double> levels, RateMethod method);

  // The limits of count x ≥ 0 at level index `level`; `*used` is set to the method applied (kExact or
  // kByar). A Byar lower limit below zero is returned as is.
  Interval At(double x, std::size_t level, Method* used) const;

  std::size_t LevelCount() const { return z_.size(); }

 private:
  RateMethod method_;
  std::vector<double> levels_;
  std::vector<double> z_;
  // exact_[level][k]: exact limits of the count k = 0..9
  std::vector<std::array<Interval, 10>> exact_;
};

struct RateOptions {
  std::vector<double> confidence = kDefaultConfidence;
  double multiplier = 100000;  // rate per 100,000
  RateMethod method = RateMethod::kAuto;

  // Errors: kInvalidArgument (confidence; multiplier not finite and positive).
  Status Validate() const;
};

// Why (x, n) is not a valid count and denominator, or kNone. x may exceed n (a rate, not a proportion).
Reason CheckRate(double x, double n);

// value = x/n × multiplier with the limits of x divided by n (× multiplier) at every level. `n` may be empty:
// then every denominator is 1 (the limits of the counts themselves). Method per row: Exact or Byars. A Byar
// lower limit below zero is left missing with the reason kByarLowerBelowZero (value and upper kept).
// Errors: kInvalidArgument (options; columns of different lengths).
Result<Estimates> Rates(std::span<const double> x, std::span<const double> n, const RateOptions& options);

// One crude rate with its 95% and 99.8% limits (national rule: exact below 10 events, Byar from 10).
Estimate RateEstimate(double x, double n, double multiplier = 100000);

}  // namespace nrs::stats
