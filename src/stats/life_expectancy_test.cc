#include "stats/life_expectancy.h"

#include <gtest/gtest.h>

namespace nrs::stats {
namespace {

// Inputs and expected values: PHEindicatormethods' life expectancy tests (tests/testthat/
// testLifeExpectancy.R: df1 and answer1, df_widecis_plus and answer_widecis; compared to 4 decimals there).
// answer1's limits were made with z = 1.96 (the spreadsheet calculator) where NRS, like the package, uses
// the exact normal quantile: they agree to 6e-6 years, well within the 4 decimals the package compares.
const std::vector<double> kAges(kLifeTableStartAges.begin(), kLifeTableStartAges.end());
const std::vector<double> kPops = {7060,  35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601,
                                   50209, 56416, 46411, 39820, 37978, 37039, 33288, 23306, 11936, 11936};
const std::vector<double> kDeaths = {17,  9,   4,   8,   20,  15,  24,   33,   50,   71,
                                     100, 163, 263, 304, 536, 872, 1390, 1605, 1936, 1937};
const std::vector<double> kValue = {80.16960813, 79.36245674, 75.44193645, 70.47299936, 65.52909542,
                                    60.67510088, 55.78835987, 50.92752727, 46.06740425, 41.24505636,
                                    36.49322717, 31.83343842, 27.26027992, 22.9719144,  18.76856852,
                                    14.95858336, 11.51684445, 8.618849241, 6.163942934, 6.16210635};
const std::vector<double> kLower = {79.88268548, 79.0898816,  75.17407307, 70.20675732, 65.26548673,
                                    60.41876577, 55.53801579, 50.68279939, 45.82666794, 41.00842831,
                                    36.26223216, 31.60996318, 27.04337271, 22.76653134, 18.57570352,
                                    14.77985004, 11.34831778, 8.451134045, 5.978358351, 5.887683386};
const std::vector<double> kUpper = {80.45653078, 79.63503188, 75.70979983, 70.7392414,  65.79270412,
                                    60.931436,   56.03870395, 51.17225516, 46.30814055, 41.48168441,
                                    36.72422219, 32.05691365, 27.47718713, 23.17729746, 18.96143352,
                                    15.13731667, 11.68537112, 8.786564437, 6.349527517, 6.436529314};

Result<Estimates> Table(const std::vector<double>& deaths, const std::vector<double>& pops,
                        const std::vector<double>& ages, const Groups& groups) {
  return LifeExpectancy({deaths, pops, ages}, groups, LifeExpectancyOptions{});
}

TEST(LifeExpectancy, MatchesTheReferenceTable) {
  auto e = Table(kDeaths, kPops, kAges, Groups::Single(20));
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  for (std::size_t i = 0; i < 20; ++i) {
    EXPECT_NEAR(e->value[i], kValue[i], 5e-8) << "age " << kAges[i];
    EXPECT_NEAR(e->lower[0][i], kLower[i], 1e-5) << "age " << kAges[i];
    EXPECT_NEAR(e->upper[0][i], kUpper[i], 1e-5) << "age " << kAges[i];
    EXPECT_EQ(e->method[i], Method::kChiangSilcocks);
    EXPECT_EQ(e->reason[i], Reason::kNone);
  }
}

TEST(LifeExpectancy, RowsInAnyOrderKeepTheirOrder) {
  std::vector<double> deaths = kDeaths, pops = kPops, ages = kAges;
  std::swap(deaths[14], deaths[19]);
  std::swap(pops[14], pops[19]);
  std::swap(ages[14], ages[19]);
  auto e = Table(deaths, pops, ages, Groups::Single(20));
  ASSERT_TRUE(e.ok());
  EXPECT_NEAR(e->value[19], kValue[14], 5e-8);
  EXPECT_NEAR(e->value[14], kValue[19], 5e-8);
}

TEST(LifeExpectancy, SuppressionRules) {
  const auto reason = [](const std::vector<double>& deaths, const std::vector<double>& pops,
                         const std::vector<double>& ages) {
    auto e = Table(deaths, pops, ages, Groups::Single(ages.size()));
    EXPECT_TRUE(e.ok());
    for (std::size_t i = 0; i < ages.size(); ++i) EXPECT_TRUE(IsMissing(e->value[i]));
    return e->reason[0];
  };
  std::vector<double> d = kDeaths;
  d[3] = -5;
  EXPECT_EQ(reason(d, kPops, kAges), Reason::kNegativeDeaths);
  std::vector<double> p = kPops;
  p[5] = 0;
  EXPECT_EQ(reason(kDeaths, p, kAges), Reason::kZeroPopulationBand);
  p = kPops;
  p[18] = 119;
  EXPECT_EQ(reason(kDeaths, p, kAges), Reason::kDeathsAbovePopulation);
  EXPECT_EQ(
      reason(std::vector<double>(kDeaths.begin(), kDeaths.end() - 1),
             std::vector<double>(kPops.begin(), kPops.end() - 1), std::vector<double>(kAges.begin(), kAges.end() - 1)),
      Reason::kIncompleteAgeBands);
  const std::vector<double> low_pops = {128, 152, 120, 176, 194, 180, 145, 149, 107, 185,
                                        165, 109, 100, 122, 133, 189, 123, 121, 147, 138};
  const std::vector<double> low_deaths = {58, 93, 78, 94, 59, 71, 80, 73, 69, 72,
                                          91, 69, 78, 71, 54, 91, 82, 53, 50, 84};
  EXPECT_EQ(reason(low_deaths, low_pops, kAges), Reason::kPopulationUnder5000);
  d = kDeaths;
  d[19] = 0;
  EXPECT_EQ(reason(d, kPops, kAges), Reason::kNoDeathsInOpenBand);
  d = kDeaths;
  d[2] = kMissing;
  EXPECT_EQ(reason(d, kPops, kAges), Reason::kMissingValue);
}

TEST(LifeExpectancy, WideIntervalsSuppressTheValueOnly) {
  // df_widecis_plus: two areas with the same small populations; area 1 has more deaths than people at 90+.
  const std::vector<double> pops = {270, 235, 246, 248, 243, 238, 246, 257, 261, 355,
                                    350, 356, 346, 339, 337, 337, 333, 323, 311, 311};
  std::vector<double> deaths = {17, 9, 4, 8, 20, 15, 24, 33, 50, 51, 10, 16, 26, 30, 36, 22, 13, 5, 6, 1};
  std::vector<double> all_deaths = deaths, all_pops = pops, ages = kAges;
  all_deaths[19] = 312;
  all_deaths.insert(all_deaths.end(), deaths.begin(), deaths.end());
  all_pops.insert(all_pops.end(), pops.begin(), pops.end());
  ages.insert(ages.end(), kAges.begin(), kAges.end());
  std::vector<std::string> keys(20, "Area 1");
  keys.resize(40, "Area 2");
  auto e = Table(all_deaths, all_pops, ages, Groups::ByKey(keys));
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->reason[0], Reason::kDeathsAbovePopulation);
  const std::vector<double> value = {19.22914685, 19.44120610, 18.33467808, 14.67659995, 11.81284556,
                                     11.63815414, 10.05641628, 9.93152356,  11.95846561};
  const std::vector<double> lower = {16.43900644,   16.53437505,   15.62922550,   12.08108630,   9.21823373,
                                     8.68414661,    6.54020385,    4.71570153,    2.37762283,    -1.60695210,
                                     -10.33328815,  -17.16409724,  -26.91715103,  -45.04820928,  -76.27067271,
                                     -137.12203187, -195.39453664, -242.37480291, -266.74198466, -298.54880400};
  for (std::size_t i = 0; i < 20; ++i) {
    const std::size_t r = 20 + i;
    if (i < value.size()) {
      EXPECT_NEAR(e->value[r], value[i], 5e-8);
      EXPECT_EQ(e->reason[r], Reason::kNone);
    } else {
      EXPECT_TRUE(IsMissing(e->value[r])) << i;
      EXPECT_EQ(e->reason[r], Reason::kIntervalWiderThan20Years);
    }
    EXPECT_NEAR(e->lower[0][r], lower[i], 1e-5) << i;
  }
}

TEST(LifeExpectancy, OptionsAreValidated) {
  LifeExpectancyOptions options;
  options.confidence = {0.95, 0.85};
  EXPECT_FALSE(LifeExpectancy({kDeaths, kPops, kAges}, Groups::Single(20), options).ok());
  EXPECT_FALSE(LifeExpectancy({kDeaths, kPops, {}}, Groups::Single(20), LifeExpectancyOptions{}).ok());
}

}  // namespace
}  // namespace nrs::stats
