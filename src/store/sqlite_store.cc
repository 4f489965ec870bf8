#include "store/sqlite_store.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cassert>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <mutex>
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
        // An empty view may have no data at all; SQLite would bind that as NULL rather than as ''.
        rc = sqlite3_bind_text64(stmt_, i + 1, s->data() != nullptr ? s->data() : "", s->size(), SQLITE_STATIC,
                                 SQLITE_UTF8);
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

// One SQLite connection with its cache of prepared statements. Used by one thread at a time: the writer
// behind the store's write mutex, a reader while it is checked out of the pool.
class Connection {
 public:
  Connection(sqlite3* db, std::string location) : db_(db), location_(std::move(location)) {}
  ~Connection() {
    statements_.clear();  // finalize before closing
    sqlite3_close(db_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* db() const { return db_; }
  const std::string& location() const { return location_; }

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

  Status Exec(const std::string& sql) const {
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
    if (rc == SQLITE_OK) return Status::Ok();
    Status status = SqliteError(db_, rc, location_);
    sqlite3_free(error);
    return status;
  }

  // Runs `sql` (one statement) and calls `on_row` per row; for pragmas and checks.
  template <typename Fn>
  Status Collect(const std::string& sql, Fn on_row) const {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, location_);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) on_row(stmt);
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? Status::Ok() : SqliteError(db_, rc, location_);
  }

  std::optional<std::int64_t> PragmaInt(std::string_view pragma) const {
    std::optional<std::int64_t> value;
    const Status s =
        Collect(fmt::format("PRAGMA {}", pragma), [&](sqlite3_stmt* st) { value = sqlite3_column_int64(st, 0); });
    return s.ok() ? value : std::nullopt;
  }

  std::string PragmaText(std::string_view pragma) const {
    std::string value;
    const Status s = Collect(fmt::format("PRAGMA {}", pragma), [&](sqlite3_stmt* st) {
      const auto* text = sqlite3_column_text(st, 0);
      if (text != nullptr) value = reinterpret_cast<const char*>(text);
    });
    return s.ok() ? value : std::string();
  }

  // Runs `work` in one transaction on this connection: commits when it returns OK, otherwise rolls back.
  Status RunTransaction(const WorkFn& work, bool writable);

 private:
  sqlite3* db_;
  std::string location_;
  bool in_write_ = false;
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> statements_;
};

class SqliteTransaction final : public Transaction {
 public:
  SqliteTransaction(Connection& connection, bool writable) : connection_(connection), writable_(writable) {}
  Result<Statement*> Prepare(std::string_view sql) override { return connection_.Prepare(sql); }
  std::int64_t LastInsertId() const override { return sqlite3_last_insert_rowid(connection_.db()); }
  Result<std::vector<std::string>> TableNames() override;
  bool writable() const override { return writable_; }

 private:
  Connection& connection_;
  bool writable_;
};

Status Connection::RunTransaction(const WorkFn& work, bool writable) {
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

// The stores whose transaction the current thread is inside: a nested transaction on the same store would
// wait for itself (the writer) or see a snapshot other than its caller's (a reader), so it is refused.
thread_local std::vector<const void*> active_stores;

class ActiveGuard {
 public:
  explicit ActiveGuard(const void* store) : store_(store) { active_stores.push_back(store); }
  ~ActiveGuard() { active_stores.erase(std::find(active_stores.begin(), active_stores.end(), store_)); }
  ActiveGuard(const ActiveGuard&) = delete;
  ActiveGuard& operator=(const ActiveGuard&) = delete;
  static bool Active(const void* store) {
    return std::find(active_stores.begin(), active_stores.end(), store) != active_stores.end();
  }

 private:
  const void* store_;
};

// A read-only connection to `path` (the writer has already created the file and put it in WAL mode).
Result<std::unique_ptr<Connection>> OpenReader(const std::string& path, std::chrono::milliseconds busy_timeout) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status status = SqliteError(db, rc, fmt::format("database '{}'", path));
    sqlite3_close(db);
    return status;
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, static_cast<int>(busy_timeout.count()));
  auto reader = std::make_unique<Connection>(db, path);
  // The same settings as the writer, so that a read sees the database exactly as a write would.
  NRS_RETURN_IF_ERROR(reader->Exec("PRAGMA foreign_keys=ON;"));
  return reader;
}

