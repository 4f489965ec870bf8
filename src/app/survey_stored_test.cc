// Stored surveys through the facade on a real database: calibration to a neighbourhood's population by sex and
// age band against a hand computation, the published neighbourhood indicator, and that respondent-level data
// never leave the database.

#include <gtest/gtest.h>

#include <fstream>

#include "app/test_support.h"
#include "core/test_support.h"
#include "nrs/places.h"
#include "nrs/survey.h"
#include "store/places.h"
#include "store/store.h"
#include "store/system_maps.h"

namespace nrs {
namespace {

double Number(const core::Table& t, std::size_t row, const char* column) {
  const auto& cell = t.rows()[row][static_cast<std::size_t>(t.ColumnIndex(column))];
  if (const auto* d = std::get_if<double>(&cell)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&cell)) return static_cast<double>(*i);
  return NAN;
}

class StoredSurveyTest : public nrs::testing::LiverpoolTest {
 protected:
  void SetUp() override {
    LiverpoolTest::SetUp();
    if (HasFatalFailure()) return;
    AddWardNeighbourhood("Old Swan", "E05000904");
    if (HasFatalFailure()) return;
    // Population of the neighbourhood's first LSOA (the others have none) in five-year bands and an open band.
    // The survey's bands 16-34 and 35+: women 4/5 × 50 + 60 = 100 and 30 + 20 = 50; men 4/5 × 25 + 80 = 100
    // and 40 + 10 = 50.
    ASSERT_TRUE(app_->store()
                    .Write([&](store::Transaction& tx) -> Status {
                      NRS_ASSIGN_OR_RETURN(const auto hood, store::FindNeighbourhood(tx, "Old Swan"));
                      const std::int64_t a = hood->members.at(0);
                      return store::PutPopulation(tx, {{a, "mid-2019", "female", 15, 19, 50},
                                                       {a, "mid-2019", "female", 20, 24, 60},
                                                       {a, "mid-2019", "female", 35, 39, 30},
                                                       {a, "mid-2019", "female", 90, std::nullopt, 20},
                                                       {a, "mid-2019", "male", 15, 19, 25},
                                                       {a, "mid-2019", "male", 20, 24, 80},
                                                       {a, "mid-2019", "male", 35, 39, 40},
                                                       {a, "mid-2019", "male", 90, std::nullopt, 10},
                                                       {a, "mid-2019", "all", 15, 19, 75}});
                    })
                    .ok());
    std::ofstream(dir_.File("mapping.toml")) << "attributes = [\"sex\", \"age_band\", \"y\", \"area_class\"]\n"
                                                "[design]\nrespondent = \"id\"\narea = \"area\"\nwave = \"wave\"\n"
                                                "weight = \"w\"\nhousehold = \"home\"\ncluster = \"home\"\n";
    // Cell means: women 16-34 (1, 3) → 2; women 35+ 4; men 16-34 (0 with weight 1, 2 with weight 3) → 1.5;
    // men 35+ 5. Calibrated mean: (100·2 + 50·4 + 100·1.5 + 50·5) / 300 = 8/3.
    std::ofstream(dir_.File("survey.csv")) << "id,area,area_class,wave,w,home,sex,age_band,y\n"
                                              "P01,Old Swan,programme,1,1,H1,female,16-34,1\n"
                                              "P02,Old Swan,programme,1,1,H2,female,16-34,3\n"
                                              "P03,Old Swan,programme,1,2,H3,female,35+,4\n"
                                              "P04,Old Swan,programme,1,1,H3,male,16-34,0\n"
                                              "P05,Old Swan,programme,1,3,H4,male,16-34,2\n"
                                              "P06,Old Swan,programme,1,1,H5,male,35+,5\n";
    import_.data = dir_.File("survey.csv");
    import_.mapping = dir_.File("mapping.toml");
    import_.survey = "test survey";
  }

