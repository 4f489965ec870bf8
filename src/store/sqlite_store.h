#pragma once

// The SQLite implementation of Store: one database file in WAL mode with foreign keys enforced, or an
// in-memory database for tests. Opening validates the file before anything is written. A file database has
// one writer connection and a small pool of read-only connections: reads run in parallel with each other and
// with the writer, each on the last committed snapshot.

#include <chrono>
#include <memory>
#include <string>

#include "core/clock.h"
#include "store/store.h"

namespace nrs::store {

struct SqliteOptions {
  // A file path, or ":memory:" for a private in-memory database.
  std::string path;
  // Create the file when it does not exist (otherwise kNotFound).
  bool create_if_missing = false;
  // How long a writer waits for another process's lock before kUnavailable.
  std::chrono::milliseconds busy_timeout{5000};
  // Read-only connections a file database opens (as needed) so that reads run in parallel; an in-memory
  // database reads through its one connection.
  int read_connections = 4;
  // Stamps schema_migrations.applied_at; must outlive the store.
  const core::Clock* clock = &core::SystemClock();

  Status Validate() const;
};

// Opens (and, when allowed, creates) the database and applies pending migrations.
// Errors: kNotFound (no such file), kDatabaseCorrupt (not an SQLite file, not an NRS database, damaged),
// kSchemaTooNew (written by a newer NRS), kIoError, kUnavailable (locked). On any error the file is
// unchanged: it is checked read-only before the first write.
Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options);

// "SQLite 3.40.1": the engine this program links.
std::string EngineDescription();

// A fresh in-memory database with the full schema: the same engine and SQL as a file, nothing on disk.
Result<std::unique_ptr<Store>> OpenMemoryStore();

}  // namespace nrs::store