// One writer connection; for a file database also a pool of read-only connections, opened as needed up to a
// limit, so that reads run in parallel with each other and with the writer (WAL gives each reader the last
// committed snapshot). An in-memory database is private to its connection, so it has the writer only and
// reads take turns with writes.
class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<Connection> writer, int max_readers, std::chrono::milliseconds busy_timeout)
      : writer_(std::move(writer)),
        max_readers_(writer_->location() == kMemory ? 0 : max_readers),
        busy_timeout_(busy_timeout) {}
  ~SqliteStore() override {
    // Readers first: closing the last connection (the writer) checkpoints the WAL into the main file and
    // removes it.
    idle_readers_.clear();
    version_reader_.reset();
  }
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  Status Write(const WorkFn& work) override {
    if (ActiveGuard::Active(this)) return Status::Internal("transactions on one store must not nest");
    std::lock_guard lock(writer_mutex_);
    ActiveGuard active(this);
    Status status = writer_->RunTransaction(work, /*writable=*/true);
    if (max_readers_ == 0 && status.ok()) local_version_.fetch_add(1);
    return status;
  }

  Status Read(const WorkFn& work) const override {
    if (ActiveGuard::Active(this)) return Status::Internal("transactions on one store must not nest");
    if (max_readers_ == 0) {
      std::lock_guard lock(writer_mutex_);
      ActiveGuard active(this);
      return writer_->RunTransaction(work, /*writable=*/false);
    }
    NRS_ASSIGN_OR_RETURN(std::unique_ptr<Connection> reader, CheckOutReader());
    Status status;
    {
      ActiveGuard active(this);
      status = reader->RunTransaction(work, /*writable=*/false);
    }
    CheckIn(std::move(reader));
    return status;
  }

  std::uint64_t DataVersion() const override {
    if (max_readers_ == 0) return local_version_.load();
    // PRAGMA data_version on a connection that never writes changes whenever any other connection — this
    // store's writer or another process — commits.
    std::lock_guard lock(version_mutex_);
    if (version_reader_ == nullptr) {
      auto reader = OpenReader(writer_->location(), busy_timeout_);
      if (!reader.ok()) return 0;
      version_reader_ = std::move(reader).value();
    }
    return static_cast<std::uint64_t>(version_reader_->PragmaInt("data_version").value_or(0));
  }

  StoreInfo Info() const override {
    std::lock_guard lock(writer_mutex_);
    StoreInfo info;
    info.engine = "sqlite";
    info.engine_version = sqlite3_libversion();
    info.location = writer_->location();
    info.schema_version = static_cast<int>(writer_->PragmaInt("user_version").value_or(0));
    info.journal_mode = writer_->PragmaText("journal_mode");
    return info;
  }

  Status Check() const override {
    std::lock_guard lock(writer_mutex_);
    const std::string& location = writer_->location();
    std::vector<Diagnostic> problems;
    NRS_RETURN_IF_ERROR(writer_->Collect("PRAGMA integrity_check", [&](sqlite3_stmt* s) {
      const std::string line = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
      if (line != "ok") problems.push_back({location, 0, "", line});
    }));
    NRS_RETURN_IF_ERROR(writer_->Collect("PRAGMA foreign_key_check", [&](sqlite3_stmt* s) {
      problems.push_back({location, 0, reinterpret_cast<const char*>(sqlite3_column_text(s, 0)),
                          fmt::format("row {} refers to a missing row of {}", sqlite3_column_int64(s, 1),
                                      reinterpret_cast<const char*>(sqlite3_column_text(s, 2)))});
    }));
    if (problems.empty()) return Status::Ok();
    const std::size_t count = problems.size();
    return {ErrorCode::kDatabaseCorrupt, fmt::format("{}: consistency check found {} problems", location, count),
            std::move(problems), count};
  }

  // Applies the PRAGMAs every connection needs and brings the schema up to date.
  Status Configure(const core::Clock& clock, bool fresh) {
    sqlite3_busy_timeout(writer_->db(), static_cast<int>(busy_timeout_.count()));
    if (writer_->location() != kMemory) {
      // WAL: readers never block the writer and a crash mid-write leaves the last commit intact.
      // synchronous=NORMAL in WAL mode is durable against process crashes (not against power loss).
      const std::string mode = writer_->PragmaText("journal_mode=WAL");
      if (mode != "wal") {
        return Status::IoError("{}: could not switch to WAL journal mode (got '{}')", writer_->location(), mode);
      }
    }
    NRS_RETURN_IF_ERROR(writer_->Exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"));
    return Migrate(clock, fresh);
  }

 private:
  Result<std::unique_ptr<Connection>> CheckOutReader() const {
    std::unique_lock lock(pool_mutex_);
    pool_changed_.wait(lock, [&] { return !idle_readers_.empty() || open_readers_ < max_readers_; });
    if (!idle_readers_.empty()) {
      std::unique_ptr<Connection> reader = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return reader;
    }
    ++open_readers_;
    lock.unlock();
    auto reader = OpenReader(writer_->location(), busy_timeout_);
    if (!reader.ok()) {
      lock.lock();
      --open_readers_;
      pool_changed_.notify_one();
    }
    return reader;
  }

  void CheckIn(std::unique_ptr<Connection> reader) const {
    {
      std::lock_guard lock(pool_mutex_);
      idle_readers_.push_back(std::move(reader));
    }
    pool_changed_.notify_one();
  }

  Status Migrate(const core::Clock& clock, bool fresh) {
    const std::int64_t current = writer_->PragmaInt("user_version").value_or(0);
    for (const Migration& m : Migrations()) {
      if (m.version <= current) continue;
      const Status status = writer_->RunTransaction(
          [&](Transaction& tx) -> Status {
            NRS_RETURN_IF_ERROR(writer_->Exec(std::string(m.sqlite_sql)));
            NRS_RETURN_IF_ERROR(
                tx.Execute("INSERT INTO schema_migrations(version, description, applied_at) "
                           "VALUES (?, ?, ?)",
                           {m.version, m.description, core::FormatUtc(clock.Now())}));
            if (fresh) NRS_RETURN_IF_ERROR(writer_->Exec(fmt::format("PRAGMA application_id={}", kApplicationId)));
            return writer_->Exec(fmt::format("PRAGMA user_version={}", m.version));
          },
          /*writable=*/true);
      if (!status.ok()) return status.WithContext(fmt::format("applying schema migration {}", m.version));
      spdlog::debug("{}: applied schema migration {} ({})", writer_->location(), m.version, m.description);
    }
    return Status::Ok();
  }

  std::unique_ptr<Connection> writer_;
  mutable std::mutex writer_mutex_;
  // For an in-memory database: counts write transactions (the data version).
  mutable std::atomic<std::uint64_t> local_version_{0};

  int max_readers_;
  std::chrono::milliseconds busy_timeout_;
  mutable std::mutex pool_mutex_;
  mutable std::condition_variable pool_changed_;
  mutable std::vector<std::unique_ptr<Connection>> idle_readers_;
  mutable int open_readers_ = 0;

  mutable std::mutex version_mutex_;
  mutable std::unique_ptr<Connection> version_reader_;
};

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

