// Disclosure control on every output path of the survey: each use case that returns a table (and so every
// printer, export and server route that shows one) and the export file. A small domain holds a distinctive value
// that must not appear anywhere, its respondent count must never be shown, and every line of a table that holds a
// suppressed cell must hold a second one.

#include "nrs/survey.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/test_support.h"
#include "io/table_writer.h"

namespace nrs {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

void Write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every rendering a path can give of a table.
std::string AllRenderings(const core::Table& table) {
  std::ostringstream out;
  for (const io::OutputFormat f : {io::OutputFormat::kTable, io::OutputFormat::kCsv, io::OutputFormat::kJson}) {
    io::WriteTable(table, f, out);
  }
  return out.str();
}

// No count 1..7 is shown; every row flagged suppressed has no estimate.
void ExpectControlled(const core::Table& table) {
  for (const auto& row : table.rows()) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string& name = table.columns()[c].name;
      if (name == "n" || name == "effective_n" || name == "scored" || name == "missing") {
        if (const auto* v = std::get_if<std::int64_t>(&row[c])) {
          EXPECT_TRUE(*v == 0 || *v % 5 == 0) << name << " " << *v << " is neither rounded nor starred";
        }
      }
    }
    const int flag = table.ColumnIndex("flag");
    const int estimate = table.ColumnIndex("estimate");
    if (flag >= 0 && estimate >= 0) {
      const auto* text = std::get_if<std::string>(&row[static_cast<std::size_t>(flag)]);
      if (text != nullptr && text->find("suppressed") != std::string::npos) {
        EXPECT_TRUE(std::holds_alternative<std::monostate>(row[static_cast<std::size_t>(estimate)]));
      }
    }
  }
}

// 40 respondents: areas A (12), B (14), C (4, the small one, y = 7.123456), D (10); waves 1 and 2; programme A, C
// and comparison B, D.
std::string Data() {
  std::string text = "id,area,class,wave,w,y,sex\n";
  int id = 0;
  const auto add = [&](const std::string& area, const std::string& cls, int n, double y) {
    for (int i = 0; i < n; ++i) {
      text += fmt::format("{},{},{},{},{},{},{}\n", ++id, area, cls, 1 + i % 2, 10 + i % 3,
                          area == "C" ? "7.123456" : std::to_string(y + i % 4), i % 2 ? "female" : "male");
    }
  };
  add("A", "programme", 12, 3);
  add("B", "comparison", 14, 4);
  add("C", "programme", 4, 0);
  add("D", "comparison", 10, 5);
  return text;
}

constexpr const char* kSecret = "7.12345";

TEST(SurveyDisclosure, EstimatesAndTheirExportHideTheSmallDomain) {
  nrs::testing::TempDir dir;
  Write(dir.File("d.csv"), Data());
  SurveyEstimateOptions options;
  options.design = {.data = dir.File("d.csv"), .weight = "w"};
  options.variable = "y";
  options.by = {"area"};
  options.output = dir.File("export.csv");
  auto table = EstimateSurvey(options);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ExpectControlled(*table);
  EXPECT_THAT(AllRenderings(*table), Not(HasSubstr(kSecret)));
  EXPECT_THAT(Read(dir.File("export.csv")), Not(HasSubstr(kSecret)));
  EXPECT_THAT(Read(dir.File("export.csv")), HasSubstr("suppressed_secondary"));
  // C (4) is suppressed and shown as "*"; D (10, the smallest other) is suppressed with it.
  EXPECT_EQ(std::get<std::string>(table->rows()[2][table->ColumnIndex("n")]), "*");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(table->rows()[3][1]));
  // By area and wave: every line with a hidden cell has two.
  options.by = {"area", "wave"};
  options.output.clear();
  auto two_way = EstimateSurvey(options);
  ASSERT_TRUE(two_way.ok());
  ExpectControlled(*two_way);
  EXPECT_THAT(AllRenderings(*two_way), Not(HasSubstr(kSecret)));
  // Proportions and totals of the same domain.
  options.by = {"area"};
  options.condition = "y > 7";
  options.statistic = "proportion";
  auto shares = EstimateSurvey(options);
  ASSERT_TRUE(shares.ok());
  ExpectControlled(*shares);
  EXPECT_TRUE(std::holds_alternative<std::monostate>((*shares).rows()[2][1]));
}

TEST(SurveyDisclosure, DifferenceInDifferencesHidesSmallCellsAndTheContrast) {
  nrs::testing::TempDir dir;
  Write(dir.File("d.csv"), Data());
  SurveyDidOptions options;
  options.design = {.data = dir.File("d.csv"), .weight = "w"};
  options.variable = "y";
  options.group = "class";
  options.disclosure.min_respondents = 12;  // the programme areas' wave-1 cell (A 6 + C 2 = 8) is small
  auto table = SurveyDifferenceInDifferences(options);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ExpectControlled(*table);
  for (std::size_t r = 0; r < table->size(); ++r) {
    const auto& group = std::get<std::string>(table->rows()[r][0]);
    if (group == "difference in differences" || group == "ignoring covariance") {
      EXPECT_TRUE(std::holds_alternative<std::monostate>(table->rows()[r][2])) << group;
    }
  }
}

TEST(SurveyDisclosure, CalibrationGenerationAndImportShowNoSmallCounts) {
  nrs::testing::TempDir dir;
  Write(dir.File("d.csv"), Data());
  Write(dir.File("m.csv"), "area,population\nA,120\nB,140\nC,40\nD,100\n");
  SurveyCalibrateOptions calibrate;
  calibrate.design = {.data = dir.File("d.csv"), .weight = "w", .margins = {dir.File("m.csv")}};
  calibrate.output = dir.File("cal.csv");
  auto cal = CalibrateSurvey(calibrate);
  ASSERT_TRUE(cal.ok()) << cal.status().ToString();
  ExpectControlled(*cal);
  EXPECT_THAT(AllRenderings(*cal), HasSubstr("*"));

  SurveyGenerateOptions generate;
  generate.output = dir.File("syn.csv");
  generate.respondents_per_area = 20;
  auto syn = GenerateSurvey(generate);
  ASSERT_TRUE(syn.ok());
  ExpectControlled(*syn);

  SurveyImportOptions import;
  import.data = dir.File("syn.csv");
  auto imported = ImportSurvey(import);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  ExpectControlled(*imported);
}

TEST(SurveyDisclosure, ThresholdsAreConfigurableAndValidated) {
  nrs::testing::TempDir dir;
  Write(dir.File("d.csv"), Data());
  SurveyEstimateOptions options;
  options.design = {.data = dir.File("d.csv"), .weight = "w"};
  options.variable = "y";
  options.by = {"area"};
  options.disclosure = {.min_respondents = 1, .small_count_max = 0, .rounding_base = 1};
  auto open = EstimateSurvey(options);
  ASSERT_TRUE(open.ok());
  EXPECT_THAT(AllRenderings(*open), HasSubstr(kSecret));
  options.disclosure.rounding_base = 0;
  EXPECT_EQ(EstimateSurvey(options).status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace nrs
