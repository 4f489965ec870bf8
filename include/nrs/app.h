#pragma once

// The NRS facade: the use cases that the command line, the server and the end-to-end tests call. Each takes
// an options struct (defaults filled in, checked by Validate()) and returns a Result; none prints.
//
//   NRS_ASSIGN_OR_RETURN(auto app, nrs::App::Open({.db_path = "nrs.db"}));
//   NRS_ASSIGN_OR_RETURN(nrs::DatabaseInfo info, app->Info({}));

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/progress.h"
#include "core/table.h"
#include "nrs/result.h"

namespace nrs {

namespace store {
class Store;
}

// The program's version, e.g. "0.1.0".
std::string_view Version();
// "nrs 0.1.0 (database schema 1, SQLite 3.40.1)".
std::string VersionBanner();

// Who asks for a change: recorded with it in the audit trail (include/nrs/audit.h).
struct Actor {
  std::int64_t user_id = 0;  // the signed-in user; 0 for the command line
  std::string name;          // the username, or "command line (NAME)" for the operating-system user NAME
  std::string via = "cli";   // "cli" or "api"
  std::string address;       // the client's address, for requests to the server

  // The person running this process at the command line.
  static Actor CommandLine();
};

struct InitOptions {
  std::string db_path;
  // Load the bundled demonstration data (real public data about the Neighbourhoods for Learning).
  bool demo = false;
  // Replace a database that already exists at db_path.
  bool force = false;
  Actor actor = Actor::CommandLine();
  core::Progress* progress = &core::NoProgress();
  const core::Clock* clock = &core::SystemClock();

  Status Validate() const;
};

struct InitReport {
  std::string db_path;
  int schema_version = 0;
  bool demo = false;
  std::int64_t datasets = 0;
};

// Creates a database at db_path. It is built in a temporary file beside the target and moved into place only
// when complete, so a failure leaves nothing behind and never damages an existing database.
// Errors: kAlreadyExists (a file is there and !force), kInvalidArgument, kIoError, and those of the demo load.
Result<InitReport> CreateDatabase(const InitOptions& options);

struct AppOptions {
  std::string db_path;
  const core::Clock* clock = &core::SystemClock();

  Status Validate() const;
};

struct InfoOptions {
  // Also run the full consistency check of the database (reads every page).
  bool check = false;
};

struct DatabaseInfo {
  std::string db_path;
  std::string engine;
  std::string engine_version;
  std::string journal_mode;
  int schema_version = 0;
  int latest_schema_version = 0;
  std::int64_t size_bytes = 0;
  std::string created_at;
  std::string created_by;
  bool demo = false;
  struct TableRows {
    std::string table;
    std::int64_t rows = 0;
  };
  std::vector<TableRows> tables;
  struct Dataset {
    std::string name, kind, source, publisher, licence, imported_at;
    std::int64_t rows = 0;
  };
  std::vector<Dataset> datasets;
  // Set when InfoOptions::check: "ok" or the problems found.
  std::string check;
};

// One open NRS database and the use cases over it. Thread-compatible: the store serialises its own access.
class App {
 public:
  // Opens an existing database, applying pending schema migrations.
  // Errors: kNotFound, kDatabaseCorrupt, kSchemaTooNew, kIoError, kUnavailable.
  static Result<std::unique_ptr<App>> Open(const AppOptions& options);

  App(std::unique_ptr<store::Store> store, AppOptions options);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // What the database holds.
  Result<DatabaseInfo> Info(const InfoOptions& options) const;

  // Changes whenever anything is committed to the database (by this program or another process); results
  // computed from the data may be cached under it.
  std::uint64_t DataVersion() const;

  // For the use cases in src/app (declared in the other facade headers): the store and the clock.
  store::Store& store() const { return *store_; }
  const core::Clock& clock() const { return *options_.clock; }

 private:
  std::unique_ptr<store::Store> store_;
  AppOptions options_;
};

// The rows of `nrs info`: one (item, value) pair per line.
core::Table InfoTable(const DatabaseInfo& info);

// The error table (code, wire name, HTTP status, exit code, description), as `nrs errors` prints it.
core::Table ErrorTable();

}  // namespace nrs
