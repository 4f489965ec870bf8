#include "stats/compare.h"

#include <gtest/gtest.h>

#include "stats/proportion.h"

namespace nrs::stats {
namespace {

TEST(Compare, IntervalAgainstAComparatorValue) {
  EXPECT_EQ(Compare(Interval{2, 3}, 1, Polarity::kHighIsGood), Comparison::kBetter);
  EXPECT_EQ(Compare(Interval{2, 3}, 1, Polarity::kLowIsGood), Comparison::kWorse);
  EXPECT_EQ(Compare(Interval{2, 3}, 1, Polarity::kNoJudgement), Comparison::kHigher);
  EXPECT_EQ(Compare(Interval{2, 3}, 4, Polarity::kHighIsGood), Comparison::kWorse);
  EXPECT_EQ(Compare(Interval{2, 3}, 4, Polarity::kLowIsGood), Comparison::kBetter);
  EXPECT_EQ(Compare(Interval{2, 3}, 4, Polarity::kNoJudgement), Comparison::kLower);
  EXPECT_EQ(Compare(Interval{2, 3}, 2.5, Polarity::kHighIsGood), Comparison::kSimilar);
  EXPECT_EQ(Compare(Interval{2, 3}, 3, Polarity::kHighIsGood), Comparison::kSimilar);  // touching is similar
  EXPECT_EQ(Compare(Interval{kMissing, 3}, 1, Polarity::kHighIsGood), Comparison::kNotCompared);
  EXPECT_EQ(Compare(Interval{2, 3}, kMissing, Polarity::kHighIsGood), Comparison::kNotCompared);
}

TEST(Compare, IntervalsOverlap) {
  EXPECT_EQ(Compare(Interval{2, 3}, Interval{2.5, 4}, Polarity::kHighIsGood), Comparison::kSimilar);
  EXPECT_EQ(Compare(Interval{2, 3}, Interval{3.5, 4}, Polarity::kHighIsGood), Comparison::kWorse);
}

TEST(Compare, FiveClassesAtTwoLevels) {
  // 30% of 1,000 against 26%: above at 95% (27.2–33.0) but not at 99.8% (25.6–34.8).
  const Estimate area = ProportionEstimate(300, 1000, 100);
  Benchmark b = BenchmarkAgainst(area, 26, Polarity::kHighIsGood);
  EXPECT_EQ(b.at_95, Comparison::kBetter);
  EXPECT_EQ(b.at_998, Comparison::kSimilar);
  EXPECT_EQ(BenchmarkLabel(b), "better (95%)");
  EXPECT_EQ(BenchmarkLabel(BenchmarkAgainst(area, 20, Polarity::kLowIsGood)), "worse (99.8%)");
  EXPECT_EQ(BenchmarkLabel(BenchmarkAgainst(area, 30, Polarity::kLowIsGood)), "similar");
  EXPECT_EQ(BenchmarkLabel(BenchmarkAgainst(area, 40, Polarity::kNoJudgement)), "lower (99.8%)");
  EXPECT_EQ(BenchmarkLabel(BenchmarkAgainst(ProportionEstimate(1, 0), 40, Polarity::kNoJudgement)), "not compared");
  EXPECT_EQ(ComparisonName(Comparison::kHigher), "higher");
}

TEST(Compare, TrendTestForProportions) {
  // X² = 100² / (0.3·0.7·1000) = 47.62 for 10%, 20% … 50% of 100.
  const std::vector<double> x = {5, 10, 20, 30, 40, 50};
  const std::vector<double> n(6, 100);
  TrendOptions options;
  options.polarity = Polarity::kHighIsGood;
  Trend t = TrendTest(x, n, options);
  EXPECT_EQ(t.reason, Reason::kNone);
  EXPECT_NEAR(t.chi_squared, 10000.0 / 210, 1e-9);  // only the last five points
  EXPECT_EQ(t.direction, 1);
  EXPECT_EQ(t.label, "Increasing and getting better");
  options.polarity = Polarity::kLowIsGood;
  EXPECT_EQ(TrendTest(x, n, options).label, "Increasing and getting worse");
  options.polarity = Polarity::kNoJudgement;
  EXPECT_EQ(TrendTest(x, n, options).label, "Increasing");

  const std::vector<double> flat = {30, 31, 29, 30, 30};
  const std::vector<double> hundred(5, 100);
  t = TrendTest(flat, hundred, options);
  EXPECT_EQ(t.direction, 0);
  EXPECT_EQ(t.label, "No significant change");

  const std::vector<double> down = {50, 40, 30, 20, 10};
  options.polarity = Polarity::kHighIsGood;
  EXPECT_EQ(TrendTest(down, hundred, options).label, "Decreasing and getting worse");

  EXPECT_EQ(TrendTest(std::vector<double>{1, 2}, std::vector<double>{10, 10}, options).reason, Reason::kTooFewPoints);
  const std::vector<double> bad = {1, 2, 3, 4, 50};
  const std::vector<double> small = {10, 10, 10, 10, 10};
  EXPECT_EQ(TrendTest(bad, small, options).reason, Reason::kNumeratorAboveDenominator);
}

}  // namespace
}  // namespace nrs::stats
