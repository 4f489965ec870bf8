#pragma once

// Fixtures shared by the store's tests.

#include <gtest/gtest.h>

#include <memory>

#include "store/places.h"
#include "store/sqlite_store.h"

namespace nrs::store::testing {

// A new store in memory, with every migration applied.
class MemoryStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = OpenMemoryStore();
    ASSERT_TRUE(opened.ok());
    store_ = std::move(*opened);
  }

  std::unique_ptr<Store> store_;
};

// A store in memory holding one neighbourhood, Old Swan (its id in neighbourhood_), for the tests of what is
// stored against a neighbourhood.
class OneNeighbourhoodTest : public MemoryStoreTest {
 protected:
  void SetUp() override {
    MemoryStoreTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(store_
                    ->Write([&](Transaction& tx) -> Status {
                      NeighbourhoodRow n;
                      n.name = "Old Swan";
                      n.slug = "old-swan";
                      n.created_at = "2026-11-29T12:00:00Z";
                      NRS_ASSIGN_OR_RETURN(neighbourhood_, InsertNeighbourhood(tx, n));
                      return Status::Ok();
                    })
                    .ok());
  }

  std::int64_t neighbourhood_ = 0;
};

}  // namespace nrs::store::testing
