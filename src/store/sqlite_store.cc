#include "store/sqlite_store.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <array>
#include <atomic>
#include <cassert>
#include <cstring>
#include <fstream>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "core/log.h"
#include "store/schema.h"

namespace nrs::store {
namespace {

constexpr std::string_view kMemory = ":memory:";

// Maps an SQLite result code to the error table. Constraint failures mean the caller's validation missed
// something; they are still reported as the user-facing condition they are.
Status SqliteError(sqlite3* db, int rc, std::string_view what) {
  const char* detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const std::string message = fmt::format("{}: {}", what, detail);
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return {ErrorCode::kAlreadyExists, message};
      }
      return {ErrorCode::kConflict, message};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return {ErrorCode::kUnavailable, message};
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return {ErrorCode::kDatabaseCorrupt, message};
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return {ErrorCode::kIoError, message};
    case SQLITE_INTERRUPT:
      return {ErrorCode::kCancelled, message};
    default:
      return {ErrorCode::kInternal, message};
  }
}

class SqliteRow final : public Row {
 public:
  explicit SqliteRow(sqlite3_stmt* stmt) : stmt_(stmt) {}
  int size() const override { return sqlite3_column_count(stmt_); }
  bool IsNull(int column) const override { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::int64_t Int(int column) const override { return sqlite3_column_int64(stmt_, column); }
  double Real(int column) const override { return sqlite3_column_double(stmt_, column); }
  std::string_view Text(int column) const override {
    if (sqlite3_column_type(stmt_, column) == SQLITE_BLOB) {
      const auto* blob = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
      return {blob, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
    }
    const auto* text = sqlite3_column_text(stmt_, column);
    if (text == nullptr) return {};
    return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
  }

 private:
  sqlite3_stmt* stmt_;
};

class SqliteStatement final : public Statement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt, const bool* in_write)
      : db_(db), stmt_(stmt), in_write_(in_write), read_only_(sqlite3_stmt_readonly(stmt) != 0) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  Status Execute(std::span<const Param> params) override {
    return Run(params, [](const Row&) { return Status::Ok(); });
  }
  Status Query(std::span<const Param> params, const RowFn& on_row) override { return Run(params, on_row); }
  std::int64_t changes() const override { return changes_; }

 private:
  Status Run(std::span<const Param> params, const RowFn& on_row) {
    if (!read_only_ && !*in_write_) {
      return Status::Internal("a statement that writes ran in a read transaction: {}", sqlite3_sql(stmt_));
    }
    NRS_RETURN_IF_ERROR(Bind(params));
    // Reset whatever happens, so the statement is ready for its next use and holds no read lock.
    struct ResetOnExit {
      sqlite3_stmt* stmt;
      ~ResetOnExit() {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
      }
    } reset{stmt_};
    SqliteRow row(stmt_);
    while (true) {
      const int rc = sqlite3_step(stmt_);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return SqliteError(db_, rc, "query failed");
      NRS_RETURN_IF_ERROR(on_row(row));
    }
    changes_ = sqlite3_changes64(db_);
    return Status::Ok();
  }

  Status Bind(std::span<const Param> params) {
    const int expected = sqlite3_bind_parameter_count(stmt_);
    if (static_cast<int>(params.size()) != expected) {
      return Status::Internal("statement expects {} parameters, got {}: {}", expected, params.size(),
                              sqlite3_sql(stmt_));
    }
    for (int i = 0; i < expected; ++i) {
      const Param::Value& v = params[static_cast<std::size_t>(i)].value();
      int rc = SQLITE_OK;
      if (const auto* n = std::get_if<std::int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt_, i + 1, *n);
      } else if (const auto* d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt_, i + 1, *d);
      } else if (const auto* s = std::get_if<std::string_view>(&v)) {
        // The view is valid for the duration of the call (see Param), so SQLite need not copy it.
        rc = sqlite3_bind_text64(stmt_, i + 1, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
      } else if (const auto* b = std::get_if<Blob>(&v)) {
        rc = sqlite3_bind_blob64(stmt_, i + 1, b->bytes.data(), b->bytes.size(), SQLITE_STATIC);
      } else {
        rc = sqlite3_bind_null(stmt_, i + 1);
      }
      if (rc != SQLITE_OK) return SqliteError(db_, rc, "binding a parameter failed");
    }
    return Status::Ok();
  }

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  const bool* in_write_;
  bool read_only_;
  std::int64_t changes_ = 0;
};

