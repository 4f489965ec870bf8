#pragma once

// Reads CSV as councils and ONS publish it (RFC 4180: quoted fields, doubled quotes, CRLF or LF, a UTF-8
// byte-order mark) from a file, gzip-compressed or not, or from text. Every record knows the line it started
// on, so that each problem can be reported as file:line: column: reason.
//
// Hand-written rather than taken from a library: Debian's C++ CSV parser (fast-cpp-csv-parser) fixes the
// number of columns at compile time, and our inputs (IoD files, wide indicator tables) are as wide as the
// user makes them.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "nrs/result.h"
#include "nrs/status.h"

namespace nrs::io {

struct CsvOptions {
  char delimiter = ',';
};

class CsvReader {
 public:
  // Reads the file (decompressing gzip transparently) and its header row. `display_name` is how problems
  // name the file (default: `path`). Errors: kNotFound, kIoError, kInvalidInput (no header, an empty or
  // repeated column name, an unterminated quote).
  static Result<CsvReader> Open(const std::string& path, CsvOptions options = {}, std::string display_name = "");
  // The same over `text` held in memory.
  static Result<CsvReader> FromText(std::string name, std::string text, CsvOptions options = {});

  const std::string& name() const { return name_; }
  const std::vector<std::string>& header() const { return header_; }
  // Index of the column named `column` (exact match), or -1.
  int ColumnIndex(std::string_view column) const;

  // Moves to the next record. Returns false at the end of the input. A record whose width differs from the
  // header's is returned as kInvalidInput naming its line; reading can continue with the next call. An
  // unterminated quoted field ends the input with kInvalidInput.
  Result<bool> Next();

  // Moves to the next well-formed record: each malformed one is added to `problems` and reading goes on, so
  // that one pass reports every bad line. Returns false at the end of the input; an error without a line to
  // blame (unreadable data) is returned as it is.
  Result<bool> NextRecord(DiagnosticList& problems);

  // The current record's fields; valid until the next call to Next().
  std::span<const std::string_view> fields() const { return fields_; }
  std::string_view field(std::size_t i) const { return fields_[i]; }
  // The line (1-based) where the current record starts.
  std::int64_t line() const { return record_line_; }
  // An upper bound of the records still to read (the line breaks left), for reserving memory.
  std::size_t RemainingLines() const;
  // Records returned by Next() so far (well-formed or not), excluding the header and blank lines.
  std::int64_t records() const { return records_; }

 private:
  CsvReader(std::string name, std::string text, CsvOptions options);
  // Parses one record starting at pos_ into fields_. Returns false at the end of the input.
  Result<bool> ParseRecord();

  std::string name_;
  std::string text_;
  CsvOptions options_;
  std::size_t pos_ = 0;
  std::int64_t next_line_ = 1;
  std::int64_t record_line_ = 0;
  std::int64_t records_ = 0;
  std::vector<std::string> header_;
  std::vector<std::string_view> fields_;
  std::string scratch_;  // unescaped quoted fields of the current record
};

// Reads a whole file into memory, decompressing gzip when the file is gzip. Errors: kNotFound, kIoError.
Result<std::string> ReadFileText(const std::string& path);

// `bytes` decompressed when they are gzip (by their magic number), otherwise as they are. `name` is for
// messages. Errors: kInvalidInput for damaged gzip data.
Result<std::string> DecompressIfGzip(std::string_view bytes, std::string_view name);

}  // namespace nrs::io
