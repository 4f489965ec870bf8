#include "store/system_maps.h"

#include <gtest/gtest.h>

#include "store/test_support.h"

namespace nrs::store {
namespace {

using SystemMapsStoreTest = testing::OneNeighbourhoodTest;

systems::Network ActorMap() {
  systems::Network m;
  m.directed = true;
  m.nodes = {{.id = "A1", .kind = "person", .label = "", .group = "resident", .role = "Resident Adviser"},
             {.id = "A2",
              .kind = "organisation",
              .label = "Old Swan Library",
              .group = "council",
              .role = "partner",
              .influence = 0.7,
              .domains = {"social relationships"}}};
  m.edges = {{.source = "A1",
              .target = "A2",
              .weight = 2,
              .mutual = true,
              .type = "information",
              .valid_from = "2019-04-01",
              .recorded_by = "facilitator"}};
  return m;
}

TEST_F(SystemMapsStoreTest, ActorMapRoundTripsAndReplaces) {
  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return ReplaceActorMap(tx, neighbourhood_, ActorMap()); }).ok());
  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return ReplaceActorMap(tx, neighbourhood_, ActorMap()); }).ok());
  ASSERT_TRUE(store_
                  ->Read([&](Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(const systems::Network m, LoadActorMap(tx, neighbourhood_));
                    EXPECT_TRUE(m.directed);
                    EXPECT_EQ(m.nodes.size(), 2U);
                    EXPECT_EQ(m.edges.size(), 1U);
                    if (m.nodes.size() != 2 || m.edges.empty()) return Status::Ok();
                    EXPECT_EQ(m.nodes[1].label, "Old Swan Library");
                    EXPECT_EQ(m.nodes[1].influence, 0.7);
                    EXPECT_EQ(m.nodes[1].domains, (std::vector<std::string>{"social relationships"}));
                    EXPECT_TRUE(m.edges[0].mutual);
                    EXPECT_EQ(m.edges[0].weight, 2);
                    EXPECT_EQ(m.edges[0].valid_from, "2019-04-01");
                    NRS_ASSIGN_OR_RETURN(const auto a2, FindActor(tx, neighbourhood_, "A2"));
                    EXPECT_TRUE(a2.has_value());
                    return Status::Ok();
                  })
                  .ok());
  systems::Network no_role = ActorMap();
  no_role.nodes[0].role.clear();
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return ReplaceActorMap(tx, neighbourhood_, no_role); }).code(),
            ErrorCode::kInvalidArgument);
}

TEST_F(SystemMapsStoreTest, FactorMapNeedsSigns) {
  systems::Network f;
  f.directed = true;
  f.nodes = {{.id = "litter", .label = "Litter"},
             {.id = "pride", .label = "Pride in the area", .domains = {"living environment"}}};
  f.edges = {{.source = "litter", .target = "pride", .sign = -1}, {.source = "pride", .target = "litter", .sign = -1}};
  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return ReplaceFactorMap(tx, neighbourhood_, f); }).ok());
  ASSERT_TRUE(store_
                  ->Read([&](Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(const systems::Network m, LoadFactorMap(tx, neighbourhood_));
                    EXPECT_EQ(m.edges.size(), 2U);
                    if (m.edges.empty()) return Status::Ok();
                    EXPECT_EQ(m.edges[0].sign, -1);
                    EXPECT_EQ(m.nodes[1].domains, (std::vector<std::string>{"living environment"}));
                    return Status::Ok();
                  })
                  .ok());
  f.edges[0].sign = 0;
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return ReplaceFactorMap(tx, neighbourhood_, f); }).code(),
            ErrorCode::kInvalidArgument);
}

TEST_F(SystemMapsStoreTest, ActivitiesWithTheirLinks) {
  ActivityRow a;
  a.title = "Library homework club";
  a.neighbourhoods = {neighbourhood_};
  a.domains = {{"resilience-4-domains", "social relationships", "tagged"},
               {"resilience-4-domains", "economic systems", "affects"}};
  a.created_at = "2026-11-29T12:00:00Z";
  std::int64_t first = 0;
  ASSERT_TRUE(store_
                  ->Write([&](Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(first, InsertActivity(tx, a));
                    ActivityRow tweak = a;
                    tweak.kind = "action";
                    tweak.title = "Open the club on Saturdays";
                    tweak.tweak_of = first;
                    tweak.indicators = {"idaci-rate"};
                    return InsertActivity(tx, tweak).status();
                  })
                  .ok());
  ASSERT_TRUE(store_
                  ->Read([&](Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(const auto all, ListActivities(tx));
                    EXPECT_EQ(all.size(), 2U);
                    if (all.size() != 2) return Status::Ok();
                    EXPECT_EQ(all[1].tweak_of, first);
                    EXPECT_EQ(all[1].indicators, (std::vector<std::string>{"idaci-rate"}));
                    EXPECT_EQ(all[0].domains.size(), 2U);
                    EXPECT_EQ(all[0].neighbourhoods, (std::vector<std::int64_t>{neighbourhood_}));
                    return Status::Ok();
                  })
                  .ok());
  ActivityRow bad = a;
  bad.status = "sort of";
  EXPECT_FALSE(store_->Write([&](Transaction& tx) { return InsertActivity(tx, bad).status(); }).ok());
}

}  // namespace
}  // namespace nrs::store
