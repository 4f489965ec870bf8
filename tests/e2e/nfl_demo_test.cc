// The demo database against the raw public data it was built from: for every Neighbourhood for Learning,
// its LSOAs, its population-weighted IMD 2019 score and its share of LSOAs in England's most deprived decile,
// each computed here directly from the raw CSV files; and Old Swan's profile against Liverpool, the North
// West and England, with its Wilson intervals recomputed by hand.

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "core/test_support.h"
#include "core/text.h"
#include "io/csv_reader.h"
#include "nrs/places.h"
#include "nrs/survey.h"
#include "nrs/system_maps.h"

namespace nrs {
namespace {

const std::string kDemo = std::string(NRS_SOURCE_DIR) + "/data/demo/";

struct Lsoa {
  double score = 0, rank = 0, decile = 0, population = 0, income = NAN;
};

class NflDemo : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    shared_dir = new nrs::testing::TempDir();
    InitOptions init;
    init.db_path = shared_dir->File("demo.db");
    init.demo = true;
    const auto created = CreateDatabase(init);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    auto app = App::Open({.db_path = init.db_path});
    ASSERT_TRUE(app.ok());
    shared_app = app->release();
    ReadRaw();
  }
  static void TearDownTestSuite() {
    delete shared_app;
    delete shared_dir;
  }

  static std::string Field(io::CsvReader& r, const char* column) {
    return std::string(r.field(static_cast<std::size_t>(r.ColumnIndex(column))));
  }

  static void ReadRaw() {
    auto lookup = io::CsvReader::Open(kDemo + "LSOA11_WD19_LAD19_lookup_EW.csv.gz");
    ASSERT_TRUE(lookup.ok());
    while (*lookup->Next()) ward_lsoas[Field(*lookup, "WD19CD")].push_back(Field(*lookup, "LSOA11CD"));
    auto iod = io::CsvReader::Open(kDemo + "iod2019_lsoa11_combined.csv.gz");
    ASSERT_TRUE(iod.ok());
    while (*iod->Next()) {
      Lsoa l;
      l.score = std::stod(Field(*iod, "Index of Multiple Deprivation (IMD) Score"));
      l.rank = std::stod(Field(*iod, "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)"));
      l.decile =
          std::stod(Field(*iod, "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)"));
      l.population = std::stod(Field(*iod, "Total population: mid 2015 (excluding prisoners)"));
      all_lsoas[Field(*iod, "LSOA code (2011)")] = l;
    }
    auto income = io::CsvReader::Open(kDemo + "imd2019_lsoa11_underlying_indicators.csv.gz");
    ASSERT_TRUE(income.ok());
    while (*income->Next()) {
      const std::string v = Field(*income, "income_domain_numerator");
      if (!v.empty()) all_lsoas[Field(*income, "lsoa11_code")].income = std::stod(v);
    }
    auto nfl = io::CsvReader::Open(kDemo + "nfl_wards.csv");
    ASSERT_TRUE(nfl.ok());
    while (*nfl->Next()) {
      std::vector<std::string> members;
      for (const std::string& ward : core::SplitList(Field(*nfl, "ward_codes_2019"), ';')) {
        for (const std::string& l : ward_lsoas[ward]) members.push_back(l);
      }
      nfl_neighbourhoods[Field(*nfl, "neighbourhood")] = members;
    }
  }

  // Rows of a table as column → text, for lookups by name.
  static std::vector<std::map<std::string, std::string>> Rows(const core::Table& t) {
    std::vector<std::map<std::string, std::string>> out;
    for (const auto& row : t.rows()) {
      auto& m = out.emplace_back();
      for (std::size_t c = 0; c < t.columns().size(); ++c) {
        const core::Cell& cell = row[c];
        if (const auto* s = std::get_if<std::string>(&cell)) m[t.columns()[c].name] = *s;
        if (const auto* i = std::get_if<std::int64_t>(&cell)) m[t.columns()[c].name] = std::to_string(*i);
        if (const auto* d = std::get_if<double>(&cell)) m[t.columns()[c].name] = fmt::format("{}", *d);
      }
    }
    return out;
  }

  static double PopulationWeightedScore(const std::vector<std::string>& codes) {
    double weighted = 0, people = 0;
    for (const std::string& c : codes) {
      weighted += all_lsoas.at(c).score * all_lsoas.at(c).population;
      people += all_lsoas.at(c).population;
    }
    return weighted / people;
  }

  static nrs::testing::TempDir* shared_dir;
  static App* shared_app;
  static std::map<std::string, std::vector<std::string>> ward_lsoas;
  static std::map<std::string, Lsoa> all_lsoas;
  static std::map<std::string, std::vector<std::string>> nfl_neighbourhoods;
};

