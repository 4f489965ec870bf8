#pragma once

// Means with Student's t confidence intervals (PHEindicatormethods phe_mean).

#include <span>
#include <vector>

#include "stats/common.h"

namespace nrs::stats {

struct MeanOptions {
  std::vector<double> confidence = kDefaultConfidence;

  // Errors: kInvalidArgument (confidence).
  Status Validate() const;
};

// Per group: the mean of the values with limits mean ± t(1 − α/2; n − 1) · sd/√n, plus the sum, the count and
// the sample standard deviation (n − 1 divisor). A missing value makes its group invalid (kMissingValue); a
// group of one value keeps its mean but has no interval (kFewerThanTwoValues). Method: Student's t.
struct MeanEstimates {
  Estimates estimates;
  std::vector<double> sum;
  std::vector<double> count;
  std::vector<double> sd;
};

// Errors: kInvalidArgument (options; groups not covering the values).
Result<MeanEstimates> Means(std::span<const double> values, const Groups& groups, const MeanOptions& options);

}  // namespace nrs::stats
