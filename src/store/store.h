#pragma once

// The Store: where everything NRS knows is kept. One interface over the database engines — SQLite (default,
// one file), SQLite in memory (tests), PostgreSQL later — so the same repositories and the same tests run on
// each. Writes happen only inside Write(), as one transaction: all of it is stored or none of it is.
//
//   NRS_RETURN_IF_ERROR(store.Write([&](Transaction& tx) -> Status {
//     NRS_ASSIGN_OR_RETURN(Statement* insert, tx.Prepare("INSERT INTO t(a, b) VALUES (?, ?)"));
//     for (const auto& row : rows) NRS_RETURN_IF_ERROR(insert->Execute({row.a, row.b}));
//     return Status::Ok();
//   }));

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "nrs/result.h"

namespace nrs::store {

// Bytes bound as a BLOB (rather than TEXT), e.g. a geometry as WKB.
struct Blob {
  std::string_view bytes;
};

// A value bound to a `?` placeholder. Holds a view: the bound text must outlive the call.
class Param {
 public:
  using Value = std::variant<std::monostate, std::int64_t, double, std::string_view, Blob>;
  // NOLINTBEGIN(google-explicit-constructor): implicit so that Execute({id, name, value}) reads naturally.
  Param(std::nullopt_t) {}
  Param(int v) : value_(std::int64_t{v}) {}
  Param(std::int64_t v) : value_(v) {}
  Param(double v) : value_(v) {}
  Param(bool v) : value_(std::int64_t{v ? 1 : 0}) {}
  Param(std::string_view v) : value_(v) {}
  Param(const char* v) : value_(std::string_view(v)) {}
  Param(const std::string& v) : value_(std::string_view(v)) {}
  Param(Blob v) : value_(v) {}
  template <typename T>
  Param(const std::optional<T>& v) : Param(v ? Param(*v) : Param(std::nullopt)) {}
  // NOLINTEND(google-explicit-constructor)
  const Value& value() const { return value_; }

 private:
  Value value_;
};

// The current row of a query; valid only during the callback. Columns are 0-based.
class Row {
 public:
  virtual ~Row() = default;
  virtual int size() const = 0;
  virtual bool IsNull(int column) const = 0;
  virtual std::int64_t Int(int column) const = 0;
  virtual double Real(int column) const = 0;
  // Text or BLOB bytes.
  virtual std::string_view Text(int column) const = 0;
  std::optional<double> OptionalReal(int column) const {
    return IsNull(column) ? std::nullopt : std::optional<double>(Real(column));
  }
};

// Called once per row; returning an error stops the query and becomes its result.
using RowFn = std::function<Status(const Row&)>;

// A prepared statement, reusable for the life of its transaction.
class Statement {
 public:
  virtual ~Statement() = default;
  // Binds `params` to the placeholders in order and runs the statement to completion (INSERT, UPDATE …).
  virtual Status Execute(std::span<const Param> params) = 0;
  // Binds `params` and calls `on_row` for each row of the result.
  virtual Status Query(std::span<const Param> params, const RowFn& on_row) = 0;
  // Rows changed by the last Execute.
  virtual std::int64_t changes() const = 0;

  Status Execute(std::initializer_list<Param> params) { return Execute(std::span(params.begin(), params.size())); }
  Status Query(std::initializer_list<Param> params, const RowFn& on_row) {
    return Query(std::span(params.begin(), params.size()), on_row);
  }
};

class Transaction {
 public:
  virtual ~Transaction() = default;
  // A statement for `sql` (placeholders `?`), prepared once and cached by its text.
  virtual Result<Statement*> Prepare(std::string_view sql) = 0;
  // The id of the row inserted last through this transaction's connection.
  virtual std::int64_t LastInsertId() const = 0;
  // Names of the tables that hold NRS data, sorted.
  virtual Result<std::vector<std::string>> TableNames() = 0;
  virtual bool writable() const = 0;

  // Conveniences over Prepare.
  Status Execute(std::string_view sql, std::initializer_list<Param> params = {});
  Status Query(std::string_view sql, std::initializer_list<Param> params, const RowFn& on_row);
  // The first column of the first row, or nullopt when there is no row.
  Result<std::optional<std::int64_t>> QueryInt(std::string_view sql, std::initializer_list<Param> params = {});
};

using WorkFn = std::function<Status(Transaction&)>;

struct StoreInfo {
  std::string engine;          // "sqlite"
  std::string engine_version;  // "3.40.1"
  std::string location;        // file path, or ":memory:"
  int schema_version = 0;
  std::string journal_mode;  // "wal" for a file database
};

class Store {
 public:
  virtual ~Store() = default;
  // Runs `work` in one write transaction. Commits when `work` returns OK; otherwise rolls back, leaving the
  // store exactly as before, and returns `work`'s error. Writers are serialised; Write must not nest.
  virtual Status Write(const WorkFn& work) = 0;
  // Runs `work` on one consistent snapshot. Statements that would write fail with kInternal.
  // Reads may run in parallel with each other and with a write (engines that allow it).
  virtual Status Read(const WorkFn& work) const = 0;
  // A number that changes whenever a write is committed — by this store or, for a file database, by another
  // process — and stays the same otherwise: results computed from the data can be cached under it.
  virtual std::uint64_t DataVersion() const = 0;
  virtual StoreInfo Info() const = 0;
  // Runs the engine's full consistency check (every page, index and foreign key). OK or kDatabaseCorrupt
  // listing what is wrong.
  virtual Status Check() const = 0;
};

}  // namespace nrs::store
