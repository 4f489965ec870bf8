#include "io/table_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace nrs::io {
namespace {

bool IsMissing(const core::Cell& cell) {
  if (std::holds_alternative<std::monostate>(cell)) return true;
  const auto* d = std::get_if<double>(&cell);
  return d != nullptr && !std::isfinite(*d);
}

std::string CellText(const core::Cell& cell, int decimals) {
  if (IsMissing(cell)) return {};
  if (const auto* i = std::get_if<std::int64_t>(&cell)) return fmt::format("{}", *i);
  if (const auto* d = std::get_if<double>(&cell)) {
    return decimals >= 0 ? fmt::format("{:.{}f}", *d, decimals) : fmt::format("{}", *d);
  }
  return std::get<std::string>(cell);
}

// Display width in terminal columns: UTF-8 continuation bytes take none.
std::size_t Width(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void WriteAligned(const core::Table& table, std::ostream& out) {
  const auto& columns = table.columns();
  std::vector<std::vector<std::string>> cells;
  std::vector<std::size_t> widths(columns.size());
  for (std::size_t c = 0; c < columns.size(); ++c) widths[c] = Width(columns[c].name);
  for (const auto& row : table.rows()) {
    auto& texts = cells.emplace_back();
    for (std::size_t c = 0; c < columns.size(); ++c) {
      texts.push_back(CellText(row[c], columns[c].decimals));
      widths[c] = std::max(widths[c], Width(texts.back()));
    }
  }
  const auto write_line = [&](const std::vector<std::string>& texts) {
    std::string line;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const std::size_t pad = widths[c] - Width(texts[c]);
      const bool right = columns[c].type != core::CellType::kText;
      if (c > 0) line += "  ";
      if (right) line.append(pad, ' ');
      line += texts[c];
      if (!right && c + 1 < columns.size()) line.append(pad, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  std::vector<std::string> names;
  std::vector<std::string> rules;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    names.push_back(columns[c].name);
    rules.emplace_back(widths[c], '-');
  }
  write_line(names);
  write_line(rules);
  for (const auto& texts : cells) write_line(texts);
}

void WriteCsv(const core::Table& table, std::ostream& out) {
  const auto& columns = table.columns();
  for (std::size_t c = 0; c < columns.size(); ++c) out << (c ? "," : "") << CsvField(columns[c].name);
  out << '\n';
  for (const auto& row : table.rows()) {
    for (std::size_t c = 0; c < columns.size(); ++c) out << (c ? "," : "") << CsvField(CellText(row[c], -1));
    out << '\n';
  }
}

nlohmann::ordered_json RowObject(const core::Table& table, std::size_t r) {
  nlohmann::ordered_json object = nlohmann::ordered_json::object();
  const auto& row = table.rows()[r];
  for (std::size_t c = 0; c < table.columns().size(); ++c) object[table.columns()[c].name] = CellJson(row[c]);
  return object;
}

void WriteJson(const core::Table& table, std::ostream& out) {
  auto rows = nlohmann::ordered_json::array();
  for (std::size_t r = 0; r < table.size(); ++r) rows.push_back(RowObject(table, r));
  out << rows.dump(2) << '\n';
}

}  // namespace

Result<OutputFormat> ParseOutputFormat(std::string_view name) {
  if (name == "table") return OutputFormat::kTable;
  if (name == "csv") return OutputFormat::kCsv;
  if (name == "json") return OutputFormat::kJson;
  return Status::InvalidArgument("unknown format '{}'; use table, csv or json", name);
}

std::string CsvField(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

nlohmann::ordered_json CellJson(const core::Cell& cell) {
  if (IsMissing(cell)) return nullptr;
  if (const auto* i = std::get_if<std::int64_t>(&cell)) return *i;
  if (const auto* d = std::get_if<double>(&cell)) return *d;
  return std::get<std::string>(cell);
}

void AppendJsonRow(const core::Table& table, std::size_t row, std::string& out) {
  // Invalid UTF-8 (from a file in another encoding) is replaced rather than refused: a row is never lost.
  out += RowObject(table, row).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void WriteTable(const core::Table& table, OutputFormat format, std::ostream& out) {
  switch (format) {
    case OutputFormat::kTable:
      WriteAligned(table, out);
      return;
    case OutputFormat::kCsv:
      WriteCsv(table, out);
      return;
    case OutputFormat::kJson:
      WriteJson(table, out);
      return;
  }
}

}  // namespace nrs::io
