#include "stats/mean.h"

#include "stats/distributions.h"

namespace nrs::stats {

Status MeanOptions::Validate() const { return ValidateConfidence(confidence); }

// Student's t interval: the technical guidance's method for means of continuous measures (values assumed
// roughly normal or n large). Two passes over each group's values keep the variance exact for large values.
Result<MeanEstimates> Means(std::span<const double> values, const Groups& groups, const MeanOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  if (groups.rows() != values.size()) {
    return Status::InvalidArgument("{} values but {} rows in the groups", values.size(), groups.rows());
  }
  MeanEstimates out{Estimates(groups.count, options.confidence), std::vector<double>(groups.count, 0.0),
                    std::vector<double>(groups.count, 0.0), std::vector<double>(groups.count, kMissing)};
  Estimates& e = out.estimates;
  for (std::size_t row = 0; row < values.size(); ++row) {
    const std::size_t g = groups.group_of_row[row];
    out.sum[g] += values[row];  // NaN propagates
    out.count[g] += 1;
  }
  std::vector<double> squares(groups.count, 0.0);
  for (std::size_t row = 0; row < values.size(); ++row) {
    const std::size_t g = groups.group_of_row[row];
    const double d = values[row] - out.sum[g] / out.count[g];
    squares[g] += d * d;
  }
  for (std::size_t g = 0; g < groups.count; ++g) {
    if (IsMissing(out.sum[g])) {
      e.reason[g] = Reason::kMissingValue;
      continue;
    }
    const double n = out.count[g];
    e.value[g] = out.sum[g] / n;
    if (n < 2) {
      e.reason[g] = Reason::kFewerThanTwoValues;
      continue;
    }
    out.sd[g] = std::sqrt(squares[g] / (n - 1));
    const double se = out.sd[g] / std::sqrt(n);
    for (std::size_t l = 0; l < e.levels.size(); ++l) {
      const double t = StudentTQuantile(e.levels[l] + (1 - e.levels[l]) / 2, n - 1);
      e.lower[l][g] = e.value[g] - t * se;
      e.upper[l][g] = e.value[g] + t * se;
    }
    e.method[g] = Method::kStudentT;
  }
  return out;
}

}  // namespace nrs::stats
