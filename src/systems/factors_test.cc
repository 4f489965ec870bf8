#include "systems/factors.h"

#include <gtest/gtest.h>

#include <cmath>

#include "systems/test_networks.h"

namespace nrs::systems {
namespace {

// A small map worked by hand: a → b (+), b → c (−), a → c (+), c → a (+), d → a (−).
Graph Small() {
  Network network;
  network.directed = true;
  network.edges = {{.source = "a", .target = "b", .sign = 1},
                   {.source = "b", .target = "c", .sign = -1},
                   {.source = "a", .target = "c", .sign = 1},
                   {.source = "c", .target = "a", .sign = 1},
                   {.source = "d", .target = "a", .sign = -1}};
  auto graph = BuildGraph(network, {.require_sign = true});
  EXPECT_TRUE(graph.ok());
  return *graph;
}

TEST(Factors, SummaryCountsDegreesReachLoopsAndLeverage) {
  const Graph graph = Small();
  auto loops = FindLoops(graph, {});
  ASSERT_TRUE(loops.ok());
  EXPECT_EQ(loops->found, 2);  // a c (reinforcing), a b c (balancing)
  auto rows = SummariseFactors(graph, *loops);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 4u);
  const FactorSummary& a = (*rows)[0];
  EXPECT_EQ(a.factor, "a");
  EXPECT_EQ(a.in_degree, 2);
  EXPECT_EQ(a.out_degree, 2);
  EXPECT_DOUBLE_EQ(a.leverage, 1.0);
  EXPECT_EQ(a.upstream, 3);    // b, c, d
  EXPECT_EQ(a.downstream, 2);  // b, c
  EXPECT_EQ(a.loops, 2);
  const FactorSummary& d = (*rows)[3];
  EXPECT_EQ(d.factor, "d");
  EXPECT_TRUE(std::isnan(d.leverage));
  EXPECT_EQ(d.upstream, 0);
  EXPECT_EQ(d.downstream, 3);
  EXPECT_EQ(d.loops, 0);
}

TEST(Factors, ReachListsUpstreamThenDownstreamByDistance) {
  const Graph graph = Small();
  auto reach = ReachOf(graph, graph.Find("b"));
  ASSERT_TRUE(reach.ok());
  std::vector<std::string> got;
  for (const Reach& r : *reach) {
    got.push_back(
        fmt::format("{}{}{}", r.upstream ? "up " : "down ", graph.ids[static_cast<std::size_t>(r.node)], r.distance));
  }
  EXPECT_EQ(got, (std::vector<std::string>{"up a1", "up c2", "up d2", "down c1", "down a2"}));
  EXPECT_EQ(ReachOf(graph, 99).status().code(), ErrorCode::kInvalidArgument);
}

TEST(Factors, PathsCarryTheProductOfTheirSigns) {
  const Graph graph = Small();
  auto paths = PathsBetween(graph, graph.Find("d"), graph.Find("c"), {});
  ASSERT_TRUE(paths.ok()) << paths.status().ToString();
  ASSERT_EQ(paths->paths.size(), 2u);
  EXPECT_EQ(paths->paths[0].nodes, (std::vector<int>{3, 0, 2}));  // d → a → c: − × + = −
  EXPECT_EQ(paths->paths[0].polarity, -1);
  EXPECT_EQ(paths->paths[1].nodes, (std::vector<int>{3, 0, 1, 2}));  // d → a → b → c: − × + × − = +
  EXPECT_EQ(paths->paths[1].polarity, 1);
  auto short_paths = PathsBetween(graph, graph.Find("d"), graph.Find("c"), {.max_length = 2});
  ASSERT_TRUE(short_paths.ok());
  EXPECT_EQ(short_paths->paths.size(), 1u);
  auto capped = PathsBetween(graph, graph.Find("d"), graph.Find("c"), {.max_length = 0, .max_paths = 1});
  ASSERT_TRUE(capped.ok());
  EXPECT_EQ(capped->found, 2);
  EXPECT_EQ(capped->cut, 1);
  EXPECT_EQ(PathsBetween(graph, 0, 0, {}).status().code(), ErrorCode::kInvalidArgument);
}

TEST(Factors, ReferenceMapReachFromF0) {
  auto graph = BuildGraph(testing::FactorMap());
  ASSERT_TRUE(graph.ok());
  auto reach = ReachOf(*graph, graph->Find("F0"));
  ASSERT_TRUE(reach.ok());
  int downstream = 0;
  for (const Reach& r : *reach) downstream += r.upstream ? 0 : 1;
  // F0 reaches every factor except F8 (nothing acts on it) and itself.
  EXPECT_EQ(downstream, 12);
}

}  // namespace
}  // namespace nrs::systems
