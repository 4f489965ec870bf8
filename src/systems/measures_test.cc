#include "systems/measures.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>
#include <thread>

#include "systems/igraph_graph.h"
#include "systems/test_networks.h"

namespace nrs::systems {
namespace {

void ExpectClose(double expected, double actual, const std::string& what) {
  EXPECT_NEAR(actual, expected, std::max(1e-9, 1e-6 * std::fabs(expected))) << what;
}

TEST(Measures, KarateNodeMeasuresMatchIgraph) {
  struct Expected {
    int node, degree;
    double betweenness, closeness, eigenvector, constraint, clustering;
  };
  // node, degree, betweenness, closeness, eigenvector, constraint, clustering (R igraph 1.3.5)
  const std::vector<Expected> expected = {
      {1, 16, 231.071428571429, 0.0172413793103448, 0.952132366476656, 0.155423297646605, 0.15},
      {2, 9, 28.4785714285714, 0.0147058823529412, 0.71233513912022, 0.279535108024691, 0.333333333333333},
      {3, 10, 75.8507936507937, 0.0169491525423729, 0.849554200465302, 0.185176639660494, 0.244444444444444},
      {4, 6, 6.28809523809524, 0.0140845070422535, 0.565614306651433, 0.396659647205075, 0.666666666666667},
      {5, 3, 0.333333333333333, 0.0114942528735632, 0.203471480816697, 0.529417438271605, 0.666666666666667},
      {6, 4, 15.8333333333333, 0.0116279069767442, 0.21288382887337, 0.477484809027778, 0.5},
      {7, 4, 15.8333333333333, 0.0116279069767442, 0.212883828873369, 0.477484809027778, 0.5},
      {8, 4, 0, 0.0133333333333333, 0.457890933763094, 0.442711588541667, 1},
      {9, 5, 29.5293650793651, 0.015625, 0.609068441933719, 0.30360071366782, 0.5},
      {10, 2, 0.447619047619048, 0.0131578947368421, 0.274998115491665, 0.5, 0},
      {11, 3, 0.333333333333333, 0.0114942528735632, 0.203471480816697, 0.529417438271605, 0.666666666666667},
      {12, 1, 0, 0.0111111111111111, 0.141566333343369, 1, 0},
      {13, 2, 0, 0.0112359550561798, 0.225663824720015, 0.622504340277778, 1},
      {14, 5, 24.215873015873, 0.015625, 0.606574392416256, 0.323335416666667, 0.6},
      {15, 2, 0, 0.0112359550561798, 0.271593956715582, 0.573679594386774, 1},
      {16, 2, 0, 0.0112359550561798, 0.271593956715582, 0.573679594386774, 1},
      {17, 2, 0, 0.00862068965517241, 0.063304607936441, 0.78125, 1},
      {18, 2, 0, 0.0113636363636364, 0.247478785547945, 0.590868537808642, 1},
      {19, 2, 0, 0.0112359550561798, 0.271593956715582, 0.573679594386774, 1},
      {20, 3, 17.1468253968254, 0.0151515151515152, 0.396162244201108, 0.373719350137174, 0.333333333333333},
      {21, 2, 0, 0.0112359550561798, 0.271593956715582, 0.573679594386774, 1},
      {22, 2, 0, 0.0113636363636364, 0.247478785547945, 0.590868537808642, 1},
      {23, 2, 0, 0.0112359550561798, 0.271593956715582, 0.573679594386774, 1},
      {24, 5, 9.3, 0.0119047619047619, 0.402070860719063, 0.305823721645521, 0.4},
      {25, 3, 1.16666666666667, 0.0113636363636364, 0.152806701996382, 0.459876543209876, 0.333333333333333},
      {26, 3, 2.02777777777778, 0.0113636363636364, 0.1585759712126, 0.459876543209876, 0.333333333333333},
      {27, 2, 0, 0.010989010989011, 0.202428516719291, 0.670901816608997, 1},
      {28, 4, 11.7920634920635, 0.0138888888888889, 0.357499230645235, 0.285069204152249, 0.166666666666667},
      {29, 3, 0.947619047619048, 0.0136986301369863, 0.351072971550696, 0.386913153060788, 0.333333333333333},
      {30, 4, 1.54285714285714, 0.0116279069767442, 0.3614730149068, 0.449409001345636, 0.666666666666667},
      {31, 4, 7.60952380952381, 0.0138888888888889, 0.468064811423356, 0.346006463860054, 0.5},
      {32, 6, 73.0095238095238, 0.0163934426229508, 0.511656486526131, 0.244575403690888, 0.2},
      {33, 12, 76.6904761904762, 0.015625, 0.826658857520502, 0.249223362275193, 0.196969696969697},
      {34, 17, 160.551587301587, 0.0166666666666667, 1, 0.156418685121107, 0.110294117647059},
  };
  auto graph = BuildGraph(testing::Karate());
  ASSERT_TRUE(graph.ok()) << graph.status().ToString();
  auto report = MeasureNodes(*graph, {});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->nodes.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Expected& e = expected[i];
    const NodeMeasures& m = report->nodes[i];
    const std::string where = "node " + m.node;
    EXPECT_EQ(m.node, std::to_string(e.node));
    EXPECT_EQ(m.degree, e.degree) << where;
    ExpectClose(e.betweenness, m.betweenness, where + " betweenness");
    ExpectClose(e.betweenness / (33.0 * 32.0 / 2.0), m.betweenness_normalised, where + " normalised");
    ExpectClose(e.closeness, m.closeness, where + " closeness");
    ExpectClose(e.eigenvector, m.eigenvector, where + " eigenvector");
    ExpectClose(e.constraint, m.constraint, where + " constraint");
    ExpectClose(e.clustering, m.clustering, where + " clustering");
    EXPECT_FALSE(m.brokerage.has_value());
  }
  EXPECT_EQ(report->betweenness_sources, 34);
  EXPECT_FALSE(report->betweenness_sampled);
  // 0.4197896 is the best modularity known for the karate club; Louvain reaches 0.4188–0.4198.
  EXPECT_GE(report->communities.modularity, 0.41);
  EXPECT_LE(report->communities.modularity, 0.4197897);
}

TEST(Measures, KarateGraphMeasuresMatchIgraph) {
  auto graph = BuildGraph(testing::Karate());
  ASSERT_TRUE(graph.ok());
  auto m = MeasureGraph(*graph, {});
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->nodes, 34);
  EXPECT_EQ(m->ties, 78);
  ExpectClose(0.13903743315508, m->density, "density");
  ExpectClose(0.255681818181818, m->transitivity, "transitivity");
  EXPECT_EQ(m->diameter, 5);
  ExpectClose(2.40819964349376, m->mean_distance, "mean distance");
  EXPECT_EQ(m->components, 1);
  EXPECT_EQ(m->largest_component, 34);
  EXPECT_GE(m->modularity, 0.41);
  EXPECT_FALSE(m->has_groups);
  EXPECT_TRUE(std::isnan(m->bridging_share));
}

