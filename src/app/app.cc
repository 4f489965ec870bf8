#include "nrs/app.h"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "app/audit.h"
#include "app/demo.h"
#include "app/version.h"
#include "core/log.h"
#include "store/meta.h"
#include "store/schema.h"
#include "store/sqlite_store.h"

namespace nrs {
namespace {

bool FileExists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

std::int64_t FileSize(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<std::int64_t>(st.st_size) : 0;
}

// Removes `path` if it exists; an error only when it exists and cannot be removed.
Status RemoveIfPresent(const std::string& path) {
  if (std::remove(path.c_str()) == 0 || errno == ENOENT) return Status::Ok();
  return Status::IoError("cannot remove '{}': {}", path, std::strerror(errno));
}

// Removes the temporary database (and its WAL files) unless disarmed.
class TempDatabase {
 public:
  explicit TempDatabase(std::string path) : path_(std::move(path)) {}
  ~TempDatabase() {
    if (armed_) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path_ + suffix).c_str());
    }
  }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;
  const std::string& path() const { return path_; }
  void Disarm() { armed_ = false; }

 private:
  std::string path_;
  bool armed_ = true;
};

}  // namespace

Actor Actor::CommandLine() {
  Actor actor;
  const passwd* entry = ::getpwuid(::geteuid());
  const char* user = std::getenv("USER");
  const std::string name = entry != nullptr ? entry->pw_name : (user != nullptr ? user : "unknown");
  actor.name = fmt::format("command line ({})", name);
  actor.via = "cli";
  return actor;
}

std::string_view Version() { return NRS_VERSION_STRING; }

std::string VersionBanner() {
  return fmt::format("nrs {} (database schema {}, {})", Version(), store::LatestSchemaVersion(),
                     store::EngineDescription());
}

Status InitOptions::Validate() const {
  if (db_path.empty()) return Status::InvalidArgument("the database path is empty");
  if (db_path == ":memory:") return Status::InvalidArgument("init needs a file path, not ':memory:'");
  if (progress == nullptr || clock == nullptr) return Status::InvalidArgument("InitOptions needs progress and clock");
  return Status::Ok();
}

Status AppOptions::Validate() const {
  if (db_path.empty()) return Status::InvalidArgument("the database path is empty");
  if (clock == nullptr) return Status::InvalidArgument("AppOptions.clock is null");
  return Status::Ok();
}

Result<InitReport> CreateDatabase(const InitOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  const std::string& path = options.db_path;
  if (FileExists(path) && !options.force) {
    return Status::AlreadyExists("database '{}' already exists; it was left unchanged", path);
  }
  TempDatabase temp(fmt::format("{}.tmp-{}", path, ::getpid()));
  NRS_RETURN_IF_ERROR(RemoveIfPresent(temp.path()));

  InitReport report;
  report.db_path = path;
  report.demo = options.demo;
  {
    store::SqliteOptions store_options;
    store_options.path = temp.path();
    store_options.create_if_missing = true;
    store_options.clock = options.clock;
    NRS_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, store::OpenSqliteStore(store_options));
    NRS_RETURN_IF_ERROR(store->Write([&](store::Transaction& tx) -> Status {
      NRS_RETURN_IF_ERROR(store::PutMeta(tx, "created_at", core::FormatUtc(options.clock->Now())));
      NRS_RETURN_IF_ERROR(store::PutMeta(tx, "created_by", fmt::format("nrs {}", Version())));
      NRS_RETURN_IF_ERROR(store::PutMeta(tx, "demo", options.demo ? "yes" : "no"));
      if (options.demo) NRS_RETURN_IF_ERROR(app::LoadDemo(tx, *options.progress, *options.clock));
      NRS_RETURN_IF_ERROR(app::RecordAudit(tx, options.actor, *options.clock,
                                           {.action = "database.create",
                                            .target = "database",
                                            .after = nlohmann::ordered_json{{"demo", options.demo}}}));
      NRS_ASSIGN_OR_RETURN(const auto datasets, tx.QueryInt("SELECT count(*) FROM dataset"));
      report.datasets = datasets.value_or(0);
      return Status::Ok();
    }));
    report.schema_version = store->Info().schema_version;
  }  // closing the store checkpoints the WAL: the temporary database is now one self-contained file

  // A WAL file left by the database being replaced would be replayed into the new one: remove it first.
  for (const char* suffix : {"-wal", "-shm"}) NRS_RETURN_IF_ERROR(RemoveIfPresent(path + suffix));
  if (std::rename(temp.path().c_str(), path.c_str()) != 0) {
    return Status::IoError("cannot move the new database into place at '{}': {}", path, std::strerror(errno));
  }
  temp.Disarm();
  spdlog::info("created {} (schema {}{})", path, report.schema_version, options.demo ? ", demo data" : "");
  return report;
}