nrs::testing::TempDir* NflDemo::shared_dir = nullptr;
App* NflDemo::shared_app = nullptr;
std::map<std::string, std::vector<std::string>> NflDemo::ward_lsoas;
std::map<std::string, Lsoa> NflDemo::all_lsoas;
std::map<std::string, std::vector<std::string>> NflDemo::nfl_neighbourhoods;

TEST_F(NflDemo, EveryNeighbourhoodHasTheLsoasOfItsWards) {
  ASSERT_EQ(nfl_neighbourhoods.size(), 7U);
  const auto list = ListNeighbourhoods(*shared_app);
  ASSERT_TRUE(list.ok());
  std::map<std::string, std::string> lsoas;
  for (auto& row : Rows(*list)) lsoas[row["name"]] = row["lsoas"];
  for (const auto& [name, members] : nfl_neighbourhoods) {
    EXPECT_EQ(lsoas[name], std::to_string(members.size())) << name;
  }
  // The counts published with the programme's neighbourhoods, for the record.
  EXPECT_EQ(lsoas["Old Swan"], "11");
  EXPECT_EQ(lsoas["Mill Hill & Wensley Fold"], "10");
  EXPECT_EQ(lsoas["Claremont"], "5");
}

TEST_F(NflDemo, ProfilesCarryThePopulationWeightedImdAndTheMostDeprivedDecile) {
  for (const auto& [name, members] : nfl_neighbourhoods) {
    ProfileOptions options;
    options.neighbourhood = name;
    options.indicators = {"imd2019-score", "imd2019-rank"};
    const auto profile = Profile(*shared_app, options);
    ASSERT_TRUE(profile.ok()) << name << ": " << profile.status().ToString();
    double in_top = 0;
    for (const std::string& c : members) in_top += all_lsoas.at(c).decile == 1 ? 1 : 0;
    bool score_seen = false;
    bool decile_seen = false;
    for (auto& row : Rows(*profile)) {
      if (row["indicator_id"] == "imd2019-score") {
        EXPECT_NEAR(std::stod(row["value"]), PopulationWeightedScore(members), 1e-9) << name;
        score_seen = true;
      }
      if (row["indicator_id"] == "imd2019-rank.share_areas_most_deprived_10") {
        EXPECT_NEAR(std::stod(row["value"]), in_top / static_cast<double>(members.size()), 1e-12) << name;
        decile_seen = true;
      }
    }
    EXPECT_TRUE(score_seen && decile_seen) << name;
  }
}

TEST_F(NflDemo, OldSwanAgainstLiverpoolTheNorthWestAndEngland) {
  ProfileOptions options;
  options.neighbourhood = "Old Swan";
  const auto profile = Profile(*shared_app, options);
  ASSERT_TRUE(profile.ok()) << profile.status().ToString();
  std::vector<std::string> all;
  all.reserve(all_lsoas.size());
  for (const auto& [code, l] : all_lsoas) all.push_back(code);
  const double england = PopulationWeightedScore(all);
  std::map<std::string, std::map<std::string, std::string>> score;
  std::map<std::string, std::map<std::string, std::string>> income;
  for (auto& row : Rows(*profile)) {
    if (row["indicator_id"] == "imd2019-score") score[row["comparator_type"]] = row;
    if (row["indicator_id"] == "income-deprivation-rate") income[row["comparator_type"]] = row;
  }
  ASSERT_EQ(score.size(), 3U);
  EXPECT_EQ(score["council"]["comparator"], "Liverpool");
  EXPECT_EQ(score["region"]["comparator"], "North West");
  EXPECT_EQ(score["country"]["comparator"], "England");
  EXPECT_NEAR(std::stod(score["country"]["comparator_value"]), england, 1e-9);
  EXPECT_EQ(score["country"]["significance"], "not compared: a score has no confidence interval");

  // Income deprivation: the share of Old Swan's people (mid-2015) counted as income deprived, with the Wilson
  // interval of the national methods, and its comparison with England's share.
  double x = 0, n = 0, ex = 0, en = 0;
  for (const std::string& c : nfl_neighbourhoods["Old Swan"]) {
    x += all_lsoas.at(c).income;
    n += all_lsoas.at(c).population;
  }
  for (const auto& [code, l] : all_lsoas) {
    if (!std::isnan(l.income)) {
      ex += l.income;
      en += l.population;
    }
  }
  const double z95 = 1.959963984540054;
  const double wilson_lower =
      (2 * x + z95 * z95 - z95 * std::sqrt(z95 * z95 + 4 * x * (1 - x / n))) / (2 * (n + z95 * z95));
  auto& row = income["country"];
  ASSERT_FALSE(row.empty());
  EXPECT_NEAR(std::stod(row["value"]), 100 * x / n, 1e-9);
  EXPECT_NEAR(std::stod(row["lower_95"]), 100 * wilson_lower, 1e-9);
  EXPECT_NEAR(std::stod(row["comparator_value"]), 100 * ex / en, 1e-9);
  // Old Swan's income deprivation is far above England's: worse at both levels (low is good).
  EXPECT_GT(x / n, ex / en);
  EXPECT_EQ(row["significance"], "worse (99.8%)");
  EXPECT_EQ(row["significance_95"], "worse");
}

