#pragma once

// The composite index over stored neighbourhoods at the level of one open transaction: shared by the use case
// (include/nrs/index.h) and the demo, which stores one run of the resilience framework while it loads.

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.h"
#include "index/analysis.h"
#include "io/index_files.h"
#include "store/store.h"

namespace nrs::app {

struct NeighbourhoodRun {
  std::int64_t run_id = 0;
  std::int64_t neighbourhoods = 0;
};

// Builds `file`'s framework over every stored neighbourhood (indicators found by catalogue key or source column
// and summarised as profiles summarise them; proportions and rates carry their intervals for the uncertainty
// analysis), runs the uncertainty analysis when `uncertainty` is set, and stores the run.
Result<NeighbourhoodRun> StoreNeighbourhoodIndex(store::Transaction& tx, const io::FrameworkFile& file,
                                                 const std::string& source,
                                                 const std::optional<index::UncertaintyOptions>& uncertainty,
                                                 const core::Clock& clock);

}  // namespace nrs::app
