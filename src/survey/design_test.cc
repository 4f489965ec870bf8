#include "survey/design.h"

#include <gtest/gtest.h>

#include <cmath>

namespace nrs::survey {
namespace {

// Four rows, each its own PSU, no strata, with replacement: V = n/(n−1) Σ (zᵢ − z̄)².
TEST(Design, UnclusteredVarianceByHand) {
  auto design = Design::Make({.weights = {1, 2, 3, 4}});
  ASSERT_TRUE(design.ok()) << design.status().ToString();
  // z = 1, 4, 9, 16 (w·y with y = 1, 2, 3, 4); mean 7.5; Σ(z − z̄)² = 42.25 + 12.25 + 2.25 + 72.25 = 129.
  const std::vector<double> z = {1, 4, 9, 16};
  EXPECT_DOUBLE_EQ(design->Variance(z), 4.0 / 3.0 * 129);
  EXPECT_EQ(design->PsuCount(), 4U);
  EXPECT_DOUBLE_EQ(design->DegreesOfFreedom(), 3);
  EXPECT_DOUBLE_EQ(design->Population(), 10);
}

// Two strata of two PSUs (clusters a, b and c, d), fpc as population counts 4 and 10.
TEST(Design, StratifiedClusteredWithFpcByHand) {
  auto design = Design::Make({.weights = {1, 1, 1, 1, 1},
                              .strata = {"s", "s", "s", "t", "t"},
                              .clusters = {"a", "a", "b", "c", "d"},
                              .fpc = {4, 4, 4, 10, 10}});
  ASSERT_TRUE(design.ok()) << design.status().ToString();
  EXPECT_EQ(design->PsuCount(), 4U);
  EXPECT_EQ(design->StratumCount(), 2U);
  const std::vector<double> z = {1, 2, 5, 4, 8};
  // s: a = 3, b = 5, mean 4 → 2; scale (1 − 2/4)·2/1 = 1 → 2. t: c = 4, d = 8, mean 6 → 8; (1 − 2/10)·2 = 1.6 →
  // 12.8. Total 14.8.
  EXPECT_NEAR(design->Variance(z), 14.8, 1e-12);
  // The sparse form gives the same.
  const std::vector<std::size_t> rows = {0, 1, 2, 3, 4};
  EXPECT_NEAR(design->SparseVariance(rows, z), 14.8, 1e-12);
  EXPECT_DOUBLE_EQ(design->DegreesOfFreedom(), 2);
  const std::vector<std::size_t> stratum_s = {0, 2};
  EXPECT_DOUBLE_EQ(design->DegreesOfFreedom(stratum_s), 1);
}

TEST(Design, SamplingFractionsAsFpc) {
  auto counts = Design::Make({.weights = {2, 2, 2}, .fpc = {6, 6, 6}});
  auto fractions = Design::Make({.weights = {2, 2, 2}, .fpc = {0.5, 0.5, 0.5}});
  ASSERT_TRUE(counts.ok());
  ASSERT_TRUE(fractions.ok());
  const std::vector<double> z = {1, 2, 6};
  // f = 3/6; scale (1 − 0.5)·3/2 = 0.75; Σ(z − 3)² = 4 + 1 + 9 = 14.
  EXPECT_NEAR(counts->Variance(z), 10.5, 1e-12);
  EXPECT_NEAR(fractions->Variance(z), counts->Variance(z), 1e-12);
}

TEST(Design, LonelyPsu) {
  const DesignInput input{.weights = {1, 1, 1}, .strata = {"a", "a", "b"}};
  auto fail = Design::Make(input);
  ASSERT_FALSE(fail.ok());
  EXPECT_NE(fail.status().message().find("stratum 'b' has only one PSU"), std::string_view::npos);
  DesignInput remove = input;
  remove.lonely_psu = LonelyPsu::kRemove;
  auto removed = Design::Make(remove);
  ASSERT_TRUE(removed.ok());
  const std::vector<double> z = {1, 3, 5};
  EXPECT_DOUBLE_EQ(removed->Variance(z), 2 * 2.0);  // stratum a: 2/1 · ((1−2)² + (3−2)²); b: nothing
  DesignInput adjust = input;
  adjust.lonely_psu = LonelyPsu::kAdjust;
  auto adjusted = Design::Make(adjust);
  ASSERT_TRUE(adjusted.ok());
  EXPECT_DOUBLE_EQ(adjusted->Variance(z), 4.0 + 25.0);  // b's PSU centred at zero
}

TEST(Design, RefusesBadInput) {
  EXPECT_FALSE(Design::Make({}).ok());
  EXPECT_FALSE(Design::Make({.weights = {1, 0}}).ok());
  EXPECT_FALSE(Design::Make({.weights = {1, std::nan("")}}).ok());
  EXPECT_FALSE(Design::Make({.weights = {1, 1}, .strata = {"a"}}).ok());
  EXPECT_FALSE(Design::Make({.weights = {1, 1}, .fpc = {5, 6}}).ok());
  auto below = Design::Make({.weights = {1, 1, 1}, .fpc = {2, 2, 2}});
  ASSERT_FALSE(below.ok());
  EXPECT_NE(below.status().message().find("below the 3 PSUs"), std::string_view::npos);
}

}  // namespace
}  // namespace nrs::survey
