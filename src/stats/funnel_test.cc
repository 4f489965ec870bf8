#include "stats/funnel.h"

#include <gtest/gtest.h>

namespace nrs::stats {
namespace {

TEST(Funnel, PoissonLimitReproducesTheFingertipsTool) {
  // testdata_funnel_ratio_outputs, observed 1 and 2 (published to 10 significant digits).
  EXPECT_NEAR(PoissonFunnelLimit(1, 0.025, true), 5.571644585, 5e-9);
  EXPECT_NEAR(PoissonFunnelLimit(1, 0.025, false), 0.025317898, 5e-10);
  EXPECT_NEAR(PoissonFunnelLimit(1, 0.001, false), 0.001000547, 5e-10);
  EXPECT_NEAR(PoissonFunnelLimit(2, 0.001, true), 11.22886836, 5e-8);
}

TEST(Funnel, ProportionSignificance) {
  // 20 areas of 1,000 at 20%, one at 30% and one at 10%.
  std::vector<double> x(20, 200), n(20, 1000);
  x.push_back(300);
  n.push_back(1000);
  x.push_back(100);
  n.push_back(1000);
  x.push_back(215);
  n.push_back(1000);
  x.push_back(kMissing);
  n.push_back(1000);
  auto p = AssessFunnelPoints({x, n, {}}, FunnelOptions{});
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->significance[0], FunnelSignificance::kNotSignificant);
  EXPECT_EQ(p->significance[20], FunnelSignificance::kHigh0001);
  EXPECT_EQ(p->significance[21], FunnelSignificance::kLow0001);
  EXPECT_EQ(p->significance[23], FunnelSignificance::kNone);
  EXPECT_EQ(p->reason[23], Reason::kMissingNumerator);
  EXPECT_EQ(SignificanceLabel(p->significance[20]), "High (0.001)");
  EXPECT_TRUE(p->rate_chart.empty());
}

TEST(Funnel, RatioSignificance) {
  const std::vector<double> observed = {8, 151, 159, 5};
  const std::vector<double> expected = {6.239860227, 106.4429719, 232.9329036, 0};
  FunnelOptions options;
  options.statistic = FunnelStatistic::kRatio;
  auto p = AssessFunnelPoints({observed, expected, {}}, options);
  ASSERT_TRUE(p.ok());
  // testdata_funnel_ratio_inputs rows 1–3.
  EXPECT_EQ(p->significance[0], FunnelSignificance::kNotSignificant);
  EXPECT_EQ(p->significance[1], FunnelSignificance::kHigh0001);
  EXPECT_EQ(p->significance[2], FunnelSignificance::kLow0001);
  EXPECT_EQ(p->reason[3], Reason::kZeroDenominator);
}

TEST(Funnel, RatePointsAndDsrUnderTenEvents) {
  const std::vector<double> events = {414, 5, 0};
  const std::vector<double> rate = {184, 40, kMissing};
  const std::vector<double> population = {225000, 12500, 300000};
  FunnelOptions options;
  options.statistic = FunnelStatistic::kRate;
  options.multiplier = 100000;
  options.years_of_data = 3;
  auto p = AssessFunnelPoints({events, population, rate}, options);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->rate_chart[0], 184);
  EXPECT_NEAR(p->denominator_derived[0], 100000.0 * 414 / 184 / 3, 1e-9);
  EXPECT_EQ(p->significance[1], FunnelSignificance::kNotApplicableDsr);
  EXPECT_EQ(p->reason[1], Reason::kFewerThanTenEventsForDsr);
  EXPECT_TRUE(IsMissing(p->rate_chart[1]));
  options.rate_type = RateType::kCrude;
  p = AssessFunnelPoints({events, population, rate}, options);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->rate_chart[2], 0);  // zero events: the population given stands in
  EXPECT_NEAR(p->denominator_derived[2], 100000, 1e-9);
  EXPECT_EQ(p->reason[2], Reason::kNone);
  // Crude rates of zero events need the population.
  p = AssessFunnelPoints({events, {}, rate}, options);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->reason[2], Reason::kMissingDenominator);
}

TEST(Funnel, LimitsTableShape) {
  const std::vector<double> x = {35078, 24803, 50050, 1000};
  const std::vector<double> n = {41980, 31824, 61921, 1500};
  auto limits = FunnelLimits({x, n, {}}, FunnelOptions{});
  ASSERT_TRUE(limits.ok()) << limits.status().ToString();
  ASSERT_EQ(limits->size(), 6U);
  EXPECT_EQ((*limits)[0].name, "population");
  ASSERT_EQ((*limits)[0].values.size(), 100U);
  EXPECT_EQ((*limits)[0].values[0], 1);
  EXPECT_EQ((*limits)[0].values[99], 66000);  // max 61,921 × 1.05 rounded up at the second digit
  for (std::size_t i = 1; i < 100; ++i) {
    EXPECT_GT((*limits)[0].values[i], (*limits)[0].values[i - 1]);
    EXPECT_LE((*limits)[1].values[i], (*limits)[5].values[i]);  // lower 2σ below the baseline
    EXPECT_GE((*limits)[2].values[i], (*limits)[5].values[i]);
    EXPECT_LE((*limits)[3].values[i], (*limits)[1].values[i]);  // 3σ outside 2σ
  }
  EXPECT_NEAR((*limits)[5].values[0], 100.0 * (35078 + 24803 + 50050 + 1000) / (41980 + 31824 + 61921 + 1500), 1e-12);

  FunnelOptions ratio;
  ratio.statistic = FunnelStatistic::kRatio;
  limits = FunnelLimits({x, n, {}}, ratio);
  ASSERT_TRUE(limits.ok());
  EXPECT_EQ((*limits)[0].name, "observed_events");
  EXPECT_EQ((*limits)[1].name, "lower_2s_exp_events");
  EXPECT_EQ((*limits)[2].name, "lower_2s_limit");
  EXPECT_EQ(limits->size(), 9U);

  const std::vector<double> nothing = {kMissing};
  EXPECT_FALSE(FunnelLimits({nothing, nothing, {}}, FunnelOptions{}).ok());
  FunnelOptions bad;
  bad.years_of_data = 0;
  EXPECT_FALSE(FunnelLimits({x, n, {}}, bad).ok());
}

}  // namespace
}  // namespace nrs::stats
