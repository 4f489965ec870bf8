// Surveys stored in the database: import (validated, scored, kept minimal and pseudonymous, recorded in the
// provenance), estimates, calibration to the population of the neighbourhoods and difference in differences on
// them, and their scales published as neighbourhood-level indicators. Respondent-level rows leave the store only
// into the survey engine: every table these use cases return has passed disclosure control.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "app/survey_internal.h"
#include "core/text.h"
#include "indicators/catalogue.h"
#include "nrs/app.h"
#include "nrs/survey.h"
#include "store/meta.h"
#include "store/places.h"
#include "store/surveys.h"
#include "store/system_maps.h"

namespace nrs {

using core::Cell;
using core::CellType;
using core::Table;

namespace survey_app {
namespace {

constexpr char kSeparator = '\x1f';

// The design roles whose values identify people or households: replaced by codes made at import, which keep the
// grouping (and so every estimate) and nothing else.
bool Pseudonymised(const std::string& role) { return role == "household" || role == "panel" || role == "cluster"; }

std::vector<std::string> Pseudonyms(const std::vector<std::string>& values, char prefix) {
  std::map<std::string, std::size_t> codes;
  std::vector<std::string> out;
  out.reserve(values.size());
  for (const std::string& v : values) {
    const std::string key(core::Trim(v));
    if (io::IsMissingText(key)) {
      out.emplace_back();
      continue;
    }
    const auto [it, added] = codes.emplace(key, codes.size() + 1);
    out.push_back(fmt::format("{}{}", prefix, it->second));
  }
  return out;
}

// Population of [from, to] (to < 0: open) within the band [low, high] (high < 0: open), assuming people spread
// evenly over the years of a closed band.
Result<double> Overlap(const store::PopulationCount& c, int low, int high) {
  if (!c.age_to) {
    if (high >= 0 && high < c.age_from) return 0.0;
    if (high < 0 && low <= c.age_from) return c.count;
    return Status::InvalidArgument("age band {}–{} cuts the open population band {}+", low, high, c.age_from);
  }
  const int from = std::max(c.age_from, low);
  const int to = high < 0 ? *c.age_to : std::min(*c.age_to, high);
  if (to < from) return 0.0;
  return c.count * static_cast<double>(to - from + 1) / static_cast<double>(*c.age_to - c.age_from + 1);
}

std::string WavePeriod(const std::string& wave) {
  const bool digits =
      !wave.empty() && std::all_of(wave.begin(), wave.end(), [](char c) { return c >= '0' && c <= '9'; });
  return digits ? "wave " + wave : wave;
}

std::string IndicatorKey(const std::string& scale) {
  std::string key = "survey-" + core::ToLower(scale);
  std::replace(key.begin(), key.end(), '_', '-');
  return key;
}

}  // namespace

Result<std::pair<int, int>> ParseAgeBand(std::string_view label) {
  std::string text(core::Trim(label));
  if (!text.empty() && text.back() == '+') {
    const auto low = core::ParseInt(text.substr(0, text.size() - 1));
    if (low && *low >= 0) return std::pair<int, int>{static_cast<int>(*low), -1};
  }
  for (const std::string_view dash : {"–", "-", " to "}) {
    const std::size_t at = text.find(dash);
    if (at == std::string::npos) continue;
    const auto low = core::ParseInt(core::Trim(text.substr(0, at)));
    const auto high = core::ParseInt(core::Trim(text.substr(at + dash.size())));
    if (low && high && *low >= 0 && *high >= *low) {
      return std::pair<int, int>{static_cast<int>(*low), static_cast<int>(*high)};
    }
  }
  return Status::InvalidArgument("age band '{}' is neither 'from-to' nor 'from+'", label);
}

Result<StoredSurvey> LoadStoredSurvey(store::Transaction& tx, const std::string& name) {
  NRS_ASSIGN_OR_RETURN(auto row, store::FindSurvey(tx, name));
  if (!row) return Status::NotFound("no survey called '{}' (see `nrs survey list`)", name);
  StoredSurvey stored;
  stored.row = std::move(*row);
  NRS_ASSIGN_OR_RETURN(stored.respondents, store::LoadSurveyRespondents(tx, stored.row.id));
  // Population by sex and by the survey's own age bands, for the areas that are neighbourhoods.
  const auto& variables = stored.row.variables;
  const auto find = [&](const char* n) {
    return std::find_if(variables.begin(), variables.end(), [n](const auto& v) { return v.name == n; });
  };
  const auto band_at = find("age_band");
  if (band_at == variables.end() || find("sex") == variables.end()) return stored;
  const auto band_column = static_cast<std::size_t>(band_at - variables.begin());
  std::set<std::string> bands;
  for (const store::SurveyRespondentRow& r : stored.respondents) {
    if (!io::IsMissingText(r.answers[band_column])) bands.emplace(core::Trim(r.answers[band_column]));
  }
  NRS_ASSIGN_OR_RETURN(const auto period, store::LatestPopulationPeriod(tx));
  if (!period) return stored;
  stored.population_period = *period;
  NRS_ASSIGN_OR_RETURN(const auto neighbourhoods, store::ListNeighbourhoods(tx));
  for (const store::SurveyAreaRow& area : stored.row.areas) {
    if (area.neighbourhood_id == 0) continue;
    const auto n = std::find_if(neighbourhoods.begin(), neighbourhoods.end(),
                                [&](const store::NeighbourhoodRow& x) { return x.id == area.neighbourhood_id; });
    if (n == neighbourhoods.end() || n->members.empty()) continue;
    NRS_ASSIGN_OR_RETURN(const auto counts, store::PopulationBands(tx, *period, n->members));
    if (counts.empty()) continue;
    std::map<std::string, double>& cells = stored.population[area.code];
    for (const std::string& band : bands) {
      NRS_ASSIGN_OR_RETURN(const auto range, ParseAgeBand(band));
      for (const store::PopulationCount& c : counts) {
        NRS_ASSIGN_OR_RETURN(const double part, Overlap(c, range.first, range.second));
        cells[core::ToLower(c.sex) + kSeparator + band] += part;
      }
    }
  }
  return stored;
}

Result<io::SurveyColumns> StoredColumns(const StoredSurvey& stored, std::vector<std::string> names) {
  const store::SurveyRow& row = stored.row;
  std::vector<std::string> all = {row.area, row.wave, row.weight};
  for (const store::SurveyVariableRow& v : row.variables) all.push_back(v.name);
  if (names.empty()) names = all;
  io::SurveyColumns out;
  out.file = fmt::format("survey '{}'", row.name);
  for (const std::string& name : names) {
    if (out.Find(name) >= 0) continue;
    const auto at = std::find(all.begin(), all.end(), name);
    if (at == all.end()) {
      return Status::InvalidArgument("{} has no variable '{}'; its variables are: {}", out.file, name,
                                     fmt::format("{}", fmt::join(all, ", ")));
    }
    const auto index = static_cast<std::size_t>(at - all.begin());
    std::vector<std::string> column;
    column.reserve(stored.respondents.size());
    for (const store::SurveyRespondentRow& r : stored.respondents) {
      column.push_back(index == 0   ? r.area
                       : index == 1 ? r.wave
                       : index == 2 ? fmt::format("{}", r.weight)
                                    : r.answers[index - 3]);
    }
    out.names.push_back(name);
    out.text.push_back(std::move(column));
  }
  out.lines.resize(stored.respondents.size());
  for (std::size_t r = 0; r < out.lines.size(); ++r) out.lines[r] = static_cast<std::int64_t>(r) + 1;
  return out;
}

Result<Table> StoreSurvey(store::Transaction& tx, const SurveyImportOptions& options, const std::string& data_path,
                          const std::string& source, const core::Clock& clock) {
  if (options.survey.empty()) return Status::InvalidArgument("--survey: name the survey to store");
  NRS_ASSIGN_OR_RETURN(ScoredImport scored, ScoreImport(options, data_path));
  store::SurveyRow row;
  row.name = options.survey;
  row.instrument = scored.instrument.name;
  row.synthetic = options.synthetic;
  row.created_at = core::FormatUtc(clock.Now());
  // Columns kept: every scored column but the respondent id, with household, panel and cluster ids coded.
  std::vector<const std::vector<std::string>*> kept;
  std::vector<std::vector<std::string>> coded;
  coded.reserve(scored.names.size());
  const std::vector<std::string>* area = nullptr;
  const std::vector<std::string>* wave = nullptr;
  const std::vector<std::string>* weight = nullptr;
  const std::vector<std::string>* area_name = nullptr;
  const std::vector<std::string>* area_class = nullptr;
  for (std::size_t c = 0; c < scored.names.size(); ++c) {
    const std::string& name = scored.names[c];
    const store::SurveyVariableRow& variable = scored.variables[c];
    if (variable.kind == "design") {
      if (name == "respondent") continue;
      if (name == "area") area = &scored.columns[c];
      if (name == "wave") wave = &scored.columns[c];
      if (name == "weight") weight = &scored.columns[c];
      if (name == "area" || name == "wave" || name == "weight") continue;
      if (name == "stratum") row.stratum = name;
      if (name == "cluster") row.cluster = name;
      if (name == "fpc") row.fpc = name;
      if (name == "panel") row.panel = name;
      if (Pseudonymised(name)) {
        coded.push_back(Pseudonyms(scored.columns[c], name == "panel" ? 'p' : name == "household" ? 'h' : 'c'));
        kept.push_back(&coded.back());
        row.variables.push_back(variable);
        continue;
      }
    }
    if (variable.kind == "attribute" && name == "area_name") area_name = &scored.columns[c];
    if (variable.kind == "attribute" && name == "area_class") area_class = &scored.columns[c];
    kept.push_back(&scored.columns[c]);
    row.variables.push_back(variable);
  }
  row.area = "area";
  row.wave = "wave";
  row.weight = "weight";
  std::vector<store::SurveyRespondentRow> respondents(scored.rows);
  std::map<std::string, store::SurveyAreaRow> areas;
  for (std::size_t r = 0; r < scored.rows; ++r) {
    store::SurveyRespondentRow& out = respondents[r];
    out.area = std::string(core::Trim((*area)[r]));
    out.wave = std::string(core::Trim((*wave)[r]));
    out.weight = *core::ParseDouble((*weight)[r]);  // validated by the import
    out.answers.reserve(kept.size());
    for (const std::vector<std::string>* column : kept) out.answers.emplace_back(core::Trim((*column)[r]));
    store::SurveyAreaRow& a = areas[out.area];
    a.code = out.area;
    ++a.respondents;
    if (a.name.empty() && area_name != nullptr) a.name = core::Trim((*area_name)[r]);
    if (a.klass.empty() && area_class != nullptr) a.klass = core::Trim((*area_class)[r]);
  }
  for (auto& [code, a] : areas) {
    for (const std::string* key : {&a.code, &a.name}) {
      if (key->empty() || a.neighbourhood_id != 0) continue;
      NRS_ASSIGN_OR_RETURN(const auto n, store::FindNeighbourhood(tx, *key));
      if (n) a.neighbourhood_id = n->id;
    }
    row.areas.push_back(a);
  }
  store::DatasetRecord dataset;
  dataset.kind = "survey";
  dataset.name = fmt::format("Survey: {}", options.survey);
  dataset.source = source;
  dataset.publisher = !options.publisher.empty() ? options.publisher
                      : options.synthetic        ? "NRS synthetic survey generator (not real respondents)"
                                                 : "";
  dataset.licence = options.licence;
  dataset.rows = static_cast<std::int64_t>(scored.rows);
  dataset.imported_at = row.created_at;
  Result<std::int64_t> recorded = store::RecordDataset(tx, dataset);
  if (!recorded.ok() && recorded.status().code() == ErrorCode::kAlreadyExists) {
    return Status::AlreadyExists("a survey called '{}' is stored already; import under another --survey",
                                 options.survey);
  }
  NRS_RETURN_IF_ERROR(recorded.status());
  row.dataset_id = *recorded;
  NRS_RETURN_IF_ERROR(store::InsertSurvey(tx, row, respondents).status());
  return std::move(scored.table);
}

Result<Table> PublishSurveyIndicators(store::Transaction& tx, const SurveyPublishOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  NRS_ASSIGN_OR_RETURN(StoredSurvey stored, LoadStoredSurvey(tx, options.survey));
  // Only the respondents of areas that are neighbourhoods: each area is its own stratum of the sample, so their
  // estimates are those of the whole survey's domains.
  std::map<std::string, std::int64_t> neighbourhood_of;
  for (const store::SurveyAreaRow& a : stored.row.areas) {
    if (a.neighbourhood_id != 0) neighbourhood_of[a.code] = a.neighbourhood_id;
  }
  if (neighbourhood_of.empty()) {
    return Status::InvalidArgument("survey '{}' has no area that is a neighbourhood of this database", options.survey);
  }
  std::erase_if(stored.respondents,
                [&](const store::SurveyRespondentRow& r) { return !neighbourhood_of.contains(r.area); });
  NRS_ASSIGN_OR_RETURN(const auto neighbourhoods, store::ListNeighbourhoods(tx));
  std::map<std::int64_t, std::string> names;
  for (const store::NeighbourhoodRow& n : neighbourhoods) names[n.id] = n.name;

  Table table({{"neighbourhood", CellType::kText},
               {"indicator", CellType::kText},
               {"period", CellType::kText},
               {"value", CellType::kReal, 2},
               {"lower_95", CellType::kReal, 2},
               {"upper_95", CellType::kReal, 2},
               {"n", CellType::kInteger},
               {"flag", CellType::kText}});
  std::vector<store::NeighbourhoodValue> values;
  for (const store::SurveyVariableRow& v : stored.row.variables) {
    if (v.kind != "scale" || v.statistic.empty()) continue;
    const bool proportion = v.statistic == "proportion";
    indicators::Indicator ind;
    ind.key = IndicatorKey(v.name);
    ind.name = fmt::format("Resident survey: {}", v.label.empty() ? v.name : v.label);
    ind.description = fmt::format("Design-based estimate from the survey '{}'{}{}.", stored.row.name,
                                  stored.row.synthetic ? " (synthetic data, not real respondents)" : "",
                                  options.calibrate ? ", post-stratified to the neighbourhood's population by sex "
                                                      "and age band"
                                                    : "");
    ind.domains = {v.domain.empty() ? std::string("overall") : v.domain};
    ind.unit = proportion ? "% of residents" : "mean score";
    ind.value_type = proportion ? indicators::ValueType::kProportion : indicators::ValueType::kScore;
    ind.multiplier = proportion ? 100 : 1;
    NRS_ASSIGN_OR_RETURN(ind.polarity, indicators::ParsePolarity(v.polarity));
    ind.source = fmt::format("{}: survey '{}'{}", stored.row.instrument, stored.row.name,
                             stored.row.synthetic ? " (synthetic)" : "");
    ind.area_type = "neighbourhood";
    NRS_ASSIGN_OR_RETURN(const std::int64_t indicator_id, store::PutIndicator(tx, ind));

    std::vector<Table> runs;
    for (const double level : {0.95, 0.998}) {
      SurveyEstimateOptions e;
      e.design.survey = stored.row.name;
      e.design.calibrate = options.calibrate;
      e.design.lonely_psu = "adjust";
      e.variable = v.name;
      e.statistic = proportion ? "proportion" : "mean";
      e.by = {stored.row.area, stored.row.wave};
      e.level = level;
      e.disclosure = options.disclosure;
      NRS_ASSIGN_OR_RETURN(Table t, EstimateSurvey(e, &stored));
      runs.push_back(std::move(t));
    }
    const Table& t95 = runs[0];
    const Table& t998 = runs[1];
    const auto col = [&](const Table& t, const char* name) { return static_cast<std::size_t>(t.ColumnIndex(name)); };
    const auto number = [](const Cell& c) -> std::optional<double> {
      if (const auto* d = std::get_if<double>(&c)) return *d;
      return std::nullopt;
    };
    const double scale = proportion ? 100.0 : 1.0;
    const auto scaled = [scale](std::optional<double> x) { return x ? std::optional<double>(*x * scale) : x; };
    for (std::size_t i = 0; i < t95.size(); ++i) {
      const auto& row = t95.rows()[i];
      const auto& row998 = t998.rows()[i];
      const std::string area = std::get<std::string>(row[0]);
      const std::string wave = std::get<std::string>(row[1]);
      const std::int64_t neighbourhood = neighbourhood_of.at(area);
      const std::string flag = std::get<std::string>(row[col(t95, "flag")]);
      const bool suppressed = flag.find("suppressed") != std::string::npos;
      store::NeighbourhoodValue nv;
      nv.indicator_id = indicator_id;
      nv.neighbourhood_id = neighbourhood;
      nv.period = WavePeriod(wave);
      if (!suppressed) {
        nv.value = scaled(number(row[col(t95, "estimate")]));
        nv.lower_95 = scaled(number(row[col(t95, "lower")]));
        nv.upper_95 = scaled(number(row[col(t95, "upper")]));
        nv.lower_998 = scaled(number(row998[col(t998, "lower")]));
        nv.upper_998 = scaled(number(row998[col(t998, "upper")]));
      }
      nv.method = suppressed
                      ? fmt::format("survey estimate suppressed by disclosure control (survey '{}')", stored.row.name)
                      : fmt::format("survey estimate ({}{}), survey '{}'",
                                    proportion ? "proportion, logit interval" : "mean, linearised interval",
                                    options.calibrate ? ", calibrated" : "", stored.row.name);
      values.push_back(nv);
      table.AddRow({names[neighbourhood], ind.key, nv.period, nv.value ? Cell(*nv.value) : Cell(),
                    nv.lower_95 ? Cell(*nv.lower_95) : Cell(), nv.upper_95 ? Cell(*nv.upper_95) : Cell(),
                    row[col(t95, "n")], flag});
    }
  }
  NRS_RETURN_IF_ERROR(store::PutNeighbourhoodValues(tx, values));
  return table;
}

}  // namespace survey_app

Status SurveyPublishOptions::Validate() const {
  NRS_RETURN_IF_ERROR(disclosure.Validate());
  if (survey.empty()) return Status::InvalidArgument("--survey: name the stored survey to publish");
  return Status::Ok();
}

namespace {

// Runs `use_case` on the stored survey `name`, read in one snapshot.
template <typename Fn>
Result<Table> OnStored(App& app, const std::string& name, Fn use_case) {
  Table table;
  NRS_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const survey_app::StoredSurvey stored, survey_app::LoadStoredSurvey(tx, name));
    NRS_ASSIGN_OR_RETURN(table, use_case(&stored));
    return Status::Ok();
  }));
  return table;
}

}  // namespace

