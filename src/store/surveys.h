#pragma once

// Repositories of the resident survey: a survey with its design, its variables, its areas (linked to
// neighbourhoods) and its respondents. Respondent rows are personal data: nothing here returns them except
// LoadSurveyRespondents, which only the estimation use cases call.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace nrs::store {

struct SurveyVariableRow {
  std::string name{};
  std::string kind{};  // design | attribute | item | scale | band
  std::string label{};
  std::string statistic{};                // scales: mean | proportion; "" otherwise
  std::string polarity = "no_judgement";  // high_is_good | low_is_good | no_judgement
  std::string domain{};                   // scales: the framework domain they inform
};

struct SurveyAreaRow {
  std::string code{};
  std::string name{};
  std::string klass{};                // programme | comparison | better_off, or "" when the data do not say
  std::int64_t neighbourhood_id = 0;  // 0: not a neighbourhood of this database
  std::int64_t respondents = 0;
};

struct SurveyRow {
  std::int64_t id = 0;
  std::string name;
  std::int64_t dataset_id = 0;
  std::string instrument;
  bool synthetic = false;
  // The variables that play each design role (area, wave and weight are kept outside `variables`).
  std::string area, wave, weight, stratum, cluster, fpc, panel;
  std::int64_t respondents = 0;
  std::string created_at;
  std::vector<SurveyVariableRow> variables;
  std::vector<SurveyAreaRow> areas;
};

struct SurveyRespondentRow {
  std::string area;
  std::string wave;
  double weight = 0;
  std::vector<std::string> answers;  // one per SurveyRow::variables
};

// Inserts the survey, its variables, areas and respondents; returns its id. kAlreadyExists for a name in use;
// kInvalidArgument for a respondent whose answers do not match the variables, or a value holding U+001F.
Result<std::int64_t> InsertSurvey(Transaction& tx, const SurveyRow& survey,
                                  const std::vector<SurveyRespondentRow>& respondents);
// Every survey (with variables and areas), by name.
Result<std::vector<SurveyRow>> ListSurveys(Transaction& tx);
// The survey called `name`, or nullopt.
Result<std::optional<SurveyRow>> FindSurvey(Transaction& tx, std::string_view name);
// The survey's respondents in import order.
Result<std::vector<SurveyRespondentRow>> LoadSurveyRespondents(Transaction& tx, std::int64_t survey_id);
// Deletes the survey and its rows (its dataset record stays, as provenance of what was once loaded).
Status DeleteSurvey(Transaction& tx, std::int64_t survey_id);

}  // namespace nrs::store
