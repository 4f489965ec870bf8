#include <gtest/gtest.h>

#include "io/indicator_reader.h"
#include "io/instrument_reader.h"
#include "io/lookup_reader.h"
#include "io/population_reader.h"

namespace nrs::io {
namespace {

CsvReader Csv(std::string name, std::string text) {
  auto reader = CsvReader::FromText(std::move(name), std::move(text));
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  return std::move(reader).value();
}

std::vector<std::string> Problems(const Status& s) {
  std::vector<std::string> out;
  for (const Diagnostic& d : s.diagnostics()) out.push_back(d.ToString());
  return out;
}

// Rows as ONS publishes them in "Ward to Local Authority District to County to Region to Country (December
// 2019) Lookup in United Kingdom": a metropolitan borough (county E11), a unitary authority (county blank) and a
// Welsh ward (region blank).
constexpr const char* kWardLookup =
    "FID,WD19CD,WD19NM,LAD19CD,LAD19NM,CTY19CD,CTY19NM,RGN19CD,RGN19NM,CTRY19CD,CTRY19NM\n"
    "1,E05000904,Old Swan,E08000012,Liverpool,E11000002,Merseyside,E12000002,North West,E92000001,England\n"
    "2,E05001647,Claremont,E06000009,Blackpool,,,E12000002,North West,E92000001,England\n"
    "3,W05000001,Aberaman North,W06000016,Rhondda Cynon Taf,,,,,W92000004,Wales\n";

TEST(ReadLookup, LinksEachCodeToTheNextLargerPresent) {
  CsvReader reader = Csv("wards.csv", kWardLookup);
  const auto lookup = ReadLookup(reader);
  ASSERT_TRUE(lookup.ok()) << lookup.status().ToString();
  EXPECT_EQ(lookup->rows, 3);
  ASSERT_EQ(lookup->types.size(), 5U);
  EXPECT_EQ(lookup->types.front().Key(), "wd19");
  EXPECT_EQ(lookup->types.back().Key(), "ctry");
  EXPECT_EQ(lookup->areas.size(), 10U);  // 3 wards, 3 councils, 1 county, 1 region, 2 countries, each once
  std::vector<std::string> links;
  for (const LookupLink& l : lookup->links) links.push_back(l.child + ">" + l.parent);
  EXPECT_EQ(links, (std::vector<std::string>{"E05000904>E08000012", "E08000012>E11000002", "E11000002>E12000002",
                                             "E12000002>E92000001", "E05001647>E06000009", "E06000009>E12000002",
                                             "W05000001>W06000016", "W06000016>W92000004"}));
  EXPECT_EQ(lookup->areas[0].name, "Old Swan");
}

TEST(ReadLookup, CodesWithoutNamesAreKeptNameless) {
  CsvReader reader = Csv("l.csv", "LSOA11CD,WD19CD\nE01006512,E05000904\nE01006510,E05000904\n");
  const auto lookup = ReadLookup(reader);
  ASSERT_TRUE(lookup.ok());
  EXPECT_FALSE(lookup->areas[0].name.has_value());
  EXPECT_EQ(lookup->links.size(), 2U);
}

TEST(ReadLookup, RefusesTheWholeFileListingEveryProblem) {
  CsvReader reader = Csv("bad.csv",
                         "LSOA11CD,LSOA11NM,WD19CD,WD19NM\n"
                         "E01006512,Liverpool 030B,E05000904,Old Swan\n"
                         "E0100651X,Liverpool 030A,E05000904,Old Swan\n"
                         "E01006400,Liverpool 005A,,\n"
                         "E01006512,Liverpool 030B,E05000886,Anfield\n"
                         "E01006513,,E05000904,Old  Swan\n");
  const auto lookup = ReadLookup(reader);
  ASSERT_FALSE(lookup.ok());
  EXPECT_EQ(lookup.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(Problems(lookup.status()),
            (std::vector<std::string>{
                "bad.csv:3: LSOA11CD: 'E0100651X' is not a LSOA (2011) code (expected E01, W01 followed by six digits)",
                "bad.csv:4: WD19CD: missing Ward (2019) code",
                // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one message over two lines
                "bad.csv:5: WD19CD: LSOA (2011) 'E01006512' lies in Ward (2019) 'E05000904' on line 2 but in "
                "'E05000886' here; a best-fit lookup places each area in one Ward (2019)",
                "bad.csv:6: LSOA11NM: missing name for LSOA (2011) 'E01006513'",
                "bad.csv:6: WD19NM: Ward (2019) 'E05000904' is named 'Old Swan' on line 2 but 'Old  Swan' here"}));
}

TEST(ReadLookup, NeedsACodeColumn) {
  CsvReader reader = Csv("x.csv", "name,value\na,1\n");
  EXPECT_EQ(Problems(ReadLookup(reader).status()),
            (std::vector<std::string>{
                "x.csv:1: no area code column; expected ONS headers such as LSOA11CD, WD19CD or LAD19CD"}));
}

TEST(ReadPopulation, FiveYearBandsBySexAsPublished) {
  CsvReader reader = Csv(
      "pop.csv",
      "\"lsoa11_code\",\"lsoa11_name\",\"lad19_code\",\"lad19_name\",\"sex\",\"all_ages\","
      "\"age_0_4\",\"age_5_9\",\"age_10_plus\"\n"
      "\"E01000001\",\"City of London 001A\",\"E09000001\",\"City of London\",\"female\",117,38,39,40\n"
      "\"E01000001\",\"City of London 001A\",\"E09000001\",\"City of London\",\"male\",\"1,114\",41,73,\"1,000\"\n");
  const auto pop = ReadPopulation(reader);
  ASSERT_TRUE(pop.ok()) << pop.status().ToString();
  EXPECT_EQ(pop->type.Key(), "lsoa11");
  ASSERT_EQ(pop->bands.size(), 3U);
  EXPECT_EQ(pop->bands[1].from, 5);
  EXPECT_EQ(pop->bands[1].to, 9);
  EXPECT_FALSE(pop->bands[2].to.has_value());
  ASSERT_EQ(pop->rows.size(), 2U);
  EXPECT_EQ(pop->rows[1].sex, Sex::kMale);
  EXPECT_EQ(pop->rows[1].counts, (std::vector<double>{41, 73, 1000}));
}

TEST(ReadPopulation, SingleYearsAndErrors) {
  CsvReader ok = Csv("y.csv", "lsoa11_code,sex,age_0,age_1,age_2_plus\nE01004766,f,11,9,15\n");
  const auto years = ReadPopulation(ok);
  ASSERT_TRUE(years.ok());
  EXPECT_EQ(years->bands[0].to, 0);
  EXPECT_EQ(years->bands[1].from, 1);

  CsvReader bad = Csv("b.csv",
                      "lsoa11_code,sex,all_ages,age_0_4,age_5_plus\n"
                      "E01004766,f,20,11,9\n"
                      "E01004766,f,20,11,9\n"
                      "E01004767,x,20,11,9\n"
                      "E01004768,m,21,11,9\n"
                      "E01004769,m,20,-1,21\n");
  EXPECT_EQ(Problems(ReadPopulation(bad).status()),
            (std::vector<std::string>{"b.csv:3: lsoa11_code: E01004766 (female) appears twice",
                                      "b.csv:4: sex: unknown sex 'x'; expected female, male or all",
                                      "b.csv:5: all_ages: the total 21 differs from the sum of the age bands 20",
                                      "b.csv:6: age_0_4: '-1' is not a count"}));

  CsvReader gap = Csv("g.csv", "lsoa11_code,age_0_4,age_10_plus\nE01004766,1,2\n");
  EXPECT_EQ(Problems(ReadPopulation(gap).status()),
            (std::vector<std::string>{
                "g.csv:1: age_10_plus: bands must follow each other: expected a band from 5, found one from 10"}));
}

std::vector<indicators::Indicator> IodCatalogue() {
  CsvReader reader = Csv("catalogue.csv",
                         "key,name,domains,value_type,polarity,period,area_type,columns,weight,rank_count,profile\n"
                         "imd2019-score,IMD score,overall,score,low_is_good,2019,lsoa11,"
                         "Index of Multiple Deprivation (IMD) Score,population-2015,,yes\n"
                         "imd2019-rank,IMD rank,overall,rank,high_is_good,2019,lsoa11,"
                         "Index of Multiple Deprivation (IMD) Rank,population-2015,32844,yes\n"
                         "population-2015,Population mid-2015,,count,no_judgement,mid-2015,lsoa11,"
                         "Total population: mid 2015 (excluding prisoners),,,no\n");
  auto catalogue = ReadCatalogue(reader, {});
  EXPECT_TRUE(catalogue.ok()) << catalogue.status().ToString();
  return catalogue.ok() ? *catalogue : std::vector<indicators::Indicator>{};
}

TEST(ReadCatalogue, FieldsAndReferences) {
  const auto catalogue = IodCatalogue();
  ASSERT_EQ(catalogue.size(), 3U);
  EXPECT_EQ(catalogue[1].rank_count, 32844);
  EXPECT_EQ(catalogue[1].polarity, indicators::Polarity::kHighIsGood);
  EXPECT_EQ(catalogue[0].columns, (std::vector<std::string>{"Index of Multiple Deprivation (IMD) Score"}));
  EXPECT_FALSE(catalogue[2].profile);

  CsvReader bad = Csv("c.csv",
                      "key,name,value_type,polarity,weight,domains\n"
                      "a,A,score,upwards,,\n"
                      "b,B,ratio,,,\n"
                      "c,C,score,,nobody,\n"
                      "c,C again,score,,,\n"
                      "d,D,score,,,health\n");
  EXPECT_EQ(Problems(ReadCatalogue(bad, {}).status()),
            (std::vector<std::string>{
                "c.csv:2: polarity: unknown polarity 'upwards'; use high_is_good, low_is_good or no_judgement",
                "c.csv:3: value_type: unknown value type 'ratio'; use count, proportion, rate, score, rank or decile",
                "c.csv:5: key: 'c' is defined on line 4 already",
                // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one message over two lines
                "c.csv:6: indicator 'd': unknown domain 'health'; use living environment, economic systems, social "
                "relationships, community governance or overall",
                "c.csv:4: weight: 'nobody' names no indicator of this catalogue or of the database"}));
}

// The first rows of the IoD 2019 File 1/2/6 layout, with a thousands separator as the published CSV has it.
constexpr const char* kIodRows =
    "LSOA code (2011),LSOA name (2011),Local Authority District code (2019),Local Authority District name (2019),"
    "Index of Multiple Deprivation (IMD) Score,Index of Multiple Deprivation (IMD) Rank,"
    "Total population: mid 2015 (excluding prisoners),Area classification,Extra measure\n"
    "E01000001,City of London 001A,E09000001,City of London,6.208,\"29,199\",\"1,296\",urban,1.5\n"
    "E01000002,City of London 001B,E09000001,City of London,5.143,\"30,379\",\"1,156\",urban,\n";

TEST(ReadIndicatorValues, WideFilesLoadAsPublished) {
  CsvReader reader = Csv("iod.csv", kIodRows);
  ValueReadOptions options;
  options.period = "";
  const auto values = ReadIndicatorValues(reader, IodCatalogue(), options);
  ASSERT_FALSE(values.ok());  // the new column needs a period
  EXPECT_EQ(Problems(values.status()),
            (std::vector<std::string>{"iod.csv:1: Extra measure: 'Extra measure' is new to the catalogue and has no "
                                      "period: give --period"}));

  CsvReader again = Csv("iod.csv", kIodRows);
  options.period = "2019";
  const auto read = ReadIndicatorValues(again, IodCatalogue(), options);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->area_type.Key(), "lsoa11");
  ASSERT_EQ(read->indicators.size(), 4U);
  EXPECT_EQ(read->indicators[3].key, "extra-measure");
  EXPECT_TRUE(read->is_new[3]);
  EXPECT_FALSE(read->is_new[0]);
  ASSERT_EQ(read->rows.size(), 7U);  // 3 + 3 known values, 1 new (the other is blank)
  EXPECT_EQ(read->codes[read->rows[1].code], "E01000001");
  EXPECT_EQ(read->rows[1].value, 29199.0);
  EXPECT_EQ(read->periods[read->rows[1].period], "2019");  // --period overrides the catalogue
  EXPECT_EQ(read->rows[2].value, 1296.0);
}

TEST(ReadIndicatorValues, WideRefusals) {
  CsvReader reader = Csv("bad.csv",
                         "LSOA code (2011),Index of Multiple Deprivation (IMD) Score,Mixed\n"
                         "E01000001,6.208,1\n"
                         "E01000001,6.1,2\n"
                         "E0100000,abc,3\n"
                         "E01000003,7,n/a\n");
  ValueReadOptions options;
  options.period = "2019";
  EXPECT_EQ(Problems(ReadIndicatorValues(reader, IodCatalogue(), options).status()),
            (std::vector<std::string>{
                "bad.csv:3: LSOA code (2011): E01000001 appears on line 2 already (duplicate row)",
                "bad.csv:4: LSOA code (2011): 'E0100000' is not a LSOA (2011) code (expected E01, W01 followed by six "
                "digits)",
                "bad.csv:5: Mixed: 'n/a' is not a number (the column's other values are numbers)"}));

  CsvReader vintage = Csv("v.csv", "LSOA21CD,Index of Multiple Deprivation (IMD) Score\nE01000001,6.2\n");
  EXPECT_EQ(Problems(ReadIndicatorValues(vintage, IodCatalogue(), options).status()),
            (std::vector<std::string>{"v.csv:1: Index of Multiple Deprivation (IMD) Score: 'imd2019-score' is "
                                      "published for lsoa11 areas, but the file's codes are lsoa21 (wrong vintage or "
                                      "type)"}));
}

TEST(ReadIndicatorValues, LongLayout) {
  CsvReader reader = Csv("long.csv",
                         "area_code,indicator,period,value,numerator,denominator\n"
                         "E01000001,imd2019-score,,6.208,,\n"
                         "E01000002,population-2015,mid-2015,1156,,\n");
  const auto read = ReadIndicatorValues(reader, IodCatalogue(), {});
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->rows.size(), 2U);
  EXPECT_EQ(read->periods[read->rows[0].period], "2019");  // from the catalogue
  EXPECT_EQ(read->periods[read->rows[1].period], "mid-2015");