Result<Table> EstimateSurvey(App& app, const SurveyEstimateOptions& options) {
  if (options.design.survey.empty()) return EstimateSurvey(options);
  NRS_RETURN_IF_ERROR(options.Validate());
  return OnStored(app, options.design.survey,
                  [&](const survey_app::StoredSurvey* s) { return survey_app::EstimateSurvey(options, s); });
}

Result<Table> CalibrateSurvey(App& app, const SurveyCalibrateOptions& options) {
  if (options.design.survey.empty()) return CalibrateSurvey(options);
  NRS_RETURN_IF_ERROR(options.Validate());
  return OnStored(app, options.design.survey,
                  [&](const survey_app::StoredSurvey* s) { return survey_app::CalibrateSurvey(options, s); });
}

Result<Table> SurveyDifferenceInDifferences(App& app, const SurveyDidOptions& options) {
  if (options.design.survey.empty()) return SurveyDifferenceInDifferences(options);
  NRS_RETURN_IF_ERROR(options.Validate());
  return OnStored(app, options.design.survey, [&](const survey_app::StoredSurvey* s) {
    return survey_app::SurveyDifferenceInDifferences(options, s);
  });
}

Result<Table> ImportSurvey(App& app, const SurveyImportOptions& options) {
  if (options.survey.empty()) return ImportSurvey(options);
  NRS_RETURN_IF_ERROR(options.Validate());
  Table table;
  NRS_RETURN_IF_ERROR(app.store().Write([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(table,
                         survey_app::StoreSurvey(tx, options, options.data,
                                                 std::filesystem::path(options.data).filename().string(), app.clock()));
    return Status::Ok();
  }));
  return survey_app::PublishImportTable(table, options.disclosure);
}

