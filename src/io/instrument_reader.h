#pragma once

// Survey instruments and import mappings in TOML (toml++): see data/scales/programme_instrument.toml for the
// instrument format. Problems are reported as file:line: reason.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "nrs/result.h"
#include "survey/instrument.h"

namespace nrs::io {

// Returns the text of a file an instrument names (a lookup table), or an error.
using FileResolver = std::function<Result<std::string>(const std::string& name)>;

// Parses an instrument from `text` (named `name` in messages); `lookup_file`s are read through `resolve`.
// Errors: kInvalidInput (TOML syntax, with its line; a missing or mistyped key; an invalid instrument).
Result<survey::Instrument> ParseInstrument(const std::string& name, const std::string& text,
                                           const FileResolver& resolve);
// Reads an instrument file; lookup files are resolved beside it.
Result<survey::Instrument> ReadInstrument(const std::string& path);

// How a respondent-level file's columns map to the survey: design columns and item columns.
struct ImportMapping {
  // Design roles → data columns. Roles: respondent, area, wave, household, panel, weight, stratum, cluster, fpc.
  std::map<std::string, std::string> design;
  // Instrument item code → data column (items not named are looked for under their own code).
  std::map<std::string, std::string> items;
  // Further columns carried through as they are (sex, age band, area class, …).
  std::vector<std::string> attributes;
};

// The mapping that takes every name as it is, with the synthetic survey's attribute columns.
ImportMapping DefaultImportMapping();

// Parses an import mapping:
//   [design]  respondent = "id"  area = "lsoa"  wave = "wave"  weight = "wt"  …
//   [items]   swemwbs1 = "Q1a"  …
//   attributes = ["sex", "age_band"]
// Errors: kNotFound, kIoError, kInvalidInput (TOML syntax, unknown role).
Result<ImportMapping> ReadImportMapping(const std::string& path);

}  // namespace nrs::io