  CsvReader bad = Csv("bad.csv",
                      "area_code,indicator,value\n"
                      "E01000001,unknown,1\n"
                      "E01000001,imd2019-score,x\n"
                      "E01000001,imd2019-score,1\n"
                      "E01000001,imd2019-score,2\n");
  EXPECT_EQ(
      Problems(ReadIndicatorValues(bad, IodCatalogue(), {}).status()),
      (std::vector<std::string>{"bad.csv:2: indicator: 'unknown' is not in the catalogue; import its definition first",
                                "bad.csv:3: value: 'x' is not a number",
                                "bad.csv:5: area_code: E01000001 has a second value for 'imd2019-score' in 2019"}));
}

// A scale says how it is published: its polarity and framework domain, "no_judgement" and "overall" when silent.
TEST(ReadInstrument, ScalesCarryTheirPolarityAndDomain) {
  const std::string text =
      "name = \"t\"\n"
      "[[item]]\ncode = \"q1\"\nwording = \"Q1\"\noptions = [[1, \"yes\"], [2, \"no\"]]\n"
      "[[scale]]\ncode = \"yes\"\nitems = [\"q1\"]\nrule = \"agree\"\nagree = [1]\n"
      "polarity = \"high_is_good\"\ndomain = \"community governance\"\n"
      "[[scale]]\ncode = \"plain\"\nitems = [\"q1\"]\nrule = \"sum\"\n";
  const auto none = [](const std::string& name) -> Result<std::string> { return Status::NotFound("{}", name); };
  auto instrument = ParseInstrument("t.toml", text, none);
  ASSERT_TRUE(instrument.ok()) << instrument.status().ToString();
  ASSERT_EQ(instrument->scales.size(), 2U);
  EXPECT_EQ(instrument->scales[0].polarity, "high_is_good");
  EXPECT_EQ(instrument->scales[0].domain, "community governance");
  EXPECT_EQ(instrument->scales[1].polarity, "no_judgement");
  EXPECT_EQ(instrument->scales[1].domain, "overall");
  std::string bad = text;
  bad.replace(bad.find("high_is_good"), 12, "upwards");
  const auto refused = ParseInstrument("t.toml", bad, none);
  EXPECT_EQ(refused.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(refused.status().ToString().find("polarity 'upwards'"), std::string::npos) << refused.status().ToString();
}

}  // namespace
}  // namespace nrs::io
