#include "io/csv_reader.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include "core/test_support.h"

namespace nrs::io {
namespace {

std::vector<std::vector<std::string>> ReadAll(CsvReader& reader) {
  std::vector<std::vector<std::string>> rows;
  while (true) {
    auto more = reader.Next();
    EXPECT_TRUE(more.ok()) << more.status().ToString();
    if (!more.ok() || !*more) break;
    rows.emplace_back(reader.fields().begin(), reader.fields().end());
  }
  return rows;
}

TEST(CsvReader, QuotedFieldsWithDelimitersQuotesAndNewlines) {
  auto reader = CsvReader::FromText("nfl.csv",
                                    "neighbourhood,wards,topic\r\n"
                                    "\"Worsley, Haslingden\",E05005329,\"say \"\"hello\"\"\"\r\n"
                                    "Old Swan,E05000904,\"high street\nand air\"\r\n"
                                    "Claremont,,\r\n");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ(reader->header(), (std::vector<std::string>{"neighbourhood", "wards", "topic"}));
  EXPECT_EQ(reader->ColumnIndex("topic"), 2);
  EXPECT_EQ(reader->ColumnIndex("Topic"), -1);
  ASSERT_TRUE(*reader->Next());
  EXPECT_EQ(reader->line(), 2);
  EXPECT_EQ(reader->field(0), "Worsley, Haslingden");
  EXPECT_EQ(reader->field(2), "say \"hello\"");
  ASSERT_TRUE(*reader->Next());
  EXPECT_EQ(reader->line(), 3);
  EXPECT_EQ(reader->field(2), "high street\nand air");
  ASSERT_TRUE(*reader->Next());
  EXPECT_EQ(reader->line(), 5);  // the quoted newline above moved the line count on
  EXPECT_EQ(reader->field(1), "");
  EXPECT_EQ(reader->field(2), "");
  EXPECT_FALSE(*reader->Next());
}

TEST(CsvReader, ByteOrderMarkNoFinalNewlineAndBlankLines) {
  auto reader = CsvReader::FromText("bom.csv",
                                    "\xEF\xBB\xBF"
                                    "a,b\n1,2\n\n3,4");
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(reader->header()[0], "a");
  EXPECT_EQ(ReadAll(*reader), (std::vector<std::vector<std::string>>{{"1", "2"}, {"3", "4"}}));
}

TEST(CsvReader, TrailingEmptyFieldAtEndOfInput) {
  auto reader = CsvReader::FromText("t.csv", "a,b\n1,");
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(ReadAll(*reader), (std::vector<std::vector<std::string>>{{"1", ""}}));
}

TEST(CsvReader, WrongWidthNamesTheLineAndReadingContinues) {
  auto reader = CsvReader::FromText("w.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n");
  ASSERT_TRUE(reader.ok());
  ASSERT_TRUE(*reader->Next());
  const auto bad = reader->Next();
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidInput);
  ASSERT_EQ(bad.status().diagnostics().size(), 1U);
  EXPECT_EQ(bad.status().diagnostics()[0].ToString(), "w.csv:3: expected 3 fields as in the header, found 2");
  auto next = reader->Next();
  ASSERT_TRUE(next.ok() && *next);
  EXPECT_EQ(reader->field(0), "6");
}

TEST(CsvReader, NextRecordCollectsEveryMalformedLineAndReadsOn) {
  auto reader = CsvReader::FromText("w.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n9\n\"open,1,2\n");
  ASSERT_TRUE(reader.ok());
  DiagnosticList problems("w.csv");
  std::vector<std::string> firsts;
  while (true) {
    const auto more = reader->NextRecord(problems);
    ASSERT_TRUE(more.ok()) << more.status().ToString();
    if (!*more) break;
    firsts.emplace_back(reader->field(0));
  }
  EXPECT_EQ(firsts, (std::vector<std::string>{"1", "6"}));
  ASSERT_EQ(problems.count(), 3U);
  const Status status = problems.ToStatus();
  ASSERT_EQ(status.diagnostics().size(), 3U);
  EXPECT_EQ(status.diagnostics()[0].ToString(), "w.csv:3: expected 3 fields as in the header, found 2");
  EXPECT_EQ(status.diagnostics()[1].ToString(), "w.csv:5: expected 3 fields as in the header, found 1");
  EXPECT_EQ(status.diagnostics()[2].ToString(), "w.csv:6: field 1: a quoted field is never closed (missing '\"')");
}

TEST(CsvReader, UnterminatedQuoteIsReportedAtItsStart) {
  auto reader = CsvReader::FromText("q.csv", "a,b\n1,\"open\n2,3\n");
  ASSERT_TRUE(reader.ok());
  const auto bad = reader->Next();
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().diagnostics()[0].ToString(),
            "q.csv:2: field 2: a quoted field is never closed (missing '\"')");
  const auto after = reader->Next();
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(*after);
}

TEST(CsvReader, TextAfterClosingQuoteIsAnError) {
  auto reader = CsvReader::FromText("x.csv", "a,b\n\"1\"x,2\n3,4\n");
  ASSERT_TRUE(reader.ok());
  const auto bad = reader->Next();
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().diagnostics()[0].reason.find("after a closing quote"), std::string::npos);
  ASSERT_TRUE(*reader->Next());
  EXPECT_EQ(reader->field(0), "3");
}

TEST(CsvReader, HeaderProblemsAreAllListed) {
  const auto empty = CsvReader::FromText("e.csv", "");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().diagnostics()[0].ToString(),
            "e.csv:1: the file is empty; expected a header row naming the columns");
  const auto repeated = CsvReader::FromText("r.csv", "code,,code\n");
  ASSERT_FALSE(repeated.ok());
  ASSERT_EQ(repeated.status().diagnostic_count(), 2U);
  EXPECT_EQ(repeated.status().diagnostics()[0].ToString(), "r.csv:1: column 2: the header names no column here");
  EXPECT_EQ(repeated.status().diagnostics()[1].ToString(), "r.csv:1: code: column name repeated (columns 1 and 3)");
}

TEST(CsvReader, OtherDelimiter) {
  auto reader = CsvReader::FromText("t.tsv", "a\tb\n1,5\t2\n", CsvOptions{.delimiter = '\t'});
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(ReadAll(*reader), (std::vector<std::vector<std::string>>{{"1,5", "2"}}));
}

TEST(CsvReader, ReadsPlainAndGzipFiles) {
  nrs::testing::TempDir dir;
  const std::string text = "code,value\nE01000001,1.5\nE01000002,2.5\n";
  const std::string plain = dir.File("plain.csv");
  nrs::testing::WriteBytes(plain, text);
  const std::string gz = dir.File("packed.csv.gz");
  gzFile f = gzopen(gz.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(gzwrite(f, text.data(), static_cast<unsigned>(text.size())), static_cast<int>(text.size()));
  gzclose(f);
  for (const std::string& path : {plain, gz}) {
    auto reader = CsvReader::Open(path);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    EXPECT_EQ(ReadAll(*reader).size(), 2U) << path;
  }
  auto named = CsvReader::Open(plain, {}, "upload.csv");
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->name(), "upload.csv");
}

TEST(CsvReader, MissingFileAndDirectory) {
  nrs::testing::TempDir dir;
  EXPECT_EQ(CsvReader::Open(dir.File("none.csv")).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(CsvReader::Open(dir.path().string()).status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace nrs::io
