#pragma once

// Transaction-level steps of the system capability, shared by the public use cases (nrs/system_maps.h) and
// the demo.

#include "core/clock.h"
#include "nrs/system_maps.h"
#include "store/store.h"

namespace nrs::app {

// Publishes actor-map measures as neighbourhood-level indicators (see nrs::PublishMapIndicators).
Result<core::Table> PublishMapIndicators(store::Transaction& tx, const MapIndicatorOptions& options);

// The demo's illustrative system maps and register for every neighbourhood (seeded; clearly marked).
Status LoadDemoSystems(store::Transaction& tx, const core::Clock& clock);

}  // namespace nrs::app
