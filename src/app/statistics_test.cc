#include "nrs/statistics.h"

#include <gtest/gtest.h>

#include "core/test_support.h"
#include "stats/standardisation.h"

namespace nrs {
namespace {

using nrs::testing::TempDir;
using nrs::testing::WriteBytes;

// The cell of `column` in `row`, as text ("" for missing), for terse assertions.
std::string Cell(const core::Table& table, std::size_t row, std::string_view column) {
  const int c = table.ColumnIndex(column);
  if (c < 0) return "<no column " + std::string(column) + ">";
  const core::Cell& cell = table.rows()[row][static_cast<std::size_t>(c)];
  if (const auto* s = std::get_if<std::string>(&cell)) return *s;
  if (const auto* d = std::get_if<double>(&cell)) return std::isnan(*d) ? "" : fmt::format("{}", *d);
  if (const auto* i = std::get_if<std::int64_t>(&cell)) return std::to_string(*i);
  return "";
}

double Number(const core::Table& table, std::size_t row, std::string_view column) {
  return std::stod(Cell(table, row, column));
}

class Statistics : public ::testing::Test {
 protected:
  StatisticsOptions Options(StatisticKind kind, const std::string& csv) {
    WriteBytes(dir_.File("in.csv"), csv);
    StatisticsOptions options;
    options.kind = kind;
    options.input = dir_.File("in.csv");
    return options;
  }
  TempDir dir_;
};

TEST_F(Statistics, ProportionKeepsInputColumnsAndRowOrderWithReasons) {
  StatisticsOptions o = Options(StatisticKind::kProportion,
                                "area,x,n,value\nA,65,100,old\nB,,100,old\nC,12abc,10,old\nD,5,0,old\nE,11,10,old\n");
  o.x = "x";
  o.n = "n";
  auto t = ComputeStatistics(o);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->size(), 5U);
  // The statistic's `value` replaces the input's column of that name.
  std::vector<std::string> names;
  for (const auto& c : t->columns()) names.push_back(c.name);
  EXPECT_EQ(names, (std::vector<std::string>{"area", "x", "n", "value", "lower_95", "upper_95", "lower_998",
                                             "upper_998", "method", "reason"}));
  EXPECT_EQ(Cell(*t, 0, "area"), "A");
  EXPECT_NEAR(Number(*t, 0, "value"), 0.65, 1e-15);
  EXPECT_NEAR(Number(*t, 0, "lower_95"), 0.55254443296888, 1e-13);
  EXPECT_EQ(Cell(*t, 0, "method"), "Wilson");
  EXPECT_EQ(Cell(*t, 0, "reason"), "");
  EXPECT_EQ(Cell(*t, 1, "value"), "");
  EXPECT_EQ(Cell(*t, 1, "reason"), "the numerator is missing");
  EXPECT_EQ(Cell(*t, 2, "reason"), "x '12abc' is not a number");
  EXPECT_EQ(Cell(*t, 3, "reason"), "the denominator is zero");
  EXPECT_EQ(Cell(*t, 4, "reason"), "the numerator is greater than the denominator");
  EXPECT_EQ(Cell(*t, 4, "method"), "");
}

TEST_F(Statistics, GroupedRatesSumThenComputeAndWhereSelectsRows) {
  StatisticsOptions o = Options(StatisticKind::kRate, "area,year,x,n\nA,1,1,100\nB,1,3,50\nA,2,1,100\nB,2,NA,50\n");
  o.x = "x";
  o.n = "n";
  o.group = {"area"};
  o.confidence = {0.95};
  auto t = ComputeStatistics(o);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->size(), 2U);
  EXPECT_EQ(Cell(*t, 0, "area"), "A");
  EXPECT_EQ(Number(*t, 0, "x"), 2);
  EXPECT_EQ(Number(*t, 0, "n"), 200);
  EXPECT_NEAR(Number(*t, 0, "value"), 1000, 1e-9);
  EXPECT_NEAR(Number(*t, 0, "lower_95"), 121.104639271983, 1e-9);
  EXPECT_EQ(Cell(*t, 0, "method"), "Exact");
  EXPECT_EQ(t->ColumnIndex("year"), -1);
  EXPECT_EQ(Cell(*t, 1, "reason"), "the numerator is missing");