TEST(Measures, DirectedActorMapMatchesIgraphAndSna) {
  struct Expected {
    int node, in, out;
    double betweenness;
    BrokerageCounts brokerage;
  };
  // node, in, out, betweenness (igraph); coordinator, itinerant, gatekeeper, representative, liaison (sna)
  const std::vector<Expected> expected = {
      {1, 1, 2, 73.95, {1, 0, 0, 0, 0}},
      {2, 0, 1, 0, {0, 0, 0, 0, 0}},
      {3, 4, 2, 66.75, {0, 0, 2, 0, 6}},
      {4, 1, 4, 91.3333333333333, {0, 1, 0, 0, 3}},
      {5, 2, 2, 49.8833333333333, {0, 0, 0, 2, 2}},
      {6, 4, 3, 54.3166666666667, {0, 6, 0, 0, 5}},
      {7, 3, 2, 38.3666666666667, {0, 0, 0, 0, 5}},
      {8, 1, 2, 31.0833333333333, {0, 0, 0, 1, 1}},
      {9, 3, 0, 0, {0, 0, 0, 0, 0}},
      {10, 1, 0, 0, {0, 0, 0, 0, 0}},
      {11, 1, 4, 42.5333333333333, {0, 1, 0, 0, 3}},
      {12, 3, 3, 72.5333333333333, {1, 2, 1, 2, 2}},
      {13, 3, 3, 143.633333333333, {0, 1, 0, 0, 8}},
      {14, 1, 3, 13, {0, 1, 0, 0, 2}},
      {15, 3, 3, 104.116666666667, {0, 0, 2, 0, 6}},
      {16, 2, 3, 67.6333333333333, {1, 1, 1, 1, 1}},
      {17, 1, 3, 35.4166666666667, {0, 0, 0, 0, 3}},
      {18, 6, 3, 118, {0, 3, 0, 4, 8}},
      {19, 4, 4, 158.933333333333, {0, 2, 7, 0, 6}},
      {20, 2, 3, 53.4833333333333, {0, 2, 0, 0, 4}},
      {21, 4, 2, 57.05, {0, 1, 2, 0, 5}},
      {22, 1, 3, 64.5, {0, 0, 0, 0, 3}},
      {23, 2, 3, 33.4, {1, 0, 1, 1, 2}},
      {24, 2, 2, 66.6333333333333, {0, 0, 0, 0, 3}},
      {25, 4, 3, 95.6166666666667, {0, 2, 0, 4, 5}},
      {26, 6, 1, 36.5, {0, 3, 1, 0, 1}},
      {27, 1, 3, 27, {1, 0, 2, 0, 0}},
      {28, 3, 0, 0, {0, 0, 0, 0, 0}},
      {29, 2, 1, 91.3333333333333, {0, 0, 0, 0, 2}},
      {30, 0, 3, 0, {0, 0, 0, 0, 0}},
  };
  auto graph = BuildGraph(testing::ActorMap());
  ASSERT_TRUE(graph.ok()) << graph.status().ToString();
  auto report = MeasureNodes(*graph, {});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->nodes.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Expected& e = expected[i];
    const NodeMeasures& m = report->nodes[i];
    const std::string where = "node " + m.node;
    EXPECT_EQ(m.node, std::to_string(e.node));
    EXPECT_EQ(m.in_degree, e.in) << where;
    EXPECT_EQ(m.out_degree, e.out) << where;
    EXPECT_EQ(m.degree, e.in + e.out) << where;
    ExpectClose(e.betweenness, m.betweenness, where + " betweenness");
    ExpectClose(e.betweenness / (29.0 * 28.0), m.betweenness_normalised, where + " normalised");
    ASSERT_TRUE(m.brokerage.has_value());
    EXPECT_EQ(*m.brokerage, e.brokerage) << where;
  }
}

