#include "stats/quantiles.h"

#include <algorithm>

namespace nrs::stats {

Status QuantileOptions::Validate() const {
  if (quantiles < 2 || quantiles > 1000) {
    return Status::InvalidArgument("the number of quantiles must be from 2 to 1000, not {}", quantiles);
  }
  return Status::Ok();
}

// The formula places the ranks evenly across the quantiles from the top down, so that ties share a quantile
// and uneven group sizes fall the same way the Fingertips tools assign them. Ranks are taken on max − value
// when the highest value comes first, exactly as PHEindicatormethods computes them, so that ties at the
// limits of floating point break the same way.
Result<QuantileAssignment> AssignQuantiles(std::span<const double> values, std::span<const std::uint8_t> highest_first,
                                           const Groups& groups, const QuantileOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  if (values.size() != groups.rows() || highest_first.size() != groups.rows()) {
    return Status::InvalidArgument("the quantile columns differ in length from the {} rows", groups.rows());
  }
  QuantileAssignment out{std::vector<double>(values.size(), kMissing),
                         std::vector<Reason>(values.size(), Reason::kNone)};
  const double q = options.quantiles;
  for (const std::vector<std::size_t>& members : groups.Members()) {
    std::vector<std::size_t> present;
    double highest = -std::numeric_limits<double>::infinity();
    bool mixed = false;
    for (const std::size_t r : members) {
      if (highest_first[r] != highest_first[members.front()]) mixed = true;
      if (IsMissing(values[r])) {
        out.reason[r] = Reason::kMissingValue;
      } else {
        present.push_back(r);
        highest = std::max(highest, values[r]);
      }
    }
    const double n = static_cast<double>(present.size());
    if (mixed || n < q) {
      for (const std::size_t r : present) {
        out.reason[r] = mixed ? Reason::kMixedOrderInGroup : Reason::kFewerValuesThanQuantiles;
      }
      continue;
    }
    const bool invert = highest_first[members.front()] != 0;
    const auto adjusted = [&](std::size_t r) { return invert ? highest - values[r] : values[r]; };
    std::vector<std::size_t> order = present;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return adjusted(a) < adjusted(b); });
    double rank = 1;
    for (std::size_t i = 0; i < order.size(); ++i) {
      if (i > 0 && adjusted(order[i]) != adjusted(order[i - 1])) rank = static_cast<double>(i + 1);
      double quantile = std::floor((q + 1) - std::ceil(((n + 1) - rank) / (n / q)));
      if (quantile == 0) quantile = 1;
      out.quantile[order[i]] = quantile;
    }
  }
  return out;
}

}  // namespace nrs::stats