App::App(std::unique_ptr<store::Store> store, AppOptions options)
    : store_(std::move(store)), options_(std::move(options)) {}

App::~App() = default;

Result<std::unique_ptr<App>> App::Open(const AppOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  store::SqliteOptions store_options;
  store_options.path = options.db_path;
  store_options.clock = options.clock;
  NRS_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, store::OpenSqliteStore(store_options));
  return std::make_unique<App>(std::move(store), options);
}

std::uint64_t App::DataVersion() const { return store_->DataVersion(); }

Result<DatabaseInfo> App::Info(const InfoOptions& options) const {
  const store::StoreInfo store_info = store_->Info();
  DatabaseInfo info;
  info.db_path = store_info.location;
  info.engine = store_info.engine;
  info.engine_version = store_info.engine_version;
  info.journal_mode = store_info.journal_mode;
  info.schema_version = store_info.schema_version;
  info.latest_schema_version = store::LatestSchemaVersion();
  info.size_bytes = FileSize(store_info.location);
  NRS_RETURN_IF_ERROR(store_->Read([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const auto created_at, store::GetMeta(tx, "created_at"));
    NRS_ASSIGN_OR_RETURN(const auto created_by, store::GetMeta(tx, "created_by"));
    NRS_ASSIGN_OR_RETURN(const auto demo, store::GetMeta(tx, "demo"));
    info.created_at = created_at.value_or("");
    info.created_by = created_by.value_or("");
    info.demo = demo.value_or("no") == "yes";
    NRS_ASSIGN_OR_RETURN(const std::vector<std::string> tables, tx.TableNames());
    for (const std::string& table : tables) {
      // Table names come from the database's own catalogue, not from the user.
      NRS_ASSIGN_OR_RETURN(const auto rows, tx.QueryInt(fmt::format("SELECT count(*) FROM \"{}\"", table)));
      info.tables.push_back({table, rows.value_or(0)});
    }
    NRS_ASSIGN_OR_RETURN(const std::vector<store::DatasetRecord> datasets, store::ListDatasets(tx));
    for (const store::DatasetRecord& d : datasets) {
      info.datasets.push_back({d.name, d.kind, d.source, d.publisher, d.licence, d.imported_at, d.rows});
    }
    return Status::Ok();
  }));
  if (options.check) {
    const Status check = store_->Check();
    info.check = check.ok() ? "ok" : check.ToString();
  }
  return info;
}

core::Table InfoTable(const DatabaseInfo& info) {
  core::Table table({{"item", core::CellType::kText}, {"value", core::CellType::kText}});
  const auto add = [&](std::string item, std::string value) { table.AddRow({std::move(item), std::move(value)}); };
  add("database", info.db_path);
  add("engine", fmt::format("{} {}", info.engine, info.engine_version));
  add("journal_mode", info.journal_mode);
  add("schema_version", fmt::format("{} (this program: {})", info.schema_version, info.latest_schema_version));
  add("size_bytes", fmt::format("{}", info.size_bytes));
  add("created_at", info.created_at);
  add("created_by", info.created_by);
  add("demo", info.demo ? "yes" : "no");
  for (const auto& t : info.tables) add("rows." + t.table, fmt::format("{}", t.rows));
  for (const auto& d : info.datasets) {
    add("dataset." + d.name, fmt::format("{} rows of {} from {} ({}; {}), loaded {}", d.rows, d.kind, d.source,
                                         d.publisher, d.licence, d.imported_at));
  }
  if (!info.check.empty()) add("check", info.check);
  return table;
}

core::Table ErrorTable() {
  core::Table table({{"code", core::CellType::kText},
                     {"http_status", core::CellType::kInteger},
                     {"exit_code", core::CellType::kInteger},
                     {"description", core::CellType::kText}});
  for (const ErrorInfo& e : kErrorTable) {
    table.AddRow(
        {std::string(e.wire_name), std::int64_t{e.http_status}, std::int64_t{e.exit_code}, std::string(e.description)});
  }
  return table;
}

}  // namespace nrs
