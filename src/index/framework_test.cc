#include "index/framework.h"

#include <gtest/gtest.h>

namespace nrs::index {
namespace {

Node Ind(std::string code, std::string parent, double weight = 1) {
  Node n;
  n.code = std::move(code);
  n.parent = std::move(parent);
  n.weight = weight;
  return n;
}
Node Agg(std::string code, std::string parent, double weight = 1) {
  Node n = Ind(std::move(code), std::move(parent), weight);
  n.kind = NodeKind::kAggregate;
  return n;
}

TEST(Framework, OrdersAggregatesBottomUp) {
  const Framework f{"f", "", {Agg("Index", ""), Agg("A", "Index"), Ind("x", "A"), Ind("y", "A"), Ind("z", "Index")}};
  const auto s = Analyse(f);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->indicators, (std::vector<std::size_t>{2, 3, 4}));
  EXPECT_EQ(s->aggregates, (std::vector<std::size_t>{1, 0}));
  EXPECT_EQ(s->root, 0U);
  EXPECT_EQ(s->levels, 3);
  const auto w = EffectiveWeights(*s, {1, 1, 1, 3, 1});
  EXPECT_DOUBLE_EQ(w[0], 0.125);
  EXPECT_DOUBLE_EQ(w[1], 0.375);
  EXPECT_DOUBLE_EQ(w[2], 0.5);
}

TEST(Framework, RefusesCyclesOrphansAndBadWeights) {
  const auto message = [](const Framework& f) { return std::string(Analyse(f).status().ToString()); };
  EXPECT_NE(message({"f", "", {Agg("Index", ""), Agg("A", "B"), Agg("B", "A"), Ind("x", "A")}}).find("cycle"),
            std::string::npos);
  EXPECT_NE(message({"f", "", {Agg("Index", ""), Ind("x", "Index"), Ind("y", "Missing")}}).find("Missing"),
            std::string::npos);
  EXPECT_NE(message({"f", "", {Agg("Index", ""), Ind("x", "Index"), Ind("y", "")}}).find("orphan"), std::string::npos);
  EXPECT_NE(message({"f", "", {Agg("Index", ""), Ind("x", "Index", -1)}}).find("weight"), std::string::npos);
  EXPECT_NE(message({"f", "", {Agg("Index", ""), Agg("A", "Index"), Ind("x", "Index")}}).find("no children"),
            std::string::npos);
  EXPECT_NE(message({"f", "", {Agg("Index", ""), Ind("x", "Index"), Ind("x", "Index")}}).find("twice"),
            std::string::npos);
  EXPECT_NE(message({"f", "", {Agg("Index", ""), Ind("x", "y"), Ind("y", "Index")}}).find("is an indicator"),
            std::string::npos);
}

}  // namespace
}  // namespace nrs::index
