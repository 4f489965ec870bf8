#include "index/pipeline.h"

#include <gtest/gtest.h>

#include <cmath>

namespace nrs::index {
namespace {

Framework TwoLevel() {
  Framework f;
  f.name = "test";
  Node root;
  root.code = "Index";
  root.kind = NodeKind::kAggregate;
  f.nodes.push_back(root);
  for (const char* code : {"a", "b", "c"}) {
    Node n;
    n.code = code;
    n.parent = "Index";
    f.nodes.push_back(n);
  }
  f.nodes[3].direction = -1;
  return f;
}

Dataset Data(std::vector<std::vector<double>> columns) {
  Dataset d;
  for (std::size_t u = 0; u < columns[0].size(); ++u) {
    d.units.push_back("u" + std::to_string(u + 1));
    d.names.emplace_back();
  }
  d.column_names = {"a", "b", "c"};
  d.columns = std::move(columns);
  return d;
}

TEST(Pipeline, MinMaxArithmeticWithDirections) {
  const auto p = Prepare(TwoLevel(), Data({{0, 5, 10}, {1, 2, 3}, {3, 2, 1}}), {});
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  const auto b = Build(*p, p->options);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->aggregates.back(), (std::vector<double>{0, 50, 100}));
  EXPECT_EQ(b->ranks.back(), (std::vector<double>{3, 2, 1}));
}

TEST(Pipeline, ConstantIndicatorFallsBackToTheMiddleAndSaysSo) {
  const auto p = Prepare(TwoLevel(), Data({{0, 5, 10}, {2, 2, 2}, {3, 2, 1}}), {});
  ASSERT_TRUE(p.ok());
  const auto b = Build(*p, p->options);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->normalised[1], (std::vector<double>{50, 50, 50}));
  bool logged = false;
  for (const LogEntry& e : b->log) {
    for (const std::string& note : e.notes) logged = logged || note.find("constant") != std::string::npos;
  }
  EXPECT_TRUE(logged);
}

TEST(Pipeline, RefusesAUnitWithoutDataAndGeometricMeansOverZero) {
  const double nan = std::nan("");
  const auto empty = Prepare(TwoLevel(), Data({{0, nan, 10}, {1, nan, 3}, {3, nan, 1}}), {});
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().ToString().find("'u2'"), std::string::npos);

  PipelineOptions o;
  o.aggregate.method = AggregateMethod::kGeometric;
  const auto p = Prepare(TwoLevel(), Data({{0, 5, 10}, {1, 2, 3}, {3, 2, 1}}), o);
  ASSERT_TRUE(p.ok());
  const auto b = Build(*p, o);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().ToString().find("geometric"), std::string::npos);
  o.normalise.low = 1;
  const auto p1 = Prepare(TwoLevel(), Data({{0, 5, 10}, {1, 2, 3}, {3, 2, 1}}), o);
  const auto b1 = Build(*p1, o);
  ASSERT_TRUE(b1.ok());
  EXPECT_DOUBLE_EQ(b1->aggregates.back()[0], 1);
}

TEST(Pipeline, SkewAndKurtosisMatchR) {
  // e1071::skewness(c(1:10, 30, 100), type = 2) and e1071::kurtosis(…, type = 2).
  std::vector<double> x{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100};
  EXPECT_NEAR(SampleSkewness(x), 3.063241, 1e-6);
  EXPECT_NEAR(SampleKurtosis(x), 9.741391, 1e-6);
}

TEST(Pipeline, WinsorisesFromTheSkewedSide) {
  Framework f = TwoLevel();
  f.nodes[3].direction = 1;
  std::vector<double> a{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100};
  std::vector<double> b(12, 0);
  for (std::size_t i = 0; i < 12; ++i) b[i] = static_cast<double>(i % 5);
  PipelineOptions o;
  o.treat.method = TreatMethod::kWinsorise;
  o.treat.winmax = 5;
  const auto p = Prepare(f, Data({a, b, b}), o);
  ASSERT_TRUE(p.ok());
  const auto r = Build(*p, o);
  ASSERT_TRUE(r.ok());
  // One round (100 → 30) brings |skew| to 1.71: within the thresholds.
  EXPECT_EQ(r->treated[0][11], 30);
  EXPECT_EQ(r->treated[0][10], 30);
  EXPECT_EQ(r->treatment[0].high, 1);
  EXPECT_EQ(r->treatment[0].what, "Winsorised 1 points");
}

TEST(Pipeline, IodExponentialTransform) {
  EXPECT_NEAR(IodExponential(1), 100, 1e-12);
  EXPECT_NEAR(IodExponential(0), 0, 1e-12);
  EXPECT_NEAR(IodExponential(0.9), 50.426654, 1e-6);  // the most deprived tenth spans about 50 to 100
}

TEST(Pipeline, PcaAndOptimisedWeightsSumToOne) {
  for (const WeightMethod m : {WeightMethod::kPca, WeightMethod::kOptimised}) {
    PipelineOptions o;
    o.weights.method = m;
    const auto p = Prepare(TwoLevel(), Data({{0, 5, 10, 2, 7}, {1, 2, 3, 1, 9}, {3, 2, 1, 5, 0}}), o);
    ASSERT_TRUE(p.ok());
    const auto b = Build(*p, o);
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    EXPECT_NEAR(b->weights[1] + b->weights[2] + b->weights[3], 1, 1e-9) << Name(m);
  }
}

