#include "core/table.h"

#include <cassert>

namespace nrs::core {

std::string_view CellTypeName(CellType type) {
  switch (type) {
    case CellType::kInteger:
      return "integer";
    case CellType::kReal:
      return "real";
    case CellType::kText:
      break;
  }
  return "text";
}

void Table::AddRow(std::vector<Cell> row) {
  assert(row.size() == columns_.size() && "row width must match the columns");
  row.resize(columns_.size());
  rows_.push_back(std::move(row));
}

int Table::ColumnIndex(std::string_view name) const {
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace nrs::core
