#include "server/http.h"

#include <gtest/gtest.h>

namespace nrs::server {
namespace {

TEST(Http, TargetsSplitAndDecode) {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  ASSERT_TRUE(
      ParseTarget("/api/v1/neighbourhoods/Old%20Swan/profile?domain=income&indicator=a%2Cb&x", &path, &query).ok());
  EXPECT_EQ(path, "/api/v1/neighbourhoods/Old Swan/profile");
  ASSERT_EQ(query.size(), 3U);
  EXPECT_EQ(query[0], (std::pair<std::string, std::string>{"domain", "income"}));
  EXPECT_EQ(query[1].second, "a,b");
  EXPECT_EQ(query[2], (std::pair<std::string, std::string>{"x", ""}));
  ASSERT_TRUE(ParseTarget("/?q=a+b", &path, &query).ok());
  EXPECT_EQ(query[0].second, "a b");
  EXPECT_EQ(path, "/");
}

TEST(Http, MalformedTargetsAreRefused) {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  EXPECT_FALSE(ParseTarget("", &path, &query).ok());
  EXPECT_FALSE(ParseTarget("http://example.org/", &path, &query).ok());
  EXPECT_FALSE(ParseTarget("/a%2", &path, &query).ok());
  EXPECT_FALSE(ParseTarget("/a%zz", &path, &query).ok());
  EXPECT_FALSE(ParseTarget("/a%00b", &path, &query).ok());  // an encoded NUL
  EXPECT_FALSE(ParseTarget("/a?b=%", &path, &query).ok());
}

TEST(Http, PercentDecodingKeepsPlusInPaths) {
  EXPECT_EQ(PercentDecode("a+b%2Fc", false), "a+b/c");
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
  EXPECT_FALSE(PercentDecode("%", false).has_value());
}

TEST(Http, HeadersIgnoreCase) {
  Headers h;
  h.Add("Content-Type", "application/json");
  EXPECT_EQ(h.Get("content-type"), "application/json");
  EXPECT_FALSE(h.Get("Accept").has_value());
}

TEST(Http, CookiesAreFoundByName) {
  EXPECT_EQ(CookieValue("a=1; nrs_session=tok; b=2", "nrs_session"), "tok");
  EXPECT_EQ(CookieValue("nrs_session_x=1", "nrs_session"), "");
  EXPECT_EQ(CookieValue("", "nrs_session"), "");
}

TEST(Http, SecretsCompareWholly) {
  EXPECT_TRUE(SecretsEqual("abc", "abc"));
  EXPECT_FALSE(SecretsEqual("abc", "abd"));
  EXPECT_FALSE(SecretsEqual("abc", "ab"));
  EXPECT_FALSE(SecretsEqual("", "a"));
}

TEST(Http, MethodsThatChangeState) {
  EXPECT_FALSE(ChangesState(Method::kGet));
  EXPECT_FALSE(ChangesState(Method::kHead));
  EXPECT_TRUE(ChangesState(Method::kPost));
  EXPECT_TRUE(ChangesState(Method::kPatch));
  EXPECT_TRUE(ChangesState(Method::kDelete));
  EXPECT_EQ(MethodKey(Method::kPatch), "patch");
}

}  // namespace
}  // namespace nrs::server
