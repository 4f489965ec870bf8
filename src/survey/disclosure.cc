#include "survey/disclosure.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <utility>
#include <variant>

namespace nrs::survey {
namespace {

using core::Cell;

std::string CellKey(const Cell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* integer = std::get_if<std::int64_t>(&cell)) return std::to_string(*integer);
  if (const auto* real = std::get_if<double>(&cell)) return std::to_string(*real);
  return {};
}

Result<int> Column(const core::Table& table, const std::string& name) {
  const int at = table.ColumnIndex(name);
  if (at < 0) return Status::InvalidArgument("disclosure control: the table has no column '{}'", name);
  return at;
}

// A count as it may be shown: "*" for 1..small_count_max, otherwise the nearest multiple of the base.
Cell ShownCount(double count, const DisclosureRules& rules) {
  if (std::isnan(count)) return Cell();
  const double rounded =
      std::floor(count / static_cast<double>(rules.rounding_base) + 0.5) * static_cast<double>(rules.rounding_base);
  if (count > 0 && count < static_cast<double>(rules.small_count_max) + 0.5) return std::string("*");
  return static_cast<std::int64_t>(rounded);
}

double CountOf(const Cell& cell) {
  if (const auto* integer = std::get_if<std::int64_t>(&cell)) return static_cast<double>(*integer);
  if (const auto* real = std::get_if<double>(&cell)) return *real;
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

Status DisclosureRules::Validate() const {
  if (min_respondents < 0) return Status::InvalidArgument("the respondent threshold {} is negative", min_respondents);
  if (small_count_max < 0) return Status::InvalidArgument("the small-count threshold {} is negative", small_count_max);
  if (rounding_base < 1) return Status::InvalidArgument("the rounding base {} is below 1", rounding_base);
  return Status::Ok();
}

// Secondary suppression follows the usual hypercube-free heuristic for small tables: per line, while exactly one
// cell with respondents is hidden, hide the line's smallest visible cell with respondents; repeat over all
// dimensions until nothing changes (a fixed point, so lines in every direction are protected).
Result<core::Table> ApplyDisclosureControl(const core::Table& table, const DisclosureLayout& layout,
                                           const DisclosureRules& rules) {
  NRS_RETURN_IF_ERROR(rules.Validate());
  std::vector<int> dims;
  for (const std::string& name : layout.dimensions) {
    NRS_ASSIGN_OR_RETURN(const int at, Column(table, name));
    dims.push_back(at);
  }
  NRS_ASSIGN_OR_RETURN(const int respondents, Column(table, layout.respondents));
  std::vector<int> counts = {respondents};
  for (const std::string& name : layout.counts) {
    NRS_ASSIGN_OR_RETURN(const int at, Column(table, name));
    counts.push_back(at);
  }
  std::vector<int> values;
  for (const std::string& name : layout.values) {
    NRS_ASSIGN_OR_RETURN(const int at, Column(table, name));
    values.push_back(at);
  }
  int flag = -1;
  if (!layout.flag.empty()) {
    NRS_ASSIGN_OR_RETURN(flag, Column(table, layout.flag));
  }
  int derived = -1;
  if (!layout.derived_column.empty()) {
    NRS_ASSIGN_OR_RETURN(derived, Column(table, layout.derived_column));
  }

  const std::size_t rows = table.size();
  std::vector<double> n(rows);
  std::vector<bool> is_derived(rows, false);
  for (std::size_t r = 0; r < rows; ++r) {
    const Cell& cell = table.rows()[r][static_cast<std::size_t>(respondents)];
    if (!std::holds_alternative<std::int64_t>(cell)) {
      return Status::InvalidArgument("disclosure control: row {} has no respondent count", r + 1);
    }
    n[r] = static_cast<double>(std::get<std::int64_t>(cell));
    if (derived >= 0) {
      const std::string key = CellKey(table.rows()[r][static_cast<std::size_t>(derived)]);
      is_derived[r] =
          std::find(layout.derived_values.begin(), layout.derived_values.end(), key) != layout.derived_values.end();
    }
  }
  enum class Hidden { kNo, kPrimary, kSecondary };
  std::vector<Hidden> hidden(rows, Hidden::kNo);
  for (std::size_t r = 0; r < rows; ++r) {
    if (n[r] < static_cast<double>(rules.min_respondents)) hidden[r] = Hidden::kPrimary;
  }
  if (rules.secondary_suppression && !dims.empty()) {
    bool changed = true;
    while (changed) {
      changed = false;
      for (std::size_t d = 0; d < dims.size(); ++d) {
        std::map<std::vector<std::string>, std::vector<std::size_t>> lines;
        for (std::size_t r = 0; r < rows; ++r) {
          if (is_derived[r]) continue;
          std::vector<std::string> key;
          for (std::size_t e = 0; e < dims.size(); ++e) {
            if (e != d) key.push_back(CellKey(table.rows()[r][static_cast<std::size_t>(dims[e])]));
          }
          lines[key].push_back(r);
        }
        for (const auto& [key, members] : lines) {
          std::size_t hidden_with_respondents = 0;
          std::size_t smallest = rows;
          for (const std::size_t r : members) {
            if (n[r] <= 0) continue;
            if (hidden[r] != Hidden::kNo) {
              ++hidden_with_respondents;
            } else if (smallest == rows || n[r] < n[smallest]) {
              smallest = r;
            }
          }
          if (hidden_with_respondents == 1 && smallest != rows) {
            hidden[smallest] = Hidden::kSecondary;
            changed = true;
          }
        }
      }
    }
  }
  const bool any_hidden = std::any_of(hidden.begin(), hidden.end(), [](Hidden h) { return h != Hidden::kNo; });
  for (std::size_t r = 0; r < rows; ++r) {
    if (is_derived[r] && any_hidden && hidden[r] == Hidden::kNo) hidden[r] = Hidden::kSecondary;
  }

  core::Table out(table.columns());
  for (std::size_t r = 0; r < rows; ++r) {
    std::vector<Cell> row = table.rows()[r];
    for (const int c : counts)
      row[static_cast<std::size_t>(c)] = ShownCount(CountOf(row[static_cast<std::size_t>(c)]), rules);
    if (hidden[r] != Hidden::kNo) {
      for (const int c : values) row[static_cast<std::size_t>(c)] = Cell();
      if (flag >= 0) {
        const std::string mark = hidden[r] == Hidden::kPrimary ? "suppressed" : "suppressed_secondary";
        Cell& f = row[static_cast<std::size_t>(flag)];
        const std::string before = CellKey(f);
        std::string text = mark;
        if (!before.empty()) text.append(";").append(before);
        f = std::move(text);
      }
    }
    out.AddRow(std::move(row));
  }
  return out;
}

}  // namespace nrs::survey
