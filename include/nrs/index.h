#pragma once

// Composite indices (`nrs index …`): a framework (TOML, or COINr's iMeta and iData tables) built on data from
// a file or on the neighbourhoods stored in the database, step by step (denominate, screen, impute, treat,
// normalise, weight, aggregate, rank), with Monte Carlo uncertainty and variance-based sensitivity analysis.
// Methods: docs/methods.md, "Composite indices".
//
//   IndexBuildOptions options;
//   options.input.framework = "frameworks/iod2019.toml";
//   options.out_dir = "out";
//   NRS_ASSIGN_OR_RETURN(IndexOutput out, BuildIndex(nullptr, options));

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/table.h"
#include "nrs/app.h"

namespace nrs {

struct IndexInput {
  std::string framework;        // a framework file (TOML) …
  std::string meta;             // … or COINr's iMeta table (CSV), with `data`
  std::string data;             // the data (CSV); overrides the framework file's [data] file
  std::string pipeline;         // a pipeline file (TOML); overrides the framework file's [pipeline]
  bool neighbourhoods = false;  // build over the neighbourhoods stored in the database (needs an App)

  // Errors: kInvalidArgument (neither or both of framework and meta; meta without data; data with
  // neighbourhoods).
  Status Validate() const;
};

struct IndexBuildOptions {
  IndexInput input;
  std::string out_dir;  // writes raw.csv … aggregated.csv, results.csv, weights.csv, treatment.csv, log.json
  // The table returned: results, raw, denominated, imputed, treated, normalised, aggregated, weights, treatment.
  std::string show = "results";

  Status Validate() const;
};

struct IndexOutput {
  core::Table table;               // what the command prints
  std::vector<std::string> files;  // written to out_dir
  std::vector<std::string> notes;  // what the build did that a person should know
  std::int64_t run_id = 0;         // the stored run (neighbourhoods)
};

// Builds the index. The table: one row per unit — unit code, name, each aggregate's score and rank (the root
// first), the root's decile, percentile rank and flag. With input.neighbourhoods the run is stored.
// Errors: kInvalidArgument, kNotFound, kInvalidInput (framework, pipeline or data refused, each problem named),
// kIoError (writing out_dir), and those of the database.
Result<IndexOutput> BuildIndex(App* app, const IndexBuildOptions& options);

struct IndexAnalysisOptions {
  IndexInput input;
  std::string out_dir;  // writes uncertainty.csv or sensitivity.csv
  // Unset: the framework file's [uncertainty] section, then the defaults (1,000 runs, seed 1, weight noise 0.25).
  std::optional<int> runs;  // uncertainty: Monte Carlo runs; sensitivity: the base sample N (N·(d + 2) builds)
  std::optional<std::uint64_t> seed;
  std::optional<double> weight_noise;
  std::vector<std::string> normalisations;  // alternatives, e.g. minmax, zscore, percentile_rank
  std::vector<std::string> aggregations;    // e.g. arithmetic, geometric
  std::vector<std::string> treatments;      // e.g. none, winsorise
  std::vector<std::string> imputations;     // e.g. none, mean, group_mean
  bool no_input_intervals = false;          // keep indicators with intervals at their values
  int threads = 0;                          // 0 = every core
  int bootstrap = 1000;                     // sensitivity: resamples for the intervals

  Status Validate() const;
};

// Per unit: nominal score and rank, median rank and the 5th–95th percentile ranks over the runs, and the
// 5th–95th percentile scores. With input.neighbourhoods the run is stored with its rank intervals.
Result<IndexOutput> IndexUncertainty(App* app, const IndexAnalysisOptions& options);

// Per factor (weights, normalisation, aggregation, treatment, imputation, inputs): first-order and total
// sensitivity indices of the mean absolute rank change, with bootstrap intervals.
Result<IndexOutput> IndexSensitivity(App* app, const IndexAnalysisOptions& options);

// Stored runs: id, framework, source, units, uncertainty runs, created_at (newest first).
Result<core::Table> ListIndexRuns(App& app);
// One stored run's results: neighbourhood, node, node name, level, score, rank, median_rank, rank_p5, rank_p95.
Result<core::Table> ShowIndexRun(App& app, std::int64_t run_id);

}  // namespace nrs
