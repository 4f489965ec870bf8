#include "stats/rate.h"

#include "stats/distributions.h"

namespace nrs::stats {
namespace {

constexpr double kExactBelow = 10;  // the national rule: exact Poisson limits below 10 events

// The exact limits of the counts 0..9 at one level.
std::array<Interval, 10> ExactTable(double level) {
  std::array<Interval, 10> table;
  for (std::size_t k = 0; k < table.size(); ++k) table[k] = ExactPoissonInterval(static_cast<double>(k), level);
  return table;
}

const CountLimits& NationalLimits() {
  static const CountLimits kLimits(kDefaultConfidence, RateMethod::kAuto);
  return kLimits;
}

}  // namespace

// Exact limits (Garwood 1936; Armitage and Berry): the Poisson means whose tail probabilities at x equal
// (1 − level)/2, via the chi-squared–Poisson identity. qchisq(·, 0) = 0 gives the lower limit 0 at x = 0.
Interval ExactPoissonInterval(double x, double level) {
  const double alpha = 1 - level;
  return {ChiSquaredQuantile(alpha / 2, 2 * x) / 2, ChiSquaredQuantile(1 - alpha / 2, 2 * x + 2) / 2};
}

CountLimits::CountLimits(std::span<const double> levels, RateMethod method)
    : method_(method), levels_(levels.begin(), levels.end()) {
  for (const double level : levels_) {
    z_.push_back(TwoSidedZ(level));
    exact_.push_back(method == RateMethod::kByar ? std::array<Interval, 10>{} : ExactTable(level));
  }
}

// Byar's approximation (Breslow and Day 1987) is accurate from about 10 events and cheap; below that the
// national methods use the exact limits. Both are what PHEindicatormethods computes, so parity is exact.
Interval CountLimits::At(double x, std::size_t level, Method* used) const {
  const bool exact = method_ == RateMethod::kExact || (method_ == RateMethod::kAuto && x < kExactBelow);
  if (!exact) {
    *used = Method::kByar;
    return ByarInterval(x, z_[level]);
  }
  *used = Method::kExact;
  if (x < kExactBelow && x == std::floor(x)) return exact_[level][static_cast<std::size_t>(x)];
  return ExactPoissonInterval(x, levels_[level]);
}

Status RateOptions::Validate() const {
  NRS_RETURN_IF_ERROR(ValidateConfidence(confidence));
  return ValidateMultiplier(multiplier);
}

Reason CheckRate(double x, double n) {
  if (IsMissing(x)) return Reason::kMissingNumerator;
  if (IsMissing(n)) return Reason::kMissingDenominator;
  if (x < 0) return Reason::kNegativeNumerator;
  if (n < 0) return Reason::kNegativeDenominator;
  if (n == 0) return Reason::kZeroDenominator;
  return Reason::kNone;
}

Result<Estimates> Rates(std::span<const double> x, std::span<const double> n, const RateOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  if (!n.empty() && x.size() != n.size()) {
    return Status::InvalidArgument("numerators ({}) and denominators ({}) differ in length", x.size(), n.size());
  }
  const std::size_t rows = x.size();
  Estimates out(rows, options.confidence);
  const CountLimits limits(options.confidence, options.method);
  for (std::size_t row = 0; row < rows; ++row) {
    const double denominator = n.empty() ? 1.0 : n[row];
    const Reason reason = CheckRate(x[row], denominator);
    if (reason != Reason::kNone) {
      out.reason[row] = reason;
      continue;
    }
    const double scale = options.multiplier / denominator;
    out.value[row] = x[row] * scale;
    for (std::size_t l = 0; l < limits.LevelCount(); ++l) {
      const Interval ci = limits.At(x[row], l, &out.method[row]);
      // PHEindicatormethods reports a negative Byar lower limit as missing.
      if (ci.lower >= 0) {
        out.lower[l][row] = ci.lower * scale;
      } else {
        out.reason[row] = Reason::kByarLowerBelowZero;
      }
      out.upper[l][row] = ci.upper * scale;
    }
  }
  return out;
}

Estimate RateEstimate(double x, double n, double multiplier) {
  Estimate e;
  e.reason = CheckRate(x, n);
  if (e.reason != Reason::kNone) return e;
  const double scale = multiplier / n;
  e.value = x * scale;
  const CountLimits& limits = NationalLimits();
  const Interval a = limits.At(x, 0, &e.method);
  const Interval b = limits.At(x, 1, &e.method);
  e.ci95 = {a.lower * scale, a.upper * scale};
  e.ci998 = {b.lower * scale, b.upper * scale};
  return e;
}

}  // namespace nrs::stats
