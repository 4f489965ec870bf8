#pragma once

// The steps of the places use cases at the level of one open transaction, shared by the public imports
// (include/nrs/places.h), which wrap each in its own transaction, and the demo, which runs them all in one.

#include <set>
#include <string>

#include "core/clock.h"
#include "io/csv_reader.h"
#include "io/geodata.h"
#include "io/indicator_reader.h"
#include "nrs/places.h"
#include "store/places.h"
#include "store/store.h"

namespace nrs::app {

struct DatasetFacts {
  std::string kind;
  std::string name;
  std::string source;
  std::string publisher;
  std::string licence;
};

// Records the dataset's provenance. kAlreadyExists when a dataset of that name is loaded.
Status RecordImport(store::Transaction& tx, const DatasetFacts& facts, std::int64_t records, const core::Clock& clock);

Result<ImportReport> LoadLookup(store::Transaction& tx, io::CsvReader& reader);
Result<ImportReport> LoadPopulation(store::Transaction& tx, io::CsvReader& reader, const std::string& period);
Result<ImportReport> LoadBoundaries(store::Transaction& tx, const io::Boundaries& boundaries);
Result<ImportReport> LoadCatalogue(store::Transaction& tx, io::CsvReader& reader);
// Stores the values; returns the report and, in `touched`, the keys of the indicators whose values changed.
// `complete` receives the batches that now hold every value of their indicator and period, which the
// aggregation can then take from memory instead of reading back.
Result<ImportReport> LoadIndicators(store::Transaction& tx, io::CsvReader& reader, const io::ValueReadOptions& options,
                                    std::set<std::string>* touched, std::vector<store::ValueBatch>* complete);

// Recomputes the council, county, region and country aggregates of the indicators in `keys` (all when empty)
// and of every indicator computed from or weighted by them. `complete` (may be null): values known to be all
// the values of their indicator and period, used instead of reading them back.
Status RefreshAggregates(store::Transaction& tx, const std::set<std::string>& keys, core::Progress& progress,
                         std::vector<store::ValueBatch>* complete = nullptr);

Result<NeighbourhoodSummary> CreateNeighbourhood(store::Transaction& tx, const NeighbourhoodOptions& options,
                                                 const core::Clock& clock);

}  // namespace nrs::app
