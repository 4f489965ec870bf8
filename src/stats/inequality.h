#pragma once

// The slope index of inequality (SII) and the relative index of inequality (RII) across deprivation
// quantiles, with confidence limits by Monte Carlo simulation (PHEindicatormethods phe_sii; Low and Low
// 2004).

#include <cstdint>
#include <span>
#include <vector>

#include "stats/common.h"

namespace nrs::stats {

enum class SiiValueType : std::uint8_t {
  kNormal,      // values with symmetric intervals (e.g. life expectancy)
  kRate,        // simulated on the log scale
  kProportion,  // 0..1, simulated on the logit scale
};

struct SiiOptions {
  std::vector<double> confidence = kDefaultConfidence;
  SiiValueType value_type = SiiValueType::kNormal;
  // Fit the regression on the log (rates) or logit (proportions) scale and transform back.
  bool transform = false;
  // Scales the SII and its limits; a negative multiplier also inverts the RII (polarity change).
  double multiplier = 1;
  std::int64_t repetitions = 100000;
  // The simulation is reproducible: the same seed and input give the same limits.
  std::uint64_t seed = 1;

  // Errors: kInvalidArgument (confidence; repetitions < 1; multiplier 0 or not finite).
  Status Validate() const;
};

struct SiiInput {
  // Per row: the quantile, ordered from 1 (most deprived) upwards; only its order matters.
  std::span<const double> quantile;
  std::span<const double> population;  // > 0
  std::span<const double> value;       // the indicator value; may be empty for proportions given x
  std::span<const double> x;           // proportions: the count, value = x/population when value is empty
  // The standard error (on the log/logit scale for rates/proportions), or empty to derive it from the 95%
  // limits: (T(upper) − T(lower)) / (2·1.959964), T the log, logit or identity.
  std::span<const double> se;
  std::span<const double> lower;  // 95% limits of the value
  std::span<const double> upper;
};

// Per group: SII and RII with their limits at every level, and the fitted intercept (the value at the most
// deprived end, rank 0). A group that lacks a quantile (the quantiles are those present anywhere in the
// input; 5 to 100 of them), has a zero, negative or missing population, a missing value, standard error or
// limit, or a value outside its type's range has no values and that reason.
struct SiiResult {
  std::vector<double> levels;
  std::vector<double> sii;
  std::vector<std::vector<double>> sii_lower;  // [level][group]
  std::vector<std::vector<double>> sii_upper;
  std::vector<double> rii;
  std::vector<std::vector<double>> rii_lower;
  std::vector<std::vector<double>> rii_upper;
  std::vector<double> intercept;
  std::vector<Reason> reason;
};

// Errors: kInvalidArgument (options; columns of different lengths; neither value nor x, neither se nor
// both limits).
Result<SiiResult> SlopeIndexOfInequality(const SiiInput& input, const Groups& groups, const SiiOptions& options);

}  // namespace nrs::stats
