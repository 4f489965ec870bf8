#pragma once

// Files of composite indices: framework files (TOML), pipeline files (TOML), COINr's input tables (iMeta and
// iData as CSV, as COINr ≥ 1.0 defines them) and the data a framework is built on (CSV, one row per unit or
// per unit and time). Everything is checked on reading; problems come back as file:line: column: reason.

#include <optional>
#include <string>
#include <vector>

#include "index/analysis.h"
#include "index/framework.h"
#include "index/pipeline.h"
#include "nrs/result.h"

namespace nrs::io {

// Where a framework's data are and which columns say what.
struct IndexDataSpec {
  std::string file;                 // CSV (plain or gzip); relative paths are resolved against the framework file
  std::string unit;                 // column of unit codes (default: the first column)
  std::string name;                 // column of unit names ("" = none)
  std::string time;                 // column of times for panel data ("" = none)
  std::vector<std::string> groups;  // text columns that group units
  struct Join {
    std::string file;
    std::string unit;  // its unit-code column (default: the first column)
  };
  std::vector<Join> joins;  // more columns from other files, matched by unit code
};

// The analyses a framework file asks for (section [uncertainty]).
struct IndexAnalysisSpec {
  index::UncertaintyOptions uncertainty;
  bool present = false;
};

struct FrameworkFile {
  index::Framework framework;
  IndexDataSpec data;               // file empty when the framework names no data
  index::PipelineOptions pipeline;  // the [pipeline] section (defaults when absent)
  IndexAnalysisSpec analysis;       // the [uncertainty] section
};

// A framework file:
//   name, description; [data] file, unit, name, time, groups, [[data.join]] file, unit;
//   [pipeline] (as in a pipeline file); [uncertainty] runs, seed, weight_noise, normalisations, aggregations,
//   treatments, imputations, input_intervals;
//   [[aggregate]] code, name, parent, weight; [[indicator]] code, name, parent, weight, direction, unit, target,
//   goalpost_low, goalpost_high, denominator, column, lower, upper, slot.
// Errors: kNotFound, kIoError, kInvalidInput (TOML syntax with its line; unknown keys; wrong types; bad
// method names).
Result<FrameworkFile> ReadFrameworkFile(const std::string& path);
// The same from text; relative data paths are resolved against the folder of `path`.
Result<FrameworkFile> ParseFrameworkToml(const std::string& text, const std::string& path);

// A pipeline file: sections [denominate] enabled, scale; [screen] enabled, min_availability; [impute] method,
// group; [treat] method, winmax ("auto" = 10% of units), winchange, skew_threshold, kurtosis_threshold,
// fallback, boxcox_lambda; [normalise] method, low, high, mean, sd; [weights] method; [aggregate] method, power,
// weight_sum_tolerance, by_level = { "2" = "geometric" }; [rank] quantiles, convention, flag_percentile, digits;
// time.
// The sections may also sit under a [pipeline] table. Values not given keep those of `base`.
Result<index::PipelineOptions> ReadPipelineFile(const std::string& path, index::PipelineOptions base = {});
Result<index::PipelineOptions> ParsePipelineToml(const std::string& text, const std::string& name,
                                                 index::PipelineOptions base = {});

// COINr's iMeta: Level, iCode, iName, Direction, Weight, Unit, Target, Denominator, Parent, Type (Indicator,
// Aggregate, Group, Denominator, Other). The framework has its indicators and aggregates; `data` gets the unit
// columns of iData (uCode, uName, Time) and the group columns.
Result<index::Framework> ReadCoinrMeta(const std::string& path, IndexDataSpec* data);

// The data for a framework. `needed` columns must be present and numeric (empty or NA = missing); other
// columns are kept when every value is a number and ignored otherwise.
Result<index::Dataset> ReadIndexData(const IndexDataSpec& spec, const std::vector<std::string>& needed);

// The columns a framework reads from its data (indicators, denominators, intervals; not slots).
std::vector<std::string> NeededColumns(const index::Framework& framework, const index::PipelineOptions& options);

}  // namespace nrs::io
