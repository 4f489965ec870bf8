#pragma once

// A Store decorator that fails on purpose, for testing that code above the store leaves nothing half-written
// when a write fails part-way (disk full, lock lost). Tests only.

#include <cstdint>
#include <memory>
#include <string>

#include "store/store.h"

namespace nrs::store {

struct FaultPlan {
  // Fail the n-th statement execution (1-based, counted over the store's life); 0 = never.
  std::int64_t fail_statement = 0;
  // When not empty, count only executions of statements whose SQL contains this text, e.g. "INSERT INTO
  // area_parent", so a test can fail a chosen write however many reads come before it.
  std::string only_sql_containing;
  // The error the failure reports.
  ErrorCode code = ErrorCode::kIoError;
};

// Wraps `inner`; statements run on `inner` until the planned one, which fails without running.
std::unique_ptr<Store> MakeFaultInjectingStore(std::unique_ptr<Store> inner, const FaultPlan& plan);

}  // namespace nrs::store
