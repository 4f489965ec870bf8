#include "io/survey_data.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/text.h"
#include "io/csv_reader.h"
#include "io/table_writer.h"

namespace nrs::io {

int SurveyColumns::Find(const std::string& name) const {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<int>(i);
  }
  return -1;
}

bool IsMissingText(std::string_view text) {
  const std::string_view t = core::Trim(text);
  return t.empty() || t == "NA";
}

Result<SurveyColumns> ReadSurveyColumns(const std::string& path, std::span<const std::string> columns) {
  NRS_ASSIGN_OR_RETURN(CsvReader reader, CsvReader::Open(path));
  SurveyColumns data;
  data.file = path;
  std::vector<int> at;
  if (columns.empty()) {
    data.names = reader.header();
    for (std::size_t i = 0; i < data.names.size(); ++i) at.push_back(static_cast<int>(i));
  } else {
    for (const std::string& name : columns) {
      if (data.Find(name) >= 0) continue;
      const int index = reader.ColumnIndex(name);
      if (index < 0) {
        std::string available;
        for (const std::string& h : reader.header()) available += (available.empty() ? "" : ", ") + h;
        return Status::InvalidArgument("{} has no column '{}'; its columns are: {}", path, name, available);
      }
      data.names.push_back(name);
      at.push_back(index);
    }
  }
  data.text.resize(data.names.size());
  DiagnosticList problems(path);
  while (true) {
    NRS_ASSIGN_OR_RETURN(const bool more, reader.NextRecord(problems));
    if (!more) break;
    for (std::size_t c = 0; c < at.size(); ++c) {
      data.text[c].emplace_back(reader.field(static_cast<std::size_t>(at[c])));
    }
    data.lines.push_back(reader.line());
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  if (data.rows() == 0) return Status::InvalidInput("{} has no respondents", path);
  return data;
}

Result<std::vector<double>> NumericColumn(const SurveyColumns& data, const std::string& name, bool allow_missing) {
  const int c = data.Find(name);
  if (c < 0) return Status::InvalidArgument("no column '{}' was read from {}", name, data.file);
  DiagnosticList problems(data.file);
  std::vector<double> values(data.rows());
  for (std::size_t r = 0; r < data.rows(); ++r) {
    const std::string& text = data.text[static_cast<std::size_t>(c)][r];
    if (IsMissingText(text)) {
      values[r] = std::nan("");
      if (!allow_missing) problems.Add(data.lines[r], name, "a value is required here");
      continue;
    }
    const auto number = core::ParseDouble(text);
    if (!number) {
      problems.Add(data.lines[r], name, "'{}' is not a number", text);
      continue;
    }
    values[r] = *number;
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  return values;
}

Status WriteCsvColumns(const std::string& path, std::span<const std::string> names,
                       std::span<const std::vector<std::string>> columns) {
  const std::string temporary = path + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IoError("cannot write {}", path);
    for (std::size_t c = 0; c < names.size(); ++c) out << (c ? "," : "") << CsvField(names[c]);
    out << '\n';
    const std::size_t rows = columns.empty() ? 0 : columns[0].size();
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t c = 0; c < columns.size(); ++c) out << (c ? "," : "") << CsvField(columns[c][r]);
      out << '\n';
    }
    out.flush();
    if (!out) {
      std::remove(temporary.c_str());
      return Status::IoError("cannot write {}", path);
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::remove(temporary.c_str());
    return Status::IoError("cannot write {}: {}", path, error.message());
  }
  return Status::Ok();
}

}  // namespace nrs::io
