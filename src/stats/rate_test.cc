#include "stats/rate.h"

#include <gtest/gtest.h>

namespace nrs::stats {
namespace {

// Expected limits: PHEindicatormethods test data (testdata_Byars_Wilson, testdata_Rate).
TEST(Rate, ByarMatchesTheReference) {
  Interval ci = ByarInterval(65, TwoSidedZ(0.95));
  EXPECT_NEAR(ci.lower, 50.1631877104595, 1e-11);
  EXPECT_NEAR(ci.upper, 82.8491385459398, 1e-11);
  ci = ByarInterval(1045, TwoSidedZ(0.998));
  EXPECT_NEAR(ci.lower, 947.940703561037, 1e-10);
  EXPECT_NEAR(ci.upper, 1148.80616098803, 1e-10);
  ci = ByarInterval(1, TwoSidedZ(0.95));
  EXPECT_NEAR(ci.lower, 0.0130721329015044, 1e-13);
  EXPECT_NEAR(ci.upper, 5.56375558247526, 1e-12);
  ci = ByarInterval(1, TwoSidedZ(0.998));
  EXPECT_LT(ci.lower, 0);  // reported missing by the column function
  EXPECT_NEAR(ci.upper, 9.36218021790836, 1e-12);
}

TEST(Rate, ExactMatchesTheReference) {
  Interval ci = ExactPoissonInterval(1, 0.95);
  EXPECT_NEAR(ci.lower, 0.0253178079842899, 1e-14);
  EXPECT_NEAR(ci.upper, 5.5716433909389, 1e-12);
  ci = ExactPoissonInterval(5, 0.998);
  EXPECT_NEAR(ci.lower, 0.739371731917839, 1e-12);
  EXPECT_NEAR(ci.upper, 16.4547452036801, 1e-11);
  ci = ExactPoissonInterval(0, 0.95);
  EXPECT_EQ(ci.lower, 0);
  EXPECT_NEAR(ci.upper, 3.6888794541139363, 1e-12);  // −ln(0.025)
}

TEST(Rate, CountLimitsFollowTheNationalRule) {
  const std::vector<double> levels = {0.95};
  const CountLimits limits(levels, RateMethod::kAuto);
  Method used = Method::kNone;
  EXPECT_EQ(limits.At(9, 0, &used), ExactPoissonInterval(9, 0.95));
  EXPECT_EQ(used, Method::kExact);
  EXPECT_EQ(limits.At(10, 0, &used), ByarInterval(10, TwoSidedZ(0.95)));
  EXPECT_EQ(used, Method::kByar);
  EXPECT_EQ(limits.At(2.5, 0, &used), ExactPoissonInterval(2.5, 0.95));  // fractional counts too
  const CountLimits byar(levels, RateMethod::kByar);
  byar.At(3, 0, &used);
  EXPECT_EQ(used, Method::kByar);
  const CountLimits exact(levels, RateMethod::kExact);
  EXPECT_EQ(exact.At(20, 0, &used), ExactPoissonInterval(20, 0.95));
  EXPECT_EQ(used, Method::kExact);
}

TEST(Rate, ColumnsPerHundredThousandWithReasons) {
  const std::vector<double> x = {1, 20, 250, kMissing, 3, -1, 0};
  const std::vector<double> n = {100, 100, 220, 100, 0, 10, 10};
  auto e = Rates(x, n, RateOptions{});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_NEAR(e->value[0], 1000, 1e-9);
  EXPECT_NEAR(e->lower[0][0], 25.3178079842899, 1e-10);
  EXPECT_NEAR(e->upper[1][0], 9233.41347645159, 1e-8);
  EXPECT_EQ(e->method[0], Method::kExact);
  EXPECT_NEAR(e->lower[0][1], 12211.4288348759, 1e-8);
  EXPECT_NEAR(e->upper[1][1], 38085.0356250419, 1e-8);
  EXPECT_EQ(e->method[1], Method::kByar);
  EXPECT_NEAR(e->value[2], 113636.363636364, 1e-7);  // more events than population is a valid rate
  EXPECT_NEAR(e->lower[1][2], 92710.0055443895, 1e-7);
  EXPECT_EQ(e->reason[3], Reason::kMissingNumerator);
  EXPECT_EQ(e->reason[4], Reason::kZeroDenominator);
  EXPECT_EQ(e->reason[5], Reason::kNegativeNumerator);
  EXPECT_EQ(e->value[6], 0);
  EXPECT_EQ(e->lower[0][6], 0);
  EXPECT_EQ(e->reason[6], Reason::kNone);
}

TEST(Rate, CountsWithoutDenominatorsAndForcedByar) {
  const std::vector<double> x = {65, 1045, 1};
  RateOptions options;
  options.multiplier = 1;
  options.method = RateMethod::kByar;
  auto e = Rates(x, {}, options);
  ASSERT_TRUE(e.ok());
  EXPECT_NEAR(e->lower[0][0], 50.1631877104595, 1e-11);
  EXPECT_NEAR(e->upper[0][1], 1110.33121298565, 1e-10);
  // One event at 99.8%: Byar's lower limit is negative, so it is missing with a reason, the rest kept.
  EXPECT_TRUE(IsMissing(e->lower[1][2]));
  EXPECT_NEAR(e->upper[1][2], 9.36218021790836, 1e-12);
  EXPECT_NEAR(e->value[2], 1, 1e-15);
  EXPECT_EQ(e->reason[2], Reason::kByarLowerBelowZero);
}

TEST(Rate, SingleEstimateForOtherSubsystems) {
  const Estimate e = RateEstimate(5, 100, 100);
  ASSERT_TRUE(e.ok());
  EXPECT_NEAR(e.ci95.lower, 1.62348639011842, 1e-12);
  EXPECT_NEAR(e.ci998.upper, 16.4547452036801, 1e-11);
  EXPECT_EQ(e.method, Method::kExact);
  EXPECT_EQ(RateEstimate(65, 100, 100).method, Method::kByar);
  EXPECT_EQ(RateEstimate(1, kMissing).reason, Reason::kMissingDenominator);
}

TEST(Rate, OptionsAreValidated) {
  const std::vector<double> x = {1};
  RateOptions options;
  options.multiplier = -5;
  EXPECT_EQ(Rates(x, x, options).status().code(), ErrorCode::kInvalidArgument);
  options.multiplier = 1;
  options.confidence = {0.95, 1.2};
  EXPECT_EQ(Rates(x, x, options).status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace nrs::stats