class SqliteStore;

class SqliteTransaction final : public Transaction {
 public:
  SqliteTransaction(SqliteStore& store, bool writable) : store_(store), writable_(writable) {}
  Result<Statement*> Prepare(std::string_view sql) override;
  std::int64_t LastInsertId() const override;
  Result<std::vector<std::string>> TableNames() override;
  bool writable() const override { return writable_; }

 private:
  SqliteStore& store_;
  bool writable_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(sqlite3* db, std::string location) : db_(db), location_(std::move(location)) {}
  ~SqliteStore() override {
    statements_.clear();  // finalize before closing
    // Closing the last connection checkpoints the WAL into the main file and removes it.
    sqlite3_close(db_);
  }
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  Status Write(const WorkFn& work) override { return RunTransaction(work, /*writable=*/true); }
  Status Read(const WorkFn& work) const override {
    return const_cast<SqliteStore*>(this)->RunTransaction(work, /*writable=*/false);
  }

  StoreInfo Info() const override {
    std::lock_guard lock(mutex_);
    StoreInfo info;
    info.engine = "sqlite";
    info.engine_version = sqlite3_libversion();
    info.location = location_;
    info.schema_version = PragmaInt("user_version").value_or(0);
    info.journal_mode = PragmaText("journal_mode");
    return info;
  }

  Status Check() const override {
    std::lock_guard lock(mutex_);
    std::vector<Diagnostic> problems;
    NRS_RETURN_IF_ERROR(Collect("PRAGMA integrity_check", [&](sqlite3_stmt* s) {
      const std::string line = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
      if (line != "ok") problems.push_back({location_, 0, "", line});
    }));
    NRS_RETURN_IF_ERROR(Collect("PRAGMA foreign_key_check", [&](sqlite3_stmt* s) {
      problems.push_back({location_, 0, reinterpret_cast<const char*>(sqlite3_column_text(s, 0)),
                          fmt::format("row {} refers to a missing row of {}", sqlite3_column_int64(s, 1),
                                      reinterpret_cast<const char*>(sqlite3_column_text(s, 2)))});
    }));
    if (problems.empty()) return Status::Ok();
    const std::size_t count = problems.size();
    return {ErrorCode::kDatabaseCorrupt, fmt::format("{}: consistency check found {} problems", location_, count),
            std::move(problems), count};
  }