// A seeded random graph: `n` nodes, `m` distinct ties, no self-loops.
Graph RandomGraph(int n, int m, bool directed, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<int> pick(0, n - 1);
  Network network;
  network.directed = directed;
  std::set<std::pair<int, int>> seen;
  while (static_cast<int>(network.edges.size()) < m) {
    int a = pick(random);
    int b = pick(random);
    if (a == b) continue;
    if (!directed && b < a) std::swap(a, b);
    if (!seen.insert({a, b}).second) continue;
    network.edges.push_back({.source = std::to_string(a), .target = std::to_string(b)});
  }
  auto graph = BuildGraph(network);
  EXPECT_TRUE(graph.ok());
  return *graph;
}

TEST(Measures, ParallelBetweennessEqualsIgraphs) {
  for (const bool directed : {false, true}) {
    const Graph graph = RandomGraph(400, 1200, directed, 7);
    MeasureOptions single;
    single.threads = 1;
    auto reference = Betweenness(graph, single);  // igraph_betweenness
    ASSERT_TRUE(reference.ok());
    for (const int threads : {2, 3}) {
      MeasureOptions parallel;
      parallel.threads = threads;
      auto ours = Betweenness(graph, parallel);
      ASSERT_TRUE(ours.ok());
      EXPECT_FALSE(ours->sampled);
      ASSERT_EQ(ours->values.size(), reference->values.size());
      for (std::size_t v = 0; v < ours->values.size(); ++v) {
        EXPECT_NEAR(ours->values[v], reference->values[v], 1e-9 * std::max(1.0, reference->values[v]))
            << "directed " << directed << " threads " << threads << " node " << graph.ids[v];
      }
    }
  }
}

