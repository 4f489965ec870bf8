#include "stats/funnel.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>

#include "stats/distributions.h"
#include "stats/proportion.h"
#include "stats/rate.h"

namespace nrs::stats {
namespace {

constexpr std::size_t kPoints = 100;
constexpr double kTwoSigma = 0.975;                                   // one-sided probability of the 2σ limits
constexpr double kThreeSigma = 0.999;                                 // of the 3σ limits
constexpr std::array<double, 2> kSignificanceLevels = {0.998, 0.95};  // two-sided, for the point tests

// The proportion at which a population of `population` sits on the limit with one-sided probability p around
// the average: Wilson's score interval solved for the observed proportion (the closed form of the Fingertips
// tool), × multiplier.
double SigmaAdjustment(double p, double population, double average, bool high, double multiplier) {
  const double z = NormalQuantile(p);
  const double z2 = z * z;
  const double first = average * (population / z2 + 1);
  const double inner = -8 * average * (population / z2 + 1);
  const double adjustment =
      std::sqrt(inner * inner - 64 * (1 / z2 + 1 / population) * average *
                                    (population * (average * (population / z2 + 2) - 1) + z2 * (average - 1)));
  const double last = 1 / z2 + 1 / population;
  const double proportion = (high ? first + adjustment / 8 : first - adjustment / 8) / last;
  return proportion / population * multiplier;
}

// The number of decimal digits of a whole number ≥ 0.
int Digits(double whole) {
  auto v = static_cast<std::uint64_t>(whole);
  int digits = 1;
  while (v >= 10) {
    v /= 10;
    ++digits;
  }
  return digits;
}

// Axis ends rounded to the leading digit(s), as the Fingertips tool draws them (R's signif.floor/ceiling of
// PHEindicatormethods, counting digits of the whole number).
double SignificantFloor(double x) {
  if (x == 0) return 0;
  const double scaled = x * 0.95;
  const double unit = std::pow(10.0, Digits(std::floor(scaled)) - 1);
  return std::floor(scaled / unit) * unit;
}
double SignificantCeiling(double x) {
  if (x == 0) return 0;
  const double scaled = x * 1.05;
  const double unit = std::pow(10.0, Digits(std::ceil(scaled)) - 2);
  return std::ceil(scaled / unit) * unit;
}

// The limits of a count as the significance tests use them: exact below 10 events, Byar from 10, at 99.8%
// (index 0) and 95% (index 1).
const CountLimits& SignificanceLimits() {
  static const CountLimits kLimits(kSignificanceLevels, RateMethod::kAuto);
  return kLimits;
}

FunnelSignificance Classify(double reference, std::span<const Interval, 2> limits) {
  // limits[0]: 99.8%, limits[1]: 95% — of the point, scaled to the reference's scale.
  if (reference < limits[0].lower) return FunnelSignificance::kHigh0001;
  if (reference < limits[1].lower) return FunnelSignificance::kHigh0025;
  if (reference > limits[0].upper) return FunnelSignificance::kLow0001;
  if (reference > limits[1].upper) return FunnelSignificance::kLow0025;
  return FunnelSignificance::kNotSignificant;
}

std::array<Interval, 2> ScaledCountLimits(double count, double divisor) {
  std::array<Interval, 2> limits;
  Method used = Method::kNone;
  for (std::size_t l = 0; l < limits.size(); ++l) {
    const Interval c = SignificanceLimits().At(count, l, &used);
    limits[l] = {c.lower / divisor, c.upper / divisor};
  }
  return limits;
}

// The denominators the funnel is drawn against: n for proportions and ratios. For rates, the population the
// rate implies (events × multiplier / rate); for zero events there is none for DSRs and the population given
// for crude rates; and the limits of crude rates use the populations given whenever they are (as
// PHEindicatormethods does).
struct Prepared {
  std::vector<double> denominator;
  std::vector<Reason> reason;
  double average = kMissing;  // Σ numerators / Σ denominators over valid rows
  double min_denominator = kMissing;
  double max_denominator = kMissing;
};

Reason CheckDenominator(double n) {
  if (IsMissing(n)) return Reason::kMissingDenominator;
  if (n == 0) return Reason::kZeroDenominator;
  if (n < 0) return Reason::kNegativeDenominator;
  return Reason::kNone;
}

Result<Prepared> Prepare(const FunnelInput& in, const FunnelOptions& options, bool for_limits) {
  NRS_RETURN_IF_ERROR(options.Validate());
  const std::size_t rows = in.numerator.size();
  const bool rate = options.statistic == FunnelStatistic::kRate;
  if ((!in.denominator.empty() && in.denominator.size() != rows) || (rate && in.rate.size() != rows)) {
    return Status::InvalidArgument("the funnel columns differ in length from the {} rows", rows);
  }
  if (!rate && in.denominator.empty()) return Status::InvalidArgument("proportion and ratio funnels need denominators");
  const bool crude = options.rate_type == RateType::kCrude;
  Prepared p{std::vector<double>(rows, kMissing), std::vector<Reason>(rows, Reason::kNone)};
  double numerators = 0, denominators = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    const double x = in.numerator[r];
    const double n = in.denominator.empty() ? kMissing : in.denominator[r];
    Reason& why = p.reason[r];
    if (IsMissing(x)) {
      why = Reason::kMissingNumerator;
    } else if (x < 0) {
      why = Reason::kNegativeNumerator;
    } else if (!rate) {
      why = options.statistic == FunnelStatistic::kProportion ? CheckProportion(x, n) : CheckRate(x, n);
      p.denominator[r] = n;
    } else if (crude && (x == 0 || (for_limits && !in.denominator.empty()))) {
      why = CheckDenominator(n);
      p.denominator[r] = n;
    } else if (x == 0) {
      // A DSR of zero events implies no population: the row counts in the events only.
    } else if (IsMissing(in.rate[r])) {
      why = Reason::kMissingValue;
    } else if (!(in.rate[r] > 0)) {
      why = Reason::kValueOutOfRange;
    } else {
      p.denominator[r] = x / in.rate[r] * options.multiplier;
    }
    if (why != Reason::kNone) {
      p.denominator[r] = kMissing;
      continue;
    }
    numerators += x;
    if (!IsMissing(p.denominator[r])) {
      const double d = p.denominator[r];
      denominators += d;
      p.min_denominator = IsMissing(p.min_denominator) ? d : std::min(p.min_denominator, d);
      p.max_denominator = IsMissing(p.max_denominator) ? d : std::max(p.max_denominator, d);
    }
  }
  p.average = numerators / denominators;
  return p;
}

}  // namespace