// Three units over three years; u2 lacks 2021 (the year built) and u3 lacks 2020 and 2021.
Dataset Panel() {
  const double nan = std::nan("");
  Dataset d;
  d.units = {"u1", "u1", "u1", "u2", "u2", "u2", "u3", "u3", "u3"};
  d.names.assign(9, "");
  d.times = {2019, 2020, 2021, 2019, 2020, 2022, 2019, 2020, 2021};
  d.column_names = {"a", "b", "c"};
  d.columns = {{1, 2, 3, 10, 20, 40, 5, nan, nan}, {1, 1, 1, 2, 2, 2, 3, 3, 3}, {3, 3, 3, 2, 2, 2, 1, 1, 1}};
  return d;
}

TEST(Pipeline, PanelImputationCarriesForwardAndInterpolates) {
  PipelineOptions o;
  o.time = 2021;
  o.normalise.method = NormaliseMethod::kNone;
  o.impute.method = ImputeMethod::kPanelCarry;
  Dataset d = Panel();
  // u2 has no 2021 row: give it one with a missing value so that it is built at 2021.
  d.units.push_back("u2");
  d.names.emplace_back();
  d.times.push_back(2021);
  d.columns[0].push_back(std::nan(""));
  d.columns[1].push_back(2);
  d.columns[2].push_back(2);
  auto p = Prepare(TwoLevel(), d, o);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto b = Build(*p, o);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->units, (std::vector<std::string>{"u1", "u3", "u2"}));
  EXPECT_EQ(b->imputed[0], (std::vector<double>{3, 5, 20}));  // the last earlier value
  o.impute.method = ImputeMethod::kPanelInterpolate;
  p = Prepare(TwoLevel(), d, o);
  b = Build(*p, o);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->imputed[0], (std::vector<double>{3, 5, 30}));  // halfway from 20 (2020) to 40 (2022)
}

TEST(Pipeline, GroupMeansAndMediansImputeWithinGroups) {
  const double nan = std::nan("");
  Dataset d = Data({{1, 3, nan, 10, 30, nan, 20}, {1, 2, 3, 4, 5, 6, 7}, {7, 6, 5, 4, 3, 2, 1}});
  d.group_names = {"region"};
  d.groups = {{"N", "N", "N", "S", "S", "S", "S"}};
  PipelineOptions o;
  o.impute = {ImputeMethod::kGroupMean, "region"};
  auto p = Prepare(TwoLevel(), d, o);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto b = Build(*p, o);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->imputed[0][2], 2);
  EXPECT_EQ(b->imputed[0][5], 20);
  o.impute.method = ImputeMethod::kMedian;
  p = Prepare(TwoLevel(), d, o);
  b = Build(*p, o);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->imputed[0][2], 10);  // the median of 1, 3, 10, 20, 30
}

TEST(Pipeline, QuantilesByTheIodRuleOrPheindicatormethods) {
  std::vector<double> a(25);
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = static_cast<double>(i);
  PipelineOptions o;
  o.rank.quantiles = 4;
  auto p = Prepare(TwoLevel(), Data({a, a, a}), o);
  ASSERT_TRUE(p.ok());
  auto b = Build(*p, o);
  ASSERT_TRUE(b.ok());
  // Ranks 1..25 from the top; the IoD rule ceil(rank·4/25): ranks 1–6 → 1, 7–12 → 2, 13–18 → 3, 19–25 → 4.
  EXPECT_EQ(b->quantile[24], 1);
  EXPECT_EQ(b->quantile[19], 1);  // rank 6
  EXPECT_EQ(b->quantile[18], 2);  // rank 7
  EXPECT_EQ(b->quantile[0], 4);
  EXPECT_TRUE(b->flag[24]);
  EXPECT_FALSE(b->flag[20]);  // percentile (21 − 1)/24 = 0.83
  o.rank.convention = QuantileConvention::kPhe;
  p = Prepare(TwoLevel(), Data({a, a, a}), o);
  b = Build(*p, o);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->quantile[24], 1);
  EXPECT_EQ(b->quantile[0], 4);
}

TEST(Pipeline, RunFromACachedNormalisedStageEqualsAFullBuild) {
  const double nan = std::nan("");
  PipelineOptions o;
  o.impute.method = ImputeMethod::kMean;
  o.treat.method = TreatMethod::kWinsorise;
  o.normalise.method = NormaliseMethod::kPercentileRank;
  auto p = Prepare(TwoLevel(), Data({{0, 5, nan, 40, 2, 3}, {1, 2, 3, 4, 5, 6}, {3, 2, 1, 9, 7, 8}}), o);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  const auto nominal = Build(*p, o);
  ASSERT_TRUE(nominal.ok()) << nominal.status().ToString();
  const std::vector<double> weights{1, 0.2, 0.5, 0.3};
  o.aggregate.method = AggregateMethod::kHarmonic;
  o.normalise.low = 1;
  const auto base = Build(*p, o);  // the cache entry a harmonic-mean run starts from
  ASSERT_TRUE(base.ok());
  Variation full;
  full.weights = &weights;
  Variation cached = full;
  cached.normalised = &*base;
  const auto a = Build(*p, o, Detail::kScores, full);
  const auto b = Build(*p, o, Detail::kScores, cached);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->units, b->units);
  EXPECT_EQ(a->aggregates.back(), b->aggregates.back());
  EXPECT_EQ(a->ranks.back(), b->ranks.back());
  EXPECT_NE(a->aggregates.back(), nominal->aggregates.back());
}

}  // namespace
}  // namespace nrs::index
