#pragma once

// Funnel plots: control limits at 2σ (p = 0.975) and 3σ (p = 0.999) around the overall average, and the
// significance of each point, for proportions, ratios and rates (PHEindicatormethods
// calculate_funnel_limits, assign_funnel_significance, calculate_funnel_points; the Fingertips funnel tool).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "stats/common.h"

namespace nrs::stats {

enum class FunnelStatistic : std::uint8_t { kProportion, kRatio, kRate };
enum class RatioType : std::uint8_t { kCount, kIsr };  // limits as observed/expected − 1, or × multiplier
enum class RateType : std::uint8_t { kDsr, kCrude };

struct FunnelOptions {
  FunnelStatistic statistic = FunnelStatistic::kProportion;
  // Proportions: the scale of the limits (100 = percentages). Rates: the rate's "per" (e.g. 100,000).
  // Ratios of type ISR: the scale of the limits (100).
  double multiplier = 100;
  RatioType ratio_type = RatioType::kCount;
  RateType rate_type = RateType::kDsr;
  double years_of_data = 1;  // rates: the years the data cover (limits' populations are per year)

  // Errors: kInvalidArgument (multiplier or years not positive).
  Status Validate() const;
};

struct FunnelInput {
  std::span<const double> numerator;  // proportions: x; ratios: observed; rates: events
  // Proportions: n; ratios: expected; rates: the population — may be empty, except that crude rates with
  // zero events need it.
  std::span<const double> denominator;
  std::span<const double> rate;  // rates only: the rate per multiplier (a DSR or a crude rate)
};

enum class FunnelSignificance : std::uint8_t {
  kNone,  // not assessed (see the row's reason)
  kHigh0001,
  kHigh0025,
  kNotSignificant,
  kLow0025,
  kLow0001,
  kNotApplicableDsr,  // DSRs with fewer than 10 events
};

// "High (0.001)", "High (0.025)", "Not significant", "Low (0.025)", "Low (0.001)",
// "Not applicable for events less than 10 for dsrs"; "" for kNone.
std::string_view SignificanceLabel(FunnelSignificance significance);

// Per row: the significance against the funnel of all valid rows; for rates also the rate to chart and the
// annual population it implies (missing for DSRs of fewer than 10 events).
struct FunnelPoints {
  std::vector<FunnelSignificance> significance;
  std::vector<Reason> reason;
  std::vector<double> rate_chart;           // rates only
  std::vector<double> denominator_derived;  // rates only: per year
};

// Errors: kInvalidArgument (options; columns of different lengths; a rate column missing for rates).
Result<FunnelPoints> AssessFunnelPoints(const FunnelInput& input, const FunnelOptions& options);

struct NamedColumn {
  std::string name;
  std::vector<double> values;
};

// The table for drawing the funnel: 100 points along the x axis (population, observed events or events),
// spaced geometrically from the axis minimum to a rounded maximum as the Fingertips tool spaces them, with
// the limits at each. Columns, by statistic:
//   proportion: population, lower_2s_limit, upper_2s_limit, lower_3s_limit, upper_3s_limit, baseline
//   ratio:      observed_events, lower_2s_exp_events, lower_2s_limit, upper_2s_exp_events, upper_2s_limit,
//               lower_3s_exp_events, lower_3s_limit, upper_3s_exp_events, upper_3s_limit
//   rate:       events, lower_2s_population_1_year, lower_2s_limit, upper_2s_population_1_year,
//               upper_2s_limit, lower_3s_population_1_year, lower_3s_limit, upper_3s_population_1_year,
//               upper_3s_limit, baseline
// Errors: kInvalidArgument (as AssessFunnelPoints; no valid rows).
Result<std::vector<NamedColumn>> FunnelLimits(const FunnelInput& input, const FunnelOptions& options);

// The expected count whose Poisson probability of giving at most (side high) or at least (side low)
// `observed` events is p: the bisection of the Fingertips funnel tool (to 1e-7 in v = μ/(1 + observed + μ)),
// with the Poisson tails from Boost.Math. Reproduces the published funnel limits.
double PoissonFunnelLimit(double observed, double p, bool high_side);

}  // namespace nrs::stats
