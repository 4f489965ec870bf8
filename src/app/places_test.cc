// The places use cases on a real small geography (Liverpool) — imports, their refusals, aggregates,
// neighbourhoods — through the facade, on a real database file.

#include "nrs/places.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/test_support.h"
#include "io/csv_reader.h"
#include "store/fault_injection.h"
#include "store/places.h"
#include "store/sqlite_store.h"

namespace nrs {
namespace {

const std::string kRef = std::string(NRS_SOURCE_DIR) + "/tests/reference/";
const std::string kCatalogue = std::string(NRS_SOURCE_DIR) + "/data/catalogue/iod2019.csv";

ImportOptions File(const std::string& path) {
  ImportOptions o;
  o.path = path;
  return o;
}

class PlacesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("nrs.db");
    InitOptions init;
    init.db_path = path_;
    ASSERT_TRUE(CreateDatabase(init).ok());
    app_ = Open();
  }

  std::unique_ptr<App> Open() {
    auto app = App::Open({.db_path = path_});
    EXPECT_TRUE(app.ok()) << app.status().ToString();
    return std::move(app).value();
  }

  void ImportLiverpool() {
    ASSERT_TRUE(ImportLookup(*app_, File(kRef + "places/lookup_lsoa_ward_liverpool.csv")).ok());
    ASSERT_TRUE(ImportLookup(*app_, File(kRef + "places/lookup_ward_region_liverpool.csv")).ok());
    ASSERT_TRUE(ImportCatalogue(*app_, File(kCatalogue)).ok());
    IndicatorImportOptions iod;
    iod.path = kRef + "places/iod2019_liverpool.csv";
    const auto imported = ImportIndicators(*app_, iod);
    ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  }

  // Counts of every table, to prove a refused import changed nothing.
  std::map<std::string, std::int64_t> Counts() {
    auto info = app_->Info({});
    EXPECT_TRUE(info.ok());
    std::map<std::string, std::int64_t> out;
    for (const auto& t : info->tables) out[t.table] = t.rows;
    return out;
  }

  nrs::testing::TempDir dir_;
  std::string path_;
  std::unique_ptr<App> app_;
};

TEST_F(PlacesTest, LookupsBuildTheHierarchy) {
  const auto first = ImportLookup(*app_, File(kRef + "places/lookup_lsoa_ward_liverpool.csv"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->records, 298);
  EXPECT_EQ(first->notes[0], "329 areas added (1 lad19, 298 lsoa11, 30 wd19)");
  const auto second = ImportLookup(*app_, File(kRef + "places/lookup_ward_region_liverpool.csv"));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->notes[0], "3 areas added (1 ctry, 1 cty19, 1 rgn)");
  auto areas = ListAreas(*app_, "lad19");
  ASSERT_TRUE(areas.ok());
  ASSERT_EQ(areas->size(), 1U);
  EXPECT_EQ(std::get<std::string>(areas->rows()[0][2]), "Liverpool");
  // Each lookup row links an area to the next larger one present: Liverpool to Merseyside (a metropolitan
  // county), and Merseyside to the North West.
  EXPECT_EQ(std::get<std::string>(areas->rows()[0][3]), "E11000002");

  // The same file again adds nothing (and needs another dataset name).
  const auto again = ImportLookup(*app_, File(kRef + "places/lookup_lsoa_ward_liverpool.csv"));
  EXPECT_EQ(again.status().code(), ErrorCode::kAlreadyExists);
  ImportOptions renamed = File(kRef + "places/lookup_lsoa_ward_liverpool.csv");
  renamed.name = "again";
  const auto repeat = ImportLookup(*app_, renamed);
  ASSERT_TRUE(repeat.ok());
  EXPECT_EQ(repeat->notes[0], "0 areas added");
}

TEST_F(PlacesTest, ContradictingLookupIsRefusedAndNothingChanges) {
  ASSERT_TRUE(ImportLookup(*app_, File(kRef + "places/lookup_lsoa_ward_liverpool.csv")).ok());
  const auto before = Counts();
  const std::string bad = dir_.File("bad.csv");
  std::ofstream(bad) << "LSOA11CD,LSOA11NM,WD19CD,WD19NM\n"
                        "E01099999,New 001A,E05000904,Old Swan\n"        // a new LSOA: would be added…
                        "E01006512,Liverpool 031A,E05000886,Anfield\n";  // …but this one moves ward
  const auto refused = ImportLookup(*app_, File(bad));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kInvalidInput);
  ASSERT_EQ(refused.status().diagnostics().size(), 1U);
  EXPECT_EQ(
      refused.status().diagnostics()[0].ToString(),
      bad + ":3: LSOA (2011) 'E01006512' lies in Ward (2019) 'E05000889' in the database but in 'E05000886' here");
  EXPECT_EQ(Counts(), before);
}

