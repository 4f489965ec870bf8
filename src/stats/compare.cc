#include "stats/compare.h"

#include "stats/distributions.h"
#include "stats/proportion.h"

namespace nrs::stats {
namespace {

Comparison Judge(int direction, Polarity polarity) {
  if (direction == 0) return Comparison::kSimilar;
  switch (polarity) {
    case Polarity::kHighIsGood:
      return direction > 0 ? Comparison::kBetter : Comparison::kWorse;
    case Polarity::kLowIsGood:
      return direction > 0 ? Comparison::kWorse : Comparison::kBetter;
    case Polarity::kNoJudgement:
      break;
  }
  return direction > 0 ? Comparison::kHigher : Comparison::kLower;
}

}  // namespace

std::string_view ComparisonName(Comparison comparison) {
  switch (comparison) {
    case Comparison::kNotCompared:
      return "not compared";
    case Comparison::kBetter:
      return "better";
    case Comparison::kSimilar:
      return "similar";
    case Comparison::kWorse:
      return "worse";
    case Comparison::kHigher:
      return "higher";
    case Comparison::kLower:
      return "lower";
  }
  return "not compared";
}

// The profiles' rule: an area differs from the comparator when the comparator lies outside the area's
// interval (the interval does not overlap the comparator's value).
Comparison Compare(Interval area, double comparator, Polarity polarity) {
  return Compare(area, Interval{comparator, comparator}, polarity);
}

Comparison Compare(Interval area, Interval comparator, Polarity polarity) {
  if (IsMissing(area.lower) || IsMissing(area.upper) || IsMissing(comparator.lower) || IsMissing(comparator.upper)) {
    return Comparison::kNotCompared;
  }
  int direction = 0;
  if (area.lower > comparator.upper) direction = 1;
  if (area.upper < comparator.lower) direction = -1;
  return Judge(direction, polarity);
}

Benchmark BenchmarkAgainst(const Estimate& area, double comparator, Polarity polarity) {
  if (!area.ok()) return {};
  return {Compare(area.ci95, comparator, polarity), Compare(area.ci998, comparator, polarity)};
}

std::string BenchmarkLabel(const Benchmark& benchmark) {
  if (benchmark.at_95 == Comparison::kNotCompared) return std::string(ComparisonName(Comparison::kNotCompared));
  if (benchmark.at_998 != Comparison::kSimilar && benchmark.at_998 != Comparison::kNotCompared) {
    return fmt::format("{} (99.8%)", ComparisonName(benchmark.at_998));
  }
  if (benchmark.at_95 != Comparison::kSimilar) return fmt::format("{} (95%)", ComparisonName(benchmark.at_95));
  return std::string(ComparisonName(Comparison::kSimilar));
}

Status TrendOptions::Validate() const {
  if (points < 3) return Status::InvalidArgument("a trend needs at least 3 points, not {}", points);
  if (!(level > 0 && level < 1)) return Status::InvalidArgument("the trend's level must be in (0, 1), not {}", level);
  return Status::Ok();
}

// The Fingertips recent-trend method for proportions: the chi-squared test for linear trend (Cochran 1954,
// Armitage 1955) over the last five periods, at 99.8% (χ²₁ = 9.5495).
Trend TrendTest(std::span<const double> x, std::span<const double> n, const TrendOptions& options) {
  Trend trend;
  if (!options.Validate().ok() || x.size() != n.size()) {
    trend.reason = Reason::kTooFewPoints;
    return trend;
  }
  const auto points = static_cast<std::size_t>(options.points);
  if (x.size() < points) {
    trend.reason = Reason::kTooFewPoints;
    return trend;
  }
  const std::size_t first = x.size() - points;
  double sx = 0, sn = 0, stx = 0, stn = 0, sttn = 0;
  for (std::size_t i = first; i < x.size(); ++i) {
    const Reason why = CheckProportion(x[i], n[i]);
    if (why != Reason::kNone) {
      trend.reason = why;
      return trend;
    }
    const auto t = static_cast<double>(i - first + 1);
    sx += x[i];
    sn += n[i];
    stx += t * x[i];
    stn += t * n[i];
    sttn += t * t * n[i];
  }
  const double p = sx / sn;
  const double numerator = stx - p * stn;
  const double denominator = p * (1 - p) * (sttn - stn * stn / sn);
  trend.chi_squared = denominator > 0 ? numerator * numerator / denominator : 0;
  const bool significant = trend.chi_squared > ChiSquaredQuantile(options.level, 1);
  trend.direction = significant ? (numerator > 0 ? 1 : -1) : 0;
  if (trend.direction == 0) {
    trend.label = "No significant change";
  } else if (options.polarity == Polarity::kNoJudgement) {
    trend.label = trend.direction > 0 ? "Increasing" : "Decreasing";
  } else {
    trend.label = fmt::format("{} and getting {}", trend.direction > 0 ? "Increasing" : "Decreasing",
                              ComparisonName(Judge(trend.direction, options.polarity)));
  }
  return trend;
}

}  // namespace nrs::stats
