#include "survey/calibration.h"

#include <gtest/gtest.h>

#include "survey/estimate.h"
#include "survey/test_data.h"

namespace nrs::survey {
namespace {

using testing::Numbers;
using testing::ReadReference;

Margin Classify(const std::string& name, const std::vector<std::string>& values, std::vector<std::string> labels,
                std::vector<double> population) {
  Margin m{name, {}, std::move(labels), std::move(population)};
  for (const std::string& v : values) {
    m.category_of_row.push_back(
        static_cast<std::int32_t>(std::find(m.labels.begin(), m.labels.end(), v) - m.labels.begin()));
  }
  return m;
}

// R: postStratify(dclus1, ~stype, data.frame(stype = c("E","H","M"), Freq = c(4421, 755, 1018))) and
// rake(dclus1, list(~stype, ~sch.wide), list(<the same>, data.frame(sch.wide = c("No","Yes"), Freq = c(1460, 4734)))).
TEST(Calibration, PostStratifiedAndRakedMeansMatchR) {
  auto columns = ReadReference("apiclus1.csv");
  auto design =
      Design::Make({.weights = Numbers(columns["pw"]), .clusters = columns["dnum"], .fpc = Numbers(columns["fpc"])});
  ASSERT_TRUE(design.ok());
  const Margin type = Classify("stype", columns["stype"], {"E", "H", "M"}, {4421, 755, 1018});
  const Margin wide = Classify("sch.wide", columns["sch.wide"], {"No", "Yes"}, {1460, 4734});
  const std::vector<double> api00 = Numbers(columns["api00"]);
  const Domains all = Domains::All(design->rows());

  auto post = PostStratify(*design, type);
  ASSERT_TRUE(post.ok()) << post.status().ToString();
  EXPECT_NEAR(post->Population(), 6194, 1e-9);
  auto e = Estimate(*post, api00, {}, all, {});
  ASSERT_TRUE(e.ok());
  EXPECT_NEAR((*e)[0].estimate, 642.310788211582, 642.31 * 1e-9);
  EXPECT_NEAR((*e)[0].se, 23.9204864450904, 23.92 * 1e-9);

  const Margin margins[] = {type, wide};
  auto raked = Rake(*design, margins);
  ASSERT_TRUE(raked.ok()) << raked.status().ToString();
  EXPECT_TRUE(raked->converged);
  auto r = Estimate(raked->design, api00, {}, all, {});
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR((*r)[0].estimate, 639.197792669541, 639.2 * 1e-9);
  EXPECT_NEAR((*r)[0].se, 23.6160591529341, 23.6 * 1e-7);
}

TEST(Calibration, RefusesClassesWithoutRespondentsOrPopulation) {
  auto design = Design::Make({.weights = {1, 1, 1}});
  ASSERT_TRUE(design.ok());
  const Margin empty_class{"sex", {0, 0, 0}, {"female", "male"}, {10, 5}};
  auto refused = PostStratify(*design, empty_class);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("'male' has a population of 5 but no respondents"), std::string_view::npos);
  const Margin no_population{"sex", {0, 1, 1}, {"female", "male"}, {10, 0}};
  EXPECT_FALSE(PostStratify(*design, no_population).ok());
  auto post = PostStratify(*design, {"sex", {0, 1, 1}, {"female", "male"}, {10, 6}});
  ASSERT_TRUE(post.ok());
  EXPECT_DOUBLE_EQ(post->Weights()[0], 10);
  EXPECT_DOUBLE_EQ(post->Weights()[1], 3);
}

TEST(Calibration, KishDeff) {
  const std::vector<double> equal = {2, 2, 2, 2};
  EXPECT_DOUBLE_EQ(KishDeff(equal), 1);
  const std::vector<double> unequal = {1, 3};  // 2 · 10 / 16
  EXPECT_DOUBLE_EQ(KishDeff(unequal), 1.25);
}

}  // namespace
}  // namespace nrs::survey