  // Applies the PRAGMAs every connection needs and brings the schema up to date.
  Status Configure(std::chrono::milliseconds busy_timeout, const core::Clock& clock, bool fresh) {
    sqlite3_busy_timeout(db_, static_cast<int>(busy_timeout.count()));
    if (location_ != kMemory) {
      // WAL: readers never block the writer and a crash mid-write leaves the last commit intact.
      // synchronous=NORMAL in WAL mode is durable against process crashes (not against power loss).
      const std::string mode = PragmaText("journal_mode=WAL");
      if (mode != "wal") return Status::IoError("{}: could not switch to WAL journal mode (got '{}')", location_, mode);
    }
    NRS_RETURN_IF_ERROR(Exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"));
    return Migrate(clock, fresh);
  }

  std::optional<int> PragmaInt(std::string_view pragma) const {
    std::optional<int> value;
    const Status s =
        Collect(fmt::format("PRAGMA {}", pragma), [&](sqlite3_stmt* st) { value = sqlite3_column_int(st, 0); });
    return s.ok() ? value : std::nullopt;
  }

  // Runs `sql` (one statement) and calls `on_row` per row; for the pragmas and checks above.
  template <typename Fn>
  Status Collect(const std::string& sql, Fn on_row) const {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, location_);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) on_row(stmt);
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? Status::Ok() : SqliteError(db_, rc, location_);
  }

  Result<Statement*> Prepare(std::string_view sql) {
    auto it = statements_.find(std::string(sql));
    if (it != statements_.end()) return it->second.get();
    sqlite3_stmt* stmt = nullptr;
    const int rc =
        sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, fmt::format("preparing '{}'", sql));
    auto [pos, inserted] =
        statements_.emplace(std::string(sql), std::make_unique<SqliteStatement>(db_, stmt, &in_write_));
    return pos->second.get();
  }

  sqlite3* db() { return db_; }

 private:
  Status RunTransaction(const WorkFn& work, bool writable) {
    // A nested call on the thread that holds the store would wait for itself forever: refuse it instead.
    if (owner_.load() == std::this_thread::get_id()) {
      return Status::Internal("transactions on one store must not nest");
    }
    std::lock_guard lock(mutex_);
    owner_.store(std::this_thread::get_id());
    struct ReleaseOwner {
      std::atomic<std::thread::id>& owner;
      ~ReleaseOwner() { owner.store(std::thread::id()); }
    } release{owner_};
    // IMMEDIATE takes the write lock up front, so a writer never fails half-way on a lock upgrade.
    NRS_RETURN_IF_ERROR(Exec(writable ? "BEGIN IMMEDIATE" : "BEGIN"));
    in_write_ = writable;
    SqliteTransaction tx(*this, writable);
    Status status = work(tx);
    if (status.ok()) status = Exec("COMMIT");
    if (!status.ok() && sqlite3_get_autocommit(db_) == 0) {
      if (const Status rollback = Exec("ROLLBACK"); !rollback.ok()) {
        spdlog::error("rollback failed: {}", rollback.ToString());
      }
    }
    in_write_ = false;
    return status;
  }

  Status Exec(const std::string& sql) const {
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
    if (rc == SQLITE_OK) return Status::Ok();
    Status status = SqliteError(db_, rc, location_);
    sqlite3_free(error);
    return status;
  }

  std::string PragmaText(std::string_view pragma) const {
    std::string value;
    const Status s = Collect(fmt::format("PRAGMA {}", pragma), [&](sqlite3_stmt* st) {
      const auto* text = sqlite3_column_text(st, 0);
      if (text != nullptr) value = reinterpret_cast<const char*>(text);
    });
    return s.ok() ? value : std::string();
  }

  Status Migrate(const core::Clock& clock, bool fresh) {
    const int current = PragmaInt("user_version").value_or(0);
    for (const Migration& m : Migrations()) {
      if (m.version <= current) continue;
      const Status status = RunTransaction(
          [&](Transaction&) -> Status {
            NRS_RETURN_IF_ERROR(Exec(std::string(m.sqlite_sql)));
            NRS_ASSIGN_OR_RETURN(Statement * record,
                                 Prepare("INSERT INTO schema_migrations(version, description, applied_at) "
                                         "VALUES (?, ?, ?)"));
            NRS_RETURN_IF_ERROR(record->Execute({m.version, m.description, core::FormatUtc(clock.Now())}));
            if (fresh) NRS_RETURN_IF_ERROR(Exec(fmt::format("PRAGMA application_id={}", kApplicationId)));
            return Exec(fmt::format("PRAGMA user_version={}", m.version));
          },
          /*writable=*/true);
      if (!status.ok()) return status.WithContext(fmt::format("applying schema migration {}", m.version));
      spdlog::debug("{}: applied schema migration {} ({})", location_, m.version, m.description);
    }
    return Status::Ok();
  }

  sqlite3* db_;
  std::string location_;
  mutable std::mutex mutex_;
  std::atomic<std::thread::id> owner_;
  bool in_write_ = false;
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> statements_;
};

Result<Statement*> SqliteTransaction::Prepare(std::string_view sql) { return store_.Prepare(sql); }

std::int64_t SqliteTransaction::LastInsertId() const { return sqlite3_last_insert_rowid(store_.db()); }

Result<std::vector<std::string>> SqliteTransaction::TableNames() {
  std::vector<std::string> names;
  NRS_RETURN_IF_ERROR(
      Query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name",
            {}, [&](const Row& row) {
              names.emplace_back(row.Text(0));
              return Status::Ok();
            }));
  return names;
}

// What the file at `path` is, found by reading its first bytes without SQLite, so that nothing — not even a
// journal — is written next to a file that is not ours.
enum class FileKind { kMissing, kEmpty, kSqlite };

Result<FileKind> InspectFile(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return FileKind::kMissing;
    return Status::IoError("database '{}': {}", path, std::strerror(errno));
  }
  if (S_ISDIR(st.st_mode)) return Status::InvalidArgument("database '{}' is a directory, not a file", path);
  if (st.st_size == 0) return FileKind::kEmpty;
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("database '{}' cannot be read: {}", path, std::strerror(errno));
  std::array<char, 16> header{};
  in.read(header.data(), header.size());
  constexpr std::string_view kMagic("SQLite format 3\0", 16);
  if (in.gcount() != 16 || std::string_view(header.data(), header.size()) != kMagic) {
    return Status::DatabaseCorrupt("'{}' is not an NRS database (not an SQLite file); it was left unchanged", path);
  }
  return FileKind::kSqlite;
}