Result<std::unique_ptr<Store>> Open(const std::string& path, int flags, const SqliteOptions& options, bool fresh) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status status = SqliteError(db, rc, fmt::format("database '{}'", path));
    sqlite3_close(db);
    return status;
  }
  sqlite3_extended_result_codes(db, 1);
  auto store = std::make_unique<SqliteStore>(std::make_unique<Connection>(db, path), options.read_connections,
                                             options.busy_timeout);
  NRS_RETURN_IF_ERROR(store->Configure(*options.clock, fresh));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace

Status SqliteOptions::Validate() const {
  if (path.empty()) return Status::InvalidArgument("the database path is empty");
  if (clock == nullptr) return Status::InvalidArgument("SqliteOptions.clock is null");
  if (busy_timeout.count() < 0) return Status::InvalidArgument("busy timeout must not be negative");
  if (read_connections < 1) return Status::InvalidArgument("a store needs at least one read connection");
  return Status::Ok();
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  const std::string& path = options.path;
  if (path == kMemory) return Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, options, /*fresh=*/true);

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
  return Open(path, flags, options, fresh);
}

std::string EngineDescription() { return fmt::format("SQLite {}", sqlite3_libversion()); }

Result<std::unique_ptr<Store>> OpenMemoryStore() {
  SqliteOptions options;
  options.path = std::string(kMemory);
  return OpenSqliteStore(options);
}

}  // namespace nrs::store
