#include "server/request_files.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/test_support.h"

namespace nrs::server {
namespace {

TEST(RequestFiles, WritesNamedFilesAndRemovesThemAfterwards) {
  std::string dir;
  {
    auto files = RequestFiles::Create("");
    ASSERT_TRUE(files.ok());
    dir = (*files)->dir();
    const auto path = (*files)->Write("edges.csv", "source,target\na,b\n");
    ASSERT_TRUE(path.ok());
    EXPECT_EQ(nrs::testing::ReadBytes(*path), "source,target\na,b\n");
    EXPECT_EQ(std::filesystem::status(dir).permissions() & std::filesystem::perms::others_all,
              std::filesystem::perms::none);
  }
  EXPECT_FALSE(std::filesystem::exists(dir));
}

TEST(RequestFiles, RefusesNamesThatAreNotPlain) {
  auto files = RequestFiles::Create("");
  ASSERT_TRUE(files.ok());
  for (const char* bad : {"", "../x.csv", "a/b.csv", ".hidden", "a b.csv", "x\n.csv"}) {
    EXPECT_EQ((*files)->PathFor(bad).status().code(), ErrorCode::kInvalidArgument) << bad;
  }
  EXPECT_FALSE((*files)->PathFor(std::string(101, 'a')).ok());
}

TEST(RequestFiles, MessagesNameFilesAsTheClientDid) {
  auto files = RequestFiles::Create("");
  ASSERT_TRUE(files.ok());
  const std::string path = *(*files)->PathFor("data.csv");
  const Status s(ErrorCode::kInvalidInput, path + ": 1 problem", {{path, 3, "x", "in " + path}}, 1);
  const Status scrubbed = (*files)->Scrub(s);
  EXPECT_EQ(scrubbed.message(), "data.csv: 1 problem");
  EXPECT_EQ(scrubbed.diagnostics()[0].file, "data.csv");
  EXPECT_EQ(scrubbed.diagnostics()[0].reason, "in data.csv");
  EXPECT_EQ(scrubbed.code(), ErrorCode::kInvalidInput);
  EXPECT_TRUE((*files)->Scrub(Status::Ok()).ok());
}

}  // namespace
}  // namespace nrs::server
