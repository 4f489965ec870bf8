#include "stats/proportion.h"

#include <gtest/gtest.h>

namespace nrs::stats {
namespace {

// Expected limits: PHEindicatormethods test data (testdata_Byars_Wilson, testdata_Proportion).
TEST(Proportion, WilsonMatchesTheReference) {
  const double z95 = TwoSidedZ(0.95);
  const double z998 = TwoSidedZ(0.998);
  Interval ci = WilsonInterval(65, 100, z95);
  EXPECT_NEAR(ci.lower, 0.55254443296888, 1e-13);
  EXPECT_NEAR(ci.upper, 0.736357517569025, 1e-13);
  ci = WilsonInterval(1045, 5000, z998);
  EXPECT_NEAR(ci.lower, 0.191793817990152, 1e-13);
  EXPECT_NEAR(ci.upper, 0.227315629025258, 1e-13);
  ci = WilsonInterval(0.445, 1, z95);  // a fractional numerator is allowed
  EXPECT_NEAR(ci.lower, 0.0438174477205882, 1e-13);
  EXPECT_NEAR(ci.upper, 0.933462127697916, 1e-13);
}

TEST(Proportion, WilsonAtTheEnds) {
  const double z = TwoSidedZ(0.95);
  Interval ci = WilsonInterval(0, 50, z);
  EXPECT_EQ(ci.lower, 0);
  EXPECT_NEAR(ci.upper, z * z / (50 + z * z), 1e-15);
  ci = WilsonInterval(50, 50, z);
  EXPECT_DOUBLE_EQ(ci.upper, 1);
  EXPECT_NEAR(ci.lower, 50 / (50 + z * z), 1e-15);
}

TEST(Proportion, CheckProportionNamesTheProblem) {
  EXPECT_EQ(CheckProportion(1, 2), Reason::kNone);
  EXPECT_EQ(CheckProportion(0, 2), Reason::kNone);
  EXPECT_EQ(CheckProportion(2, 2), Reason::kNone);
  EXPECT_EQ(CheckProportion(kMissing, 2), Reason::kMissingNumerator);
  EXPECT_EQ(CheckProportion(1, kMissing), Reason::kMissingDenominator);
  EXPECT_EQ(CheckProportion(-1, 2), Reason::kNegativeNumerator);
  EXPECT_EQ(CheckProportion(1, -2), Reason::kNegativeDenominator);
  EXPECT_EQ(CheckProportion(0, 0), Reason::kZeroDenominator);
  EXPECT_EQ(CheckProportion(3, 2), Reason::kNumeratorAboveDenominator);
}

TEST(Proportion, ColumnsWithMultiplierAndPerRowReasons) {
  const std::vector<double> x = {1, 9856, kMissing, 5, 7, 0};
  const std::vector<double> n = {100, 12345, 100, 0, 3, 10};
  ProportionOptions options;
  options.multiplier = 100;
  auto e = Proportions(x, n, options);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  ASSERT_EQ(e->size(), 6U);
  EXPECT_NEAR(e->value[0], 1, 1e-12);
  EXPECT_NEAR(e->lower[0][0], 0.176743206414065, 1e-12);
  EXPECT_NEAR(e->upper[0][0], 5.44861961787053, 1e-12);
  EXPECT_NEAR(e->lower[1][0], 0.0873065697299977, 1e-12);
  EXPECT_NEAR(e->upper[1][0], 10.4554452837058, 1e-12);
  EXPECT_NEAR(e->value[1], 79.8379910895099, 1e-11);
  EXPECT_NEAR(e->lower[0][1], 79.1210175290907, 1e-11);
  EXPECT_EQ(e->method[0], Method::kWilson);
  EXPECT_EQ(e->reason[0], Reason::kNone);
  EXPECT_EQ(e->reason[2], Reason::kMissingNumerator);
  EXPECT_EQ(e->reason[3], Reason::kZeroDenominator);
  EXPECT_EQ(e->reason[4], Reason::kNumeratorAboveDenominator);
  for (const std::size_t bad : {2U, 3U, 4U}) {
    EXPECT_TRUE(IsMissing(e->value[bad]));
    EXPECT_TRUE(IsMissing(e->lower[0][bad]));
    EXPECT_EQ(e->method[bad], Method::kNone);
  }
  EXPECT_EQ(e->value[5], 0);
  EXPECT_EQ(e->lower[0][5], 0);
}

TEST(Proportion, OptionsAreValidated) {
  const std::vector<double> x = {1};
  ProportionOptions options;
  options.confidence = {0.8};
  EXPECT_EQ(Proportions(x, x, options).status().code(), ErrorCode::kInvalidArgument);
  options.confidence = {0.95};
  options.multiplier = 0;
  EXPECT_EQ(Proportions(x, x, options).status().code(), ErrorCode::kInvalidArgument);
  options.multiplier = 1;
  const std::vector<double> two = {1, 2};
  EXPECT_EQ(Proportions(x, two, options).status().code(), ErrorCode::kInvalidArgument);
  auto one = Proportions(x, x, options);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->lower.size(), 1U);
}

TEST(Proportion, SingleEstimateForOtherSubsystems) {
  const Estimate e = ProportionEstimate(20, 100, 100);
  ASSERT_TRUE(e.ok());
  EXPECT_NEAR(e.value, 20, 1e-12);
  EXPECT_NEAR(e.ci95.lower, 13.3366933331033, 1e-11);
  EXPECT_NEAR(e.ci95.upper, 28.8829165593159, 1e-11);
  EXPECT_NEAR(e.ci998.lower, 10.5191620667114, 1e-11);
  EXPECT_NEAR(e.ci998.upper, 34.711094170086, 1e-11);
  EXPECT_EQ(e.method, Method::kWilson);
  EXPECT_EQ(ProportionEstimate(5, 0).reason, Reason::kZeroDenominator);
  EXPECT_TRUE(IsMissing(ProportionEstimate(5, 0).value));
}

}  // namespace
}  // namespace nrs::stats
