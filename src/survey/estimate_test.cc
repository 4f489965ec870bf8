#include "survey/estimate.h"

#include <gtest/gtest.h>

#include <map>

#include "survey/test_data.h"

namespace nrs::survey {
namespace {

using testing::Numbers;
using testing::ReadReference;

// Relative agreement to `digits` significant digits.
void ExpectDigits(double actual, double expected, int digits, const char* what) {
  EXPECT_NEAR(actual, expected, std::abs(expected) * std::pow(10.0, -digits)) << what;
}

struct Sample {
  std::map<std::string, std::vector<std::string>> columns;
  Design design;
};

Sample Clus1() {
  auto columns = ReadReference("apiclus1.csv");
  auto design =
      Design::Make({.weights = Numbers(columns["pw"]), .clusters = columns["dnum"], .fpc = Numbers(columns["fpc"])});
  if (!design.ok()) throw std::runtime_error(design.status().ToString());
  return {std::move(columns), std::move(*design)};
}

Sample Strat() {
  auto columns = ReadReference("apistrat.csv");
  auto design =
      Design::Make({.weights = Numbers(columns["pw"]), .strata = columns["stype"], .fpc = Numbers(columns["fpc"])});
  if (!design.ok()) throw std::runtime_error(design.status().ToString());
  return {std::move(columns), std::move(*design)};
}

// R survey 4.1-1 figures from tests/reference/survey/expected_estimates.csv.
TEST(Estimate, ClusterSampleMeanAndTotal) {
  Sample s = Clus1();
  const Domains all = Domains::All(s.design.rows());
  auto mean = Estimate(s.design, Numbers(s.columns["api00"]), {}, all, {});
  ASSERT_TRUE(mean.ok()) << mean.status().ToString();
  ExpectDigits((*mean)[0].estimate, 644.169398907104, 9, "mean");
  ExpectDigits((*mean)[0].se, 23.542240693781, 9, "se");
  ExpectDigits((*mean)[0].deff, 9.34586945059095, 9, "deff");
  EXPECT_EQ((*mean)[0].n, 183);
  EXPECT_DOUBLE_EQ((*mean)[0].df, 14);
  ExpectDigits((*mean)[0].effective_n, 183 / 9.34586945059095, 9, "effective n");
  EXPECT_EQ((*mean)[0].quality, kLowEffectiveN);  // 183 schools in 15 districts: effective n 19.6

  auto total = Estimate(s.design, Numbers(s.columns["enroll"]), {}, all, {.statistic = Statistic::kTotal});
  ASSERT_TRUE(total.ok());
  ExpectDigits((*total)[0].estimate, 3404940.13452911, 9, "total");
  ExpectDigits((*total)[0].se, 932235.027041215, 9, "total se");
  ExpectDigits((*total)[0].deff, 31.3106560943494, 9, "total deff");
  EXPECT_TRUE((*total)[0].quality & kHighCv);  // cv 0.27
}

TEST(Estimate, DomainMeans) {
  Sample s = Clus1();
  Domains by_type{{}, 3};
  for (const std::string& t : s.columns["stype"]) by_type.of_row.push_back(t == "E" ? 0 : t == "H" ? 1 : 2);
  auto e = Estimate(s.design, Numbers(s.columns["api00"]), {}, by_type, {});
  ASSERT_TRUE(e.ok());
  const double expected[3][3] = {{648.868055555556, 22.3624088938319, 6.5836735250278},
                                 {618.571428571429, 38.0202493594075, 2.22825931686862},
                                 {631.44, 31.6094652272455, 2.16389972008046}};
  for (int d = 0; d < 3; ++d) {
    ExpectDigits((*e)[static_cast<std::size_t>(d)].estimate, expected[d][0], 9, "domain mean");
    ExpectDigits((*e)[static_cast<std::size_t>(d)].se, expected[d][1], 9, "domain se");
    ExpectDigits((*e)[static_cast<std::size_t>(d)].deff, expected[d][2], 9, "domain deff");
  }
  EXPECT_TRUE((*e)[1].quality & kLowEffectiveN);  // 14 high schools, deff 2.2
}

TEST(Estimate, StratifiedMeanAndRatio) {
  Sample s = Strat();
  const Domains all = Domains::All(s.design.rows());
  auto mean = Estimate(s.design, Numbers(s.columns["api00"]), {}, all, {});
  ASSERT_TRUE(mean.ok());
  ExpectDigits((*mean)[0].estimate, 662.287363159321, 9, "mean");
  ExpectDigits((*mean)[0].se, 9.40894080278458, 9, "se");
  ExpectDigits((*mean)[0].deff, 1.20445726853772, 9, "deff");
  EXPECT_DOUBLE_EQ((*mean)[0].df, 197);
  auto ratio = Estimate(s.design, Numbers(s.columns["api.stu"]), Numbers(s.columns["enroll"]), all,
                        {.statistic = Statistic::kRatio});
  ASSERT_TRUE(ratio.ok());
  ExpectDigits((*ratio)[0].estimate, 0.836956886940522, 9, "ratio");
  ExpectDigits((*ratio)[0].se, 0.00775710316663788, 9, "ratio se");
}

TEST(Estimate, ProportionIntervals) {
  Sample s = Clus1();
  std::vector<double> high;
  for (const double v : Numbers(s.columns["api00"])) high.push_back(v > 800 ? 1 : 0);
  const Domains all = Domains::All(s.design.rows());
  struct Case {
    IntervalMethod method;
    double lower, upper;
    int digits;
  };
  const Case cases[] = {{IntervalMethod::kLogit, 0.0290648829106341, 0.186494066345791, 9},
                        {IntervalMethod::kBeta, 0.0215482316837802, 0.183221234741583, 8},
                        {IntervalMethod::kLikelihood, 0.0243700772379982, 0.168910325920457, 6},
                        {IntervalMethod::kWald, 0.00458890883988382, 0.14841655564099, 8}};
  for (const Case& c : cases) {
    auto e = Estimate(s.design, high, {}, all, {.statistic = Statistic::kProportion, .interval = c.method});
    ASSERT_TRUE(e.ok());
    ExpectDigits((*e)[0].estimate, 0.0765027322404959, 9, "p");
    ExpectDigits((*e)[0].se, 0.0335295923858836, 9, "se");
    ExpectDigits((*e)[0].lower, c.lower, c.digits, IntervalName(c.method).data());
    ExpectDigits((*e)[0].upper, c.upper, c.digits, IntervalName(c.method).data());
  }
  // Wilson on the effective sample size n/deff: inside (0, 1) and around p.
  auto wilson =
      Estimate(s.design, high, {}, all, {.statistic = Statistic::kProportion, .interval = IntervalMethod::kWilson});
  ASSERT_TRUE(wilson.ok());
  EXPECT_LT((*wilson)[0].lower, 0.0765);
  EXPECT_GT((*wilson)[0].upper, 0.0765);
  EXPECT_GT((*wilson)[0].lower, 0);
}

// A hand-computed design: three PSUs of one row each, weights 1, 1, 2; y = 0, 1, 1.
TEST(Estimate, SmallDesignByHand) {
  auto design = Design::Make({.weights = {1, 1, 2}});
  ASSERT_TRUE(design.ok());
  auto e = Estimate(*design, std::vector<double>{0, 1, 1}, {}, Domains::All(3),
                    {.statistic = Statistic::kMean, .deff = DeffBasis::kWithReplacement});
  ASSERT_TRUE(e.ok());
  // ȳ = 3/4; wᵢuᵢ = wᵢ(yᵢ − ȳ)/W = −0.1875, 0.0625, 0.125 (sum 0); V = 3/2 · Σ z² = 1.5 · 0.0546875.
  EXPECT_DOUBLE_EQ((*e)[0].estimate, 0.75);
  EXPECT_NEAR((*e)[0].se * (*e)[0].se, 1.5 * 0.0546875, 1e-15);
  // s²_w = Σw(y − ȳ)²/W · n/(n − 1) = 0.1875 · 1.5 = 0.28125; srs variance s²/n = 0.09375.
  EXPECT_NEAR((*e)[0].deff, 1.5 * 0.0546875 / 0.09375, 1e-12);
  // Missing values leave the domain; a domain with no rows has no estimate.
  Domains two{{0, 0, 1}, 3};
  auto missing = Estimate(*design, std::vector<double>{0, 1, std::nan("")}, {}, two, {});
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ((*missing)[0].n, 2);
  EXPECT_EQ((*missing)[1].n, 0);
  EXPECT_TRUE(std::isnan((*missing)[1].estimate));
  EXPECT_TRUE(std::isnan((*missing)[2].estimate));
}

TEST(Estimate, RefusesBadInput) {
  auto design = Design::Make({.weights = {1, 1, 2}});
  ASSERT_TRUE(design.ok());
  EXPECT_FALSE(Estimate(*design, std::vector<double>{0, 1}, {}, Domains::All(3), {}).ok());
  EXPECT_FALSE(
      Estimate(*design, std::vector<double>{0, 2, 1}, {}, Domains::All(3), {.statistic = Statistic::kProportion}).ok());
  EXPECT_FALSE(
      Estimate(*design, std::vector<double>{0, 1, 1}, {}, Domains::All(3), {.statistic = Statistic::kRatio}).ok());
  EXPECT_FALSE(Estimate(*design, std::vector<double>{0, 1, 1}, {}, Domains::All(3), {.level = 1.5}).ok());
}

}  // namespace
}  // namespace nrs::survey
