#include "systems/brokerage.h"

#include <gtest/gtest.h>

namespace nrs::systems {
namespace {

// One broker v between two-paths whose ends fall in each combination of groups.
TEST(Brokerage, EachRoleByTheGroupsOfItsTwoPath) {
  Network network;
  network.directed = true;
  network.nodes = {{.id = "v", .group = "G"},  {.id = "g1", .group = "G"}, {.id = "g2", .group = "G"},
                   {.id = "h1", .group = "H"}, {.id = "h2", .group = "H"}, {.id = "k", .group = "K"}};
  // In: g1 → v, h1 → v. Out: v → g2, v → h2, v → k.
  network.edges = {{.source = "g1", .target = "v"},
                   {.source = "h1", .target = "v"},
                   {.source = "v", .target = "g2"},
                   {.source = "v", .target = "h2"},
                   {.source = "v", .target = "k"}};
  auto graph = BuildGraph(network);
  ASSERT_TRUE(graph.ok());
  const std::vector<BrokerageCounts> counts = Brokerage(*graph);
  const BrokerageCounts& v = counts[static_cast<std::size_t>(graph->Find("v"))];
  EXPECT_EQ(v.coordinator, 1);     // g1 → v → g2
  EXPECT_EQ(v.gatekeeper, 2);      // g1 → v → h2, g1 → v → k (sna's label)
  EXPECT_EQ(v.representative, 1);  // h1 → v → g2 (sna's label)
  EXPECT_EQ(v.itinerant, 1);       // h1 → v → h2
  EXPECT_EQ(v.liaison, 1);         // h1 → v → k
  EXPECT_EQ(v.Total(), 6);
  EXPECT_EQ(counts[static_cast<std::size_t>(graph->Find("g1"))].Total(), 0);
}

TEST(Brokerage, ClosedTwoPathsAndReturnsDoNotCount) {
  Network network;
  network.directed = true;
  network.nodes = {{.id = "a", .group = "x"}, {.id = "b", .group = "x"}, {.id = "c", .group = "x"}};
  network.edges = {
      {.source = "a", .target = "b", .mutual = true}, {.source = "b", .target = "c"}, {.source = "a", .target = "c"}};
  auto graph = BuildGraph(network);
  ASSERT_TRUE(graph.ok());
  const std::vector<BrokerageCounts> counts = Brokerage(*graph);
  // a → b → c is closed by a → c; a → b → a returns to a.
  EXPECT_EQ(counts[1].Total(), 0);
}

}  // namespace
}  // namespace nrs::systems
