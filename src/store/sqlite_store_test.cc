#include "store/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "core/test_support.h"
#include "store/fault_injection.h"
#include "store/schema.h"

namespace nrs::store {
namespace {

using nrs::testing::ReadBytes;
using nrs::testing::TempDir;
using nrs::testing::WriteBytes;

Result<std::unique_ptr<Store>> Create(const std::string& path) {
  SqliteOptions options;
  options.path = path;
  options.create_if_missing = true;
  return OpenSqliteStore(options);
}

Result<std::unique_ptr<Store>> OpenExisting(const std::string& path) {
  SqliteOptions options;
  options.path = path;
  return OpenSqliteStore(options);
}

Status CreateScratchTable(Store& store) {
  return store.Write([](Transaction& tx) {
    return tx.Execute("CREATE TABLE scratch (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, x REAL)");
  });
}

std::int64_t CountScratch(const Store& store) {
  std::int64_t n = -1;
  EXPECT_TRUE(store
                  .Read([&](Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(const auto count, tx.QueryInt("SELECT count(*) FROM scratch"));
                    n = count.value_or(-1);
                    return Status::Ok();
                  })
                  .ok());
  return n;
}

// Sets a header field of a closed database directly, as another program (or a newer NRS) would.
void SetPragma(const std::string& path, const std::string& pragma) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, ("PRAGMA " + pragma).c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST(SqliteStore, MissingFileIsNotFoundAndNotCreated) {
  TempDir dir;
  const std::string path = dir.File("none.db");
  const auto store = OpenExisting(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(SqliteStore, CreateAppliesEveryMigrationWithWalAndForeignKeys) {
  TempDir dir;
  const std::string path = dir.File("new.db");
  auto store = Create(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  const StoreInfo info = (*store)->Info();
  EXPECT_EQ(info.engine, "sqlite");
  EXPECT_EQ(info.schema_version, LatestSchemaVersion());
  EXPECT_EQ(info.journal_mode, "wal");
  EXPECT_EQ(info.location, path);
  ASSERT_TRUE((*store)
                  ->Read([&](Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(const auto fk, tx.QueryInt("PRAGMA foreign_keys"));
                    EXPECT_EQ(fk, 1);
                    NRS_ASSIGN_OR_RETURN(const auto app_id, tx.QueryInt("PRAGMA application_id"));
                    EXPECT_EQ(app_id, kApplicationId);
                    NRS_ASSIGN_OR_RETURN(const auto applied, tx.QueryInt("SELECT count(*) FROM schema_migrations"));
                    EXPECT_EQ(applied, static_cast<std::int64_t>(Migrations().size()));
                    NRS_ASSIGN_OR_RETURN(const auto tables, tx.TableNames());
                    EXPECT_NE(std::find(tables.begin(), tables.end(), "dataset"), tables.end());
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_TRUE((*store)->Check().ok());
}

TEST(SqliteStore, ReopenKeepsCommittedRows) {
  TempDir dir;
  const std::string path = dir.File("keep.db");
  {
    auto store = Create(path);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(CreateScratchTable(**store).ok());
    ASSERT_TRUE(
        (*store)->Write([](Transaction& tx) { return tx.Execute("INSERT INTO scratch(name) VALUES ('a')"); }).ok());
  }
  auto reopened = OpenExisting(path);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ(CountScratch(**reopened), 1);
}

TEST(SqliteStore, FailedWorkRollsBackEveryRow) {
  auto store = OpenMemoryStore();
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(CreateScratchTable(**store).ok());
  const Status s = (*store)->Write([](Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(Statement * insert, tx.Prepare("INSERT INTO scratch(name, x) VALUES (?, ?)"));
    for (int i = 0; i < 100; ++i) NRS_RETURN_IF_ERROR(insert->Execute({std::to_string(i), i * 0.5}));
    return Status::InvalidInput("row 101 is bad");
  });
  EXPECT_EQ(s.code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(CountScratch(**store), 0);
}

TEST(SqliteStore, ConstraintViolationRollsBackAndMapsToAlreadyExists) {
  auto store = OpenMemoryStore();
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(CreateScratchTable(**store).ok());
  const Status s = (*store)->Write([](Transaction& tx) -> Status {
    NRS_RETURN_IF_ERROR(tx.Execute("INSERT INTO scratch(name) VALUES ('same')"));
    return tx.Execute("INSERT INTO scratch(name) VALUES ('same')");
  });
  EXPECT_EQ(s.code(), ErrorCode::kAlreadyExists) << s.ToString();
  EXPECT_EQ(CountScratch(**store), 0);
}

TEST(SqliteStore, BindsAndReadsEveryType) {
  auto store = OpenMemoryStore();
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(CreateScratchTable(**store).ok());
  const std::optional<double> none;
  ASSERT_TRUE((*store)
                  ->Write([&](Transaction& tx) -> Status {
                    NRS_RETURN_IF_ERROR(tx.Execute("INSERT INTO scratch(id, name, x) VALUES (?, ?, ?)",
                                                   {std::int64_t{9007199254740993}, "Old Swan", 46.1625}));
                    return tx.Execute("INSERT INTO scratch(id, name, x) VALUES (?, ?, ?)", {2, "n/a", none});
                  })
                  .ok());
  std::vector<std::string> seen;
  ASSERT_TRUE((*store)
                  ->Read([&](Transaction& tx) {
                    return tx.Query("SELECT id, name, x FROM scratch ORDER BY id", {}, [&](const Row& r) {
                      seen.push_back(fmt::format("{}|{}|{}", r.Int(0), r.Text(1),
                                                 r.IsNull(2) ? std::string("null") : fmt::format("{}", r.Real(2))));
                      return Status::Ok();
                    });
                  })
                  .ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"2|n/a|null", "9007199254740993|Old Swan|46.1625"}));
}

TEST(SqliteStore, ReadTransactionRefusesWrites) {
  auto store = OpenMemoryStore();
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(CreateScratchTable(**store).ok());
  const Status s = (*store)->Read([](Transaction& tx) { return tx.Execute("INSERT INTO scratch(name) VALUES ('x')"); });
  EXPECT_EQ(s.code(), ErrorCode::kInternal);
  EXPECT_EQ(CountScratch(**store), 0);
}

TEST(SqliteStore, NestedTransactionsAreRefused) {
  auto store = OpenMemoryStore();
  ASSERT_TRUE(store.ok());
  Store& s = **store;
  const Status nested = s.Write([&](Transaction&) { return s.Write([](Transaction&) { return Status::Ok(); }); });
  EXPECT_EQ(nested.code(), ErrorCode::kInternal);
}

TEST(SqliteStore, AnEmptyViewIsEmptyTextNotNull) {
  auto store = OpenMemoryStore();
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(CreateScratchTable(**store).ok());
  ASSERT_TRUE((*store)
                  ->Write([](Transaction& tx) {
                    return tx.Execute("INSERT INTO scratch(name) VALUES (?)", {std::string_view()});
                  })
                  .ok());
  ASSERT_TRUE((*store)
                  ->Read([](Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(const auto n, tx.QueryInt("SELECT count(*) FROM scratch WHERE name = ''"));
                    EXPECT_EQ(n, 1);
                    return Status::Ok();
                  })
                  .ok());
}

TEST(SqliteStore, NestedReadsAreRefusedOnFilesToo) {
  TempDir dir;
  auto store = Create(dir.File("nested.db"));
  ASSERT_TRUE(store.ok());
  Store& s = **store;
  EXPECT_EQ(s.Read([&](Transaction&) { return s.Read([](Transaction&) { return Status::Ok(); }); }).code(),
            ErrorCode::kInternal);
  EXPECT_EQ(s.Write([&](Transaction&) { return s.Read([](Transaction&) { return Status::Ok(); }); }).code(),
            ErrorCode::kInternal);
  // The refusal leaves the store usable from this thread.
  EXPECT_TRUE(s.Read([](Transaction&) { return Status::Ok(); }).ok());
}

// Waits (up to a few seconds) until `count` reaches `target`; true when it did.
bool WaitFor(const std::atomic<int>& count, int target) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (count.load() < target) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

TEST(SqliteStore, ReadsOfAFileRunInParallel) {
  TempDir dir;
  auto store = Create(dir.File("parallel.db"));
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(CreateScratchTable(**store).ok());
  std::atomic<int> inside{0};
  std::atomic<int> met{0};
  const auto reader = [&] {
    EXPECT_TRUE((*store)
                    ->Read([&](Transaction& tx) -> Status {
                      NRS_RETURN_IF_ERROR(tx.QueryInt("SELECT count(*) FROM scratch").status());
                      inside.fetch_add(1);
                      // Both readers must be inside their transactions at the same time.
                      if (WaitFor(inside, 3)) met.fetch_add(1);
                      return Status::Ok();
                    })
                    .ok());
  };
  std::thread a(reader);
  std::thread b(reader);
  std::thread c(reader);
  a.join();
  b.join();
  c.join();
  EXPECT_EQ(met.load(), 3);
}

TEST(SqliteStore, AReadDuringAWriteSeesTheLastCommitWithoutWaiting) {
  TempDir dir;
  auto store = Create(dir.File("snapshot.db"));
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(CreateScratchTable(**store).ok());
  std::atomic<int> step{0};
  std::thread writer([&] {
    EXPECT_TRUE((*store)
                    ->Write([&](Transaction& tx) -> Status {
                      NRS_RETURN_IF_ERROR(tx.Execute("INSERT INTO scratch(name) VALUES ('pending')"));
                      step.store(1);
                      // Hold the write open until the reader has looked.
                      if (!WaitFor(step, 2)) return Status::Internal("the reader never came");
                      return Status::Ok();
                    })
                    .ok());
  });
  ASSERT_TRUE(WaitFor(step, 1));
  EXPECT_EQ(CountScratch(**store), 0);  // the uncommitted row is invisible, and the read did not block
  step.store(2);
  writer.join();
  EXPECT_EQ(CountScratch(**store), 1);
}

TEST(SqliteStore, OneReadConnectionServesReadersInTurn) {
  TempDir dir;
  SqliteOptions options;
  options.path = dir.File("one.db");
  options.create_if_missing = true;
  options.read_connections = 1;
  auto store = OpenSqliteStore(options);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(CreateScratchTable(**store).ok());
  std::atomic<int> inside{0};
  std::atomic<int> most{0};
  const auto reader = [&] {
    EXPECT_TRUE((*store)
                    ->Read([&](Transaction&) -> Status {
                      const int now = inside.fetch_add(1) + 1;
                      most.store(std::max(most.load(), now));
                      std::this_thread::sleep_for(std::chrono::milliseconds(20));
                      inside.fetch_sub(1);
                      return Status::Ok();
                    })
                    .ok());
  };
  std::thread a(reader);
  std::thread b(reader);
  a.join();
  b.join();
  EXPECT_EQ(most.load(), 1);
}

TEST(SqliteStore, DataVersionChangesWithEveryCommitOnly) {
  TempDir dir;
  const std::string path = dir.File("version.db");
  auto store = Create(path);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(CreateScratchTable(**store).ok());
  const std::uint64_t v0 = (*store)->DataVersion();
  EXPECT_EQ(CountScratch(**store), 0);
  EXPECT_EQ((*store)->DataVersion(), v0);
  ASSERT_TRUE(
      (*store)->Write([](Transaction& tx) { return tx.Execute("INSERT INTO scratch(name) VALUES ('a')"); }).ok());
  const std::uint64_t v1 = (*store)->DataVersion();
  EXPECT_NE(v1, v0);
  // A write that fails commits nothing and changes nothing.
  EXPECT_FALSE(
      (*store)->Write([](Transaction& tx) { return tx.Execute("INSERT INTO scratch(name) VALUES ('a')"); }).ok());
  EXPECT_EQ((*store)->DataVersion(), v1);
  // Another connection (as another process would) commits: the version moves too.
  {
    auto other = OpenExisting(path);
    ASSERT_TRUE(other.ok());
    ASSERT_TRUE(
        (*other)->Write([](Transaction& tx) { return tx.Execute("INSERT INTO scratch(name) VALUES ('b')"); }).ok());
  }
  EXPECT_NE((*store)->DataVersion(), v1);
  EXPECT_EQ(CountScratch(**store), 2);
}

TEST(SqliteStore, DataVersionOfAMemoryStoreCountsCommits) {
  auto store = OpenMemoryStore();
  ASSERT_TRUE(store.ok());
  const std::uint64_t v0 = (*store)->DataVersion();
  ASSERT_TRUE(CreateScratchTable(**store).ok());
  EXPECT_NE((*store)->DataVersion(), v0);
  const std::uint64_t v1 = (*store)->DataVersion();
  EXPECT_FALSE((*store)->Write([](Transaction&) { return Status::Internal("no"); }).ok());
  EXPECT_EQ((*store)->DataVersion(), v1);
}

TEST(SqliteStore, QueryErrorsStopAndPropagate) {
  auto store = OpenMemoryStore();
  ASSERT_TRUE(store.ok());
  int calls = 0;
  const Status s = (*store)->Read([&](Transaction& tx) {
    return tx.Query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10) SELECT x FROM c", {},
                    [&](const Row&) {
                      ++calls;
                      return Status::Cancelled("enough");
                    });
  });
  EXPECT_EQ(s.code(), ErrorCode::kCancelled);
  EXPECT_EQ(calls, 1);
  const Status bad_sql = (*store)->Read([](Transaction& tx) { return tx.Execute("SELEKT 1"); });
  EXPECT_EQ(bad_sql.code(), ErrorCode::kInternal);
  EXPECT_NE(bad_sql.message().find("syntax error"), std::string::npos);
}

TEST(SqliteStore, WrongParameterCountIsAnError) {
  auto store = OpenMemoryStore();
  ASSERT_TRUE(store.ok());
  const Status s = (*store)->Read([](Transaction& tx) { return tx.Query("SELECT ?", {}, nullptr); });
  EXPECT_EQ(s.code(), ErrorCode::kInternal);
  EXPECT_NE(s.message().find("expects 1 parameters"), std::string::npos);
}

TEST(SqliteStore, TextFileIsRefusedAndLeftUntouched) {
  TempDir dir;
  const std::string path = dir.File("notes.db");
  const std::string bytes(4000, 'x');
  WriteBytes(path, bytes);
  const auto store = OpenExisting(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kDatabaseCorrupt);
  EXPECT_NE(store.status().message().find("not an NRS database"), std::string::npos);
  EXPECT_EQ(ReadBytes(path), bytes);
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
  EXPECT_FALSE(std::filesystem::exists(path + "-shm"));
}

TEST(SqliteStore, DamagedDatabaseIsRefusedAndLeftUntouched) {
  TempDir dir;
  const std::string path = dir.File("damaged.db");
  ASSERT_TRUE(Create(path).ok());
  std::string bytes = ReadBytes(path);
  ASSERT_GT(bytes.size(), 200U);
  for (std::size_t i = 100; i < bytes.size(); ++i) bytes[i] = static_cast<char>(0xA5);  // keep the magic header
  WriteBytes(path, bytes);
  const auto store = OpenExisting(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kDatabaseCorrupt) << store.status().ToString();
  EXPECT_EQ(ReadBytes(path), bytes);
}

TEST(SqliteStore, EmptyFileIsNotADatabaseUnlessCreating) {
  TempDir dir;
  const std::string path = dir.File("empty.db");
  WriteBytes(path, "");
  const auto store = OpenExisting(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kDatabaseCorrupt);
  EXPECT_EQ(std::filesystem::file_size(path), 0U);
}

TEST(SqliteStore, OtherProgramsSqliteDatabaseIsRefusedUntouched) {
  TempDir dir;
  const std::string path = dir.File("other.db");
  SetPragma(path, "user_version=3");
  const std::string before = ReadBytes(path);
  const auto store = OpenExisting(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kDatabaseCorrupt);
  EXPECT_NE(store.status().message().find("another program"), std::string::npos);
  EXPECT_EQ(ReadBytes(path), before);
}

TEST(SqliteStore, NewerSchemaIsRefusedUntouched) {
  TempDir dir;
  const std::string path = dir.File("future.db");
  ASSERT_TRUE(Create(path).ok());
  SetPragma(path, fmt::format("user_version={}", LatestSchemaVersion() + 1));
  SetPragma(path, "journal_mode=DELETE");  // a closed file, no WAL beside it
  const std::string before = ReadBytes(path);
  const auto store = OpenExisting(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kSchemaTooNew);
  EXPECT_NE(store.status().message().find(fmt::format("schema version {}", LatestSchemaVersion() + 1)),
            std::string::npos);
  EXPECT_EQ(ReadBytes(path), before);
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST(SqliteStore, DirectoryIsRefused) {
  TempDir dir;
  const auto store = OpenExisting(dir.path().string());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kInvalidArgument);
}

TEST(SqliteStore, OptionsAreValidated) {
  SqliteOptions options;
  EXPECT_EQ(options.Validate().code(), ErrorCode::kInvalidArgument);
  options.path = "x.db";
  EXPECT_TRUE(options.Validate().ok());
  options.clock = nullptr;
  EXPECT_EQ(options.Validate().code(), ErrorCode::kInvalidArgument);
  options.clock = &core::SystemClock();
  options.read_connections = 0;
  EXPECT_EQ(options.Validate().code(), ErrorCode::kInvalidArgument);
}

TEST(FaultInjectingStore, FailureMidWriteLeavesNothing) {
  auto memory = OpenMemoryStore();
  ASSERT_TRUE(memory.ok());
  ASSERT_TRUE(CreateScratchTable(**memory).ok());
  auto faulty = MakeFaultInjectingStore(
      std::move(*memory), FaultPlan{.fail_statement = 50, .only_sql_containing = {}, .code = ErrorCode::kIoError});
  const Status s = faulty->Write([](Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(Statement * insert, tx.Prepare("INSERT INTO scratch(name) VALUES (?)"));
    for (int i = 0; i < 100; ++i) NRS_RETURN_IF_ERROR(insert->Execute({std::to_string(i)}));
    return Status::Ok();
  });
  EXPECT_EQ(s.code(), ErrorCode::kIoError);
  EXPECT_NE(s.message().find("statement 50"), std::string::npos);
  EXPECT_EQ(CountScratch(*faulty), 0);
  // The plan fires once: the same write now succeeds in full.
  ASSERT_TRUE(faulty->Write([](Transaction& tx) { return tx.Execute("INSERT INTO scratch(name) VALUES ('z')"); }).ok());
  EXPECT_EQ(CountScratch(*faulty), 1);
}

}  // namespace
}  // namespace nrs::store
