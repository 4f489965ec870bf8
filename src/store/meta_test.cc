#include "store/meta.h"

#include <gtest/gtest.h>

#include "store/schema.h"
#include "store/sqlite_store.h"

namespace nrs::store {
namespace {

class MetaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = OpenMemoryStore();
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(*opened);
  }
  std::unique_ptr<Store> store_;
};

TEST_F(MetaTest, PutReplacesAndGetReadsBack) {
  ASSERT_TRUE(store_
                  ->Write([](Transaction& tx) -> Status {
                    NRS_RETURN_IF_ERROR(PutMeta(tx, "demo", "no"));
                    return PutMeta(tx, "demo", "yes");
                  })
                  .ok());
  ASSERT_TRUE(store_
                  ->Read([](Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(const auto demo, GetMeta(tx, "demo"));
                    EXPECT_EQ(demo, "yes");
                    NRS_ASSIGN_OR_RETURN(const auto missing, GetMeta(tx, "missing"));
                    EXPECT_FALSE(missing.has_value());
                    return Status::Ok();
                  })
                  .ok());
}

TEST_F(MetaTest, DatasetsAreRecordedOnceByName) {
  DatasetRecord d;
  d.kind = "indicators";
  d.name = "IoD 2019";
  d.source = "iod2019_lsoa11_combined.csv";
  d.publisher = "MHCLG";
  d.licence = "OGL v3";
  d.rows = 32844;
  d.imported_at = "2026-11-29T12:00:00Z";
  ASSERT_TRUE(store_
                  ->Write([&](Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(const std::int64_t id, RecordDataset(tx, d));
                    EXPECT_GT(id, 0);
                    return Status::Ok();
                  })
                  .ok());
  const Status again = store_->Write([&](Transaction& tx) { return RecordDataset(tx, d).status(); });
  EXPECT_EQ(again.code(), ErrorCode::kAlreadyExists);
  ASSERT_TRUE(store_
                  ->Read([&](Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(const auto all, ListDatasets(tx));
                    EXPECT_EQ(all.size(), 1U);
                    if (all.empty()) return Status::Ok();
                    EXPECT_EQ(all[0].name, "IoD 2019");
                    EXPECT_EQ(all[0].rows, 32844);
                    EXPECT_EQ(all[0].licence, "OGL v3");
                    return Status::Ok();
                  })
                  .ok());
}

TEST_F(MetaTest, NegativeRowCountViolatesTheSchema) {
  DatasetRecord d;
  d.kind = "x";
  d.name = "bad";
  d.source = "x";
  d.rows = -1;
  d.imported_at = "2026-11-29T12:00:00Z";
  const Status s = store_->Write([&](Transaction& tx) { return RecordDataset(tx, d).status(); });
  EXPECT_EQ(s.code(), ErrorCode::kConflict) << s.ToString();
}

TEST_F(MetaTest, MigrationsAreListedInOrder) {
  ASSERT_TRUE(store_
                  ->Read([](Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(const auto applied, ListAppliedMigrations(tx));
                    EXPECT_EQ(applied.size(), Migrations().size());
                    for (std::size_t i = 0; i < applied.size(); ++i) {
                      EXPECT_EQ(applied[i].version, static_cast<int>(i) + 1);
                      EXPECT_EQ(applied[i].description, Migrations()[i].description);
                    }
                    return Status::Ok();
                  })
                  .ok());
}

}  // namespace
}  // namespace nrs::store
