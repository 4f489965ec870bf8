#pragma once

// Database-wide facts (nrs_meta) and the provenance of every dataset loaded (dataset). Functions over an
// open transaction, so that a use case writes its data and its provenance in the same commit.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace nrs::store {

Result<std::optional<std::string>> GetMeta(Transaction& tx, std::string_view key);
// Inserts or replaces.
Status PutMeta(Transaction& tx, std::string_view key, std::string_view value);

struct DatasetRecord {
  std::int64_t id = 0;      // assigned when recorded
  std::string kind;         // "lookup", "population", "boundaries", "indicators", …
  std::string name;         // unique within the database
  std::string source;       // file name or URL it was read from
  std::string publisher;    // e.g. "Ministry of Housing, Communities and Local Government"
  std::string licence;      // e.g. "OGL v3"
  std::int64_t rows = 0;    // records loaded
  std::string imported_at;  // UTC, ISO 8601
};

// Records `dataset` and returns its id. kAlreadyExists when a dataset of that name is recorded.
Result<std::int64_t> RecordDataset(Transaction& tx, const DatasetRecord& dataset);
Result<std::vector<DatasetRecord>> ListDatasets(Transaction& tx);

struct MigrationRecord {
  int version = 0;
  std::string description;
  std::string applied_at;
};
Result<std::vector<MigrationRecord>> ListAppliedMigrations(Transaction& tx);

}  // namespace nrs::store