Status FunnelOptions::Validate() const {
  NRS_RETURN_IF_ERROR(ValidateMultiplier(multiplier));
  if (!(years_of_data > 0) || std::isinf(years_of_data)) {
    return Status::InvalidArgument("the years of data must be a positive number, not {}", years_of_data);
  }
  return Status::Ok();
}

std::string_view SignificanceLabel(FunnelSignificance significance) {
  switch (significance) {
    case FunnelSignificance::kNone:
      return "";
    case FunnelSignificance::kHigh0001:
      return "High (0.001)";
    case FunnelSignificance::kHigh0025:
      return "High (0.025)";
    case FunnelSignificance::kNotSignificant:
      return "Not significant";
    case FunnelSignificance::kLow0025:
      return "Low (0.025)";
    case FunnelSignificance::kLow0001:
      return "Low (0.001)";
    case FunnelSignificance::kNotApplicableDsr:
      return "Not applicable for events less than 10 for dsrs";
  }
  return "";
}

// The Fingertips funnel tool finds the expected count by bisection on v = μ/(1 + observed + μ) until the step
// is below 1e-7. Its published limits carry that tolerance (up to 5e-5 relative at one event), so NRS runs
// the same bisection — with Boost's Poisson tails in place of the tool's series — to reproduce them, rather
// than the exact chi-squared quantile.
double PoissonFunnelLimit(double observed, double p, bool high_side) {
  double v = 0.5;
  double dv = 0.5;
  const auto mean = [&] { return (1 + observed) * v / (1 - v); };
  while (dv > 1e-7) {
    dv /= 2;
    const bool below = high_side ? PoissonCdf(observed, mean()) < p : !(PoissonUpperTail(observed, mean()) > p);
    v += below == high_side ? -dv : dv;
  }
  return mean();
}

Result<FunnelPoints> AssessFunnelPoints(const FunnelInput& input, const FunnelOptions& options) {
  NRS_ASSIGN_OR_RETURN(const Prepared prepared, Prepare(input, options, false));
  const std::size_t rows = input.numerator.size();
  const bool rate = options.statistic == FunnelStatistic::kRate;
  FunnelPoints out{std::vector<FunnelSignificance>(rows, FunnelSignificance::kNone), prepared.reason, {}, {}};
  if (rate) {
    out.rate_chart.assign(rows, kMissing);
    out.denominator_derived.assign(rows, kMissing);
  }
  const double average = prepared.average;
  for (std::size_t r = 0; r < rows; ++r) {
    if (out.reason[r] != Reason::kNone) continue;
    const double x = input.numerator[r];
    const double d = prepared.denominator[r];
    switch (options.statistic) {
      case FunnelStatistic::kProportion: {
        // The point's proportion against the limits at its own denominator (proportions, so multiplier 1).
        const double value = x / d;
        if (value < SigmaAdjustment(kThreeSigma, d, average, false, 1)) {
          out.significance[r] = FunnelSignificance::kLow0001;
        } else if (value < SigmaAdjustment(kTwoSigma, d, average, false, 1)) {
          out.significance[r] = FunnelSignificance::kLow0025;
        } else if (value > SigmaAdjustment(kThreeSigma, d, average, true, 1)) {
          out.significance[r] = FunnelSignificance::kHigh0001;
        } else if (value > SigmaAdjustment(kTwoSigma, d, average, true, 1)) {
          out.significance[r] = FunnelSignificance::kHigh0025;
        } else {
          out.significance[r] = FunnelSignificance::kNotSignificant;
        }
        break;
      }
      case FunnelStatistic::kRatio: {
        const auto limits = ScaledCountLimits(x, d);
        out.significance[r] = Classify(1, limits);
        break;
      }
      case FunnelStatistic::kRate: {
        // Without a denominator (a DSR of zero events) no limit can be placed: not significant, as the tool.
        out.significance[r] =
            IsMissing(d) ? FunnelSignificance::kNotSignificant : Classify(average, ScaledCountLimits(x, d));
        if (options.rate_type == RateType::kDsr && x < 10) {
          out.significance[r] = FunnelSignificance::kNotApplicableDsr;
          out.reason[r] = Reason::kFewerThanTenEventsForDsr;
          break;
        }
        // The point to chart: the rate, and the annual population it stands for.
        out.rate_chart[r] = IsMissing(input.rate[r]) && x == 0 ? 0.0 : input.rate[r];
        out.denominator_derived[r] = d / options.years_of_data;
        break;
      }
    }
  }
  return out;
}