// Reads the identity of an existing SQLite file through a read-only connection.
Status CheckIdentity(const std::string& path, bool* fresh) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  struct CloseOnExit {
    sqlite3* db;
    ~CloseOnExit() { sqlite3_close(db); }
  } close{db};
  if (rc != SQLITE_OK) return SqliteError(db, rc, fmt::format("database '{}'", path));
  int application_id = 0;
  int user_version = 0;
  int tables = 0;
  const auto read_int = [&](const char* sql, int* out) -> Status {
    sqlite3_stmt* stmt = nullptr;
    int step = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    if (step == SQLITE_OK) {
      step = sqlite3_step(stmt);
      if (step == SQLITE_ROW) *out = sqlite3_column_int(stmt, 0);
    }
    sqlite3_finalize(stmt);
    if (step == SQLITE_ROW || step == SQLITE_DONE) return Status::Ok();
    return SqliteError(db, step, fmt::format("'{}' cannot be read as an NRS database", path));
  };
  NRS_RETURN_IF_ERROR(read_int("PRAGMA application_id", &application_id));
  NRS_RETURN_IF_ERROR(read_int("PRAGMA user_version", &user_version));
  NRS_RETURN_IF_ERROR(read_int("SELECT count(*) FROM sqlite_schema", &tables));
  if (application_id == 0 && user_version == 0 && tables == 0) {
    *fresh = true;
    return Status::Ok();
  }
  if (application_id != kApplicationId) {
    return Status::DatabaseCorrupt(
        "'{}' is an SQLite database of another program, not an NRS database; it was "
        "left unchanged",
        path);
  }
  if (user_version > LatestSchemaVersion()) {
    return Status::SchemaTooNew(
        "'{}' has schema version {}, newer than this NRS knows ({}); upgrade NRS to "
        "open it (the database was left unchanged)",
        path, user_version, LatestSchemaVersion());
  }
  *fresh = false;
  return Status::Ok();
}

Result<std::unique_ptr<Store>> Open(const std::string& path, int flags, std::chrono::milliseconds busy_timeout,
                                    const core::Clock& clock, bool fresh) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status status = SqliteError(db, rc, fmt::format("database '{}'", path));
    sqlite3_close(db);
    return status;
  }
  sqlite3_extended_result_codes(db, 1);
  auto store = std::make_unique<SqliteStore>(db, path);
  NRS_RETURN_IF_ERROR(store->Configure(busy_timeout, clock, fresh));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace

Status SqliteOptions::Validate() const {
  if (path.empty()) return Status::InvalidArgument("the database path is empty");
  if (clock == nullptr) return Status::InvalidArgument("SqliteOptions.clock is null");
  if (busy_timeout.count() < 0) return Status::InvalidArgument("busy timeout must not be negative");
  return Status::Ok();
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  const std::string& path = options.path;
  if (path == kMemory)
    return Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, options.busy_timeout, *options.clock, /*fresh=*/true);

  NRS_ASSIGN_OR_RETURN(const FileKind kind, InspectFile(path));
  bool fresh = true;
  switch (kind) {
    case FileKind::kMissing:
      if (!options.create_if_missing) return Status::NotFound("database '{}' does not exist", path);
      break;
    case FileKind::kEmpty:
      if (!options.create_if_missing) {
        return Status::DatabaseCorrupt("'{}' is an empty file, not an NRS database; it was left unchanged", path);
      }
      break;
    case FileKind::kSqlite:
      NRS_RETURN_IF_ERROR(CheckIdentity(path, &fresh));
      if (fresh && !options.create_if_missing) {
        return Status::DatabaseCorrupt(
            "'{}' is an empty SQLite database, not an NRS database; it was left "
            "unchanged",
            path);
      }
      break;
  }
  const int flags = SQLITE_OPEN_READWRITE | (options.create_if_missing ? SQLITE_OPEN_CREATE : 0);
  return Open(path, flags, options.busy_timeout, *options.clock, fresh);
}

std::string EngineDescription() { return fmt::format("SQLite {}", sqlite3_libversion()); }

Result<std::unique_ptr<Store>> OpenMemoryStore() {
  SqliteOptions options;
  options.path = std::string(kMemory);
  return OpenSqliteStore(options);
}

}  // namespace nrs::store
