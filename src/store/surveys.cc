#include "store/surveys.h"

#include <utility>

#include "core/text.h"

namespace nrs::store {
namespace {

constexpr char kSeparator = '\x1f';

std::string JoinAnswers(const std::vector<std::string>& answers) {
  std::string text;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    if (i > 0) text += kSeparator;
    text += answers[i];
  }
  return text;
}

std::vector<std::string> SplitAnswers(std::string_view text, std::size_t expected) {
  std::vector<std::string> out;
  out.reserve(expected);
  if (expected == 0) return out;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(kSeparator, start);
    out.emplace_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

Status LoadDetails(Transaction& tx, SurveyRow& survey) {
  NRS_RETURN_IF_ERROR(tx.Query(
      "SELECT name, kind, label, statistic, polarity, domain FROM survey_variable WHERE survey_id = ? ORDER BY "
      "position",
      {survey.id}, [&](const Row& r) {
        survey.variables.push_back({std::string(r.Text(0)), std::string(r.Text(1)), std::string(r.Text(2)),
                                    std::string(r.Text(3)), std::string(r.Text(4)), std::string(r.Text(5))});
        return Status::Ok();
      }));
  return tx.Query(
      "SELECT code, name, class, coalesce(neighbourhood_id, 0), respondents FROM survey_area WHERE survey_id = ? "
      "ORDER BY code",
      {survey.id}, [&](const Row& r) {
        survey.areas.push_back(
            {std::string(r.Text(0)), std::string(r.Text(1)), std::string(r.Text(2)), r.Int(3), r.Int(4)});
        return Status::Ok();
      });
}

constexpr std::string_view kSelectSurvey =
    "SELECT id, name, dataset_id, instrument, synthetic, area, wave, weight, stratum, cluster, fpc, panel, "
    "respondents, created_at FROM survey";

SurveyRow ReadSurvey(const Row& r) {
  SurveyRow s;
  s.id = r.Int(0);
  s.name = r.Text(1);
  s.dataset_id = r.Int(2);
  s.instrument = r.Text(3);
  s.synthetic = r.Int(4) != 0;
  s.area = r.Text(5);
  s.wave = r.Text(6);
  s.weight = r.Text(7);
  s.stratum = r.Text(8);
  s.cluster = r.Text(9);
  s.fpc = r.Text(10);
  s.panel = r.Text(11);
  s.respondents = r.Int(12);
  s.created_at = r.Text(13);
  return s;
}

}  // namespace

Result<std::int64_t> InsertSurvey(Transaction& tx, const SurveyRow& survey,
                                  const std::vector<SurveyRespondentRow>& respondents) {
  NRS_ASSIGN_OR_RETURN(const auto existing, tx.QueryInt("SELECT id FROM survey WHERE name = ?", {survey.name}));
  if (existing) return Status::AlreadyExists("a survey called '{}' is stored", survey.name);
  NRS_RETURN_IF_ERROR(tx.Execute(
      "INSERT INTO survey(name, dataset_id, instrument, synthetic, area, wave, weight, stratum, cluster, fpc, panel, "
      "respondents, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {survey.name, survey.dataset_id, survey.instrument, survey.synthetic, survey.area, survey.wave, survey.weight,
       survey.stratum, survey.cluster, survey.fpc, survey.panel, static_cast<std::int64_t>(respondents.size()),
       survey.created_at}));
  const std::int64_t id = tx.LastInsertId();
  NRS_ASSIGN_OR_RETURN(Statement * variable,
                       tx.Prepare("INSERT INTO survey_variable(survey_id, position, name, kind, label, statistic, "
                                  "polarity, domain) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  for (std::size_t i = 0; i < survey.variables.size(); ++i) {
    const SurveyVariableRow& v = survey.variables[i];
    NRS_RETURN_IF_ERROR(variable->Execute(
        {id, static_cast<std::int64_t>(i), v.name, v.kind, v.label, v.statistic, v.polarity, v.domain}));
  }
  NRS_ASSIGN_OR_RETURN(Statement * area,
                       tx.Prepare("INSERT INTO survey_area(survey_id, code, name, class, neighbourhood_id, "
                                  "respondents) VALUES (?, ?, ?, ?, ?, ?)"));
  for (const SurveyAreaRow& a : survey.areas) {
    const std::optional<std::int64_t> neighbourhood =
        a.neighbourhood_id > 0 ? std::optional<std::int64_t>(a.neighbourhood_id) : std::nullopt;
    NRS_RETURN_IF_ERROR(area->Execute({id, a.code, a.name, a.klass, neighbourhood, a.respondents}));
  }
  NRS_ASSIGN_OR_RETURN(Statement * respondent,
                       tx.Prepare("INSERT INTO survey_respondent(survey_id, row, area, wave, weight, answers) VALUES "
                                  "(?, ?, ?, ?, ?, ?)"));
  std::int64_t row = 0;
  for (const SurveyRespondentRow& r : respondents) {
    ++row;
    if (r.answers.size() != survey.variables.size()) {
      return Status::InvalidArgument("respondent {} has {} values for {} variables", row, r.answers.size(),
                                     survey.variables.size());
    }
    for (const std::string& a : r.answers) {
      if (a.find(kSeparator) != std::string::npos) {
        return Status::InvalidArgument("respondent {}: a value holds the control character U+001F", row);
      }
    }
    const std::string answers = JoinAnswers(r.answers);
    NRS_RETURN_IF_ERROR(respondent->Execute({id, row, r.area, r.wave, r.weight, answers}));
  }
  return id;
}

Result<std::vector<SurveyRow>> ListSurveys(Transaction& tx) {
  std::vector<SurveyRow> out;
  NRS_RETURN_IF_ERROR(tx.Query(std::string(kSelectSurvey) + " ORDER BY name", {}, [&](const Row& r) {
    out.push_back(ReadSurvey(r));
    return Status::Ok();
  }));
  for (SurveyRow& s : out) NRS_RETURN_IF_ERROR(LoadDetails(tx, s));
  return out;
}

Result<std::optional<SurveyRow>> FindSurvey(Transaction& tx, std::string_view name) {
  std::optional<SurveyRow> out;
  NRS_RETURN_IF_ERROR(tx.Query(std::string(kSelectSurvey) + " WHERE name = ?", {name}, [&](const Row& r) {
    out = ReadSurvey(r);
    return Status::Ok();
  }));
  if (out) NRS_RETURN_IF_ERROR(LoadDetails(tx, *out));
  return out;
}

Result<std::vector<SurveyRespondentRow>> LoadSurveyRespondents(Transaction& tx, std::int64_t survey_id) {
  NRS_ASSIGN_OR_RETURN(const auto variables,
                       tx.QueryInt("SELECT count(*) FROM survey_variable WHERE survey_id = ?", {survey_id}));
  const auto expected = static_cast<std::size_t>(variables.value_or(0));
  std::vector<SurveyRespondentRow> out;
  NRS_RETURN_IF_ERROR(
      tx.Query("SELECT area, wave, weight, answers FROM survey_respondent WHERE survey_id = ? "
               "ORDER BY row",
               {survey_id}, [&](const Row& r) {
                 SurveyRespondentRow row{std::string(r.Text(0)), std::string(r.Text(1)), r.Real(2),
                                         SplitAnswers(r.Text(3), expected)};
                 if (row.answers.size() != expected) {
                   return Status::DatabaseCorrupt("survey {}: a respondent has {} values for {} variables", survey_id,
                                                  row.answers.size(), expected);
                 }
                 out.push_back(std::move(row));
                 return Status::Ok();
               }));
  return out;
}

Status DeleteSurvey(Transaction& tx, std::int64_t survey_id) {
  for (const char* table : {"survey_respondent", "survey_area", "survey_variable"}) {
    NRS_RETURN_IF_ERROR(tx.Execute(fmt::format("DELETE FROM {} WHERE survey_id = ?", table), {survey_id}));
  }
  return tx.Execute("DELETE FROM survey WHERE id = ?", {survey_id});
}

}  // namespace nrs::store
