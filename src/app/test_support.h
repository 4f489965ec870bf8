#pragma once

// Fixtures shared by the use cases' tests.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/test_support.h"
#include "nrs/app.h"
#include "nrs/places.h"

namespace nrs::testing {

// A new database file holding Liverpool's LSOA-to-ward lookup, where tests define neighbourhoods from wards.
class LiverpoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitOptions init;
    init.db_path = dir_.File("nrs.db");
    ASSERT_TRUE(CreateDatabase(init).ok());
    auto app = App::Open({.db_path = init.db_path});
    ASSERT_TRUE(app.ok());
    app_ = std::move(*app);
    ImportOptions lookup;
    lookup.path = std::string(NRS_SOURCE_DIR) + "/tests/reference/places/lookup_lsoa_ward_liverpool.csv";
    ASSERT_TRUE(ImportLookup(*app_, lookup).ok());
  }

  // A programme neighbourhood of one ward (2019 code), e.g. Old Swan, E05000904.
  void AddWardNeighbourhood(const std::string& name, const std::string& ward) {
    NeighbourhoodOptions n;
    n.name = name;
    n.wards = {ward};
    const auto added = AddNeighbourhood(*app_, n);
    ASSERT_TRUE(added.ok()) << added.status().ToString();
  }

  TempDir dir_;
  std::unique_ptr<App> app_;
};

}  // namespace nrs::testing