  o.where = {"year=2"};
  o.group.clear();
  o.multiplier = 100;
  t = ComputeStatistics(o);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->size(), 2U);
  EXPECT_NEAR(Number(*t, 0, "value"), 1, 1e-12);
  o.where = {"year!=2", "area=B"};
  t = ComputeStatistics(o);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->size(), 1U);
  EXPECT_NEAR(Number(*t, 0, "value"), 6, 1e-12);
  o.where = {"x>=2"};  // numbers: "NA" and 1 fail
  t = ComputeStatistics(o);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->size(), 1U);
  EXPECT_EQ(Cell(*t, 0, "area"), "B");
  o.where = {"n<60", "year<=1"};
  EXPECT_EQ(ComputeStatistics(o)->size(), 1U);
  o.where = {"area<B"};
  EXPECT_EQ(ComputeStatistics(o).status().code(), ErrorCode::kInvalidArgument);
}

TEST_F(Statistics, ComparatorAddsComparisonsAndTheFiveClassBenchmark) {
  StatisticsOptions o = Options(StatisticKind::kProportion, "area,x,n\nA,300,1000\nB,1,0\n");
  o.x = "x";
  o.n = "n";
  o.multiplier = 100;
  o.comparator = 26;
  o.polarity = stats::Polarity::kHighIsGood;
  auto t = ComputeStatistics(o);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(Cell(*t, 0, "comparison_95"), "better");
  EXPECT_EQ(Cell(*t, 0, "comparison_998"), "similar");
  EXPECT_EQ(Cell(*t, 0, "benchmark"), "better (95%)");
  EXPECT_EQ(Cell(*t, 1, "benchmark"), "not compared");
}

TEST_F(Statistics, MeanDsrIsrAndTrendGiveOneRowPerGroup) {
  StatisticsOptions o = Options(StatisticKind::kMean, "g,v\na,1\na,2\na,3\nb,4\nb,6\n");
  o.x = "v";
  o.group = {"g"};
  auto t = ComputeStatistics(o);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->size(), 2U);
  EXPECT_EQ(Number(*t, 1, "value"), 5);
  EXPECT_EQ(Number(*t, 0, "value_count"), 3);
  EXPECT_EQ(Cell(*t, 0, "method"), "Student's t-distribution");

  std::string csv = "area,age,deaths,pop,refx,refn\n";
  for (const std::string_view area : {"one", "two"}) {
    for (int b = 0; b < 19; ++b) {
      csv += fmt::format("{},{},{},1000,{},10000\n", area, stats::Esp2013BandLabel(static_cast<std::size_t>(b)),
                         area == "one" ? 20 : 0, 150);
    }
  }
  o = Options(StatisticKind::kDsr, csv);
  o.x = "deaths";
  o.n = "pop";
  o.group = {"area"};
  t = ComputeStatistics(o);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_NEAR(Number(*t, 0, "value"), 2000, 1e-9);  // 2% in every band, per 100,000
  EXPECT_EQ(Number(*t, 0, "total_count"), 380);
  EXPECT_EQ(Cell(*t, 1, "reason"), "not calculated for fewer than 10 events");
  o.standardisation.age = "age";  // the same, matched by label
  t = ComputeStatistics(o);
  ASSERT_TRUE(t.ok());
  EXPECT_NEAR(Number(*t, 0, "value"), 2000, 1e-9);

  o = Options(StatisticKind::kIsr, csv);
  o.x = "deaths";
  o.n = "pop";
  o.group = {"area"};
  o.standardisation.ref_x = "refx";
  o.standardisation.ref_n = "refn";
  t = ComputeStatistics(o);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_NEAR(Number(*t, 0, "expected"), 19 * 15, 1e-9);
  EXPECT_NEAR(Number(*t, 0, "value"), 380.0 / 285, 1e-12);
  EXPECT_EQ(Number(*t, 1, "value"), 0);

  o = Options(StatisticKind::kTrend,
              "area,year,x,n\nA,2019,40,100\nA,2015,5,100\nA,2016,10,100\nA,2017,20,100\nA,2018,30,100\n");
  o.x = "x";
  o.n = "n";
  o.group = {"area"};
  o.trend.time = "year";
  o.polarity = stats::Polarity::kLowIsGood;
  t = ComputeStatistics(o);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(Cell(*t, 0, "trend"), "Increasing and getting worse");
}

