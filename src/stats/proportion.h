#pragma once

// Proportions with Wilson score intervals (PHEindicatormethods phe_proportion / wilson_lower/upper).

#include <span>
#include <vector>

#include "stats/common.h"

namespace nrs::stats {

// The Wilson score interval for x of n at the two-sided normal quantile z, as a proportion (0..1):
//   (2x + z² ± z·√(z² + 4x(1 − x/n))) / (2(n + z²)).
// Preconditions: 0 ≤ x ≤ n, n > 0, z > 0 (use CheckProportion first). x need not be an integer.
inline Interval WilsonInterval(double x, double n, double z) {
  const double z2 = z * z;
  const double root = z * std::sqrt(z2 + 4 * x * (1 - x / n));
  const double denominator = 2 * (n + z2);
  return {(2 * x + z2 - root) / denominator, (2 * x + z2 + root) / denominator};
}

// kNone when x of n is a valid proportion; otherwise the first problem: missing, negative, zero
// denominator, x above n.
Reason CheckProportion(double x, double n);

struct ProportionOptions {
  std::vector<double> confidence = kDefaultConfidence;
  double multiplier = 1;  // 100 gives percentages

  // Errors: kInvalidArgument (confidence levels; a multiplier that is not finite and positive).
  Status Validate() const;
};

// value = x/n × multiplier with Wilson limits (× multiplier) at every level, one row per element of x and n
// (which must have the same length). Invalid rows get a reason. Method: Wilson.
// Errors: kInvalidArgument (options; columns of different lengths).
Result<Estimates> Proportions(std::span<const double> x, std::span<const double> n, const ProportionOptions& options);

// One proportion with its 95% and 99.8% Wilson intervals, all × multiplier.
Estimate ProportionEstimate(double x, double n, double multiplier = 1);

}  // namespace nrs::stats
