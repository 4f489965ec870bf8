#include "survey/instrument.h"

#include <gtest/gtest.h>

#include <cmath>

namespace nrs::survey {
namespace {

Instrument Small() {
  Instrument in;
  in.name = "test";
  const std::vector<ResponseOption> five = {{1, "a"}, {2, "b"}, {3, "c"}, {4, "d"}, {5, "e"}};
  for (int i = 1; i <= 3; ++i) in.items.push_back({"q" + std::to_string(i), "", "", five, {9}, i == 3});
  Scale sum{"total", "Total", {"q1", "q2", "q3"}, ScoringRule::kSum, 1, {}, {}, {{3, "low"}, {9, "high"}}, ""};
  Scale mean{"average", "Average", {"q1", "q2", "q3"}, ScoringRule::kMean, 1, {}, {}, {}, ""};
  Scale agree{"agrees", "Agrees", {"q1"}, ScoringRule::kAgree, 0, {}, {1, 2}, {}, ""};
  in.scales = {sum, mean, agree};
  return in;
}

// q3 is reverse scored (6 − code). Respondent 0: 1, 2, 5 → 1 + 2 + 1 = 4. Respondent 1: 5, missing, 1 → 5 + 5
// = 10 prorated × 3/2 = 15; mean 5. Respondent 2: two missing → no score.
TEST(Instrument, ScoresWithReverseItemsProratingAndBands) {
  const Instrument in = Small();
  ASSERT_TRUE(in.Validate().ok()) << in.Validate().ToString();
  const std::vector<std::vector<int>> answers = {{1, 5, 3}, {2, -1, -1}, {5, 1, -1}};
  const ScaleScores sum = ScoreScale(in, in.scales[0], answers);
  EXPECT_DOUBLE_EQ(sum.score[0], 4);
  EXPECT_DOUBLE_EQ(sum.score[1], 15);
  EXPECT_TRUE(std::isnan(sum.score[2]));
  EXPECT_EQ(sum.band[0], "low");
  EXPECT_EQ(sum.band[1], "high");
  EXPECT_EQ(sum.scored, 2);
  const ScaleScores mean = ScoreScale(in, in.scales[1], answers);
  EXPECT_DOUBLE_EQ(mean.score[1], 5);
  const std::vector<std::vector<int>> one = {{1, 3, -1}};
  const ScaleScores agree = ScoreScale(in, in.scales[2], one);
  EXPECT_DOUBLE_EQ(agree.score[0], 1);
  EXPECT_DOUBLE_EQ(agree.score[1], 0);
  EXPECT_TRUE(std::isnan(agree.score[2]));
}

TEST(Instrument, LookupNeedsEveryRawTotalAndEveryItem) {
  Instrument in = Small();
  Scale lookup{"metric", "Metric", {"q1", "q2"}, ScoringRule::kLookup, 0, {}, {}, {}, ""};
  for (int raw = 2; raw <= 9; ++raw) lookup.lookup[raw] = raw * 1.5;
  in.scales.push_back(lookup);
  const Status missing_ten = in.Validate();
  ASSERT_FALSE(missing_ten.ok());
  EXPECT_NE(missing_ten.message().find("no score for raw total 10"), std::string_view::npos);
  in.scales.back().lookup[10] = 15;
  ASSERT_TRUE(in.Validate().ok());
  const std::vector<std::vector<int>> answers = {{5, -1}, {5, 2}};
  const ScaleScores s = ScoreScale(in, in.scales.back(), answers);
  EXPECT_DOUBLE_EQ(s.score[0], 15);
  EXPECT_TRUE(std::isnan(s.score[1]));  // a lookup scale needs every item
}

TEST(Instrument, RefusesInconsistentDefinitions) {
  Instrument twice = Small();
  twice.items.push_back(twice.items[0]);
  EXPECT_FALSE(twice.Validate().ok());
  Instrument unknown = Small();
  unknown.scales[0].items.push_back("q9");
  EXPECT_FALSE(unknown.Validate().ok());
  Instrument clash = Small();
  clash.items[0].missing_codes = {3};
  EXPECT_FALSE(clash.Validate().ok());
  Instrument bands = Small();
  bands.scales[0].bands = {{5, "b"}, {3, "a"}};
  EXPECT_FALSE(bands.Validate().ok());
}

}  // namespace
}  // namespace nrs::survey
