#include "survey/condition.h"

#include <gtest/gtest.h>

#include <cmath>

namespace nrs::survey {
namespace {

TEST(Condition, NumericAndTextComparisons) {
  auto high = ParseCondition("api00 > 800");
  ASSERT_TRUE(high.ok());
  EXPECT_EQ(high->variable, "api00");
  EXPECT_TRUE(high->numeric);
  const std::vector<std::string> scores = {"801", "800", "NA", ""};
  auto values = EvaluateCondition(*high, scores);
  ASSERT_TRUE(values.ok());
  EXPECT_EQ((*values)[0], 1);
  EXPECT_EQ((*values)[1], 0);
  EXPECT_TRUE(std::isnan((*values)[2]));
  EXPECT_TRUE(std::isnan((*values)[3]));
  auto at_least = ParseCondition("gad7_score>=10");
  ASSERT_TRUE(at_least.ok());
  EXPECT_EQ(at_least->op, Condition::Operator::kGreaterEqual);
  auto text = ParseCondition("tenure == 'social rent'");
  ASSERT_TRUE(text.ok());
  EXPECT_FALSE(text->numeric);
  const std::vector<std::string> tenures = {"social rent", "owner"};
  auto is_social = EvaluateCondition(*text, tenures);
  ASSERT_TRUE(is_social.ok());
  EXPECT_EQ((*is_social)[0], 1);
  EXPECT_EQ((*is_social)[1], 0);
  const std::vector<std::string> words = {"many"};
  EXPECT_FALSE(EvaluateCondition(*high, words).ok());
  EXPECT_FALSE(ParseCondition("api00").ok());
  EXPECT_FALSE(ParseCondition("> 3").ok());
}

}  // namespace
}  // namespace nrs::survey
