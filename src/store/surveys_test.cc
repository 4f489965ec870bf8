#include "store/surveys.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "store/fault_injection.h"
#include "store/meta.h"
#include "store/test_support.h"

namespace nrs::store {
namespace {

SurveyRow Survey(std::int64_t dataset, std::int64_t neighbourhood) {
  SurveyRow s;
  s.name = "resident survey";
  s.dataset_id = dataset;
  s.instrument = "test instrument";
  s.synthetic = true;
  s.area = "area";
  s.wave = "wave";
  s.weight = "weight";
  s.cluster = "household";
  s.created_at = "2026-11-29T12:00:00Z";
  s.variables = {{.name = "household", .kind = "design"},
                 {.name = "sex", .kind = "attribute"},
                 {.name = "can_influence",
                  .kind = "scale",
                  .label = "Can influence decisions",
                  .statistic = "proportion",
                  .polarity = "high_is_good",
                  .domain = "community governance"}};
  s.areas = {
      {.code = "A", .name = "Old Swan", .klass = "programme", .neighbourhood_id = neighbourhood, .respondents = 2},
      {.code = "B", .name = "Elsewhere", .klass = "comparison", .neighbourhood_id = 0, .respondents = 1}};
  return s;
}

DatasetRecord Dataset(const std::string& name) {
  DatasetRecord d;
  d.kind = "survey";
  d.name = name;
  d.source = "survey.csv";
  d.rows = 3;
  d.imported_at = "2026-11-29T12:00:00Z";
  return d;
}

std::vector<SurveyRespondentRow> Respondents() {
  return {{"A", "1", 10.5, {"h1", "female", "1"}}, {"A", "2", 9, {"h1", "male", ""}}, {"B", "1", 3, {"h2", "", "0"}}};
}

// Old Swan and the dataset a survey is recorded as.
class SurveyStoreTest : public testing::OneNeighbourhoodTest {
 protected:
  void SetUp() override {
    OneNeighbourhoodTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(store_
                    ->Write([&](Transaction& tx) -> Status {
                      NRS_ASSIGN_OR_RETURN(dataset_, RecordDataset(tx, Dataset("resident survey")));
                      return Status::Ok();
                    })
                    .ok());
  }
  std::int64_t dataset_ = 0;
};

TEST_F(SurveyStoreTest, RoundTripsTheDesignVariablesAreasAndRespondents) {
  ASSERT_TRUE(store_
                  ->Write([&](Transaction& tx) {
                    return InsertSurvey(tx, Survey(dataset_, neighbourhood_), Respondents()).status();
                  })
                  .ok());
  ASSERT_TRUE(store_
                  ->Read([&](Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(const auto found, FindSurvey(tx, "resident survey"));
                    EXPECT_TRUE(found.has_value());
                    if (!found) return Status::Ok();
                    EXPECT_EQ(found->respondents, 3);
                    EXPECT_TRUE(found->synthetic);
                    EXPECT_EQ(found->cluster, "household");
                    EXPECT_EQ(found->stratum, "");
                    EXPECT_EQ(found->variables.size(), 3U);
                    EXPECT_EQ(found->variables[2].statistic, "proportion");
                    EXPECT_EQ(found->variables[2].polarity, "high_is_good");
                    EXPECT_EQ(found->areas.size(), 2U);
                    EXPECT_EQ(found->areas[0].neighbourhood_id, neighbourhood_);
                    EXPECT_EQ(found->areas[1].neighbourhood_id, 0);
                    NRS_ASSIGN_OR_RETURN(const auto rows, LoadSurveyRespondents(tx, found->id));
                    EXPECT_EQ(rows.size(), 3U);
                    EXPECT_DOUBLE_EQ(rows[0].weight, 10.5);
                    EXPECT_EQ(rows[1].answers, (std::vector<std::string>{"h1", "male", ""}));
                    EXPECT_EQ(rows[2].answers, (std::vector<std::string>{"h2", "", "0"}));
                    NRS_ASSIGN_OR_RETURN(const auto missing, FindSurvey(tx, "other"));
                    EXPECT_FALSE(missing.has_value());
                    NRS_ASSIGN_OR_RETURN(const auto all, ListSurveys(tx));
                    EXPECT_EQ(all.size(), 1U);
                    return Status::Ok();
                  })
                  .ok());
}

TEST_F(SurveyStoreTest, RefusesATakenNameAndValuesThatDoNotFit) {
  ASSERT_TRUE(store_
                  ->Write([&](Transaction& tx) {
                    return InsertSurvey(tx, Survey(dataset_, neighbourhood_), Respondents()).status();
                  })
                  .ok());
  const Status again = store_->Write(
      [&](Transaction& tx) { return InsertSurvey(tx, Survey(dataset_, neighbourhood_), Respondents()).status(); });
  EXPECT_EQ(again.code(), ErrorCode::kAlreadyExists);
  SurveyRow other = Survey(dataset_, neighbourhood_);
  other.name = "other";
  std::vector<SurveyRespondentRow> short_row = Respondents();
  short_row[1].answers.pop_back();
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return InsertSurvey(tx, other, short_row).status(); }).code(),
            ErrorCode::kInvalidArgument);
  std::vector<SurveyRespondentRow> control = Respondents();
  control[0].answers[1] = std::string("a\x1f") + "b";
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return InsertSurvey(tx, other, control).status(); }).code(),
            ErrorCode::kInvalidArgument);
  // A refused survey leaves nothing behind: no survey, variable, area or respondent rows of it.
  ASSERT_TRUE(store_
                  ->Read([&](Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(const auto all, ListSurveys(tx));
                    EXPECT_EQ(all.size(), 1U);
                    NRS_ASSIGN_OR_RETURN(const auto rows, tx.QueryInt("SELECT count(*) FROM survey_respondent"));
                    EXPECT_EQ(rows.value_or(-1), 3);
                    NRS_ASSIGN_OR_RETURN(const auto areas, tx.QueryInt("SELECT count(*) FROM survey_area"));
                    EXPECT_EQ(areas.value_or(-1), 2);
                    return Status::Ok();
                  })
                  .ok());
}

