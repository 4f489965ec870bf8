// A process killed with SIGKILL in the middle of writing must leave a database that opens, passes the
// consistency check and holds every transaction that was committed before the kill.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include "core/test_support.h"
#include "store/sqlite_store.h"

namespace nrs::store {
namespace {

constexpr int kRowsPerCommit = 500;

// The child: commits batches forever, reporting each committed batch number on `report_fd` after COMMIT
// returns. Never returns.
[[noreturn]] void WriteUntilKilled(const std::string& path, std::int64_t first_batch, int report_fd) {
  SqliteOptions options;
  options.path = path;
  auto store = OpenSqliteStore(options);
  if (!store.ok()) ::_exit(2);
  for (std::int64_t batch = first_batch;; ++batch) {
    const Status s = (*store)->Write([&](Transaction& tx) -> Status {
      NRS_ASSIGN_OR_RETURN(Statement * insert, tx.Prepare("INSERT INTO crash(batch, payload) VALUES (?, ?)"));
      const std::string payload(200, static_cast<char>('a' + batch % 26));
      for (int i = 0; i < kRowsPerCommit; ++i) NRS_RETURN_IF_ERROR(insert->Execute({batch, payload}));
      return Status::Ok();
    });
    if (!s.ok()) ::_exit(3);
    if (::write(report_fd, &batch, sizeof batch) != sizeof batch) ::_exit(4);
  }
}

TEST(Crash, SigkillDuringWritesKeepsEveryCommittedTransaction) {
  nrs::testing::TempDir dir;
  const std::string path = dir.File("crash.db");
  {
    SqliteOptions options;
    options.path = path;
    options.create_if_missing = true;
    auto store = OpenSqliteStore(options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE((*store)
                    ->Write([](Transaction& tx) {
                      return tx.Execute(
                          "CREATE TABLE crash (id INTEGER PRIMARY KEY, batch INTEGER NOT NULL, payload TEXT NOT NULL)");
                    })
                    .ok());
  }

  for (int round = 0; round < 3; ++round) {
    // Each round numbers its batches above the last round's.
    const std::int64_t first_batch = 1 + std::int64_t{round} * 1'000'000;
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(fds[0]);
      WriteUntilKilled(path, first_batch, fds[1]);
    }
    ::close(fds[1]);
    // Let it commit a number of batches, then kill it wherever it is — usually in the middle of a batch.
    std::int64_t last_committed = 0;
    std::int64_t batch = 0;
    const std::int64_t target = first_batch + 20 + std::int64_t{round} * 15;
    while (last_committed < target && ::read(fds[0], &batch, sizeof batch) == sizeof batch) last_committed = batch;
    ASSERT_EQ(::kill(child, SIGKILL), 0);
    int wstatus = 0;
    ASSERT_EQ(::waitpid(child, &wstatus, 0), child);
    ASSERT_TRUE(WIFSIGNALED(wstatus)) << "the writer stopped by itself with status " << wstatus;
    // Batches reported after our last read were committed too; drain them.
    while (::read(fds[0], &batch, sizeof batch) == sizeof batch) last_committed = batch;
    ::close(fds[0]);
    ASSERT_GE(last_committed, target);

    SqliteOptions options;
    options.path = path;
    auto store = OpenSqliteStore(options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_TRUE((*store)->Check().ok()) << (*store)->Check().ToString();
    ASSERT_TRUE((*store)
                    ->Read([&](Transaction& tx) -> Status {
                      NRS_ASSIGN_OR_RETURN(const auto max_batch, tx.QueryInt("SELECT max(batch) FROM crash"));
                      // Every reported commit is there; at most the one in flight when reported may also be there.
                      EXPECT_GE(max_batch.value_or(0), last_committed);
                      EXPECT_LE(max_batch.value_or(0), last_committed + 1);
                      // No batch is partial: every batch has all its rows or none.
                      NRS_ASSIGN_OR_RETURN(const auto partial,
                                           tx.QueryInt("SELECT count(*) FROM (SELECT batch FROM crash GROUP BY batch "
                                                       "HAVING count(*) % ? != 0)",
                                                       {kRowsPerCommit}));
                      EXPECT_EQ(partial, 0);
                      return Status::Ok();
                    })
                    .ok());
  }
}

}  // namespace
}  // namespace nrs::store