TEST_F(NflDemo, EveryNeighbourhoodHasAnIllustrativeSystem) {
  for (const auto& [name, members] : nfl_neighbourhoods) {
    const auto summary = MapSummary(*shared_app, StoredMap{name, ""}, MapMeasuresOptions{});
    ASSERT_TRUE(summary.ok()) << name << ": " << summary.status().ToString();
    const double actors = std::get<double>(summary->table.rows()[0][1]);
    EXPECT_GE(actors, 30) << name;
    EXPECT_LE(actors, 80) << name;
    const auto loops = MapLoops(*shared_app, StoredMap{name, ""}, MapLoopsOptions{});
    ASSERT_TRUE(loops.ok()) << name;
    EXPECT_GT(loops->table.size(), 0U) << name;
    const auto register_rows = ListActivities(*shared_app, {.neighbourhood = name, .domain = "", .kind = ""});
    ASSERT_TRUE(register_rows.ok()) << name;
    EXPECT_GE(register_rows->size(), 15U) << name;
    EXPECT_LE(register_rows->size(), 40U) << name;
    for (const auto& row : register_rows->rows()) EXPECT_EQ(std::get<std::string>(row[14]), "yes") << name;
  }
  // Coverage shows the gaps the demo leaves (two neighbourhoods have nothing in community governance).
  const auto coverage = ActivityCoverage(*shared_app);
  ASSERT_TRUE(coverage.ok());
  int gaps = 0;
  for (const auto& row : coverage->rows()) gaps += std::get<std::string>(row[5]) == "yes" ? 1 : 0;
  EXPECT_GE(gaps, 2);
}

}  // namespace
}  // namespace nrs

namespace nrs {
namespace {

// The demo's resident survey: synthetic and labelled so, its programme areas the seven neighbourhoods, its
// scales published for each of them in both waves with intervals, and the planted programme effect (7.5 points
// on the share who feel able to influence local decisions) inside the stored survey's difference in differences.
TEST_F(NflDemo, TheSyntheticResidentSurveyIsStoredPublishedAndRecoversItsPlantedEffect) {
  const auto surveys = ListSurveys(*shared_app);
  ASSERT_TRUE(surveys.ok());
  const auto rows = Rows(*surveys);
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_NE(rows[0].at("survey").find("synthetic"), std::string::npos);
  EXPECT_EQ(rows[0].at("synthetic"), "yes");
  EXPECT_EQ(rows[0].at("areas"), "28");
  EXPECT_EQ(rows[0].at("neighbourhoods"), "7");
  const auto info = shared_app->Info({});
  ASSERT_TRUE(info.ok());
  bool recorded = false;
  for (const auto& d : info->datasets) {
    if (d.kind == "survey") recorded = d.source.find("synthetic") != std::string::npos;
  }
  EXPECT_TRUE(recorded);

  for (const auto& [name, members] : nfl_neighbourhoods) {
    ProfileOptions options;
    options.neighbourhood = name;
    options.indicators = {"survey-can-influence"};
    const auto profile = Profile(*shared_app, options);
    ASSERT_TRUE(profile.ok()) << name << ": " << profile.status().ToString();
    const auto shown = Rows(*profile);
    ASSERT_FALSE(shown.empty()) << name;
    EXPECT_EQ(shown[0].at("period"), "wave 2") << name;
    const double value = std::stod(shown[0].at("value"));
    EXPECT_GT(value, 0) << name;
    EXPECT_LT(value, 100) << name;
    EXPECT_LT(std::stod(shown[0].at("lower_95")), value) << name;
    EXPECT_GT(std::stod(shown[0].at("upper_95")), value) << name;
    EXPECT_NE(shown[0].at("method").find("calibrated"), std::string::npos) << name;
  }

  SurveyDidOptions did;
  did.design.survey = "Resident survey (synthetic)";
  did.variable = "can_influence";
  const auto result = SurveyDifferenceInDifferences(*shared_app, did);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  bool found = false;
  for (const auto& row : Rows(*result)) {
    if (row.at("group") != "difference in differences") continue;
    found = true;
    EXPECT_LT(std::stod(row.at("lower")), 0.075);
    EXPECT_GT(std::stod(row.at("upper")), 0.075);
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace nrs
