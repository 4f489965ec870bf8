#include "nrs/error.h"

#include <gtest/gtest.h>

#include <set>

namespace nrs {
namespace {

TEST(ErrorTable, EveryCodeRoundTripsThroughItsWireName) {
  for (const ErrorInfo& e : kErrorTable) {
    EXPECT_EQ(ErrorCodeFromWireName(e.wire_name), e.code) << e.wire_name;
    EXPECT_EQ(&Describe(e.code), &e);
  }
  EXPECT_EQ(ErrorCodeFromWireName("no_such_code"), ErrorCode::kInternal);
}

TEST(ErrorTable, HttpStatusesFollowTheirMeaning) {
  EXPECT_EQ(Describe(ErrorCode::kOk).http_status, 200);
  EXPECT_EQ(Describe(ErrorCode::kInvalidArgument).http_status, 400);
  EXPECT_EQ(Describe(ErrorCode::kUnauthenticated).http_status, 401);
  EXPECT_EQ(Describe(ErrorCode::kPermissionDenied).http_status, 403);
  EXPECT_EQ(Describe(ErrorCode::kNotFound).http_status, 404);
  EXPECT_EQ(Describe(ErrorCode::kAlreadyExists).http_status, 409);
  EXPECT_EQ(Describe(ErrorCode::kPayloadTooLarge).http_status, 413);
  EXPECT_EQ(Describe(ErrorCode::kInvalidInput).http_status, 422);
  EXPECT_EQ(Describe(ErrorCode::kRateLimited).http_status, 429);
  EXPECT_EQ(Describe(ErrorCode::kUnavailable).http_status, 503);
}

TEST(ErrorTable, ExitCodesAreDistinctAndNonZeroForErrors) {
  std::set<int> seen;
  for (const ErrorInfo& e : kErrorTable) {
    EXPECT_TRUE(seen.insert(e.exit_code).second) << e.wire_name;
    if (e.code != ErrorCode::kOk) {
      EXPECT_GT(e.exit_code, 0) << e.wire_name;
      EXPECT_LT(e.exit_code, 126) << e.wire_name << ": shells reserve 126 and above";
    }
  }
}

}  // namespace
}  // namespace nrs
