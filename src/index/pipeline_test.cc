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

}  // namespace
}  // namespace nrs::index
