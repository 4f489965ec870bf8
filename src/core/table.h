#pragma once

// Table: named, typed columns and rows of cells — what a command prints and what the server returns as
// rows. Use cases build a Table; io/table_writer.h renders it as an aligned text table, CSV or JSON.

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace nrs::core {

// Missing (std::monostate), integer, real or text. A real that is NaN is written as missing.
using Cell = std::variant<std::monostate, std::int64_t, double, std::string>;

enum class CellType { kText, kInteger, kReal };

// "text", "integer" or "real": how a column's type is named in JSON replies and their schemas.
std::string_view CellTypeName(CellType type);

struct TableColumn {
  std::string name;
  CellType type = CellType::kText;
  // For the aligned text table only: decimals to show for reals (-1 = shortest exact form). CSV and JSON
  // always carry the shortest form that reads back to the same double.
  int decimals = -1;
};

class Table {
 public:
  Table() = default;
  explicit Table(std::vector<TableColumn> columns) : columns_(std::move(columns)) {}

  const std::vector<TableColumn>& columns() const { return columns_; }
  const std::vector<std::vector<Cell>>& rows() const { return rows_; }
  std::size_t size() const { return rows_.size(); }

  // Precondition: row.size() == columns().size().
  void AddRow(std::vector<Cell> row);

  // Index of the column named `name`, or -1.
  int ColumnIndex(std::string_view name) const;

 private:
  std::vector<TableColumn> columns_;
  std::vector<std::vector<Cell>> rows_;
};

}  // namespace nrs::core
