#include "systems/loops.h"

#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <set>

#include "systems/test_networks.h"

namespace nrs::systems {
namespace {

std::string Describe(const Graph& graph, const Loop& loop) {
  std::string text(PolarityName(loop.polarity));
  for (const int v : loop.nodes) text += " " + graph.ids[static_cast<std::size_t>(v)];
  return text;
}

TEST(Loops, FactorMapHasTheTwentyNineReferenceLoops) {
  // Every simple cycle of the reference map, enumerated by brute force (tests/reference/network/), in the
  // order we list them: by length, then by factors in natural order.
  const std::vector<std::string> expected = {
      "reinforcing F1 F4",
      "reinforcing F2 F11",
      "balancing F4 F13",
      "reinforcing F0 F13 F4",
      "reinforcing F2 F12 F11",
      "reinforcing F4 F5 F6",
      "reinforcing F4 F13 F6",
      "reinforcing F0 F5 F6 F4",
      "balancing F0 F13 F6 F4",
      "reinforcing F1 F5 F6 F4",
      "balancing F2 F13 F12 F11",
      "balancing F0 F11 F2 F9 F4",
      "reinforcing F0 F11 F2 F9 F10",
      "reinforcing F0 F11 F2 F13 F4",
      "balancing F0 F11 F5 F6 F4",
      "balancing F2 F13 F3 F12 F11",
      "balancing F0 F11 F2 F13 F6 F4",
      "balancing F2 F9 F4 F13 F12 F11",
      "balancing F4 F13 F12 F11 F5 F6",
      "reinforcing F0 F13 F12 F11 F2 F9 F4",
      "balancing F0 F13 F12 F11 F2 F9 F10",
      "reinforcing F0 F13 F12 F11 F5 F6 F4",
      "balancing F2 F9 F4 F13 F3 F12 F11",
      "balancing F3 F12 F11 F5 F6 F4 F13",
      "reinforcing F0 F13 F3 F12 F11 F2 F9 F4",
      "balancing F0 F13 F3 F12 F11 F2 F9 F10",
      "reinforcing F0 F13 F3 F12 F11 F5 F6 F4",
      "reinforcing F0 F5 F6 F4 F13 F12 F11 F2 F9 F10",
      "reinforcing F0 F5 F6 F4 F13 F3 F12 F11 F2 F9 F10",
  };
  auto graph = BuildGraph(testing::FactorMap(), {.require_sign = true});
  ASSERT_TRUE(graph.ok()) << graph.status().ToString();
  auto report = FindLoops(*graph, {.max_length = 0});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->complete);
  EXPECT_EQ(report->found, 29);
  EXPECT_EQ(report->cut, 0);
  std::vector<std::string> got;
  for (const Loop& loop : report->loops) got.push_back(Describe(*graph, loop));
  EXPECT_EQ(got, expected);
}

TEST(Loops, LengthBoundAndCapCountWhatWasLeftOut) {
  auto graph = BuildGraph(testing::FactorMap());
  ASSERT_TRUE(graph.ok());
  auto short_loops = FindLoops(*graph, {.max_length = 3});
  ASSERT_TRUE(short_loops.ok());
  EXPECT_EQ(short_loops->found, 7);  // three of length 2, four of length 3
  for (const Loop& loop : short_loops->loops) EXPECT_LE(loop.nodes.size(), 3u);
  auto capped = FindLoops(*graph, {.max_length = 0, .max_loops = 10});
  ASSERT_TRUE(capped.ok());
  EXPECT_EQ(capped->loops.size(), 10u);
  EXPECT_EQ(capped->found, 29);
  EXPECT_EQ(capped->cut, 19);
  auto budget = FindLoops(*graph, {.max_length = 0, .max_steps = 5});
  ASSERT_TRUE(budget.ok());
  EXPECT_FALSE(budget->complete);
  EXPECT_LT(budget->found, 29);
}

// Counts simple cycles by brute force: every ordered sequence of distinct nodes starting at its smallest,
// closed by a link.
std::int64_t BruteForceCycles(const Graph& graph, int max_length) {
  std::set<std::pair<int, int>> arcs;
  for (const auto& a : graph.arcs) arcs.insert({a.from, a.to});
  std::int64_t count = 0;
  std::vector<int> path;
  std::vector<char> used(static_cast<std::size_t>(graph.size()), 0);
  const std::function<void()> extend = [&] {
    const int last = path.back();
    if (path.size() >= 2 && arcs.contains({last, path.front()})) ++count;
    if (static_cast<int>(path.size()) == max_length) return;
    for (int w = path.front() + 1; w < graph.size(); ++w) {
      if (used[static_cast<std::size_t>(w)] == 0 && arcs.contains({last, w})) {
        used[static_cast<std::size_t>(w)] = 1;
        path.push_back(w);
        extend();
        path.pop_back();
        used[static_cast<std::size_t>(w)] = 0;
      }
    }
  };
  for (int s = 0; s < graph.size(); ++s) {
    path = {s};
    extend();
  }
  return count;
}

TEST(Loops, RandomMapsAgreeWithBruteForce) {
  std::mt19937_64 random(11);
  for (int round = 0; round < 5; ++round) {
    Network network;
    network.directed = true;
    std::uniform_int_distribution<int> pick(0, 11);
    std::set<std::pair<int, int>> seen;
    while (network.edges.size() < 36) {
      const int a = pick(random);
      const int b = pick(random);
      if (a == b || !seen.insert({a, b}).second) continue;
      network.edges.push_back({.source = "x" + std::to_string(a), .target = "x" + std::to_string(b), .sign = 1});
    }
    auto graph = BuildGraph(network);
    ASSERT_TRUE(graph.ok());
    for (const int bound : {3, 6, 12}) {
      auto report = FindLoops(*graph, {.max_length = bound});
      ASSERT_TRUE(report.ok());
      EXPECT_EQ(report->found, BruteForceCycles(*graph, bound)) << "round " << round << " bound " << bound;
    }
  }
}

TEST(Loops, UndirectedMapsAndBadOptionsAreRefused) {
  auto graph = BuildGraph(testing::Karate());
  ASSERT_TRUE(graph.ok());
  EXPECT_EQ(FindLoops(*graph, {}).status().code(), ErrorCode::kInvalidArgument);
  auto factors = BuildGraph(testing::FactorMap());
  ASSERT_TRUE(factors.ok());
  EXPECT_EQ(FindLoops(*factors, {.max_length = -1}).status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace nrs::systems
