#pragma once

// The database schema, as an ordered list of migrations compiled into the program. Opening a database
// applies the migrations it has not seen yet, each in its own transaction; a database whose version is
// higher than the last migration here was written by a newer NRS and is refused untouched.

#include <span>
#include <string_view>

namespace nrs::store {

struct Migration {
  int version;                   // 1, 2, 3 … without gaps
  std::string_view description;  // one line, shown by `nrs info`
  std::string_view sqlite_sql;   // statements separated by ';'
};

std::span<const Migration> Migrations();

// The version a database has after all migrations: Migrations().back().version.
int LatestSchemaVersion();

// SQLite's application_id of an NRS database ("NRS1"), so that other SQLite files are told apart.
inline constexpr int kApplicationId = 0x4E525331;

}  // namespace nrs::store