TEST_F(PlacesTest, IndicatorsAggregateToTheCouncilAsComputedFromTheRawFile) {
  ImportLiverpool();
  // Independently of NRS's aggregation: the population-weighted IMD score of Liverpool from the raw rows.
  auto reader = io::CsvReader::Open(kRef + "places/iod2019_liverpool.csv");
  ASSERT_TRUE(reader.ok());
  const int score = reader->ColumnIndex("Index of Multiple Deprivation (IMD) Score");
  const int pop = reader->ColumnIndex("Total population: mid 2015 (excluding prisoners)");
  const int rank = reader->ColumnIndex("Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)");
  double weighted = 0, people = 0, in_top = 0, lsoas = 0;
  while (*reader->Next()) {
    const double s = std::stod(std::string(reader->field(static_cast<std::size_t>(score))));
    const double p = std::stod(std::string(reader->field(static_cast<std::size_t>(pop))));
    weighted += s * p;
    people += p;
    in_top += std::stod(std::string(reader->field(static_cast<std::size_t>(rank)))) <= 3284.4 ? 1 : 0;
    lsoas += 1;
  }
  ASSERT_EQ(lsoas, 298);
  ASSERT_TRUE(app_->store()
                  .Read([&](store::Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(const auto liverpool,
                                         tx.QueryInt("SELECT id FROM area WHERE code = 'E08000012'"));
                    NRS_ASSIGN_OR_RETURN(const auto aggregates, store::LoadAggregates(tx, {*liverpool}));
                    NRS_ASSIGN_OR_RETURN(const auto catalogue, store::LoadCatalogue(tx));
                    std::map<std::string, std::int64_t> ids;
                    for (const auto& s : catalogue) ids[s.indicator.key] = s.id;
                    int found = 0;
                    for (const store::AggregateRow& a : aggregates) {
                      if (a.indicator_id == ids["imd2019-score"]) {
                        EXPECT_NEAR(*a.value, weighted / people, 1e-9);
                        EXPECT_EQ(a.areas, 298);
                        ++found;
                      }
                      if (a.indicator_id == ids["imd2019-rank"] &&
                          a.measure == indicators::Measure::kShareAreasMostDeprived10) {
                        EXPECT_NEAR(*a.value, in_top / lsoas, 1e-12);
                        ++found;
                      }
                    }
                    EXPECT_EQ(found, 2);
                    return Status::Ok();
                  })
                  .ok());
  auto list = ListIndicators(*app_);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 66U);
}

TEST_F(PlacesTest, BadIndicatorFilesAreRefusedWholeWithLineNumbers) {
  ImportLiverpool();
  const auto before = Counts();
  const std::string bad = dir_.File("bad.csv");
  std::ofstream(bad) << "LSOA code (2011),Index of Multiple Deprivation (IMD) Score\n"
                        "E01006512,20.5\n"
                        "E01099999,1.0\n"    // not in the database
                        "E01006513,x\n"      // not a number
                        "E01006512,20.6\n";  // duplicate
  IndicatorImportOptions options;
  options.path = bad;
  const auto refused = ImportIndicators(*app_, options);
  ASSERT_FALSE(refused.ok());
  std::vector<std::string> problems;
  for (const Diagnostic& d : refused.status().diagnostics()) problems.push_back(d.ToString());
  EXPECT_EQ(problems, (std::vector<std::string>{
                          bad + ":4: Index of Multiple Deprivation (IMD) Score: 'x' is not a number",
                          bad + ":5: LSOA code (2011): E01006512 appears on line 2 already (duplicate row)"}));
  EXPECT_EQ(Counts(), before);

  std::ofstream(bad) << "LSOA code (2011),Index of Multiple Deprivation (IMD) Score\nE01099999,1.0\n";
  const auto unknown = ImportIndicators(*app_, options);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().diagnostics()[0].ToString(),
            bad + ":2: LSOA (2011) 'E01099999' is not in the database; import its lookup first");
  EXPECT_EQ(Counts(), before);
}

