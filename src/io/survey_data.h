#pragma once

// Respondent-level survey files: one row per respondent, one column per variable (R's and SPSS's CSV exports,
// the generator's output). Read as text columns that keep each value's line, so that every problem can be
// named as file:line: column: reason; numbers are parsed on demand ("" and "NA" are missing).

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "nrs/result.h"

namespace nrs::io {

struct SurveyColumns {
  std::string file;                            // as the user named it
  std::vector<std::string> names;              // the columns read, in the order asked for
  std::vector<std::vector<std::string>> text;  // text[column][row]
  std::vector<std::int64_t> lines;             // the line of each row

  std::size_t rows() const { return lines.size(); }
  // Index of `name` among `names`, or -1.
  int Find(const std::string& name) const;
};

// True for "" and "NA" (R's missing value), after trimming spaces.
bool IsMissingText(std::string_view text);

// Reads the named columns of a CSV file (every column when `columns` is empty). Errors: kNotFound, kIoError;
// kInvalidArgument when a named column is absent (listing the file's columns); kInvalidInput with line-level
// diagnostics for malformed records.
Result<SurveyColumns> ReadSurveyColumns(const std::string& path, std::span<const std::string> columns);

// The column as numbers (missing → NaN). Errors: kInvalidInput listing every value that is not a number (or,
// with allow_missing = false, that is missing), with its line.
Result<std::vector<double>> NumericColumn(const SurveyColumns& data, const std::string& name, bool allow_missing);

// Writes columns as CSV (RFC 4180), header first. Errors: kIoError. Written to a temporary file and renamed, so
// that a failure leaves no half-written file.
Status WriteCsvColumns(const std::string& path, std::span<const std::string> names,
                       std::span<const std::vector<std::string>> columns);

}  // namespace nrs::io
