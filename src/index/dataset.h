#pragma once

// The data a framework is built on: one row per unit (or per unit and time for panel data), numeric columns
// with NaN for a missing value, and text columns that group units (e.g. a region or an income group).

#include <string>
#include <string_view>
#include <vector>

namespace nrs::index {

struct Dataset {
  std::vector<std::string> units;  // unit code per row
  std::vector<std::string> names;  // unit name per row ("" when none)
  std::vector<double> times;       // per row for panel data (empty: one row per unit)
  std::vector<std::string> group_names;
  std::vector<std::vector<std::string>> groups;  // per group column, per row
  std::vector<std::string> column_names;
  std::vector<std::vector<double>> columns;  // per numeric column, per row (NaN = missing)

  std::size_t rows() const { return units.size(); }
  // Index of the numeric column / group column of that name, or −1.
  int Column(std::string_view name) const;
  int Group(std::string_view name) const;
};

}  // namespace nrs::index