TEST_F(PlacesTest, AFailureHalfWayThroughAnImportLeavesNothing) {
  ASSERT_TRUE(ImportLookup(*app_, File(kRef + "places/lookup_lsoa_ward_liverpool.csv")).ok());
  const auto before = Counts();
  app_.reset();
  // The same import on a store that fails as a full disk would: at its second new link, after new areas and
  // a first link were written.
  store::SqliteOptions options;
  options.path = path_;
  auto inner = store::OpenSqliteStore(options);
  ASSERT_TRUE(inner.ok());
  App faulty(store::MakeFaultInjectingStore(std::move(*inner),
                                            {.fail_statement = 2, .only_sql_containing = "INSERT INTO area_parent"}),
             {.db_path = path_});
  const auto failed = ImportLookup(faulty, File(kRef + "places/lookup_ward_region_liverpool.csv"));
  EXPECT_EQ(failed.status().code(), ErrorCode::kIoError);
  auto info = faulty.Info({});
  ASSERT_TRUE(info.ok());
  std::map<std::string, std::int64_t> after;
  for (const auto& t : info->tables) after[t.table] = t.rows;
  EXPECT_EQ(after, before);
}

TEST_F(PlacesTest, PopulationAndBoundaries) {
  ImportLiverpool();
  PopulationImportOptions pop;
  pop.path = kRef + "places/population_mid2019_liverpool.csv";
  EXPECT_EQ(ImportPopulation(*app_, pop).status().code(), ErrorCode::kInvalidArgument);  // no period
  pop.period = "mid-2019";
  const auto people = ImportPopulation(*app_, pop);
  ASSERT_TRUE(people.ok()) << people.status().ToString();
  EXPECT_EQ(people->records, 596);
  BoundaryImportOptions b;
  b.path = kRef + "geo/lsoa2011_liverpool_E08000012.geojson";
  const auto boundaries = ImportBoundaries(*app_, b);
  ASSERT_TRUE(boundaries.ok()) << boundaries.status().ToString();
  EXPECT_EQ(boundaries->records, 298);
}

