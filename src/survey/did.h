#pragma once

// Difference in differences between programme and comparison areas across two waves of a survey:
//   DiD = (P_after − P_before) − (C_after − C_before)
// of four domain means (or proportions), with a design-based interval. The variance is that of the sum of the
// four means' influence values (signed) in one design, so it keeps the covariances the four means share:
// respondents interviewed in both waves, and clusters that span both waves, are one PSU across the waves
// (give the household, or the panel person, as the design's cluster).

#include <cstdint>
#include <span>

#include "nrs/result.h"
#include "survey/design.h"
#include "survey/estimate.h"

namespace nrs::survey {

struct DidInput {
  std::span<const double> values;       // the outcome per row (NaN: missing)
  std::span<const std::int8_t> arm;     // 1 programme, 0 comparison, −1 neither (row left out)
  std::span<const std::int8_t> period;  // 0 before, 1 after, −1 neither
  double level = 0.95;
};

struct DidResult {
  // The four cells: [arm][period], arm 0 comparison / 1 programme, period 0 before / 1 after.
  DomainEstimate cells[2][2];
  double estimate = kMissing;
  double se = kMissing;
  double lower = kMissing;
  double upper = kMissing;
  double df = kMissing;              // design degrees of freedom of the rows in the four cells
  double se_independent = kMissing;  // √ of the sum of the four variances (what ignoring the covariance gives)
};

// Errors: kInvalidArgument (lengths differ from the design's rows; a cell without respondents).
Result<DidResult> DifferenceInDifferences(const Design& design, const DidInput& input);

}  // namespace nrs::survey