TEST_F(SurveyStoreTest, DeletingTheSurveyRemovesItsRowsAndAFailedWriteLeavesNone) {
  ASSERT_TRUE(store_
                  ->Write([&](Transaction& tx) {
                    return InsertSurvey(tx, Survey(dataset_, neighbourhood_), Respondents()).status();
                  })
                  .ok());
  ASSERT_TRUE(store_
                  ->Write([&](Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(const auto found, FindSurvey(tx, "resident survey"));
                    if (!found) return Status::NotFound("the survey");
                    return DeleteSurvey(tx, found->id);
                  })
                  .ok());
  auto inner = OpenMemoryStore();
  ASSERT_TRUE(inner.ok());
  auto faulty = MakeFaultInjectingStore(std::move(*inner),
                                        {.fail_statement = 3, .only_sql_containing = "INSERT INTO survey_respondent"});
  std::int64_t dataset = 0;
  ASSERT_TRUE(faulty
                  ->Write([&](Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(dataset, RecordDataset(tx, Dataset("s")));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(faulty->Write([&](Transaction& tx) { return InsertSurvey(tx, Survey(dataset, 0), Respondents()).status(); })
                .code(),
            ErrorCode::kIoError);
  for (Store* s : {store_.get(), faulty.get()}) {
    ASSERT_TRUE(s->Read([&](Transaction& tx) -> Status {
                   for (const char* table : {"survey", "survey_variable", "survey_area", "survey_respondent"}) {
                     NRS_ASSIGN_OR_RETURN(const auto n, tx.QueryInt(fmt::format("SELECT count(*) FROM {}", table)));
                     EXPECT_EQ(n.value_or(-1), 0) << table;
                   }
                   return Status::Ok();
                 }).ok());
  }
}

TEST_F(SurveyStoreTest, PopulationBandsSumTheAreasBySexAndAge) {
  ASSERT_TRUE(store_
                  ->Write([&](Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(const std::int64_t a,
                                         InsertArea(tx, geo::AreaType{geo::AreaKind::kLsoa, 11}, "E1", "one"));
                    NRS_ASSIGN_OR_RETURN(const std::int64_t b,
                                         InsertArea(tx, geo::AreaType{geo::AreaKind::kLsoa, 11}, "E2", "two"));
                    NRS_RETURN_IF_ERROR(PutPopulation(tx, {{a, "mid-2019", "female", 15, 19, 10},
                                                           {b, "mid-2019", "female", 15, 19, 5},
                                                           {a, "mid-2019", "male", 90, std::nullopt, 2},
                                                           {a, "mid-2019", "all", 15, 19, 99},
                                                           {a, "mid-2018", "female", 15, 19, 7}}));
                    NRS_ASSIGN_OR_RETURN(const auto bands, PopulationBands(tx, "mid-2019", {a, b}));
                    EXPECT_EQ(bands.size(), 2U);
                    if (bands.size() != 2) return Status::Ok();
                    EXPECT_EQ(bands[0].sex, "female");
                    EXPECT_EQ(bands[0].age_from, 15);
                    EXPECT_EQ(bands[0].age_to, 19);
                    EXPECT_DOUBLE_EQ(bands[0].count, 15);
                    EXPECT_EQ(bands[1].sex, "male");
                    EXPECT_FALSE(bands[1].age_to.has_value());
                    EXPECT_DOUBLE_EQ(bands[1].count, 2);
                    return Status::Ok();
                  })
                  .ok());
}

}  // namespace
}  // namespace nrs::store
