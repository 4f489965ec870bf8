#pragma once

// The demonstration database: real public data about the programme's Neighbourhoods for Learning, compiled
// into the program so that `nrs init --demo` works anywhere, offline.

#include "core/clock.h"
#include "core/progress.h"
#include "store/store.h"

namespace nrs::app {

// Loads the demo into `tx` (one transaction with the caller's other writes). Precondition: a new database.
Status LoadDemo(store::Transaction& tx, core::Progress& progress, const core::Clock& clock);

}  // namespace nrs::app
