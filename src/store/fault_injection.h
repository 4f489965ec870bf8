#pragma once

// A Store decorator that fails on purpose, for testing that code above the store leaves nothing half-written
// when a write fails part-way (disk full, lock lost). Tests only.

#include <cstdint>
#include <memory>

#include "store/store.h"

namespace nrs::store {

struct FaultPlan {
  // Fail the n-th statement execution (1-based, counted over the store's life); 0 = never.
  std::int64_t fail_statement = 0;
  // The error the failure reports.
  ErrorCode code = ErrorCode::kIoError;
};

// Wraps `inner`; statements run on `inner` until the planned one, which fails without running.
std::unique_ptr<Store> MakeFaultInjectingStore(std::unique_ptr<Store> inner, FaultPlan plan);

}  // namespace nrs::store
