#include "app/passwords.h"

#include <gtest/gtest.h>

#include <set>

namespace nrs::app {
namespace {

TEST(Passwords, HashIsArgon2idAndVerifiesOnlyTheSamePassword) {
  const auto hash = HashPassword("correct horse battery");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse batterY"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
  EXPECT_FALSE(NeedsRehash(*hash));
  // Salted: the same password hashes differently each time.
  EXPECT_NE(*hash, *HashPassword("correct horse battery"));
}

TEST(Passwords, MalformedHashesNeverMatch) {
  EXPECT_FALSE(VerifyPassword("", "x"));
  EXPECT_FALSE(VerifyPassword("plain text", "plain text"));
  EXPECT_FALSE(VerifyPassword(std::string(1000, '$'), "x"));
  EXPECT_TRUE(NeedsRehash("not a hash"));
}

TEST(Passwords, TokensAreRandomUrlSafeAndOfTheirLength) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string t = RandomToken();
    EXPECT_EQ(t.size(), 43U);
    EXPECT_EQ(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 100U);
  EXPECT_EQ(RandomToken(16).size(), 22U);
}

TEST(Passwords, GeneratedPasswordsAreTypableAndDifferent) {
  const std::string a = GeneratePassword();
  EXPECT_EQ(a.size(), 19U);
  EXPECT_EQ(a[4], '-');
  EXPECT_EQ(a.find_first_of("01lIoO"), std::string::npos);
  EXPECT_NE(a, GeneratePassword());
}

TEST(Passwords, TokenDigestIsStableHexAndDistinct) {
  EXPECT_EQ(TokenDigest("abc"), TokenDigest("abc"));
  EXPECT_EQ(TokenDigest("abc").size(), 64U);
  EXPECT_NE(TokenDigest("abc"), TokenDigest("abd"));
}

}  // namespace
}  // namespace nrs::app