Result<std::vector<NamedColumn>> FunnelLimits(const FunnelInput& input, const FunnelOptions& options) {
  NRS_ASSIGN_OR_RETURN(const Prepared prepared, Prepare(input, options, true));
  if (IsMissing(prepared.min_denominator) || !(prepared.average > 0 || options.statistic != FunnelStatistic::kRate)) {
    return Status::InvalidArgument("no valid rows to draw the funnel from");
  }
  const FunnelStatistic statistic = options.statistic;
  const double av = prepared.average;
  const double years = statistic == FunnelStatistic::kRate ? options.years_of_data : 1;
  double axis_min = prepared.max_denominator > 2 * prepared.min_denominator
                        ? 0
                        : SignificantFloor(prepared.min_denominator / years) * years;
  double axis_max = SignificantCeiling(prepared.max_denominator / years) * years;
  if (statistic == FunnelStatistic::kRate) {  // the axis counts events
    axis_min = std::floor(axis_min * av);
    axis_max = std::ceil(axis_max * av);
  }
  std::vector<double> axis(kPoints);
  axis[0] = std::max(1.0, axis_min);
  for (std::size_t j = 1; j < kPoints; ++j) {
    const double offset = static_cast<double>(statistic == FunnelStatistic::kRatio ? j : j + 1);
    const double step = std::pow(axis_max / axis[j - 1], 1 / (101 - offset)) * axis[j - 1];
    axis[j] = std::max(std::nearbyint(step), axis[j - 1] + 1);  // R's round(): halves to even
  }

  std::vector<NamedColumn> out;
  const double m = options.multiplier;
  switch (statistic) {
    case FunnelStatistic::kProportion: {
      out = {{"population", axis},   {"lower_2s_limit", {}}, {"upper_2s_limit", {}},
             {"lower_3s_limit", {}}, {"upper_3s_limit", {}}, {"baseline", {}}};
      for (const double population : axis) {
        out[1].values.push_back(std::max(0.0, SigmaAdjustment(kTwoSigma, population, av, false, m)));
        out[2].values.push_back(std::min(m, SigmaAdjustment(kTwoSigma, population, av, true, m)));
        out[3].values.push_back(std::max(0.0, SigmaAdjustment(kThreeSigma, population, av, false, m)));
        out[4].values.push_back(std::min(m, SigmaAdjustment(kThreeSigma, population, av, true, m)));
        out[5].values.push_back(av * m);
      }
      break;
    }
    case FunnelStatistic::kRatio:
    case FunnelStatistic::kRate: {
      const bool ratio = statistic == FunnelStatistic::kRatio;
      const std::string unit = ratio ? "exp_events" : "population_1_year";
      out = {{ratio ? "observed_events" : "events", axis}};
      for (const char* band : {"2s", "3s"}) {
        const double p = std::string_view(band) == "2s" ? 1 - kTwoSigma : 1 - kThreeSigma;
        for (const bool lower : {true, false}) {
          const std::string side = lower ? "lower" : "upper";
          NamedColumn expected{fmt::format("{}_{}_{}", side, band, unit), {}};
          NamedColumn limit{fmt::format("{}_{}_limit", side, band), {}};
          for (const double observed : axis) {
            // The lower limit is where `observed` would be unusually high for its expected count.
            const double e = PoissonFunnelLimit(observed, p, lower) / (ratio ? 1 : av);
            double value = observed / e;
            if (ratio) {
              value = options.ratio_type == RatioType::kCount ? value - 1 : value * m;
            } else {
              value *= m;
            }
            expected.values.push_back(ratio ? e : e / years);
            limit.values.push_back(value);
          }
          out.push_back(std::move(expected));
          out.push_back(std::move(limit));
        }
      }
      if (!ratio) out.push_back({"baseline", std::vector<double>(kPoints, av * m)});
      break;
    }
  }
  return out;
}

}  // namespace nrs::stats
