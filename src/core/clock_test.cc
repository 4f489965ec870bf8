#include "core/clock.h"

#include <gtest/gtest.h>

namespace nrs::core {
namespace {

TEST(Clock, FormatsUtcIso8601) {
  // 2019-09-26 09:30:00 UTC, the publication morning of the English Indices of Deprivation 2019.
  const TimePoint t{std::chrono::seconds(1569490200)};
  EXPECT_EQ(FormatUtc(t), "2019-09-26T09:30:00Z");
  EXPECT_EQ(FormatUtc(t + std::chrono::milliseconds(999)), "2019-09-26T09:30:00Z");
}

TEST(Clock, FixedClockIsSettable) {
  FixedClock clock(TimePoint{std::chrono::seconds(0)});
  EXPECT_EQ(FormatUtc(clock.Now()), "1970-01-01T00:00:00Z");
  clock.Set(TimePoint{std::chrono::seconds(86400)});
  EXPECT_EQ(FormatUtc(clock.Now()), "1970-01-02T00:00:00Z");
}

TEST(Clock, SystemClockMoves) {
  const TimePoint a = SystemClock().Now();
  EXPECT_GT(a.time_since_epoch().count(), 0);
  EXPECT_GE(SystemClock().Now(), a);
}

}  // namespace
}  // namespace nrs::core
