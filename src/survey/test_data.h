#pragma once

// For the tests of this folder only: the R `survey` reference samples (tests/reference/survey/) as columns.

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace nrs::survey::testing {

// A CSV file's columns by name, as text (RFC 4180 quoting; "NA" stays "NA").
inline std::map<std::string, std::vector<std::string>> ReadReference(const std::string& name) {
  std::ifstream in(std::string(NRS_SOURCE_DIR) + "/tests/reference/survey/" + name);
  if (!in) throw std::runtime_error("cannot open " + name);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  std::vector<std::vector<std::string>> records(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().push_back(field);
      field.clear();
    } else if (c == '\n') {
      records.back().push_back(field);
      field.clear();
      records.emplace_back();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (!records.back().empty() || !field.empty()) records.back().push_back(field);
  if (records.back().empty()) records.pop_back();
  std::map<std::string, std::vector<std::string>> columns;
  for (std::size_t r = 1; r < records.size(); ++r) {
    for (std::size_t c = 0; c < records[0].size(); ++c) columns[records[0][c]].push_back(records[r][c]);
  }
  return columns;
}

inline std::vector<double> Numbers(const std::vector<std::string>& text) {
  std::vector<double> out;
  out.reserve(text.size());
  for (const std::string& t : text) out.push_back(t == "NA" ? std::nan("") : std::stod(t));
  return out;
}

}  // namespace nrs::survey::testing
