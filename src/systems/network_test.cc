#include "systems/network.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace nrs::systems {
namespace {

TEST(Network, NaturalOrderComparesDigitRunsAsNumbers) {
  std::vector<std::string> ids = {"F11", "F2", "10", "9", "F1", "a", "F02", "B"};
  std::sort(ids.begin(), ids.end(), [](const auto& a, const auto& b) { return NaturalLess(a, b); });
  EXPECT_EQ(ids, (std::vector<std::string>{"9", "10", "B", "F1", "F02", "F2", "F11", "a"}));
  EXPECT_FALSE(NaturalLess("F4", "F4"));
  EXPECT_TRUE(NaturalLess("F4", "F13"));
  EXPECT_FALSE(NaturalLess("F13", "F4"));
}

TEST(Network, BuildGraphIndexesNodesInNaturalOrder) {
  Network network;
  network.nodes = {{.id = "3", .group = "council", .role = "facilitator"}, {.id = "isolate"}};
  network.edges = {{.source = "10", .target = "3"}, {.source = "2", .target = "10"}};
  auto graph = BuildGraph(network);
  ASSERT_TRUE(graph.ok()) << graph.status().ToString();
  EXPECT_EQ(graph->ids, (std::vector<std::string>{"2", "3", "10", "isolate"}));
  EXPECT_EQ(graph->groups[1], "council");
  EXPECT_EQ(graph->roles[1], "facilitator");
  EXPECT_FALSE(graph->HasGroups());
  EXPECT_EQ(graph->Find("10"), 2);
  EXPECT_EQ(graph->Find("11"), -1);
  ASSERT_EQ(graph->arcs.size(), 2u);
  EXPECT_EQ(graph->arcs[0].from, 2);
  EXPECT_EQ(graph->arcs[0].to, 1);
}

TEST(Network, MutualTiesBecomeTwoArcs) {
  Network network;
  network.directed = true;
  network.edges = {{.source = "a", .target = "b", .mutual = true}};
  auto graph = BuildGraph(network);
  ASSERT_TRUE(graph.ok());
  EXPECT_EQ(graph->arcs.size(), 2u);
  network.edges.push_back({.source = "b", .target = "a"});
  EXPECT_EQ(FindProblems(network).size(), 1u);
}

TEST(Network, ProblemsNameTheEdgeAndColumn) {
  Network network;
  network.edges = {{.source = "a", .target = "b"},
                   {.source = "b", .target = "a"},  // the same undirected tie
                   {.source = "c", .target = "c"},  // a self-loop
                   {.source = "", .target = "d"},
                   {.source = "d", .target = "e", .weight = -1},
                   {.source = "e", .target = "f", .valid_from = "2024-05-01", .valid_to = "2023-01-01"},
                   {.source = "f", .target = "g", .valid_from = "May 2024"}};
  const std::vector<NetworkProblem> problems = FindProblems(network);
  std::vector<std::pair<std::size_t, std::string>> got;
  got.reserve(problems.size());
  for (const auto& p : problems) got.emplace_back(p.edge, p.column);
  EXPECT_EQ(got, (std::vector<std::pair<std::size_t, std::string>>{
                     {1, "target"}, {2, "target"}, {3, "source"}, {4, "weight"}, {5, "valid_to"}, {6, "valid_from"}}));
  EXPECT_TRUE(FindProblems(network, {.allow_self_loops = true}).size() == 5u);
  auto graph = BuildGraph(network);
  EXPECT_EQ(graph.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(graph.status().diagnostic_count(), 6u);
}

TEST(Network, CausalLinksNeedSigns) {
  Network network;
  network.directed = true;
  network.edges = {{.source = "a", .target = "b", .sign = 1}, {.source = "b", .target = "a"}};
  ASSERT_EQ(FindProblems(network, {.require_sign = true}).size(), 1u);
  EXPECT_EQ(FindProblems(network, {.require_sign = true})[0].edge, 1u);
  EXPECT_TRUE(FindProblems(network).empty());
}

TEST(Network, NodesListedTwiceAreRefused) {
  Network network;
  network.nodes = {{.id = "a"}, {.id = "a"}, {.id = ""}};
  const auto problems = FindProblems(network);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].node, 1u);
  EXPECT_EQ(problems[1].node, 2u);
}

TEST(Network, SignsAndDates) {
  EXPECT_EQ(ParseSign("+"), 1);
  EXPECT_EQ(ParseSign(" -1 "), -1);
  EXPECT_EQ(ParseSign("Negative"), -1);
  EXPECT_EQ(ParseSign(""), 0);
  EXPECT_EQ(ParseSign("maybe"), std::nullopt);
  EXPECT_TRUE(IsIsoDate("2024-02-29"));
  EXPECT_FALSE(IsIsoDate("2024-13-01"));
  EXPECT_FALSE(IsIsoDate("24-01-01"));
}

}  // namespace
}  // namespace nrs::systems
