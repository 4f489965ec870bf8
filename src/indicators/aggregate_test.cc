#include "indicators/aggregate.h"

#include <gtest/gtest.h>

namespace nrs::indicators {
namespace {

Indicator Make(ValueType type, Polarity polarity = Polarity::kNoJudgement, double multiplier = 1) {
  Indicator i;
  i.key = "x";
  i.name = "x";
  i.value_type = type;
  i.polarity = polarity;
  i.multiplier = multiplier;
  return i;
}

// Claremont, Blackpool (ward E05001647): its five LSOAs' IMD 2019 scores, ranks and mid-2015 populations as
// published in the English Indices of Deprivation 2019 (File 1/2/6).
const std::vector<MemberValue> kClaremontScores = {{69.964, {}, {}, 1422},
                                                   {88.408, {}, {}, 1511},
                                                   {86.803, {}, {}, 1438},
                                                   {84.357, {}, {}, 1378},
                                                   {63.027, {}, {}, 1488}};
const std::vector<MemberValue> kClaremontRanks = {
    {279, {}, {}, 1422}, {3, {}, {}, 1511}, {9, {}, {}, 1438}, {11, {}, {}, 1378}, {660, {}, {}, 1488}};

TEST(Summarise, ScoreIsPopulationWeightedMean) {
  const auto s = Summarise(Make(ValueType::kScore), kClaremontScores, 0);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->size(), 1U);
  // Σ score × population / Σ population, computed by hand from the published figures.
  EXPECT_NEAR(*(*s)[0].value, 78.47507696559347, 1e-9);
  EXPECT_EQ((*s)[0].areas, 5);
  EXPECT_EQ((*s)[0].method, "population-weighted mean");
}

TEST(Summarise, ScoreWithoutPopulationsFallsBackToPlainMeanAndSaysSo) {
  std::vector<MemberValue> members = {{10.0, {}, {}, 0}, {20.0, {}, {}, 100}, {std::nullopt, {}, {}, 50}};
  const auto s = Summarise(Make(ValueType::kScore), members, 0);
  EXPECT_DOUBLE_EQ(*(*s)[0].value, 15.0);
  EXPECT_EQ((*s)[0].missing, 1);
  EXPECT_NE((*s)[0].method.find("population not known"), std::string::npos);
}

TEST(Summarise, RankSummariesAsTheIoD) {
  Indicator rank = Make(ValueType::kRank, Polarity::kHighIsGood);
  const auto s = Summarise(rank, kClaremontRanks, 32844);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->size(), 4U);
  const double pop = 1422 + 1511 + 1438 + 1378 + 1488;
  EXPECT_EQ((*s)[0].measure, Measure::kAverageRank);
  EXPECT_NEAR(*(*s)[0].value, (279 * 1422 + 3 * 1511 + 9 * 1438 + 11 * 1378 + 660 * 1488) / pop, 1e-9);
  EXPECT_EQ((*s)[0].polarity, Polarity::kHighIsGood);
  EXPECT_EQ((*s)[1].measure, Measure::kShareAreasMostDeprived10);
  EXPECT_DOUBLE_EQ(*(*s)[1].value, 1.0);  // every rank ≤ 3,284.4
  EXPECT_EQ((*s)[1].polarity, Polarity::kLowIsGood);
  EXPECT_DOUBLE_EQ(*(*s)[2].value, 1.0);
  EXPECT_DOUBLE_EQ(*(*s)[3].value, 1.0);
}

