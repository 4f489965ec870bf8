#include "server/cache.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace nrs::server {
namespace {

std::string Gunzip(const std::string& data) {
  z_stream z{};
  inflateInit2(&z, 15 + 16);
  std::string out(1 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  inflate(&z, Z_FINISH);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

TEST(VersionedCache, KeepsEntriesForOneVersion) {
  VersionedCache<std::string> cache(1000);
  cache.Put(1, "a", std::make_shared<const std::string>("A"), 10);
  ASSERT_NE(cache.Find(1, "a"), nullptr);
  EXPECT_EQ(*cache.Find(1, "a"), "A");
  EXPECT_EQ(cache.Find(1, "b"), nullptr);
  // The data changed: nothing kept applies.
  EXPECT_EQ(cache.Find(2, "a"), nullptr);
  cache.Put(2, "b", std::make_shared<const std::string>("B"), 10);
  EXPECT_EQ(cache.Find(1, "a"), nullptr);
  EXPECT_EQ(cache.size(), 1U);
  // A late result of the old version does not replace the new ones.
  cache.Put(1, "a", std::make_shared<const std::string>("A"), 10);
  EXPECT_EQ(cache.Find(2, "b") != nullptr, true);
  EXPECT_EQ(cache.Find(1, "a"), nullptr);
}

TEST(VersionedCache, StaysWithinItsBudget) {
  VersionedCache<std::string> cache(100);
  cache.Put(1, "big", std::make_shared<const std::string>("x"), 101);
  EXPECT_EQ(cache.Find(1, "big"), nullptr);
  for (int i = 0; i < 20; ++i) cache.Put(1, std::to_string(i), std::make_shared<const std::string>("x"), 10);
  EXPECT_LE(cache.size(), 10U);
}

TEST(CachedBody, CompressesLargeBodiesAndTagsThem) {
  const std::string big(5000, 'a');
  const auto body = MakeCachedBody(big, "application/json", 7);
  EXPECT_EQ(body->body, big);
  ASSERT_FALSE(body->gzip.empty());
  EXPECT_LT(body->gzip.size(), big.size());
  EXPECT_EQ(Gunzip(body->gzip), big);
  EXPECT_TRUE(body->etag.starts_with("\"7-"));
  EXPECT_NE(MakeCachedBody(big + "b", "application/json", 7)->etag, body->etag);
  EXPECT_TRUE(MakeCachedBody("{}", "application/json", 7)->gzip.empty());  // not worth it
}

}  // namespace
}  // namespace nrs::server
