#include "nrs/app.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/embedded.h"
#include "core/test_support.h"
#include "store/schema.h"

namespace nrs {
namespace {

using nrs::testing::ReadBytes;
using nrs::testing::TempDir;

const core::FixedClock kClock(core::TimePoint{std::chrono::seconds(1795950957)});  // 2026-11-29T11:15:57Z

InitOptions Init(const std::string& path) {
  InitOptions options;
  options.db_path = path;
  options.clock = &kClock;
  return options;
}

TEST(App, InitThenInfoRoundTrips) {
  TempDir dir;
  const std::string path = dir.File("nrs.db");
  auto report = CreateDatabase(Init(path));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->schema_version, store::LatestSchemaVersion());
  EXPECT_FALSE(report->demo);
  // The temporary file was moved into place, and the WAL was folded into it on close.
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().filename(), "nrs.db") << "left behind: " << entry.path();
  }

  auto app = App::Open({.db_path = path, .clock = &kClock});
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  auto info = (*app)->Info({.check = true});
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->db_path, path);
  EXPECT_EQ(info->schema_version, store::LatestSchemaVersion());
  EXPECT_EQ(info->journal_mode, "wal");
  EXPECT_EQ(info->created_at, "2026-11-29T11:15:57Z");
  EXPECT_EQ(info->created_by, fmt::format("nrs {}", Version()));
  EXPECT_FALSE(info->demo);
  EXPECT_EQ(info->check, "ok");
  EXPECT_GT(info->size_bytes, 0);
  EXPECT_TRUE(info->datasets.empty());

  const core::Table table = InfoTable(*info);
  ASSERT_EQ(table.columns().size(), 2U);
  EXPECT_EQ(std::get<std::string>(table.rows()[0][0]), "database");
}

TEST(App, InitRefusesToReplaceWithoutForce) {
  TempDir dir;
  const std::string path = dir.File("nrs.db");
  nrs::testing::WriteBytes(path, "precious notes");
  const auto refused = CreateDatabase(Init(path));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(ReadBytes(path), "precious notes");

  InitOptions forced = Init(path);
  forced.force = true;
  ASSERT_TRUE(CreateDatabase(forced).ok());
  EXPECT_TRUE(App::Open({.db_path = path}).ok());
}

TEST(App, ForceDiscardsAStaleWalOfTheReplacedDatabase) {
  TempDir dir;
  const std::string path = dir.File("nrs.db");
  ASSERT_TRUE(CreateDatabase(Init(path)).ok());
  nrs::testing::WriteBytes(path + "-wal", std::string(4096, '\x01'));
  InitOptions forced = Init(path);
  forced.force = true;
  ASSERT_TRUE(CreateDatabase(forced).ok());
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
  auto app = App::Open({.db_path = path});
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  EXPECT_TRUE((*app)->Info({.check = true}).ok());
}

TEST(App, InitIntoMissingDirectoryFailsCleanly) {
  TempDir dir;
  const auto report = CreateDatabase(Init(dir.File("no/such/dir/nrs.db")));
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), ErrorCode::kIoError) << report.status().ToString();
}

TEST(App, DemoFilesAreCompiledIn) {
  const auto nfl = app::FindDemoFile("nfl_wards.csv");
  ASSERT_TRUE(nfl.has_value());
  EXPECT_TRUE(nfl->starts_with("neighbourhood,local_authority_code"));
  EXPECT_FALSE(app::FindDemoFile("nothing.csv").has_value());
}

TEST(App, OpenReportsMissingDatabase) {
  TempDir dir;
  const auto app = App::Open({.db_path = dir.File("missing.db")});
  ASSERT_FALSE(app.ok());
  EXPECT_EQ(app.status().code(), ErrorCode::kNotFound);
}

TEST(App, OptionsAreValidated) {
  EXPECT_EQ(CreateDatabase(InitOptions{}).status().code(), ErrorCode::kInvalidArgument);
  InitOptions memory;
  memory.db_path = ":memory:";
  EXPECT_EQ(CreateDatabase(memory).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(App::Open({}).status().code(), ErrorCode::kInvalidArgument);
}

TEST(App, ErrorTableListsEveryCode) {
  const core::Table t = ErrorTable();
  EXPECT_EQ(t.size(), kErrorTable.size());
  EXPECT_EQ(std::get<std::string>(t.rows()[3][0]), "not_found");
  EXPECT_EQ(std::get<std::int64_t>(t.rows()[3][1]), 404);
}

TEST(App, VersionBannerNamesSchemaAndEngine) {
  const std::string banner = VersionBanner();
  EXPECT_TRUE(banner.starts_with(fmt::format("nrs {} (database schema {}", Version(), store::LatestSchemaVersion())));
  EXPECT_NE(banner.find("SQLite 3."), std::string::npos);
}

}  // namespace
}  // namespace nrs