// The overview's layers: every mapped small area with its council, and one indicator's values by area, checked
// against the raw file.
TEST_F(PlacesTest, AreaMapsAndValuesForTheOverview) {
  ImportLiverpool();
  BoundaryImportOptions b;
  b.path = kRef + "geo/lsoa2011_liverpool_E08000012.geojson";
  ASSERT_TRUE(ImportBoundaries(*app_, b).ok());

  const auto geojson = AreasGeoJson(*app_, {.type = "lsoa11", .decimals = 4});
  ASSERT_TRUE(geojson.ok()) << geojson.status().ToString();
  const auto parsed = nlohmann::json::parse(*geojson);
  ASSERT_EQ(parsed["features"].size(), 298U);
  for (const auto& f : parsed["features"]) {
    ASSERT_EQ(f["properties"]["council"], "E08000012");  // through the LSOA's ward
    ASSERT_EQ(f["properties"]["council_name"], "Liverpool");
  }
  EXPECT_EQ(parsed["features"][0]["properties"]["code"], "E01006512");  // ordered by code
  // Each area's anchor is the point stored with its boundary at import.
  ASSERT_TRUE(app_->store()
                  .Read([&](store::Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(const auto id, tx.QueryInt("SELECT id FROM area WHERE code = 'E01006512'"));
                    NRS_ASSIGN_OR_RETURN(const auto rows, store::LoadBoundaries(tx, {*id}));
                    EXPECT_EQ(rows.size(), 1U);
                    EXPECT_DOUBLE_EQ(parsed["features"][0]["properties"]["anchor_lon"].get<double>(), rows[0].anchor_x);
                    EXPECT_DOUBLE_EQ(parsed["features"][0]["properties"]["anchor_lat"].get<double>(), rows[0].anchor_y);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(parsed["features"][0]["properties"]["name"], "Liverpool 031A");
  // No council boundary was imported: no council features.
  const auto councils = AreasGeoJson(*app_, {.type = "lad19", .decimals = 4});
  ASSERT_TRUE(councils.ok());
  EXPECT_EQ(nlohmann::json::parse(*councils)["features"].size(), 0U);
  EXPECT_EQ(AreasGeoJson(*app_, {.type = "parish", .decimals = 4}).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(AreasGeoJson(*app_, {.type = "lsoa11", .decimals = 16}).status().code(), ErrorCode::kInvalidArgument);

  // Values: the raw file's IMD score of each LSOA, in code order.
  auto reader = io::CsvReader::Open(kRef + "places/iod2019_liverpool.csv");
  ASSERT_TRUE(reader.ok());
  const auto score = static_cast<std::size_t>(reader->ColumnIndex("Index of Multiple Deprivation (IMD) Score"));
  std::map<std::string, double> raw;
  while (*reader->Next()) raw[std::string(reader->field(0))] = std::stod(std::string(reader->field(score)));
  AreaValuesOptions v;
  v.indicator = "imd2019-score";
  v.mapped_only = true;
  const auto values = AreaValues(*app_, v);
  ASSERT_TRUE(values.ok()) << values.status().ToString();
  ASSERT_EQ(values->size(), raw.size());
  std::size_t i = 0;
  for (const auto& [code, value] : raw) {
    const auto& row = values->rows()[i++];
    ASSERT_EQ(std::get<std::string>(row[0]), code);
    EXPECT_EQ(std::get<std::string>(row[1]), "2019");
    EXPECT_DOUBLE_EQ(std::get<double>(row[2]), value);
  }
  v.period = "2015";
  EXPECT_EQ(AreaValues(*app_, v).status().code(), ErrorCode::kNotFound);
  v.period = "";
  v.indicator = "no-such-indicator";
  EXPECT_EQ(AreaValues(*app_, v).status().code(), ErrorCode::kNotFound);
  v.indicator = "";
  EXPECT_EQ(AreaValues(*app_, v).status().code(), ErrorCode::kInvalidArgument);
}

// Trends: a second period of the IMD score, one point higher in every LSOA, moves the neighbourhood's
// population-weighted score and its council's by exactly one point; single-period indicators have no trend.
TEST_F(PlacesTest, TrendsFollowEveryPeriod) {
  ImportLiverpool();
  PopulationImportOptions pop;
  pop.path = kRef + "places/population_mid2019_liverpool.csv";
  pop.period = "mid-2019";
  ASSERT_TRUE(ImportPopulation(*app_, pop).ok());
  NeighbourhoodOptions old_swan;
  old_swan.name = "Old Swan";
  old_swan.wards = {"E05000904"};
  ASSERT_TRUE(AddNeighbourhood(*app_, old_swan).ok());

  auto reader = io::CsvReader::Open(kRef + "places/iod2019_liverpool.csv");
  ASSERT_TRUE(reader.ok());
  const auto score = static_cast<std::size_t>(reader->ColumnIndex("Index of Multiple Deprivation (IMD) Score"));
  std::string csv = "area_code,indicator,period,value\n";
  while (*reader->Next()) {
    csv +=
        fmt::format("{},imd2019-score,2020,{}\n", reader->field(0), std::stod(std::string(reader->field(score))) + 1.0);
  }
  const std::string later = dir_.File("imd_2020.csv");
  std::ofstream(later) << csv;
  IndicatorImportOptions second;
  second.path = later;
  const auto imported = ImportIndicators(*app_, second);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();

  const auto trends = Trends(*app_, {.neighbourhood = "old-swan", .indicators = {}});
  ASSERT_TRUE(trends.ok()) << trends.status().ToString();
  std::map<std::pair<std::string, std::string>, double> by;  // (series, period) → value
  std::set<std::string> indicators;
  for (const auto& row : trends->rows()) {
    indicators.insert(std::get<std::string>(row[0]));
    if (std::get<std::string>(row[0]) == "imd2019-score") {
      by[{std::get<std::string>(row[4]), std::get<std::string>(row[6])}] = std::get<double>(row[7]);
    }
  }
  EXPECT_EQ(indicators, std::set<std::string>{"imd2019-score"});  // the only indicator with two periods
  const auto at = [&](const char* series, const char* period) {
    const auto it = by.find({series, period});
    EXPECT_NE(it, by.end()) << series << " " << period;
    return it == by.end() ? std::nan("") : it->second;
  };
  EXPECT_NEAR(at("neighbourhood", "2020") - at("neighbourhood", "2019"), 1.0, 1e-9);
  EXPECT_NEAR(at("council", "2020") - at("council", "2019"), 1.0, 1e-9);
  // The 2020 point is the profile's (the latest period).
  const auto profile = Profile(*app_, {.neighbourhood = "old-swan", .domains = {}, .indicators = {"imd2019-score"}});
  ASSERT_TRUE(profile.ok());
  ASSERT_FALSE(profile->rows().empty());
  EXPECT_EQ(std::get<std::string>(profile->rows()[0][3]), "2020");
  EXPECT_DOUBLE_EQ(std::get<double>(profile->rows()[0][4]), at("neighbourhood", "2020"));

  EXPECT_EQ(Trends(*app_, {.neighbourhood = "nowhere", .indicators = {}}).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(Trends(*app_, {.neighbourhood = "old-swan", .indicators = {"no-such"}}).status().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(Trends(*app_, {.neighbourhood = "", .indicators = {}}).status().code(), ErrorCode::kInvalidArgument);
}

TEST_F(PlacesTest, NeighbourhoodsFromWardsLsoasAndOutlines) {
  ImportLiverpool();
  BoundaryImportOptions b;
  b.path = kRef + "geo/lsoa2011_liverpool_E08000012.geojson";
  ASSERT_TRUE(ImportBoundaries(*app_, b).ok());

  NeighbourhoodOptions old_swan;
  old_swan.name = "Old Swan";
  old_swan.wards = {"E05000904"};
  const auto added = AddNeighbourhood(*app_, old_swan);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->slug, "old-swan");
  EXPECT_EQ(added->lsoas, 11);  // the ward's LSOAs in the ONS best-fit lookup
  EXPECT_EQ(added->council, "Liverpool (E08000012)");
  EXPECT_TRUE(added->boundary);
  EXPECT_EQ(AddNeighbourhood(*app_, old_swan).status().code(), ErrorCode::kAlreadyExists);

  NeighbourhoodOptions two;
  two.name = "Two LSOAs";
  two.lsoas = {"E01006512", "E01006513"};
  two.klass = "comparison";
  ASSERT_TRUE(AddNeighbourhood(*app_, two).ok());

  NeighbourhoodOptions drawn;
  drawn.name = "Drawn around Old Swan";
  drawn.polygon = kRef + "geo/old_swan_outline_bng.geojson";
  drawn.comparison = "Two LSOAs";
  const auto outline = AddNeighbourhood(*app_, drawn);
  ASSERT_TRUE(outline.ok()) << outline.status().ToString();
  EXPECT_GT(outline->lsoas, 5);

  NeighbourhoodOptions wrong;
  wrong.name = "Nowhere";
  wrong.wards = {"E05999999"};
  EXPECT_EQ(AddNeighbourhood(*app_, wrong).status().code(), ErrorCode::kInvalidArgument);
  wrong.lsoas = {"E01006512"};
  EXPECT_EQ(AddNeighbourhood(*app_, wrong).status().code(), ErrorCode::kInvalidArgument);  // two definitions

  const auto list = ListNeighbourhoods(*app_);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 3U);
  EXPECT_EQ(std::get<std::string>(list->rows()[2][0]), "Two LSOAs");
  EXPECT_EQ(std::get<std::string>(list->rows()[2][2]), "comparison");

  const std::string out = dir_.File("old-swan.geojson");
  ASSERT_TRUE(ExportNeighbourhood(*app_, {.neighbourhood = "old-swan", .path = out, .with_areas = true}).ok());
  const std::string json = nrs::testing::ReadBytes(out);
  EXPECT_NE(json.find("\"name\": \"Old Swan\""), std::string::npos);
  EXPECT_NE(json.find("E01006566"), std::string::npos);  // one of Old Swan's LSOAs
  EXPECT_EQ(ExportNeighbourhood(*app_, {.neighbourhood = "nowhere", .path = out}).code(), ErrorCode::kNotFound);

  // The same features as GeoJSON text, for the API.
  GeoJsonOptions geo;
  geo.neighbourhood = "Old Swan";
  geo.with_areas = true;
  const auto geojson = NeighbourhoodGeoJson(*app_, geo);
  ASSERT_TRUE(geojson.ok()) << geojson.status().ToString();
  EXPECT_TRUE(geojson->starts_with(R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":)"));
  EXPECT_NE(geojson->find(R"("name":"Old Swan")"), std::string::npos);
  EXPECT_NE(geojson->find("E01006566"), std::string::npos);
  const auto parsed = nlohmann::json::parse(*geojson);
  ASSERT_GE(parsed["features"].size(), 2U);
  EXPECT_EQ(parsed["features"][0]["properties"]["feature"], "neighbourhood");
  EXPECT_EQ(parsed["features"][1]["properties"]["feature"], "area");
  const std::string type = parsed["features"][0]["geometry"]["type"];
  EXPECT_TRUE(type == "Polygon" || type == "MultiPolygon") << type;
  geo.neighbourhood = "nowhere";
  EXPECT_EQ(NeighbourhoodGeoJson(*app_, geo).status().code(), ErrorCode::kNotFound);
  geo.neighbourhood = "old-swan";
  geo.decimals = 16;
  EXPECT_EQ(NeighbourhoodGeoJson(*app_, geo).status().code(), ErrorCode::kInvalidArgument);

  const auto one = GetNeighbourhood(*app_, "old-swan");
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 1U);
  EXPECT_EQ(std::get<std::string>(one->rows()[0][0]), "Old Swan");
  EXPECT_EQ(one->columns().size(), list->columns().size());
  EXPECT_EQ(GetNeighbourhood(*app_, "nowhere").status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace nrs
