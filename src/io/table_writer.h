#pragma once

// Renders a core::Table for people (aligned text), for spreadsheets and scripts (CSV, RFC 4180) or for
// programs (JSON: an array of objects, keys in column order). Reals are written in the shortest form that
// reads back to the same double; missing values are empty in CSV and null in JSON.

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>

#include "core/table.h"
#include "nrs/result.h"

namespace nrs::io {

enum class OutputFormat { kTable, kCsv, kJson };

// "table", "csv" or "json".
Result<OutputFormat> ParseOutputFormat(std::string_view name);

void WriteTable(const core::Table& table, OutputFormat format, std::ostream& out);

// Row `row` of `table` as one compact JSON object (keys in column order, missing values null), appended to
// `out`: the rows of the API's table responses.
void AppendJsonRow(const core::Table& table, std::size_t row, std::string& out);

// One cell as JSON: null when missing (empty, or a double that is not finite), else its number or text.
nlohmann::ordered_json CellJson(const core::Cell& cell);

// `field` quoted for CSV when it contains a delimiter, quote or line break.
std::string CsvField(std::string_view field);

}  // namespace nrs::io
