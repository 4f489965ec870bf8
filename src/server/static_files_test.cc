#include "server/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/test_support.h"

namespace nrs::server {
namespace {

TEST(StaticFiles, PathsMapToFilesInsideTheRoot) {
  EXPECT_EQ(*StaticPath("/"), "index.html");
  EXPECT_EQ(*StaticPath("/app.js"), "app.js");
  EXPECT_EQ(*StaticPath("/assets/index-3f2a.js"), "assets/index-3f2a.js");
  EXPECT_EQ(*StaticPath("/docs/"), "docs/index.html");
}

TEST(StaticFiles, TraversalAndHiddenFilesAreRefused) {
  for (const char* bad :
       {"/../../etc/passwd", "/..", "/a/../b", "/./a", "/.git/config", "/a//b", "/a\\..\\b", "/.env", "relative", ""}) {
    EXPECT_FALSE(StaticPath(bad).ok()) << bad;
  }
  EXPECT_FALSE(StaticPath(std::string("/a\x01", 3)).ok());
}

TEST(StaticFiles, ContentTypesByExtension) {
  EXPECT_EQ(ContentTypeOf("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeOf("a.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeOf("a.svg"), "image/svg+xml");
  EXPECT_EQ(ContentTypeOf("a.bin"), "application/octet-stream");
}

TEST(StaticFiles, DiskFirstThenBuiltIn) {
  nrs::testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "web" / "assets");
  nrs::testing::WriteBytes(dir.File("web/index.html"), "<p>built</p>");
  nrs::testing::WriteBytes(dir.File("web/assets/a-1.js"), "x");
  nrs::testing::WriteBytes(dir.File("secret.txt"), "secret");
  // A link that leads out of the root is not followed.
  std::filesystem::create_symlink(dir.File("secret.txt"), dir.File("web/leak.txt"));
  const StaticFiles files(dir.File("web"), BuiltInWebFiles());
  EXPECT_EQ(*files.Find("index.html")->body, "<p>built</p>");
  EXPECT_TRUE(files.Find("assets/a-1.js")->immutable);
  EXPECT_FALSE(files.Find("index.html")->immutable);
  EXPECT_FALSE(files.Find("leak.txt").has_value());
  EXPECT_FALSE(files.Find("../secret.txt").has_value());
  // Not on disk: from the program.
  ASSERT_TRUE(files.Find("nrs.js").has_value());
  EXPECT_NE(files.Find("nrs.js")->body->find("/api/v1/neighbourhoods"), std::string::npos);
  EXPECT_FALSE(files.Find("missing.js").has_value());
}

TEST(StaticFiles, TheBuiltInPageListsNeighbourhoodsWithAScript) {
  const StaticFiles files("", BuiltInWebFiles());
  const auto index = files.Find("index.html");
  ASSERT_TRUE(index.has_value());
  EXPECT_NE(index->body->find("<script"), std::string::npos);
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(files.Find("index.html")->etag, index->etag);
}

}  // namespace
}  // namespace nrs::server
