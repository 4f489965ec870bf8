#include "stats/common.h"

#include <gtest/gtest.h>

namespace nrs::stats {
namespace {

TEST(Common, EveryReasonHasASentence) {
  EXPECT_EQ(ReasonText(Reason::kNone), "");
  for (int r = 1; r <= static_cast<int>(Reason::kTooFewPoints); ++r) {
    EXPECT_FALSE(ReasonText(static_cast<Reason>(r)).empty()) << r;
  }
}

TEST(Common, MethodNamesAreThoseOfTheNationalTools) {
  EXPECT_EQ(MethodName(Method::kWilson), "Wilson");
  EXPECT_EQ(MethodName(Method::kByar), "Byars");
  EXPECT_EQ(MethodName(Method::kExact), "Exact");
  EXPECT_EQ(MethodName(Method::kNone), "");
}

TEST(Common, ConfidenceLevelsFrom90UpTo100) {
  EXPECT_TRUE(ValidateConfidence(std::vector<double>{0.95, 0.998}).ok());
  EXPECT_TRUE(ValidateConfidence(std::vector<double>{0.9}).ok());
  EXPECT_TRUE(ValidateConfidence(std::vector<double>{0.9999}).ok());
  EXPECT_EQ(ValidateConfidence(std::vector<double>{}).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(ValidateConfidence(std::vector<double>{0.89}).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(ValidateConfidence(std::vector<double>{1.0}).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(ValidateConfidence(std::vector<double>{kMissing}).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(ValidateConfidence(std::vector<double>{0.95, 0.95}).code(), ErrorCode::kInvalidArgument);
}

TEST(Common, ParseConfidenceAcceptsFractionsAndPercentages) {
  EXPECT_EQ(*ParseConfidence("0.95,0.998"), (std::vector<double>{0.95, 0.998}));
  EXPECT_EQ(*ParseConfidence(" 95 , 99.8 "), (std::vector<double>{0.95, 0.998}));
  EXPECT_EQ(*ParseConfidence("95%"), (std::vector<double>{0.95}));
  EXPECT_EQ(*ParseConfidence("90"), (std::vector<double>{0.9}));
  EXPECT_FALSE(ParseConfidence("").ok());
  EXPECT_FALSE(ParseConfidence("0.8").ok());
  EXPECT_FALSE(ParseConfidence("100").ok());
  EXPECT_FALSE(ParseConfidence("14").ok());
  EXPECT_FALSE(ParseConfidence("125").ok());
  EXPECT_FALSE(ParseConfidence("high").ok());
}

TEST(Common, MultipliersArePositiveNumbers) {
  EXPECT_TRUE(ValidateMultiplier(1).ok());
  EXPECT_TRUE(ValidateMultiplier(100000).ok());
  EXPECT_FALSE(ValidateMultiplier(0).ok());
  EXPECT_FALSE(ValidateMultiplier(-100).ok());
  EXPECT_FALSE(ValidateMultiplier(kMissing).ok());
  EXPECT_FALSE(ValidateMultiplier(std::numeric_limits<double>::infinity()).ok());
}

TEST(Common, LevelSuffix) {
  EXPECT_EQ(LevelSuffix(0.95), "95");
  EXPECT_EQ(LevelSuffix(0.998), "998");
  EXPECT_EQ(LevelSuffix(0.9), "90");
  EXPECT_EQ(LevelSuffix(0.975), "975");
  EXPECT_EQ(LevelSuffix(0.9999), "9999");
}

TEST(Common, TwoSidedZ) { EXPECT_NEAR(TwoSidedZ(0.95), 1.9599639845400536, 1e-15); }

TEST(Common, GroupsByKeyInOrderOfFirstAppearance) {
  const std::vector<std::string> keys = {"b", "a", "b", "c", "a"};
  const Groups g = Groups::ByKey(keys);
  EXPECT_EQ(g.count, 3U);
  EXPECT_EQ(g.group_of_row, (std::vector<std::size_t>{0, 1, 0, 2, 1}));
  EXPECT_EQ(g.Members(), (std::vector<std::vector<std::size_t>>{{0, 2}, {1, 4}, {3}}));
  EXPECT_EQ(g.FirstRows(), (std::vector<std::size_t>{0, 1, 3}));
  EXPECT_EQ(Groups::Single(3).count, 1U);
  EXPECT_EQ(Groups::Single(0).count, 0U);
  EXPECT_EQ(Groups::PerRow(2).group_of_row, (std::vector<std::size_t>{0, 1}));
}

TEST(Common, SumByGroupPropagatesMissing) {
  const std::vector<std::string> keys = {"a", "b", "a", "b"};
  const std::vector<double> values = {1, 2, 3, kMissing};
  const std::vector<double> sums = SumByGroup(values, Groups::ByKey(keys));
  EXPECT_EQ(sums[0], 4);
  EXPECT_TRUE(IsMissing(sums[1]));
}

TEST(Common, EstimatesStartMissingAndCanBeInvalidatedOrScaled) {
  const std::vector<double> levels = {0.95, 0.998};
  Estimates e(2, levels);
  EXPECT_TRUE(IsMissing(e.value[1]));
  EXPECT_EQ(e.lower.size(), 2U);
  e.value[0] = 2;
  e.lower[0][0] = 1;
  e.upper[1][0] = 4;
  e.Scale(0, 10);
  EXPECT_EQ(e.value[0], 20);
  EXPECT_EQ(e.lower[0][0], 10);
  EXPECT_EQ(e.upper[1][0], 40);
  e.method[0] = Method::kWilson;
  e.Invalidate(0, Reason::kZeroDenominator);
  EXPECT_TRUE(IsMissing(e.value[0]));
  EXPECT_TRUE(IsMissing(e.upper[1][0]));
  EXPECT_EQ(e.method[0], Method::kNone);
  EXPECT_EQ(e.reason[0], Reason::kZeroDenominator);
}

}  // namespace
}  // namespace nrs::stats
