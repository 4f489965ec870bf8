#include "nrs/status.h"

#include <gtest/gtest.h>

#include "nrs/result.h"

namespace nrs {
namespace {

TEST(Status, DefaultIsOk) {
  const Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kOk);
  EXPECT_EQ(s.message(), "");
  EXPECT_TRUE(s.diagnostics().empty());
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(Status, FactoryFormatsMessage) {
  const Status s = Status::NotFound("area '{}' of type {}", "E01000001", 3);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kNotFound);
  EXPECT_EQ(s.message(), "area 'E01000001' of type 3");
  EXPECT_EQ(s.ToString(), "not_found: area 'E01000001' of type 3");
  EXPECT_EQ(s.info().http_status, 404);
}

TEST(Status, CopiesShareTheErrorAndStayEqual) {
  const Status a = Status::Internal("boom");
  const Status b = a;  // NOLINT(performance-unnecessary-copy-initialization): the copy is what is tested
  EXPECT_EQ(b.code(), ErrorCode::kInternal);
  EXPECT_EQ(b.message(), "boom");
}

TEST(Status, WithContextPrefixesAndKeepsCode) {
  const Status s = Status::IoError("disk full").WithContext("writing x.db");
  EXPECT_EQ(s.code(), ErrorCode::kIoError);
  EXPECT_EQ(s.message(), "writing x.db: disk full");
  EXPECT_TRUE(Status().WithContext("ignored").ok());
}

TEST(Diagnostic, ToStringLeavesOutEmptyParts) {
  EXPECT_EQ((Diagnostic{"a.csv", 12, "LSOA11CD", "unknown code"}).ToString(), "a.csv:12: LSOA11CD: unknown code");
  EXPECT_EQ((Diagnostic{"a.csv", 0, "", "empty"}).ToString(), "a.csv: empty");
  EXPECT_EQ((Diagnostic{"", 3, "x", "bad"}).ToString(), "line 3: x: bad");
  EXPECT_EQ((Diagnostic{"", 0, "", "bad"}).ToString(), "bad");
}

TEST(DiagnosticList, KeepsFirstLimitAndCountsAll) {
  DiagnosticList list("big.csv", 3);
  EXPECT_TRUE(list.ToStatus().ok());
  for (int line = 2; line < 12; ++line) list.Add(line, "value", "'{}' is not a number", line * 10);
  const Status s = list.ToStatus();
  EXPECT_EQ(s.code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(s.diagnostic_count(), 10U);
  ASSERT_EQ(s.diagnostics().size(), 3U);
  EXPECT_EQ(s.diagnostics()[0].ToString(), "big.csv:2: value: '20' is not a number");
  EXPECT_EQ(s.diagnostics()[2].line, 4);
  EXPECT_EQ(s.message(), "big.csv: 10 problems found; nothing was stored");
  EXPECT_NE(s.ToString().find("… and 7 more"), std::string::npos);
}

TEST(DiagnosticList, SingularMessage) {
  DiagnosticList list("one.csv");
  list.AddReason(5, "", "short row");
  EXPECT_EQ(list.ToStatus().message(), "one.csv: 1 problem found; nothing was stored");
}

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::InvalidArgument("{} is odd", x);
  return x / 2;
}

Result<int> Quarter(int x) {
  NRS_ASSIGN_OR_RETURN(const int half, Half(x));
  NRS_ASSIGN_OR_RETURN(const int quarter, Half(half));
  return quarter;
}

Status CheckEven(int x) {
  NRS_RETURN_IF_ERROR(Half(x).status());
  return Status::Ok();
}

TEST(Result, ValueAndErrorPropagate) {
  const Result<int> ok = Quarter(12);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 3);
  const Result<int> bad = Quarter(6);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "3 is odd");
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_EQ(CheckEven(5).code(), ErrorCode::kInvalidArgument);
}

TEST(Result, MovesOutValues) {
  Result<std::string> r = std::string(100, 'x');
  const std::string taken = std::move(r).value();
  EXPECT_EQ(taken.size(), 100U);
}

}  // namespace
}  // namespace nrs
