#include "io/table_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>

namespace nrs::io {
namespace {

core::Table Sample() {
  core::Table t({{"neighbourhood", core::CellType::kText},
                 {"lsoas", core::CellType::kInteger},
                 {"imd_score", core::CellType::kReal, 2}});
  t.AddRow({std::string("Old Swan"), std::int64_t{11}, 46.1625});
  t.AddRow({std::string("Worsley, Haslingden"), std::int64_t{4}, 0.1 + 0.2});
  t.AddRow({std::string("Claremont \"C\""), std::monostate{}, std::numeric_limits<double>::quiet_NaN()});
  return t;
}

std::string Render(const core::Table& t, OutputFormat f) {
  std::ostringstream out;
  WriteTable(t, f, out);
  return out.str();
}

TEST(TableWriter, CsvQuotesAndKeepsFullPrecision) {
  EXPECT_EQ(Render(Sample(), OutputFormat::kCsv),
            "neighbourhood,lsoas,imd_score\n"
            "Old Swan,11,46.1625\n"
            "\"Worsley, Haslingden\",4,0.30000000000000004\n"
            "\"Claremont \"\"C\"\"\",,\n");
}

TEST(TableWriter, JsonArrayOfObjectsWithNulls) {
  EXPECT_EQ(Render(Sample(), OutputFormat::kJson),
            "[\n"
            "  {\n    \"neighbourhood\": \"Old Swan\",\n    \"lsoas\": 11,\n    \"imd_score\": 46.1625\n  },\n"
            "  {\n    \"neighbourhood\": \"Worsley, Haslingden\",\n    \"lsoas\": 4,\n"
            "    \"imd_score\": 0.30000000000000004\n  },\n"
            "  {\n    \"neighbourhood\": \"Claremont \\\"C\\\"\",\n    \"lsoas\": null,\n    \"imd_score\": null\n"
            "  }\n]\n");
}

TEST(TableWriter, AlignedTableRightAlignsNumbersAndRoundsForPeople) {
  EXPECT_EQ(Render(Sample(), OutputFormat::kTable),
            "neighbourhood        lsoas  imd_score\n"
            "-------------------  -----  ---------\n"
            "Old Swan                11      46.16\n"
            "Worsley, Haslingden      4       0.30\n"
            "Claremont \"C\"\n");
}

TEST(TableWriter, WidthCountsCharactersNotBytes) {
  core::Table t({{"name", core::CellType::kText}, {"n", core::CellType::kInteger}});
  t.AddRow({std::string("Côte"), std::int64_t{1}});
  t.AddRow({std::string("Abc"), std::int64_t{22}});
  EXPECT_EQ(Render(t, OutputFormat::kTable), "name   n\n----  --\nCôte   1\nAbc   22\n");
}

TEST(TableWriter, ColumnTypesAreNamedAsJsonRepliesNameThem) {
  EXPECT_EQ(core::CellTypeName(core::CellType::kText), "text");
  EXPECT_EQ(core::CellTypeName(core::CellType::kInteger), "integer");
  EXPECT_EQ(core::CellTypeName(core::CellType::kReal), "real");
}

TEST(TableWriter, ParseFormat) {
  EXPECT_EQ(*ParseOutputFormat("csv"), OutputFormat::kCsv);
  EXPECT_EQ(*ParseOutputFormat("json"), OutputFormat::kJson);
  EXPECT_EQ(*ParseOutputFormat("table"), OutputFormat::kTable);
  EXPECT_EQ(ParseOutputFormat("xml").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("line\nbreak"), "\"line\nbreak\"");
}

}  // namespace
}  // namespace nrs::io
