#include "systems/change.h"

#include <gtest/gtest.h>

namespace nrs::systems {
namespace {

Network Dated() {
  Network network;
  network.nodes = {{.id = "a", .group = "resident"}, {.id = "b", .group = "council"}};
  network.edges = {{.source = "a", .target = "b", .type = "information", .valid_from = "2023-01-01"},
                   {.source = "b", .target = "c", .valid_to = "2023-12-31"},
                   {.source = "c", .target = "d", .valid_from = "2024-01-01", .valid_to = "2024-12-31"},
                   {.source = "a", .target = "e", .valid_from = "2024-03-01"}};
  return network;
}

TEST(Change, SnapshotKeepsTiesValidOnTheDateInclusive) {
  const Network at = SnapshotAt(Dated(), "2023-12-31");
  ASSERT_EQ(at.edges.size(), 2u);
  EXPECT_EQ(at.edges[1].target, "c");
  ASSERT_EQ(at.nodes.size(), 2u);  // a and b carry attributes; c is named by an edge only
  EXPECT_EQ(SnapshotAt(Dated(), "2022-06-01").edges.size(), 1u);
}

TEST(Change, TiesAndActorsAddedAndLostWithMeasuresBeforeAndAfter) {
  auto change = CompareDates(Dated(), "2023-06-01", "2024-06-01", {});
  ASSERT_TRUE(change.ok()) << change.status().ToString();
  std::vector<std::string> ties;
  for (const TieChange& t : change->ties) ties.push_back((t.added ? "+" : "-") + t.source + t.target);
  EXPECT_EQ(ties, (std::vector<std::string>{"-bc", "+ae", "+cd"}));
  ASSERT_EQ(change->nodes.size(), 5u);  // a b c d e
  EXPECT_EQ(change->actors_added, 2);   // d, e
  EXPECT_EQ(change->actors_lost, 0);
  const NodeChange& a = change->nodes[0];
  ASSERT_TRUE(a.before && a.after);
  EXPECT_EQ(a.before->degree, 1);
  EXPECT_EQ(a.after->degree, 2);
  const NodeChange& b = change->nodes[1];
  EXPECT_DOUBLE_EQ(b.before->betweenness, 1.0);  // between a and c
  EXPECT_DOUBLE_EQ(b.after->betweenness, 0.0);
  EXPECT_FALSE(change->nodes[3].before.has_value());
}

TEST(Change, DatesAreChecked) {
  EXPECT_EQ(CompareDates(Dated(), "2024", "2025-01-01", {}).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CompareDates(Dated(), "2025-01-01", "2024-01-01", {}).status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace nrs::systems
