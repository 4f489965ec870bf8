#include "stats/mean.h"

#include <gtest/gtest.h>

namespace nrs::stats {
namespace {

// Expected values: PHEindicatormethods test data (testdata_Mean, testdata_Mean_results).
TEST(Mean, StudentTMatchesTheReference) {
  const std::vector<double> values = {33.09375, 48.38596, 64.83495, 67.98475, 22.93556, 71.23587, 38.78465, 82.37927};
  auto m = Means(values, Groups::Single(values.size()), MeanOptions{});
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  const Estimates& e = m->estimates;
  EXPECT_NEAR(m->sum[0], 429.63476, 1e-10);
  EXPECT_EQ(m->count[0], 8);
  EXPECT_NEAR(m->sd[0], 20.9755752577093, 1e-11);
  EXPECT_NEAR(e.value[0], 53.704345, 1e-12);
  EXPECT_NEAR(e.lower[0][0], 36.1683252413365, 1e-11);
  EXPECT_NEAR(e.upper[0][0], 71.2403647586635, 1e-11);
  EXPECT_NEAR(e.lower[1][0], 18.2167052947888, 1e-11);
  EXPECT_NEAR(e.upper[1][0], 89.1919847052112, 1e-11);
  EXPECT_EQ(e.method[0], Method::kStudentT);
}

TEST(Mean, GroupsWithMissingOrSingleValues) {
  const std::vector<double> values = {1, 2, 3, 5, kMissing, 7};
  const std::vector<std::string> keys = {"a", "a", "a", "b", "b", "c"};
  auto m = Means(values, Groups::ByKey(keys), MeanOptions{});
  ASSERT_TRUE(m.ok());
  const Estimates& e = m->estimates;
  EXPECT_EQ(e.value[0], 2);
  EXPECT_EQ(e.reason[0], Reason::kNone);
  EXPECT_EQ(e.reason[1], Reason::kMissingValue);
  EXPECT_TRUE(IsMissing(e.value[1]));
  EXPECT_EQ(e.value[2], 7);  // one value: a mean but no interval
  EXPECT_TRUE(IsMissing(e.lower[0][2]));
  EXPECT_EQ(e.reason[2], Reason::kFewerThanTwoValues);
}

TEST(Mean, RejectsMismatchedGroupsAndBadConfidence) {
  const std::vector<double> values = {1, 2};
  EXPECT_FALSE(Means(values, Groups::Single(3), MeanOptions{}).ok());
  MeanOptions options;
  options.confidence = {0.5};
  EXPECT_FALSE(Means(values, Groups::Single(2), options).ok());
}

}  // namespace
}  // namespace nrs::stats