  SurveyImportOptions import_;
};

TEST_F(StoredSurveyTest, CalibratesToTheNeighbourhoodsPopulationBySexAndAgeBand) {
  ASSERT_TRUE(ImportSurvey(*app_, import_).ok());
  SurveyEstimateOptions e;
  e.design.survey = "test survey";
  e.variable = "y";
  e.disclosure = {.min_respondents = 1, .small_count_max = 0, .rounding_base = 1};
  auto plain = EstimateSurvey(*app_, e);
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_NEAR(Number(*plain, 0, "estimate"), (1 + 3 + 8 + 0 + 6 + 5) / 9.0, 1e-12);
  e.design.calibrate = true;
  auto calibrated = EstimateSurvey(*app_, e);
  ASSERT_TRUE(calibrated.ok()) << calibrated.status().ToString();
  EXPECT_NEAR(Number(*calibrated, 0, "estimate"), 8.0 / 3.0, 1e-12);

  SurveyCalibrateOptions c;
  c.design.survey = "test survey";
  c.design.calibrate = true;
  c.disclosure = e.disclosure;
  auto report = CalibrateSurvey(*app_, c);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  double population = 0;
  for (std::size_t r = 0; r + 1 < report->size(); ++r) {
    EXPECT_NEAR(Number(*report, r, "weighted_after"), Number(*report, r, "population"), 1e-9);
    population += Number(*report, r, "population");
  }
  EXPECT_NEAR(population, 300, 1e-9);
}

TEST_F(StoredSurveyTest, PublishesAScaleAsANeighbourhoodIndicatorOrSuppressesIt) {
  // The programme's influence item (1, 2 agree): P01, P03 and P05 agree. Calibrated share: cells women 16-34 1/2,
  // women 35+ 1, men 16-34 3/4 (weights 1 and 3), men 35+ 0 → (100·0.5 + 50·1 + 100·0.75 + 50·0) / 300 = 7/12.
  std::ofstream(dir_.File("survey.csv")) << "id,area,area_class,wave,w,home,sex,age_band,y,influence\n"
                                            "P01,Old Swan,programme,1,1,H1,female,16-34,1,1\n"
                                            "P02,Old Swan,programme,1,1,H2,female,16-34,3,4\n"
                                            "P03,Old Swan,programme,1,2,H3,female,35+,4,2\n"
                                            "P04,Old Swan,programme,1,1,H3,male,16-34,0,3\n"
                                            "P05,Old Swan,programme,1,3,H4,male,16-34,2,1\n"
                                            "P06,Old Swan,programme,1,1,H5,male,35+,5,4\n";
  ASSERT_TRUE(ImportSurvey(*app_, import_).ok());
  const auto stored_value = [&]() {
    std::optional<store::NeighbourhoodValue> found;
    EXPECT_TRUE(app_->store()
                    .Read([&](store::Transaction& tx) -> Status {
                      NRS_ASSIGN_OR_RETURN(const auto hood, store::FindNeighbourhood(tx, "Old Swan"));
                      NRS_ASSIGN_OR_RETURN(const auto id,
                                           tx.QueryInt("SELECT id FROM indicator WHERE key = 'survey-can-influence'"));
                      NRS_ASSIGN_OR_RETURN(const auto values, store::LoadNeighbourhoodValues(tx, {hood->id}));
                      for (const auto& v : values) {
                        if (id && v.indicator_id == *id) found = v;
                      }
                      return Status::Ok();
                    })
                    .ok());
    return found;
  };
  // Six respondents: below the default threshold of ten, the value is recorded without a number.
  SurveyPublishOptions p;
  p.survey = "test survey";
  auto published = PublishSurveyIndicators(*app_, p);
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  auto value = stored_value();
  ASSERT_TRUE(value.has_value());
  EXPECT_EQ(value->period, "wave 1");
  EXPECT_FALSE(value->value.has_value());
  EXPECT_FALSE(value->lower_95.has_value());
  EXPECT_NE(value->method.find("suppressed"), std::string::npos);
  for (const auto& row : published->rows()) {
    const auto& v = row[static_cast<std::size_t>(published->ColumnIndex("value"))];
    EXPECT_TRUE(std::holds_alternative<std::monostate>(v));
  }
  // With a threshold of one it is published, as a percentage inside its intervals.
  p.disclosure = {.min_respondents = 1, .small_count_max = 0, .rounding_base = 1};
  ASSERT_TRUE(PublishSurveyIndicators(*app_, p).ok());
  value = stored_value();
  ASSERT_TRUE(value.has_value() && value->value.has_value());
  EXPECT_NEAR(*value->value, 700.0 / 12.0, 1e-9);
  EXPECT_LT(*value->lower_998, *value->lower_95);
  EXPECT_LT(*value->lower_95, *value->value);
  EXPECT_LT(*value->value, *value->upper_95);
  EXPECT_LT(*value->upper_95, *value->upper_998);
  // The profile shows it with its interval.
  ProfileOptions profile;
  profile.neighbourhood = "Old Swan";
  profile.indicators = {"survey-can-influence"};
  auto shown = Profile(*app_, profile);
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  ASSERT_EQ(shown->size(), 1U);
  EXPECT_NEAR(Number(*shown, 0, "value"), 700.0 / 12.0, 1e-9);
  EXPECT_NEAR(Number(*shown, 0, "lower_95"), *value->lower_95, 1e-9);
}

TEST_F(StoredSurveyTest, ARefusedImportWritesNothingAndOutputsHoldNoRespondentData) {
  std::ofstream(dir_.File("bad.csv")) << "id,area,area_class,wave,w,home,sex,age_band,y\n"
                                         "P01,Old Swan,programme,1,1,H1,female,16-34,1\n"
                                         "P01,Old Swan,programme,1,0,H1,female,16-34,1\n";
  SurveyImportOptions bad = import_;
  bad.data = dir_.File("bad.csv");
  const auto refused = ImportSurvey(*app_, bad);
  EXPECT_EQ(refused.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(refused.status().diagnostics().size(), 2U);
  auto listed = ListSurveys(*app_);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 0U);
  ASSERT_TRUE(ImportSurvey(*app_, import_).ok());
  // The same name again: refused, and still one survey with its six respondents and one dataset record.
  EXPECT_EQ(ImportSurvey(*app_, import_).status().code(), ErrorCode::kAlreadyExists);
  listed = ListSurveys(*app_);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1U);
  EXPECT_EQ(Number(*listed, 0, "respondents"), 6);
  EXPECT_EQ(Number(*listed, 0, "neighbourhoods"), 1);
  auto info = app_->Info({});
  ASSERT_TRUE(info.ok());
  int surveys = 0;
  for (const auto& d : info->datasets) surveys += d.kind == "survey" ? 1 : 0;
  EXPECT_EQ(surveys, 1);
  // What is stored keeps no respondent ids and codes the households.
  ASSERT_TRUE(app_->store()
                  .Read([&](store::Transaction& tx) -> Status {
                    return tx.Query("SELECT answers FROM survey_respondent", {}, [&](const store::Row& r) {
                      const std::string answers(r.Text(0));
                      EXPECT_EQ(answers.find("P0"), std::string::npos) << answers;
                      EXPECT_EQ(answers.find('H'), std::string::npos) << answers;
                      return Status::Ok();
                    });
                  })
                  .ok());
  // Estimates from fewer than ten respondents (the default threshold) come out without a figure, their counts
  // starred.
  SurveyEstimateOptions small;
  small.design.survey = "test survey";
  small.variable = "y";
  small.by = {"sex"};
  auto controlled = EstimateSurvey(*app_, small);
  ASSERT_TRUE(controlled.ok()) << controlled.status().ToString();
  ASSERT_EQ(controlled->size(), 2U);
  for (const auto& row : controlled->rows()) {
    EXPECT_TRUE(
        std::holds_alternative<std::monostate>(row[static_cast<std::size_t>(controlled->ColumnIndex("estimate"))]));
    EXPECT_EQ(std::get<std::string>(row[static_cast<std::size_t>(controlled->ColumnIndex("n"))]), "*");
  }
  // Estimating respondent ids is impossible; writing the stored data out is refused.
  SurveyEstimateOptions e;
  e.design.survey = "test survey";
  e.variable = "respondent";
  EXPECT_EQ(EstimateSurvey(*app_, e).status().code(), ErrorCode::kInvalidArgument);
  SurveyCalibrateOptions c;
  c.design.survey = "test survey";
  c.design.calibrate = true;
  c.output = dir_.File("out.csv");
  EXPECT_EQ(CalibrateSurvey(*app_, c).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(std::filesystem::exists(dir_.File("out.csv")));
}

}  // namespace
}  // namespace nrs
