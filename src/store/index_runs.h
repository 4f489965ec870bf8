#pragma once

// Repositories of composite-index runs over stored neighbourhoods: the run with its parameters, and per
// neighbourhood and aggregate its score, rank and rank interval — what the server and web application show.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace nrs::store {

struct IndexRunRow {
  std::int64_t id = 0;
  std::string framework;
  std::string source;
  std::string parameters;   // JSON
  std::string uncertainty;  // JSON, "" when none
  std::int64_t units = 0;
  std::string created_at;
};

struct IndexResultRow {
  std::int64_t neighbourhood_id = 0;
  std::string neighbourhood;  // name (filled when loading)
  std::string node;
  std::string node_name;
  int level = 0;
  double score = 0;
  double rank = 0;
  std::optional<double> median_rank, rank_p5, rank_p95;
};

// Inserts the run and its results; returns the run's id.
Result<std::int64_t> InsertIndexRun(Transaction& tx, const IndexRunRow& run,
                                    const std::vector<IndexResultRow>& results);
// Every run, newest first (without results).
Result<std::vector<IndexRunRow>> ListIndexRuns(Transaction& tx);
// The results of one run, by level (highest first), node and rank.
Result<std::vector<IndexResultRow>> LoadIndexResults(Transaction& tx, std::int64_t run_id);

}  // namespace nrs::store
