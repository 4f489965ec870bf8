#include "index/analysis.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace nrs::index {
namespace {

// Ishigami and Homma (1990) with a = 7, b = 0.1 over [−π, π]³: the variance-based indices are known in closed
// form (Saltelli et al. 2008, §4.7).
TEST(Sobol, IshigamiConvergesToTheKnownIndices) {
  constexpr double kA = 7;
  constexpr double kB = 0.1;
  const SobolModel ishigami = [](std::span<const double> u) -> Result<double> {
    const double pi = std::numbers::pi;
    const double x1 = -pi + 2 * pi * u[0];
    const double x2 = -pi + 2 * pi * u[1];
    const double x3 = -pi + 2 * pi * u[2];
    return std::sin(x1) + kA * std::sin(x2) * std::sin(x2) + kB * std::pow(x3, 4) * std::sin(x1);
  };
  const double pi4 = std::pow(std::numbers::pi, 4);
  const double v1 = 0.5 * std::pow(1 + kB * pi4 / 5, 2);
  const double v2 = kA * kA / 8;
  const double v13 = kB * kB * pi4 * pi4 * (1.0 / 18 - 1.0 / 50);
  const double v = v1 + v2 + v13;
  const std::vector<double> first{v1 / v, v2 / v, 0};
  const std::vector<double> total{(v1 + v13) / v, v2 / v, v13 / v};
  SobolOptions o;
  o.n = 20000;
  o.bootstrap = 500;
  o.seed = 2024;
  const auto s = Sobol(3, ishigami, o);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->evaluations, 20000 * 5);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_LE(s->first_low[i], first[i]) << i;
    EXPECT_GE(s->first_high[i], first[i]) << i;
    EXPECT_LE(s->total_low[i], total[i]) << i;
    EXPECT_GE(s->total_high[i], total[i]) << i;
    EXPECT_NEAR(s->first[i], first[i], 0.03) << i;
    EXPECT_NEAR(s->total[i], total[i], 0.03) << i;
  }
}

Prepared Example(const PipelineOptions& options) {
  Framework f;
  Node root;
  root.code = "Index";
  root.kind = NodeKind::kAggregate;
  f.nodes.push_back(root);
  Dataset d;
  for (int u = 0; u < 40; ++u) {
    d.units.push_back("u" + std::to_string(u));
    d.names.emplace_back();
  }
  for (int k = 0; k < 4; ++k) {
    Node n;
    n.code = "x" + std::to_string(k);
    n.parent = "Index";
    if (k == 0) {
      n.lower = "lo";
      n.upper = "hi";
    }
    f.nodes.push_back(n);
    d.column_names.push_back(n.code);
    std::vector<double> col;
    col.reserve(40);
    for (int u = 0; u < 40; ++u) col.push_back(std::fmod(u * (k + 3) * 7.31 + k, 13.0) + (k == 2 ? u * u : 0));
    d.columns.push_back(col);
  }
  d.column_names.insert(d.column_names.end(), {"lo", "hi"});
  std::vector<double> lo = d.columns[0];
  std::vector<double> hi = d.columns[0];
  for (double& v : lo) v -= 2;
  for (double& v : hi) v += 3;
  d.columns.push_back(lo);
  d.columns.push_back(hi);
  auto p = Prepare(f, d, options);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return *p;
}

TEST(Uncertainty, SeededRunsAreReproducibleAcrossThreadCounts) {
  const Prepared p = Example({});
  UncertaintyOptions o;
  o.runs = 200;
  o.seed = 7;
  o.normalisations = {NormaliseMethod::kMinMax, NormaliseMethod::kZScore, NormaliseMethod::kPercentileRank};
  o.treatments = {TreatMethod::kNone, TreatMethod::kWinsorise};
  o.threads = 1;
  const auto one = Uncertainty(p, o);
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  o.threads = 3;
  const auto three = Uncertainty(p, o);
  ASSERT_TRUE(three.ok());
  EXPECT_EQ(one->median_rank, three->median_rank);
  EXPECT_EQ(one->rank_p5, three->rank_p5);
  EXPECT_EQ(one->rank_p95, three->rank_p95);
  EXPECT_EQ(one->factors, (std::vector<std::string>{"weights", "normalisation", "treatment", "inputs"}));
  for (std::size_t i = 0; i < one->units.size(); ++i) {
    EXPECT_LE(one->rank_p5[i], one->median_rank[i]);
    EXPECT_GE(one->rank_p95[i], one->median_rank[i]);
  }
  o.seed = 8;
  const auto other = Uncertainty(p, o);
  ASSERT_TRUE(other.ok());
  EXPECT_NE(one->score_p95, other->score_p95);
}

TEST(Sensitivity, ApportionsRankChangesAmongTheFactors) {
  const Prepared p = Example({});
  SensitivityOptions o;
  o.space.aggregations = {AggregateMethod::kArithmetic, AggregateMethod::kSum};
  o.space.normalisations = {NormaliseMethod::kMinMax, NormaliseMethod::kRank};
  o.sobol.n = 200;
  o.sobol.bootstrap = 100;
  o.sobol.threads = 2;
  const auto s = Sensitivity(p, o);
  ASSERT_FALSE(s.ok());  // a weighted sum of noisy weights does not sum to 1
  o.space.aggregations = {AggregateMethod::kArithmetic, AggregateMethod::kHarmonic};
  o.space.weight_noise = 0.2;
  PipelineOptions positive;
  positive.normalise.low = 1;
  const Prepared q = Example(positive);
  const auto t = Sensitivity(q, o);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->factors.size(), 4U);
  EXPECT_EQ(t->indices.evaluations, 200 * 6);
  o.sobol.threads = 1;
  const auto u = Sensitivity(q, o);
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(t->indices.first, u->indices.first);
  EXPECT_EQ(t->indices.total, u->indices.total);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_GE(t->indices.total[i], -0.05);
}

}  // namespace
}  // namespace nrs::index