Result<Table> ListSurveys(App& app) {
  Table table({{"survey", CellType::kText},
               {"instrument", CellType::kText},
               {"synthetic", CellType::kText},
               {"respondents", CellType::kInteger},
               {"areas", CellType::kInteger},
               {"neighbourhoods", CellType::kInteger},
               {"design", CellType::kText},
               {"imported_at", CellType::kText}});
  NRS_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const auto surveys, store::ListSurveys(tx));
    for (const store::SurveyRow& s : surveys) {
      const auto linked = std::count_if(s.areas.begin(), s.areas.end(),
                                        [](const store::SurveyAreaRow& a) { return a.neighbourhood_id != 0; });
      std::string design = "weight";
      if (!s.stratum.empty()) design += ", strata";
      if (!s.cluster.empty()) design += ", clusters";
      if (!s.fpc.empty()) design += ", fpc";
      if (!s.panel.empty()) design += ", panel";
      table.AddRow({s.name, s.instrument, std::string(s.synthetic ? "yes" : "no"), s.respondents,
                    static_cast<std::int64_t>(s.areas.size()), static_cast<std::int64_t>(linked), design,
                    s.created_at});
    }
    return Status::Ok();
  }));
  return table;
}

Result<Table> PublishSurveyIndicators(App& app, const SurveyPublishOptions& options) {
  Table table;
  NRS_RETURN_IF_ERROR(app.store().Write([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(table, survey_app::PublishSurveyIndicators(tx, options));
    return Status::Ok();
  }));
  return table;
}

}  // namespace nrs
