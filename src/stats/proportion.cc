#include "stats/proportion.h"

namespace nrs::stats {
namespace {

// z for 95% and 99.8%, computed once: the single-value API is called per indicator and area.
double Z95() {
  static const double kZ = TwoSidedZ(0.95);
  return kZ;
}
double Z998() {
  static const double kZ = TwoSidedZ(0.998);
  return kZ;
}

}  // namespace

Reason CheckProportion(double x, double n) {
  if (IsMissing(x)) return Reason::kMissingNumerator;
  if (IsMissing(n)) return Reason::kMissingDenominator;
  if (x < 0) return Reason::kNegativeNumerator;
  if (n < 0) return Reason::kNegativeDenominator;
  if (n == 0) return Reason::kZeroDenominator;
  if (x > n) return Reason::kNumeratorAboveDenominator;
  return Reason::kNone;
}

Status ProportionOptions::Validate() const {
  NRS_RETURN_IF_ERROR(ValidateConfidence(confidence));
  return ValidateMultiplier(multiplier);
}

// Wilson's score interval (Wilson 1927; Newcombe and Altman 2000) is the interval of the Fingertips technical
// guidance for proportions: unlike the normal approximation it stays within [0, 1] and behaves at x = 0 and
// x = n. z is computed once per level from Boost's normal quantile, so each row costs one square root per
// level.
Result<Estimates> Proportions(std::span<const double> x, std::span<const double> n, const ProportionOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  if (x.size() != n.size()) {
    return Status::InvalidArgument("numerators ({}) and denominators ({}) differ in length", x.size(), n.size());
  }
  const std::size_t rows = x.size();
  Estimates out(rows, options.confidence);
  const double m = options.multiplier;
  // The limits are computed for every row in one branch-free loop per level (which the compiler vectorises),
  // then the invalid rows — usually few — are cleared.
  for (std::size_t l = 0; l < options.confidence.size(); ++l) {
    const double z = TwoSidedZ(options.confidence[l]);
    const double z2 = z * z;
    double* lower = out.lower[l].data();
    double* upper = out.upper[l].data();
    for (std::size_t row = 0; row < rows; ++row) {
      const double xr = x[row];
      const double nr = n[row];
      const double root = z * std::sqrt(z2 + 4 * xr * (1 - xr / nr));
      const double scale = m / (2 * (nr + z2));
      lower[row] = (2 * xr + z2 - root) * scale;
      upper[row] = (2 * xr + z2 + root) * scale;
    }
  }
  for (std::size_t row = 0; row < rows; ++row) {
    const Reason reason = CheckProportion(x[row], n[row]);
    if (reason != Reason::kNone) {
      out.Invalidate(row, reason);
      continue;
    }
    out.value[row] = x[row] / n[row] * m;
    out.method[row] = Method::kWilson;
  }
  return out;
}

Estimate ProportionEstimate(double x, double n, double multiplier) {
  Estimate e;
  e.reason = CheckProportion(x, n);
  if (e.reason != Reason::kNone) return e;
  e.value = x / n * multiplier;
  const Interval a = WilsonInterval(x, n, Z95());
  const Interval b = WilsonInterval(x, n, Z998());
  e.ci95 = {a.lower * multiplier, a.upper * multiplier};
  e.ci998 = {b.lower * multiplier, b.upper * multiplier};
  e.method = Method::kWilson;
  return e;
}

}  // namespace nrs::stats