TEST(Summarise, ShareOfPopulationAndExtentWeighThePeople) {
  // Ranks 1,000 (top 10%), 5,000 (15.2th percentile) and 20,000 (outside the 30%) of 32,844.
  const std::vector<MemberValue> members = {{1000, {}, {}, 100}, {5000, {}, {}, 300}, {20000, {}, {}, 600}};
  const auto s = Summarise(Make(ValueType::kRank, Polarity::kHighIsGood), members, 32844);
  ASSERT_TRUE(s.ok());
  EXPECT_NEAR(*(*s)[1].value, 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(*(*s)[2].value, 0.1, 1e-12);
  const double w = 1.0 - 0.95 * (5000.0 / 32844.0 * 100.0 - 10.0) / 20.0;
  EXPECT_NEAR(*(*s)[3].value, (100 + 300 * w) / 1000.0, 1e-12);
}

TEST(Summarise, RankNeedsItsCount) {
  EXPECT_EQ(Summarise(Make(ValueType::kRank), kClaremontRanks, 0).status().code(), ErrorCode::kInvalidArgument);
}

TEST(ExtentWeight, SlidingScale) {
  EXPECT_DOUBLE_EQ(ExtentWeight(1, 1000), 1.0);
  EXPECT_DOUBLE_EQ(ExtentWeight(100, 1000), 1.0);
  EXPECT_DOUBLE_EQ(ExtentWeight(200, 1000), 0.525);  // 20th percentile: halfway from 1 to 0.05
  EXPECT_NEAR(ExtentWeight(300, 1000), 0.05, 1e-12);
  EXPECT_DOUBLE_EQ(ExtentWeight(301, 1000), 0.0);
}

TEST(Summarise, CountsAreSummedAndProportionsRecomputed) {
  const std::vector<MemberValue> counts = {{120, {}, {}, 0}, {80, {}, {}, 0}, {std::nullopt, {}, {}, 0}};
  const auto sum = Summarise(Make(ValueType::kCount), counts, 0);
  EXPECT_DOUBLE_EQ(*(*sum)[0].value, 200);
  EXPECT_EQ((*sum)[0].missing, 1);

  // 30/100 and 10/300: the neighbourhood's share is 40/400 = 10%, not the mean of 30% and 3.3%.
  const std::vector<MemberValue> shares = {{0.3, 30, 100, 0}, {10.0 / 300, 10, 300, 0}};
  const auto p = Summarise(Make(ValueType::kProportion, Polarity::kLowIsGood, 100), shares, 0);
  EXPECT_DOUBLE_EQ(*(*p)[0].value, 10.0);
  EXPECT_DOUBLE_EQ(*(*p)[0].numerator, 40);
  EXPECT_DOUBLE_EQ(*(*p)[0].denominator, 400);
  EXPECT_EQ((*p)[0].polarity, Polarity::kLowIsGood);
}

TEST(Summarise, DecilesAreNotSummarised) {
  EXPECT_TRUE(Summarise(Make(ValueType::kDecile), kClaremontRanks, 32844)->empty());
}

TEST(Catalogue, ValidateAndParse) {
  Indicator i = Make(ValueType::kProportion);
  i.key = "income-rate";
  i.name = "Income deprivation";
  i.numerator = "income-numerator";
  EXPECT_EQ(i.Validate().code(), ErrorCode::kInvalidArgument);
  i.denominator = "population";
  EXPECT_TRUE(i.Validate().ok());
  i.domains = {"economic systems", "health"};
  EXPECT_NE(i.Validate().message().find("unknown domain 'health'"), std::string::npos);
  i.domains = {"economic systems"};
  i.key = "Bad Key";
  EXPECT_FALSE(i.Validate().ok());
  EXPECT_EQ(*ParseValueType("Rate"), ValueType::kRate);
  EXPECT_EQ(*ParsePolarity("low is good"), Polarity::kLowIsGood);
  EXPECT_FALSE(ParsePolarity("up").ok());
  EXPECT_EQ(PolarityKey(Polarity::kNoJudgement), "no_judgement");
  EXPECT_EQ(*ParseMeasure("extent"), Measure::kExtent);
}

// A computed indicator in one area: 1,234 income-deprived people of 4,936 is 25%; nothing without both counts.
TEST(ComputedValue, NumeratorOverDenominatorTimesMultiplier) {
  Indicator share;
  share.numerator = "income-numerator";
  share.denominator = "population";
  share.multiplier = 100;
  EXPECT_DOUBLE_EQ(*share.ComputedValue(1234, 4936), 25.0);
  EXPECT_FALSE(share.ComputedValue(1234, 0).has_value());
  EXPECT_FALSE(share.ComputedValue(std::nullopt, 4936).has_value());
  EXPECT_FALSE(share.ComputedValue(1234, std::nullopt).has_value());
}

}  // namespace
}  // namespace nrs::indicators
