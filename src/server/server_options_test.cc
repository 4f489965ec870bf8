// The server's options: the basemap's tile URL is checked, and only its origin reaches the page's policy.

#include <gtest/gtest.h>

#include "server/server.h"

namespace nrs::server {
namespace {

TEST(ServerOptions, TileUrlsGiveTheirOrigin) {
  EXPECT_EQ(TileOrigin("https://tiles.example.org/{z}/{x}/{y}.png"), "https://tiles.example.org");
  EXPECT_EQ(TileOrigin("http://127.0.0.1:8081/osm/{z}/{x}/{y}.png?key=abc"), "http://127.0.0.1:8081");
  EXPECT_EQ(TileOrigin("http://[::1]:9000/{z}/{y}/{x}"), "http://[::1]:9000");
  // Not a template, not http(s), no host, or a host that would break the header.
  EXPECT_EQ(TileOrigin("https://tiles.example.org/tile.png"), "");
  EXPECT_EQ(TileOrigin("ftp://tiles.example.org/{z}/{x}/{y}.png"), "");
  EXPECT_EQ(TileOrigin("https:///{z}/{x}/{y}.png"), "");
  EXPECT_EQ(TileOrigin("https://a.org;script-src *;/{z}/{x}/{y}"), "");
  EXPECT_EQ(TileOrigin("https://a.org\r\nX: y/{z}/{x}/{y}"), "");
}

TEST(ServerOptions, ABadTileUrlIsRefused) {
  ServerOptions o;
  EXPECT_TRUE(o.Validate().ok());
  o.tile_url = "https://tiles.example.org/{z}/{x}/{y}.png";
  EXPECT_TRUE(o.Validate().ok());
  o.tile_url = "tiles.example.org/{z}/{x}/{y}.png";
  const Status refused = o.Validate();
  EXPECT_EQ(refused.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(refused.message().find("--tile-url"), std::string::npos) << refused.message();
}

}  // namespace
}  // namespace nrs::server
