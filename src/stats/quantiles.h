#pragma once

// Assignment of values to quantiles (deciles of deprivation and the like) as the technical guidance and
// PHEindicatormethods phe_quantile define it.

#include <cstdint>
#include <span>
#include <vector>

#include "stats/common.h"

namespace nrs::stats {

struct QuantileOptions {
  int quantiles = 10;

  // Errors: kInvalidArgument (fewer than 2 or more than 1000 quantiles).
  Status Validate() const;
};

struct QuantileAssignment {
  std::vector<double> quantile;  // per row: 1..quantiles, or missing
  std::vector<Reason> reason;    // per row
};

// Per group, with N the group's non-missing values and rank their rank (ties take the lowest rank):
//   quantile = floor((Q + 1) − ceiling(((N + 1) − rank) / (N/Q))), and 1 where that gives 0.
// highest_first[row] (1 = the highest value is in quantile 1, PHEindicatormethods' default invert = TRUE;
// 0 = the lowest value is) must be the same for every row of a group (else kMixedOrderInGroup). A group with
// fewer values than quantiles gets none (kFewerValuesThanQuantiles); a missing value gets none
// (kMissingValue).
// Errors: kInvalidArgument (options; columns of different lengths).
Result<QuantileAssignment> AssignQuantiles(std::span<const double> values, std::span<const std::uint8_t> highest_first,
                                           const Groups& groups, const QuantileOptions& options);

}  // namespace nrs::stats
