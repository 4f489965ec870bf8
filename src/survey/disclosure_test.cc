#include "survey/disclosure.h"

#include <gtest/gtest.h>

namespace nrs::survey {
namespace {

using core::Cell;
using core::CellType;
using core::Table;

Table Grid(const std::vector<std::tuple<std::string, std::string, std::int64_t, double>>& cells) {
  Table t({{"area", CellType::kText},
           {"wave", CellType::kText},
           {"estimate", CellType::kReal},
           {"n", CellType::kInteger},
           {"effective_n", CellType::kReal},
           {"flag", CellType::kText}});
  for (const auto& [area, wave, n, value] : cells) {
    t.AddRow({area, wave, value, n, static_cast<double>(n) * 0.8, std::string()});
  }
  return t;
}

const DisclosureLayout kLayout{.dimensions = {"area", "wave"},
                               .respondents = "n",
                               .counts = {"effective_n"},
                               .values = {"estimate"},
                               .flag = "flag"};

bool Hidden(const Table& t, std::size_t row) { return std::holds_alternative<std::monostate>(t.rows()[row][2]); }

TEST(Disclosure, CountsAreStarredOrRounded) {
  const Table t = Grid({{"a", "1", 3, 0.5}, {"b", "1", 12, 0.6}, {"c", "1", 13, 0.7}, {"d", "1", 0, 0.0}});
  auto out = ApplyDisclosureControl(
      t, {.dimensions = {}, .respondents = "n", .counts = {"effective_n"}, .values = {"estimate"}, .flag = "flag"}, {});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(std::get<std::string>(out->rows()[0][3]), "*");
  EXPECT_EQ(std::get<std::int64_t>(out->rows()[1][3]), 10);
  EXPECT_EQ(std::get<std::int64_t>(out->rows()[2][3]), 15);
  EXPECT_EQ(std::get<std::int64_t>(out->rows()[3][3]), 0);
  EXPECT_EQ(std::get<std::int64_t>(out->rows()[2][4]), 10);  // 10.4 → 10
  EXPECT_TRUE(Hidden(*out, 0));
  EXPECT_EQ(std::get<std::string>(out->rows()[0][5]), "suppressed");
  EXPECT_FALSE(Hidden(*out, 1));
}

// A 2 × 3 table (areas a, b × waves 1, 2, 3) with one small cell: the line of its wave and the line of its area
// each get a second hidden cell, and those create their own lines' needs, until every line with a hidden cell has
// two: nothing can be recovered from any row or column total.
TEST(Disclosure, SecondarySuppressionProtectsEveryLine) {
  const Table t = Grid({{"a", "1", 4, 0.1},
                        {"a", "2", 40, 0.2},
                        {"a", "3", 30, 0.3},
                        {"b", "1", 50, 0.4},
                        {"b", "2", 60, 0.5},
                        {"b", "3", 20, 0.6}});
  auto out = ApplyDisclosureControl(t, kLayout, {});
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(Hidden(*out, 0));
  EXPECT_TRUE(Hidden(*out, 2));  // a's smallest other cell (wave 3: 30)
  EXPECT_TRUE(Hidden(*out, 3));  // wave 1's other cell (b)
  EXPECT_TRUE(Hidden(*out, 5));  // then wave 3's other (b, 3) and b's line has two
  EXPECT_FALSE(Hidden(*out, 1));
  EXPECT_FALSE(Hidden(*out, 4));
  EXPECT_EQ(std::get<std::string>(out->rows()[2][5]), "suppressed_secondary");
  // Every line: zero or at least two hidden cells.
  for (const std::string area : {"a", "b"}) {
    int hidden = 0;
    for (std::size_t r = 0; r < out->size(); ++r)
      hidden += std::get<std::string>(out->rows()[r][0]) == area && Hidden(*out, r);
    EXPECT_NE(hidden, 1) << area;
  }
  for (const std::string wave : {"1", "2", "3"}) {
    int hidden = 0;
    for (std::size_t r = 0; r < out->size(); ++r)
      hidden += std::get<std::string>(out->rows()[r][1]) == wave && Hidden(*out, r);
    EXPECT_NE(hidden, 1) << wave;
  }
}

TEST(Disclosure, DerivedRowsGoWithTheirParts) {
  Table t = Grid({{"p", "1", 20, 0.1}, {"p", "2", 5, 0.2}, {"c", "1", 30, 0.3}, {"c", "2", 40, 0.4}});
  t.AddRow({std::string("contrast"), std::string("2 − 1"), 0.05, std::int64_t{95}, 60.0, std::string()});
  DisclosureLayout layout = kLayout;
  layout.derived_column = "area";
  layout.derived_values = {"contrast"};
  auto out = ApplyDisclosureControl(t, layout, {});
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(Hidden(*out, 4));
  // Thresholds are configurable: with 5 respondents allowed nothing is hidden.
  auto relaxed = ApplyDisclosureControl(t, layout, {.min_respondents = 5});
  ASSERT_TRUE(relaxed.ok());
  for (std::size_t r = 0; r < relaxed->size(); ++r) EXPECT_FALSE(Hidden(*relaxed, r)) << r;
}

TEST(Disclosure, RefusesBadRulesAndLayouts) {
  const Table t = Grid({{"a", "1", 30, 0.5}});
  EXPECT_FALSE(ApplyDisclosureControl(t, kLayout, {.rounding_base = 0}).ok());
  EXPECT_FALSE(ApplyDisclosureControl(t, kLayout, {.min_respondents = -1}).ok());
  DisclosureLayout wrong = kLayout;
  wrong.values = {"no such column"};
  EXPECT_FALSE(ApplyDisclosureControl(t, wrong, {}).ok());
}

}  // namespace
}  // namespace nrs::survey
