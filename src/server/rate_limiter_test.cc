#include "server/rate_limiter.h"

#include <gtest/gtest.h>

namespace nrs::server {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

TEST(RateLimiter, RefusesAfterTheLimitUntilTheWindowMovesOn) {
  RateLimiter limiter(3, minutes(15));
  const auto t0 = RateLimiter::Clock::now();
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(limiter.RetryAfter("ip", t0 + seconds(i)).count(), 0);
    limiter.RecordFailure("ip", t0 + seconds(i));
  }
  const auto wait = limiter.RetryAfter("ip", t0 + seconds(10));
  EXPECT_EQ(wait, seconds(15 * 60 - 10));
  EXPECT_EQ(limiter.RetryAfter("other", t0 + seconds(10)).count(), 0);
  // The first failure leaves the window: one more attempt is allowed.
  EXPECT_EQ(limiter.RetryAfter("ip", t0 + minutes(15) + seconds(1)).count(), 0);
}

TEST(RateLimiter, SuccessForgetsAndOldKeysArePruned) {
  RateLimiter limiter(2, seconds(60));
  const auto t0 = RateLimiter::Clock::now();
  limiter.RecordFailure("u", t0);
  limiter.RecordFailure("u", t0);
  EXPECT_GT(limiter.RetryAfter("u", t0).count(), 0);
  limiter.Reset("u");
  EXPECT_EQ(limiter.RetryAfter("u", t0).count(), 0);
  for (int i = 0; i < 100; ++i) limiter.RecordFailure("k" + std::to_string(i), t0);
  EXPECT_EQ(limiter.keys(), 100U);
  limiter.RetryAfter("x", t0 + seconds(120));
  EXPECT_EQ(limiter.keys(), 0U);
}

}  // namespace
}  // namespace nrs::server
