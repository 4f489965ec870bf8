#include "stats/quantiles.h"

#include <gtest/gtest.h>

namespace nrs::stats {
namespace {

std::vector<std::uint8_t> Order(std::size_t rows, bool highest_first) {
  return std::vector<std::uint8_t>(rows, highest_first);
}

TEST(Quantiles, DecilesHighestFirstAndLowestFirst) {
  std::vector<double> values;
  for (int i = 1; i <= 20; ++i) values.push_back(i);
  auto q = AssignQuantiles(values, Order(20, true), Groups::Single(20), QuantileOptions{});
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->quantile[19], 1);  // the highest value is in decile 1
  EXPECT_EQ(q->quantile[18], 1);
  EXPECT_EQ(q->quantile[17], 2);
  EXPECT_EQ(q->quantile[0], 10);
  q = AssignQuantiles(values, Order(20, false), Groups::Single(20), QuantileOptions{});
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->quantile[0], 1);
  EXPECT_EQ(q->quantile[19], 10);
}

TEST(Quantiles, TiesShareAQuantileAndUnevenGroups) {
  // 13 values into quartiles; the formula with N/Q = 3.25.
  const std::vector<double> values = {5, 5, 5, 4, 3, 3, 2, 1, 1, 1, 0, 0, -1};
  QuantileOptions options;
  options.quantiles = 4;
  auto q = AssignQuantiles(values, Order(13, false), Groups::Single(13), options);
  ASSERT_TRUE(q.ok());
  // Ranks (lowest first, ties min): -1→1, 0→2, 1→4, 2→7, 3→8, 4→10, 5→11.
  // quantile = floor(5 − ceil((14 − rank)/3.25)), 0 → 1.
  EXPECT_EQ(q->quantile[12], 1);  // rank 1: 5 − ceil(4) = 1
  EXPECT_EQ(q->quantile[10], 1);  // rank 2: 5 − ceil(3.69) = 1
  EXPECT_EQ(q->quantile[7], 1);   // rank 4: 5 − ceil(3.08) = 1
  EXPECT_EQ(q->quantile[6], 2);   // rank 7: 5 − ceil(2.15) = 2
  EXPECT_EQ(q->quantile[4], 3);   // rank 8: 5 − ceil(1.85) = 3
  EXPECT_EQ(q->quantile[3], 3);   // rank 10: 5 − ceil(1.23) = 3
  EXPECT_EQ(q->quantile[0], 4);   // rank 11: 5 − ceil(0.92) = 4
  EXPECT_EQ(q->quantile[0], q->quantile[2]);
}

TEST(Quantiles, GroupsMissingValuesAndTooFewValues) {
  std::vector<double> values;
  std::vector<std::string> keys;
  for (int i = 0; i < 12; ++i) {
    values.push_back(i);
    keys.emplace_back("big");
  }
  values[3] = kMissing;
  for (int i = 0; i < 9; ++i) {
    values.push_back(i);
    keys.emplace_back("small");
  }
  auto q = AssignQuantiles(values, Order(values.size(), true), Groups::ByKey(keys), QuantileOptions{});
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->reason[3], Reason::kMissingValue);
  EXPECT_TRUE(IsMissing(q->quantile[3]));
  EXPECT_EQ(q->quantile[11], 1);
  EXPECT_EQ(q->quantile[0], 10);
  EXPECT_EQ(q->reason[12], Reason::kFewerValuesThanQuantiles);
  EXPECT_TRUE(IsMissing(q->quantile[20]));
}

TEST(Quantiles, MixedOrderWithinAGroupIsRefused) {
  std::vector<double> values(12, 1.0);
  std::vector<std::uint8_t> order(12, 1);
  order[5] = 0;
  auto q = AssignQuantiles(values, order, Groups::Single(12), QuantileOptions{});
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->reason[0], Reason::kMixedOrderInGroup);
  EXPECT_TRUE(IsMissing(q->quantile[0]));
}

TEST(Quantiles, OptionsAreValidated) {
  const std::vector<double> values = {1, 2};
  QuantileOptions options;
  options.quantiles = 1;
  EXPECT_FALSE(AssignQuantiles(values, Order(2, true), Groups::Single(2), options).ok());
  EXPECT_FALSE(AssignQuantiles(values, Order(1, true), Groups::Single(2), QuantileOptions{}).ok());
}

}  // namespace
}  // namespace nrs::stats