TEST_F(Statistics, LifeExpectancyQuantilesSiiAndFunnel) {
  std::string csv = "age,deaths,pop\n";
  const int ages[] = {0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90};
  for (const int a : ages)
    csv += fmt::format("{},{},{}\n", a == 90 ? "90+" : std::to_string(a), (a / 5 + 1) * 20, 20000);
  StatisticsOptions o = Options(StatisticKind::kLifeExpectancy, csv);
  o.x = "deaths";
  o.n = "pop";
  o.standardisation.age = "age";
  auto t = ComputeStatistics(o);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->size(), 20U);
  EXPECT_GT(Number(*t, 0, "value"), Number(*t, 19, "value"));
  EXPECT_EQ(Cell(*t, 19, "reason"), "");
  EXPECT_EQ(Cell(*t, 0, "method"), "Chiang, using Silcocks et al for confidence limits");

  std::string values = "v\n";
  for (int i = 1; i <= 10; ++i) values += fmt::format("{}\n", i);
  o = Options(StatisticKind::kQuantile, values);
  o.x = "v";
  o.quantile.quantiles = 5;
  t = ComputeStatistics(o);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(Number(*t, 9, "quantile"), 1);
  EXPECT_EQ(Number(*t, 0, "quantile"), 5);
  o.quantile.lowest_first = true;
  EXPECT_EQ(Number(*ComputeStatistics(o), 0, "quantile"), 1);

  std::string sii = "q,pop,value,se\n";
  for (int i = 1; i <= 5; ++i) sii += fmt::format("{},1000,{},0.5\n", i, 80 - i);
  o = Options(StatisticKind::kSii, sii);
  o.sii.quantile = "q";
  o.n = "pop";
  o.sii.value = "value";
  o.sii.se = "se";
  o.sii.repetitions = 1000;
  t = ComputeStatistics(o);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_NEAR(Number(*t, 0, "sii"), -5, 1e-9);  // one year less per fifth of the population
  EXPECT_LT(Number(*t, 0, "sii_lower_95"), -5);
  EXPECT_EQ(Cell(*t, 0, "reason"), "");

  o = Options(StatisticKind::kFunnel, "x,n\n200,1000\n300,1000\n190,1000\n210,1000\n");
  o.x = "x";
  o.n = "n";
  t = ComputeStatistics(o);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(Cell(*t, 1, "significance"), "High (0.001)");
  o.funnel.limits = true;
  t = ComputeStatistics(o);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->size(), 100U);
  EXPECT_EQ(t->columns().front().name, "population");
}

TEST_F(Statistics, ErrorsNameTheProblem) {
  StatisticsOptions o = Options(StatisticKind::kProportion, "a,b\n1,2\n");
  o.x = "Numerator";
  o.n = "b";
  auto t = ComputeStatistics(o);
  EXPECT_EQ(t.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(t.status().message().find("columns are: a, b"), std::string_view::npos) << t.status().message();
  o.x = "a";
  o.confidence = {0.5};
  EXPECT_EQ(ComputeStatistics(o).status().code(), ErrorCode::kInvalidArgument);
  o.confidence = {0.95};
  o.where = {"nonsense"};
  EXPECT_EQ(ComputeStatistics(o).status().code(), ErrorCode::kInvalidArgument);
  o.where.clear();
  o.input = dir_.File("absent.csv");
  EXPECT_EQ(ComputeStatistics(o).status().code(), ErrorCode::kNotFound);
  o = Options(StatisticKind::kProportion, "a,b\n1,2\n3\n4,5,6\n");
  o.x = "a";
  o.n = "b";
  t = ComputeStatistics(o);
  EXPECT_EQ(t.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(t.status().diagnostic_count(), 2U);
  o = Options(StatisticKind::kMean, "v\n1\n");
  o.x = "v";
  o.multiplier = 100;
  EXPECT_EQ(ComputeStatistics(o).status().code(), ErrorCode::kInvalidArgument);  // means take no multiplier
  o = Options(StatisticKind::kSii, "q\n1\n");
  o.sii.quantile = "q";
  o.n = "q";
  o.sii.value = "q";
  EXPECT_EQ(ComputeStatistics(o).status().code(), ErrorCode::kInvalidArgument);  // neither se nor limits
}

}  // namespace
}  // namespace nrs
