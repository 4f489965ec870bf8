#include "store/places.h"

#include <gtest/gtest.h>

#include "store/test_support.h"

namespace nrs::store {
namespace {

const geo::AreaType kLsoa{geo::AreaKind::kLsoa, 11};
const geo::AreaType kWard{geo::AreaKind::kWard, 19};

// A ward (Old Swan) of two LSOAs.
class PlacesStoreTest : public testing::MemoryStoreTest {
 protected:
  void SetUp() override {
    MemoryStoreTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(store_
                    ->Write([&](Transaction& tx) -> Status {
                      NRS_ASSIGN_OR_RETURN(ward_, InsertArea(tx, kWard, "E05000904", "Old Swan"));
                      NRS_ASSIGN_OR_RETURN(lsoa_a_, InsertArea(tx, kLsoa, "E01006512", "Liverpool 030B"));
                      NRS_ASSIGN_OR_RETURN(lsoa_b_, InsertArea(tx, kLsoa, "E01006510", "Liverpool 030A"));
                      NRS_RETURN_IF_ERROR(InsertAreaParent(tx, lsoa_a_, kWard, ward_));
                      return InsertAreaParent(tx, lsoa_b_, kWard, ward_);
                    })
                    .ok());
  }
  std::int64_t ward_ = 0, lsoa_a_ = 0, lsoa_b_ = 0;
};

TEST_F(PlacesStoreTest, HierarchyRoundTrips) {
  ASSERT_TRUE(store_
                  ->Read([&](Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(const geo::Hierarchy h, LoadHierarchy(tx));
                    EXPECT_EQ(h.size(), 3U);
                    EXPECT_EQ(h.Descendants(ward_, kLsoa), (std::vector<std::int64_t>{lsoa_b_, lsoa_a_}));
                    NRS_ASSIGN_OR_RETURN(const auto counts, CountAreasByType(tx));
                    EXPECT_EQ(counts, (std::vector<std::pair<std::string, std::int64_t>>{{"lsoa11", 2}, {"wd19", 1}}));
                    return Status::Ok();
                  })
                  .ok());
  // One parent of each type: a second ward for the same LSOA is refused.
  const Status twice = store_->Write([&](Transaction& tx) { return InsertAreaParent(tx, lsoa_a_, kWard, ward_); });
  EXPECT_EQ(twice.code(), ErrorCode::kAlreadyExists);
  const Status same_code =
      store_->Write([&](Transaction& tx) { return InsertArea(tx, kLsoa, "E01006512", "x").status(); });
  EXPECT_EQ(same_code.code(), ErrorCode::kAlreadyExists);
}

TEST_F(PlacesStoreTest, PopulationTotalsPreferTheSplitBySex) {
  ASSERT_TRUE(store_
                  ->Write([&](Transaction& tx) {
                    return PutPopulation(tx, {{lsoa_a_, "mid-2019", "female", 0, 4, 30},
                                              {lsoa_a_, "mid-2019", "female", 5, std::nullopt, 500},
                                              {lsoa_a_, "mid-2019", "male", 0, std::nullopt, 470},
                                              {lsoa_b_, "mid-2019", "all", 0, std::nullopt, 1200},
                                              {lsoa_b_, "mid-2015", "all", 0, std::nullopt, 1100}});
                  })
                  .ok());
  ASSERT_TRUE(store_
                  ->Read([&](Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(const auto latest, LatestPopulationPeriod(tx));
                    EXPECT_EQ(latest, "mid-2019");
                    NRS_ASSIGN_OR_RETURN(const auto totals, PopulationTotals(tx, "mid-2019"));
                    EXPECT_DOUBLE_EQ(totals.at(lsoa_a_), 1000);
                    EXPECT_DOUBLE_EQ(totals.at(lsoa_b_), 1200);
                    return Status::Ok();
                  })
                  .ok());
}

TEST_F(PlacesStoreTest, IndicatorsValuesAndAggregates) {
  indicators::Indicator score;
  score.key = "imd2019-score";
  score.name = "IMD score";
  score.domains = {"overall"};
  score.columns = {"Index of Multiple Deprivation (IMD) Score"};
  score.polarity = indicators::Polarity::kLowIsGood;
  std::int64_t id = 0;
  ASSERT_TRUE(
      store_
          ->Write([&](Transaction& tx) -> Status {
            NRS_ASSIGN_OR_RETURN(id, PutIndicator(tx, score));
            score.name = "IMD 2019 score";
            NRS_ASSIGN_OR_RETURN(const std::int64_t again, PutIndicator(tx, score));  // update by key
            EXPECT_EQ(again, id);
            ValueBatch batch;
            batch.indicator_id = id;
            batch.period = "2019";
            batch.values = {{lsoa_a_, 46.2, std::nullopt, std::nullopt}, {lsoa_b_, 40.1, std::nullopt, std::nullopt}};
            NRS_ASSIGN_OR_RETURN(const auto areas, PutValues(tx, {batch}));
            EXPECT_EQ(areas, (std::vector<std::int64_t>{2}));
            return ReplaceAggregates(
                tx, id, "2019",
                {{id, ward_, "2019", indicators::Measure::kValue, 43.0, std::nullopt, std::nullopt, 2, 0}});
          })
          .ok());
  ASSERT_TRUE(store_
                  ->Read([&](Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(const auto catalogue, LoadCatalogue(tx));
                    EXPECT_EQ(catalogue.size(), 1U);
                    if (catalogue.empty()) return Status::Ok();
                    EXPECT_EQ(catalogue[0].indicator.name, "IMD 2019 score");
                    EXPECT_EQ(catalogue[0].indicator.columns, score.columns);
                    EXPECT_EQ(catalogue[0].indicator.polarity, indicators::Polarity::kLowIsGood);
                    NRS_ASSIGN_OR_RETURN(const auto values, LoadValues(tx, id, "2019"));
                    EXPECT_EQ(values.size(), 2U);
                    for (const auto& v : values) EXPECT_DOUBLE_EQ(*v.value, v.area_id == lsoa_a_ ? 46.2 : 40.1);
                    NRS_ASSIGN_OR_RETURN(const auto of_areas, LoadValuesOfAreas(tx, {lsoa_b_}));
                    EXPECT_EQ(of_areas.size(), 1U);
                    NRS_ASSIGN_OR_RETURN(const auto periods, ValuePeriods(tx, id));
                    EXPECT_EQ(periods, (std::vector<std::string>{"2019"}));
                    NRS_ASSIGN_OR_RETURN(const auto aggregates, LoadAggregates(tx, {ward_}));
                    EXPECT_EQ(aggregates.size(), 1U);
                    if (!aggregates.empty()) {
                      EXPECT_DOUBLE_EQ(*aggregates[0].value, 43.0);
                    }
                    return Status::Ok();
                  })
                  .ok());
}

TEST_F(PlacesStoreTest, NeighbourhoodsWithMembers) {
  NeighbourhoodRow n;
  n.name = "Old Swan";
  n.slug = "old-swan";
  n.definition = geo::Definition::kWards;
  n.definition_codes = "E05000904";
  n.members = {lsoa_a_, lsoa_b_};
  n.created_at = "2026-11-29T12:00:00Z";
  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return InsertNeighbourhood(tx, n).status(); }).ok());
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return InsertNeighbourhood(tx, n).status(); }).code(),
            ErrorCode::kAlreadyExists);
  ASSERT_TRUE(store_
                  ->Read([&](Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(const auto found, FindNeighbourhood(tx, "old-swan"));
                    EXPECT_TRUE(found.has_value());
                    if (!found) return Status::Ok();
                    EXPECT_EQ(found->name, "Old Swan");
                    EXPECT_EQ(found->members, (std::vector<std::int64_t>{lsoa_b_, lsoa_a_}));  // by code
                    EXPECT_EQ(found->definition, geo::Definition::kWards);
                    NRS_ASSIGN_OR_RETURN(const auto by_name, FindNeighbourhood(tx, "old swan"));
                    EXPECT_TRUE(by_name.has_value());
                    NRS_ASSIGN_OR_RETURN(const auto none, FindNeighbourhood(tx, "Claremont"));
                    EXPECT_FALSE(none.has_value());
                    NRS_ASSIGN_OR_RETURN(const auto all, ListNeighbourhoods(tx));
                    EXPECT_EQ(all.size(), 1U);
                    return Status::Ok();
                  })
                  .ok());
}

}  // namespace
}  // namespace nrs::store