TEST(Measures, LargeGraphsSampleBetweennessAndSaySo) {
  const Graph graph = RandomGraph(300, 900, false, 3);
  MeasureOptions options;
  options.exact_betweenness_max_nodes = 100;
  options.betweenness_sample_sources = 300;  // every node: the estimate is then exact
  auto all = Betweenness(graph, options);
  ASSERT_TRUE(all.ok());
  EXPECT_FALSE(all->sampled);
  options.betweenness_sample_sources = 60;
  auto sampled = Betweenness(graph, options);
  ASSERT_TRUE(sampled.ok());
  EXPECT_TRUE(sampled->sampled);
  EXPECT_EQ(sampled->sources, 60);
  // The estimate is unbiased: totals agree within sampling error.
  double total_all = 0;
  double total_sampled = 0;
  for (std::size_t v = 0; v < all->values.size(); ++v) {
    total_all += all->values[v];
    total_sampled += sampled->values[v];
  }
  EXPECT_NEAR(total_sampled / total_all, 1.0, 0.15);
}

TEST(Measures, IsolatesAndTinyGraphsGiveDefinedValues) {
  Network network;
  network.nodes.push_back({.id = "lonely"});
  network.edges.push_back({.source = "a", .target = "b"});
  auto graph = BuildGraph(network);
  ASSERT_TRUE(graph.ok());
  auto report = MeasureNodes(*graph, {});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->nodes.size(), 3u);
  EXPECT_EQ(report->nodes[2].node, "lonely");
  EXPECT_EQ(report->nodes[2].degree, 0);
  EXPECT_EQ(report->nodes[2].clustering, 0);
  EXPECT_TRUE(std::isnan(report->nodes[2].closeness));
  EXPECT_TRUE(std::isnan(report->nodes[0].betweenness_normalised) || report->nodes[0].betweenness_normalised == 0);
  auto m = MeasureGraph(*graph, {});
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->components, 2);
}

TEST(Measures, BridgingTiesAndResidentsReach) {
  Network network;
  network.nodes = {{.id = "r1", .group = "resident", .role = "Oversight group member"},
                   {.id = "r2", .group = "Resident"},
                   {.id = "c", .group = "council"},
                   {.id = "v", .group = "voluntary"}};
  network.edges = {{.source = "r1", .target = "r2"},
                   {.source = "r1", .target = "c"},
                   {.source = "r2", .target = "v"},
                   {.source = "c", .target = "v"}};
  auto graph = BuildGraph(network);
  ASSERT_TRUE(graph.ok());
  auto m = MeasureGraph(*graph, {});
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m->has_groups);
  EXPECT_EQ(m->bridging_ties, 3);  // r1–r2 is within residents ("resident" and "Resident" are one group)
  EXPECT_DOUBLE_EQ(m->bridging_share, 0.75);
  EXPECT_EQ(m->resident_ties, 3);
  EXPECT_DOUBLE_EQ(m->residents_reach, 1.0 / 3.0);  // only r1–c reaches an institution
  EXPECT_EQ(m->residents_in_oversight, 1);
}

TEST(Measures, IgraphErrorsBecomeStatusesInsteadOfAborting) {
  Graph broken;
  broken.ids = {"a", "b"};
  broken.arcs = {{.from = 0, .to = -1, .sign = 0, .edge = 0}};  // igraph refuses negative vertex ids
  auto lock = internal::LockIgraph();
  auto graph = internal::IgraphGraph::Create(broken);
  ASSERT_FALSE(graph.ok());
  EXPECT_EQ(graph.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(std::string(graph.status().message()), ::testing::HasSubstr("graph: "));
  // igraph still works afterwards: its stack of allocations was freed by our handler.
  auto fine = internal::IgraphGraph::Create(*BuildGraph(testing::Karate()));
  EXPECT_TRUE(fine.ok());
}

TEST(Measures, ConcurrentCallersShareIgraphSafely) {
  auto graph = BuildGraph(testing::Karate());
  ASSERT_TRUE(graph.ok());
  std::vector<double> first(4, 0);
  {
    std::vector<std::jthread> callers;
    for (std::size_t t = 0; t < first.size(); ++t) {
      callers.emplace_back([&, t] {
        auto report = MeasureNodes(*graph, {});
        if (report.ok()) first[t] = report->nodes[0].betweenness + report->nodes[0].eigenvector;
      });
    }
  }
  for (const double x : first) EXPECT_NEAR(x, 231.071428571429 + 0.952132366476656, 1e-6);
}

TEST(Measures, OptionsAreValidated) {
  MeasureOptions options;
  options.threads = -1;
  EXPECT_EQ(options.Validate().code(), ErrorCode::kInvalidArgument);
  options = {};
  options.betweenness_sample_sources = 0;
  EXPECT_EQ(options.Validate().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace nrs::systems
