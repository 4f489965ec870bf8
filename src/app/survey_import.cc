// `nrs survey import` and `nrs survey instrument`: responses validated against an instrument (io/survey_import.h)
// and scored by its scales (survey/instrument.h); the programme's instrument is compiled into the program.

#include "io/survey_import.h"

#include <fmt/format.h>

#include <algorithm>

#include "app/embedded.h"
#include "app/survey_internal.h"
#include "io/instrument_reader.h"
#include "io/survey_data.h"
#include "nrs/survey.h"
#include "survey/instrument.h"

namespace nrs {
namespace {

using core::Cell;
using core::CellType;
using core::Table;

constexpr const char* kProgrammeInstrument = "programme_instrument.toml";

Result<std::string> ScaleFile(const std::string& name) {
  for (const app::EmbeddedFile& file : app::ScaleFiles()) {
    if (file.name == name) return std::string(file.data);
  }
  return Status::NotFound("no scale file '{}' is shipped with NRS", name);
}

std::string Format(double v) { return std::isfinite(v) ? fmt::format("{}", v) : std::string(); }

}  // namespace

Result<survey::Instrument> survey_app::LoadInstrument(const std::string& path) {
  if (!path.empty()) return io::ReadInstrument(path);
  NRS_ASSIGN_OR_RETURN(const std::string text, ScaleFile(kProgrammeInstrument));
  return io::ParseInstrument(kProgrammeInstrument, text, ScaleFile);
}

Status SurveyImportOptions::Validate() const {
  NRS_RETURN_IF_ERROR(disclosure.Validate());
  if (data.empty()) return Status::InvalidArgument("--data: the respondent-level CSV file is required");
  if (!survey.empty() && !output.empty()) {
    return Status::InvalidArgument(
        "--output and --survey: a stored survey's respondent-level data are not written out");
  }
  if (survey.find('\x1f') != std::string::npos)
    return Status::InvalidArgument("the survey's name holds a control character");
  return Status::Ok();
}

namespace survey_app {

Result<ScoredImport> ScoreImport(const SurveyImportOptions& options, const std::string& data_path) {
  NRS_RETURN_IF_ERROR(options.Validate());
  ScoredImport out;
  NRS_ASSIGN_OR_RETURN(out.instrument, LoadInstrument(options.instrument));
  const survey::Instrument& instrument = out.instrument;
  out.mapping = io::DefaultImportMapping();
  if (!options.mapping.empty()) {
    NRS_ASSIGN_OR_RETURN(out.mapping, io::ReadImportMapping(options.mapping));
  }
  NRS_ASSIGN_OR_RETURN(const io::SurveyResponses responses,
                       io::ReadSurveyResponses(data_path, instrument, out.mapping));
  out.rows = responses.rows();

  // The output: design roles, attributes, items (missing codes emptied), then each scale (and its band).
  const auto add = [&out](std::string name, std::vector<std::string> values, store::SurveyVariableRow variable) {
    out.names.push_back(std::move(name));
    out.columns.push_back(std::move(values));
    out.variables.push_back(std::move(variable));
  };
  for (const auto& [role, values] : responses.design) {
    add(role, values, {.name = role, .kind = "design", .label = out.mapping.design.at(role)});
  }
  for (const auto& [name, values] : responses.attributes) add(name, values, {.name = name, .kind = "attribute"});
  for (std::size_t k = 0; k < instrument.items.size(); ++k) {
    if (!responses.item_present[k]) continue;
    std::vector<std::string> text;
    text.reserve(responses.rows());
    for (const int code : responses.answers[k]) text.push_back(code < 0 ? std::string() : std::to_string(code));
    add(instrument.items[k].code, std::move(text),
        {.name = instrument.items[k].code, .kind = "item", .label = instrument.items[k].wording});
  }
  out.table = Table({{"scale", CellType::kText},
                     {"rule", CellType::kText},
                     {"n", CellType::kInteger},
                     {"scored", CellType::kInteger},
                     {"missing", CellType::kInteger},
                     {"flag", CellType::kText}});
  for (const survey::Scale& scale : instrument.scales) {
    std::vector<std::vector<int>> answers;
    for (const std::string& code : scale.items) {
      const auto at = std::find_if(instrument.items.begin(), instrument.items.end(),
                                   [&code](const survey::Item& item) { return item.code == code; });
      answers.push_back(responses.answers[static_cast<std::size_t>(at - instrument.items.begin())]);
    }
    const survey::ScaleScores scores = survey::ScoreScale(instrument, scale, answers);
    std::vector<std::string> text;
    text.reserve(scores.score.size());
    for (const double v : scores.score) text.push_back(Format(v));
    add(scale.code, std::move(text),
        {.name = scale.code,
         .kind = "scale",
         .label = scale.name,
         .statistic = scale.rule == survey::ScoringRule::kAgree ? "proportion" : "mean",
         .polarity = scale.polarity,
         .domain = scale.domain});
    if (!scale.bands.empty()) {
      add(scale.code + "_band", scores.band, {.name = scale.code + "_band", .kind = "band", .label = scale.name});
    }
    const auto n = static_cast<std::int64_t>(responses.rows());
    out.table.AddRow(
        {scale.code, std::string(survey::RuleName(scale.rule)), n, scores.scored, n - scores.scored, std::string()});
  }
  return out;
}

Result<Table> PublishImportTable(const Table& table, const SurveyDisclosureOptions& disclosure) {
  const survey::DisclosureLayout layout{
      .dimensions = {"scale"}, .respondents = "n", .counts = {"scored", "missing"}, .values = {}, .flag = "flag"};
  return Publish(table, layout, disclosure);
}

}  // namespace survey_app

Result<Table> ImportSurvey(const SurveyImportOptions& options) {
  if (!options.survey.empty()) return Status::InvalidArgument("--survey: a survey is stored in a database");
  NRS_ASSIGN_OR_RETURN(const survey_app::ScoredImport scored, survey_app::ScoreImport(options, options.data));
  if (!options.output.empty()) NRS_RETURN_IF_ERROR(io::WriteCsvColumns(options.output, scored.names, scored.columns));
  return survey_app::PublishImportTable(scored.table, options.disclosure);
}

Result<Table> DescribeInstrument(const std::string& instrument_path) {
  NRS_ASSIGN_OR_RETURN(const survey::Instrument instrument, survey_app::LoadInstrument(instrument_path));
  Table table({{"scale", CellType::kText},
               {"name", CellType::kText},
               {"items", CellType::kText},
               {"rule", CellType::kText},
               {"range", CellType::kText},
               {"missing_rule", CellType::kText},
               {"bands", CellType::kText},
               {"polarity", CellType::kText},
               {"domain", CellType::kText}});
  for (const survey::Scale& scale : instrument.scales) {
    std::string items;
    int low = 0;
    int high = 0;
    for (const std::string& code : scale.items) {
      items += (items.empty() ? "" : " ") + code;
      const survey::Item* item = instrument.FindItem(code);
      low += item->MinCode();
      high += item->MaxCode();
    }
    std::string range;
    switch (scale.rule) {
      case survey::ScoringRule::kSum:
        range = fmt::format("{}–{}", low, high);
        break;
      case survey::ScoringRule::kMean:
        range = fmt::format("{}–{}", static_cast<double>(low) / static_cast<double>(scale.items.size()),
                            static_cast<double>(high) / static_cast<double>(scale.items.size()));
        break;
      case survey::ScoringRule::kLookup:
        range = fmt::format("{}–{}", scale.lookup.begin()->second, scale.lookup.rbegin()->second);
        break;
      case survey::ScoringRule::kAgree:
        range = "0–1";
        break;
    }
    std::string bands;
    for (const survey::Band& b : scale.bands)
      bands += fmt::format("{}{} {}", bands.empty() ? "" : "; ", b.from, b.label);
    table.AddRow({scale.code, scale.name, items, std::string(survey::RuleName(scale.rule)), range, scale.missing_rule,
                  bands, scale.polarity, scale.domain});
  }
  return table;
}

}  // namespace nrs
