// The `nrs survey …` use cases: read respondent-level files (io/survey_data.h), build the design and run the
// survey engine (survey/), and hand back tables that have passed disclosure control — the one place where a
// survey table is made, so every output path (command line, export file, API, web, report) gets the controlled
// table and nothing else.

#include "nrs/survey.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <utility>

#include "app/embedded.h"
#include "app/survey_internal.h"
#include "core/text.h"
#include "io/csv_reader.h"
#include "io/survey_data.h"
#include "io/table_writer.h"
#include "survey/calibration.h"
#include "survey/condition.h"
#include "survey/did.h"
#include "survey/disclosure.h"
#include "survey/estimate.h"
#include "survey/generator.h"

namespace nrs {

using core::Cell;
using core::CellType;
using core::Table;
using core::TableColumn;

namespace survey_app {

Cell Real(double v) { return std::isfinite(v) ? Cell(v) : Cell(); }

survey::DisclosureRules Rules(const SurveyDisclosureOptions& options) {
  return {.min_respondents = options.min_respondents,
          .small_count_max = options.small_count_max,
          .rounding_base = options.rounding_base,
          .secondary_suppression = options.secondary_suppression};
}

Result<Table> Publish(const Table& table, const survey::DisclosureLayout& layout,
                      const SurveyDisclosureOptions& options) {
  return survey::ApplyDisclosureControl(table, layout, Rules(options));
}

Status WriteExport(const Table& table, const std::string& path) {
  if (path.empty()) return Status::Ok();
  const std::string temporary = path + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IoError("cannot write {}", path);
    io::WriteTable(table, io::OutputFormat::kCsv, out);
    out.flush();
    if (!out) return Status::IoError("cannot write {}", path);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) return Status::IoError("cannot write {}", path);
  return Status::Ok();
}

namespace {

Result<survey::LonelyPsu> ParseLonelyPsu(const std::string& name) {
  if (name == "fail") return survey::LonelyPsu::kFail;
  if (name == "remove") return survey::LonelyPsu::kRemove;
  if (name == "adjust") return survey::LonelyPsu::kAdjust;
  if (name == "certainty") return survey::LonelyPsu::kCertainty;
  return Status::InvalidArgument("lonely PSU rule '{}'; use fail, remove, adjust or certainty", name);
}

// A margin file: its columns of the data, and per class (the joined values) the population.
struct MarginFile {
  std::string path;
  std::vector<std::string> variables;
  std::vector<std::string> labels;
  std::vector<double> population;
};

constexpr char kKeySeparator = '\x1f';

std::string JoinKey(const std::vector<std::string>& parts) {
  std::string key;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) key += kKeySeparator;
    key += parts[i];
  }
  return key;
}

std::string ShowKey(std::string key) {
  std::replace(key.begin(), key.end(), kKeySeparator, '/');
  return key;
}

Result<MarginFile> ReadMargin(const std::string& path) {
  NRS_ASSIGN_OR_RETURN(io::CsvReader reader, io::CsvReader::Open(path));
  MarginFile margin{path, {}, {}, {}};
  const int population = reader.ColumnIndex("population");
  if (population < 0) return Status::InvalidArgument("margin file {} has no 'population' column", path);
  std::vector<std::size_t> at;
  for (std::size_t c = 0; c < reader.header().size(); ++c) {
    if (static_cast<int>(c) == population) continue;
    margin.variables.push_back(reader.header()[c]);
    at.push_back(c);
  }
  if (margin.variables.empty()) return Status::InvalidArgument("margin file {} names no variable", path);
  DiagnosticList problems(path);
  std::set<std::string> seen;
  while (true) {
    NRS_ASSIGN_OR_RETURN(const bool more, reader.NextRecord(problems));
    if (!more) break;
    std::vector<std::string> parts;
    parts.reserve(at.size());
    for (const std::size_t c : at) parts.emplace_back(core::Trim(reader.field(c)));
    const std::string key = JoinKey(parts);
    const auto value = core::ParseDouble(reader.field(static_cast<std::size_t>(population)));
    if (!value || *value < 0) {
      problems.Add(reader.line(), "population", "'{}' is not a count",
                   reader.field(static_cast<std::size_t>(population)));
      continue;
    }
    if (!seen.insert(key).second) {
      problems.Add(reader.line(), "", "class '{}' appears twice", ShowKey(key));
      continue;
    }
    margin.labels.push_back(key);
    margin.population.push_back(*value);
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  return margin;
}

// The data's class of each row in a margin. A row whose class the margin file lacks is an error at its line.
Result<survey::Margin> Classify(const io::SurveyColumns& data, const MarginFile& file) {
  survey::Margin margin{ShowKey(JoinKey(file.variables)), {}, file.labels, file.population};
  std::map<std::string, std::int32_t> index;
  for (std::size_t i = 0; i < file.labels.size(); ++i) index.emplace(file.labels[i], static_cast<std::int32_t>(i));
  std::vector<int> columns;
  for (const std::string& v : file.variables) columns.push_back(data.Find(v));
  DiagnosticList problems(data.file);
  margin.category_of_row.resize(data.rows());
  for (std::size_t r = 0; r < data.rows(); ++r) {
    std::vector<std::string> parts;
    parts.reserve(columns.size());
    for (const int c : columns) parts.emplace_back(core::Trim(data.text[static_cast<std::size_t>(c)][r]));
    const auto it = index.find(JoinKey(parts));
    if (it == index.end()) {
      problems.Add(data.lines[r], margin.name, "class '{}' is not in the margin file {}", ShowKey(JoinKey(parts)),
                   file.path);
      continue;
    }
    margin.category_of_row[r] = it->second;
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  return margin;
}

}  // namespace

namespace {

// The calibration margin from the database: each respondent's class is area × wave × sex × age band, each class's
// population that of the area's neighbourhood (the same in every wave: each wave is a sample of it).
Result<survey::Margin> DatabaseMargin(const io::SurveyColumns& data, const StoredSurvey& stored) {
  const store::SurveyRow& row = stored.row;
  survey::Margin margin{"area × wave × sex × age_band", {}, {}, {}};
  const auto column = [&](const std::string& name) -> const std::vector<std::string>& {
    return data.text[static_cast<std::size_t>(data.Find(name))];
  };
  const auto& areas = column(row.area);
  const auto& waves = column(row.wave);
  const auto& sexes = column("sex");
  const auto& bands = column("age_band");
  std::set<std::string> without;
  DiagnosticList problems(data.file);
  std::map<std::string, std::int32_t> index;
  margin.category_of_row.assign(data.rows(), 0);
  std::map<std::string, std::set<std::string>> waves_of_area;
  for (std::size_t r = 0; r < data.rows(); ++r)
    waves_of_area[std::string(core::Trim(areas[r]))].emplace(core::Trim(waves[r]));
  for (const auto& [area, area_waves] : waves_of_area) {
    const auto population = stored.population.find(area);
    if (population == stored.population.end()) {
      without.insert(area);
      continue;
    }
    for (const std::string& wave : area_waves) {
      for (const auto& [cell, count] : population->second) {
        const std::string label = JoinKey({area, wave}) + kKeySeparator + cell;
        index.emplace(label, static_cast<std::int32_t>(margin.labels.size()));
        margin.labels.push_back(label);
        margin.population.push_back(count);
      }
    }
  }
  if (!without.empty()) {
    return Status::InvalidArgument(
        "{}: calibration to the database's population needs every area to be a neighbourhood with population "
        "estimates; these are not: {}",
        data.file, fmt::format("{}", fmt::join(without, ", ")));
  }
  for (std::size_t r = 0; r < data.rows(); ++r) {
    if (io::IsMissingText(sexes[r]) || io::IsMissingText(bands[r])) {
      problems.Add(data.lines[r], io::IsMissingText(sexes[r]) ? "sex" : "age_band",
                   "calibration needs each respondent's sex and age band");
      continue;
    }
    const std::string label = JoinKey({std::string(core::Trim(areas[r])), std::string(core::Trim(waves[r])),
                                       core::ToLower(core::Trim(sexes[r])), std::string(core::Trim(bands[r]))});
    const auto it = index.find(label);
    if (it == index.end()) {
      problems.Add(data.lines[r], "sex", "no population for sex '{}' and age band '{}' in area {}", sexes[r], bands[r],
                   areas[r]);
      continue;
    }
    margin.category_of_row[r] = it->second;
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  return margin;
}

}  // namespace

Result<LoadedSurvey> LoadSurvey(const SurveyDesignOptions& options, std::vector<std::string> columns,
                                const survey::RakeOptions& rake, const std::string& panel, const StoredSurvey* stored) {
  NRS_RETURN_IF_ERROR(options.Validate());
  if (!options.survey.empty() && stored == nullptr) {
    return Status::InvalidArgument("--survey: a stored survey is read from a database");
  }
  // The design's columns: as named, or the stored survey's.
  const auto role = [&](const std::string& given, const std::string store::SurveyRow::*of) {
    return given.empty() && stored != nullptr ? stored->row.*of : given;
  };
  const std::string weight = role(options.weight, &store::SurveyRow::weight);
  const std::string strata = role(options.strata, &store::SurveyRow::stratum);
  const std::string cluster = role(options.cluster, &store::SurveyRow::cluster);
  const std::string fpc = role(options.fpc, &store::SurveyRow::fpc);
  const std::string panel_column = role(panel, &store::SurveyRow::panel);
  std::vector<MarginFile> margin_files;
  for (const std::string& path : options.margins) {
    NRS_ASSIGN_OR_RETURN(MarginFile file, ReadMargin(path));
    columns.insert(columns.end(), file.variables.begin(), file.variables.end());
    margin_files.push_back(std::move(file));
  }
  if (options.calibrate) columns.insert(columns.end(), {stored->row.area, stored->row.wave, "sex", "age_band"});
  for (const std::string* c : {&weight, &strata, &cluster, &fpc, &panel_column}) {
    if (!c->empty()) columns.push_back(*c);
  }
  Result<io::SurveyColumns> read =
      stored != nullptr ? StoredColumns(*stored, columns) : io::ReadSurveyColumns(options.data, columns);
  NRS_RETURN_IF_ERROR(read.status());
  io::SurveyColumns data = std::move(*read);
  survey::DesignInput input;
  NRS_ASSIGN_OR_RETURN(input.weights, io::NumericColumn(data, weight, /*allow_missing=*/false));
  {
    DiagnosticList problems(data.file);
    for (std::size_t r = 0; r < data.rows(); ++r) {
      if (!(input.weights[r] > 0)) problems.Add(data.lines[r], weight, "weight {} is not above zero", input.weights[r]);
    }
    NRS_RETURN_IF_ERROR(problems.ToStatus());
  }
  if (!strata.empty()) input.strata = data.text[static_cast<std::size_t>(data.Find(strata))];
  if (!cluster.empty()) {
    input.clusters = data.text[static_cast<std::size_t>(data.Find(cluster))];
  } else if (!panel_column.empty()) {
    input.clusters = data.text[static_cast<std::size_t>(data.Find(panel_column))];
    for (std::size_t r = 0; r < data.rows(); ++r) {
      if (io::IsMissingText(input.clusters[r])) input.clusters[r] = fmt::format("\x1frow {}", r);
    }
  }
  if (!fpc.empty()) {
    NRS_ASSIGN_OR_RETURN(input.fpc, io::NumericColumn(data, fpc, /*allow_missing=*/false));
  }
  NRS_ASSIGN_OR_RETURN(input.lonely_psu, ParseLonelyPsu(options.lonely_psu));
  Result<survey::Design> design = survey::Design::Make(std::move(input));
  if (!design.ok()) return design.status().WithContext(data.file);
  LoadedSurvey loaded{std::move(data), std::move(*design), {}};
  std::vector<survey::Margin> margins;
  for (const MarginFile& file : margin_files) {
    NRS_ASSIGN_OR_RETURN(survey::Margin margin, Classify(loaded.data, file));
    margins.push_back(std::move(margin));
  }
  if (options.calibrate) {
    NRS_ASSIGN_OR_RETURN(survey::Margin margin, DatabaseMargin(loaded.data, *stored));
    margins.push_back(std::move(margin));
  }
  if (margins.empty()) return loaded;
  if (margins.size() == 1) {
    NRS_ASSIGN_OR_RETURN(loaded.design, survey::PostStratify(loaded.design, margins[0]));
  } else {
    NRS_ASSIGN_OR_RETURN(survey::RakeResult raked, survey::Rake(loaded.design, margins, rake));
    loaded.design = std::move(raked.design);
    if (!raked.converged) {
      loaded.notes.push_back(fmt::format("raking did not converge in {} iterations", rake.max_iterations));
    }
  }
  for (survey::Margin& m : margins) std::replace(m.name.begin(), m.name.end(), kKeySeparator, '/');
  loaded.margins = std::move(margins);
  return loaded;
}

Result<Domains> MakeDomains(const io::SurveyColumns& data, const std::vector<std::string>& by) {
  Domains out;
  out.of_row.assign(data.rows(), survey::Domains::kNoDomain);
  if (by.empty()) {
    out.of_row.assign(data.rows(), 0);
    out.keys = {{}};
    return out;
  }
  std::vector<int> columns;
  columns.reserve(by.size());
  for (const std::string& b : by) columns.push_back(data.Find(b));
  // Domains sorted column by column; a column whose values are all numbers sorts numerically.
  std::vector<bool> numeric(by.size(), true);
  for (std::size_t k = 0; k < by.size(); ++k) {
    for (const std::string& v : data.text[static_cast<std::size_t>(columns[k])]) {
      if (!io::IsMissingText(v) && !core::ParseDouble(v)) {
        numeric[k] = false;
        break;
      }
    }
  }
  const auto less = [&](const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (std::size_t k = 0; k < a.size(); ++k) {
      if (a[k] == b[k]) continue;
      if (numeric[k]) return *core::ParseDouble(a[k]) < *core::ParseDouble(b[k]);
      return a[k] < b[k];
    }
    return false;
  };
  std::map<std::vector<std::string>, std::int32_t, decltype(less)> ids(less);
  std::vector<std::vector<std::string>> key_of_row(data.rows());
  for (std::size_t r = 0; r < data.rows(); ++r) {
    std::vector<std::string> key;
    bool missing = false;
    for (const int c : columns) {
      const std::string& v = data.text[static_cast<std::size_t>(c)][r];
      missing = missing || io::IsMissingText(v);
      key.emplace_back(core::Trim(v));
    }
    if (missing) continue;
    ids.emplace(key, 0);
    key_of_row[r] = std::move(key);
  }
  std::int32_t next = 0;
  for (auto& [key, id] : ids) {
    id = next++;
    out.keys.push_back(key);
  }
  for (std::size_t r = 0; r < data.rows(); ++r) {
    if (!key_of_row[r].empty()) out.of_row[r] = ids.at(key_of_row[r]);
  }
  return out;
}

Result<std::vector<double>> OutcomeValues(const io::SurveyColumns& data, const std::string& variable,
                                          const std::string& condition) {
  if (condition.empty()) return io::NumericColumn(data, variable, /*allow_missing=*/true);
  NRS_ASSIGN_OR_RETURN(const survey::Condition parsed, survey::ParseCondition(condition));
  if (parsed.numeric) {
    NRS_RETURN_IF_ERROR(io::NumericColumn(data, parsed.variable, /*allow_missing=*/true).status());
  }
  return survey::EvaluateCondition(parsed, data.text[static_cast<std::size_t>(data.Find(parsed.variable))]);
}

std::vector<std::string> ConditionColumns(const std::string& variable, const std::string& condition) {
  std::vector<std::string> columns;
  if (!variable.empty()) columns.push_back(variable);
  if (!condition.empty()) {
    if (auto parsed = survey::ParseCondition(condition); parsed.ok()) columns.push_back(parsed->variable);
  }
  return columns;
}

std::vector<std::string> NeighbourhoodNames() {
  std::vector<std::string> names;
  const auto file = app::FindDemoFile("nfl_wards.csv");
  if (!file) return names;
  auto reader = io::CsvReader::FromText("nfl_wards.csv", std::string(*file));
  if (!reader.ok()) return names;
  while (true) {
    Result<bool> next = reader->Next();
    if (!next.ok() || !*next) break;
    names.emplace_back(reader->field(0));
  }
  return names;
}

std::string QualityText(std::uint8_t quality) {
  std::string text;
  if (quality & survey::kHighCv) text = "high_cv";
  if (quality & survey::kLowEffectiveN) text += text.empty() ? "low_effective_n" : ";low_effective_n";
  return text;
}

}  // namespace survey_app

Status SurveyDisclosureOptions::Validate() const { return survey_app::Rules(*this).Validate(); }

Status SurveyDesignOptions::Validate() const {
  if (!survey.empty()) {
    if (!data.empty()) return Status::InvalidArgument("--data and --survey: estimate from a file or a stored survey");
    if (calibrate && !margins.empty()) {
      return Status::InvalidArgument("--calibrate and --margin: calibrate to the database's population or to files");
    }
    return Status::Ok();
  }
  if (calibrate) {
    return Status::InvalidArgument(
        "--calibrate: a stored survey (--survey) is calibrated to the database's population; a file to --margin");
  }
  if (data.empty()) return Status::InvalidArgument("--data (or --survey): the respondent-level CSV file is required");
  if (weight.empty()) return Status::InvalidArgument("--weight: the column of design weights is required");
  return Status::Ok();
}

Status SurveyEstimateOptions::Validate() const {
  NRS_RETURN_IF_ERROR(design.Validate());
  NRS_RETURN_IF_ERROR(disclosure.Validate());
  if (variable.empty() && condition.empty()) return Status::InvalidArgument("--variable (or --condition) is required");
  static const std::set<std::string> kStatistics = {"mean", "total", "proportion", "ratio"};
  if (!kStatistics.contains(statistic)) {
    return Status::InvalidArgument("statistic '{}'; use mean, total, proportion or ratio", statistic);
  }
  if ((statistic == "ratio") != !denominator.empty()) {
    return Status::InvalidArgument("--denominator goes with --statistic ratio, and only with it");
  }
  static const std::set<std::string> kIntervals = {"logit", "beta", "likelihood", "wilson", "wald"};
  if (!kIntervals.contains(ci)) {
    return Status::InvalidArgument("interval '{}'; use logit, beta, likelihood, wilson or wald", ci);
  }
  if (!(level > 0 && level < 1)) return Status::InvalidArgument("confidence level {} is not between 0 and 1", level);
  return Status::Ok();
}

namespace survey_app {

Result<Table> EstimateSurvey(const SurveyEstimateOptions& options, const StoredSurvey* stored) {
  NRS_RETURN_IF_ERROR(options.Validate());
  std::vector<std::string> columns = survey_app::ConditionColumns(options.variable, options.condition);
  if (!options.denominator.empty()) columns.push_back(options.denominator);
  columns.insert(columns.end(), options.by.begin(), options.by.end());
  NRS_ASSIGN_OR_RETURN(survey_app::LoadedSurvey loaded,
                       survey_app::LoadSurvey(options.design, columns, {}, "", stored));
  NRS_ASSIGN_OR_RETURN(const std::vector<double> values,
                       survey_app::OutcomeValues(loaded.data, options.variable, options.condition));
  std::vector<double> denominators;
  if (!options.denominator.empty()) {
    NRS_ASSIGN_OR_RETURN(denominators, io::NumericColumn(loaded.data, options.denominator, /*allow_missing=*/true));
  }
  NRS_ASSIGN_OR_RETURN(const survey_app::Domains domains, survey_app::MakeDomains(loaded.data, options.by));

  survey::EstimateOptions engine;
  engine.statistic = options.statistic == "total"        ? survey::Statistic::kTotal
                     : options.statistic == "proportion" ? survey::Statistic::kProportion
                     : options.statistic == "ratio"      ? survey::Statistic::kRatio
                                                         : survey::Statistic::kMean;
  engine.interval = options.ci == "beta"         ? survey::IntervalMethod::kBeta
                    : options.ci == "likelihood" ? survey::IntervalMethod::kLikelihood
                    : options.ci == "wilson"     ? survey::IntervalMethod::kWilson
                    : options.ci == "wald"       ? survey::IntervalMethod::kWald
                                                 : survey::IntervalMethod::kLogit;
  engine.level = options.level;
  engine.deff =
      options.deff_with_replacement ? survey::DeffBasis::kWithReplacement : survey::DeffBasis::kWithoutReplacement;
  engine.quality = {.max_cv = options.max_cv, .min_effective_n = options.min_effective_n};
  const survey::Domains engine_domains{domains.of_row, domains.keys.size()};
  Result<std::vector<survey::DomainEstimate>> estimates =
      survey::Estimate(loaded.design, values, denominators, engine_domains, engine);
  if (!estimates.ok()) return estimates.status().WithContext(loaded.data.file);

  std::vector<TableColumn> table_columns;
  for (const std::string& b : options.by) table_columns.push_back({b, CellType::kText});
  for (const char* name : {"estimate", "se", "lower", "upper", "deff"})
    table_columns.push_back({name, CellType::kReal, 4});
  table_columns.push_back({"n", CellType::kInteger});
  table_columns.push_back({"effective_n", CellType::kInteger});
  table_columns.push_back({"flag", CellType::kText});
  table_columns.push_back({"cv", CellType::kReal, 3});
  Table table(std::move(table_columns));
  for (std::size_t d = 0; d < estimates->size(); ++d) {
    const survey::DomainEstimate& e = (*estimates)[d];
    std::vector<Cell> row;
    for (const std::string& k : domains.keys[d]) row.emplace_back(k);
    for (const double v : {e.estimate, e.se, e.lower, e.upper, e.deff}) row.push_back(Real(v));
    row.emplace_back(e.n);
    row.push_back(Real(e.effective_n));
    row.emplace_back(survey_app::QualityText(e.quality));
    row.push_back(Real(e.cv));
    table.AddRow(std::move(row));
  }
  const survey::DisclosureLayout layout{.dimensions = options.by,
                                        .respondents = "n",
                                        .counts = {"effective_n"},
                                        .values = {"estimate", "se", "lower", "upper", "deff", "cv"},
                                        .flag = "flag"};
  NRS_ASSIGN_OR_RETURN(Table published, survey_app::Publish(table, layout, options.disclosure));
  NRS_RETURN_IF_ERROR(survey_app::WriteExport(published, options.output));
  return published;
}

}  // namespace survey_app

Result<Table> EstimateSurvey(const SurveyEstimateOptions& options) {
  return survey_app::EstimateSurvey(options, nullptr);
}

}  // namespace nrs

namespace nrs {

Status SurveyCalibrateOptions::Validate() const {
  NRS_RETURN_IF_ERROR(design.Validate());
  NRS_RETURN_IF_ERROR(disclosure.Validate());
  if (design.margins.empty() && !design.calibrate) {
    return Status::InvalidArgument("--margin (or, for a stored survey, --calibrate): a population margin is required");
  }
  if (!design.survey.empty() && !output.empty()) {
    return Status::InvalidArgument("--output: a stored survey's respondent-level data are not written out");
  }
  if (design.survey.empty() && output.empty()) {
    return Status::InvalidArgument("--output: the file for the calibrated data is required");
  }
  if (weight_column.empty()) return Status::InvalidArgument("the calibrated weight needs a column name");
  return survey::RakeOptions{.max_iterations = max_iterations, .epsilon = epsilon}.Validate();
}

// Writes every column of the input and the calibrated weight (files only); reports each margin class before and
// after.
Result<Table> survey_app::CalibrateSurvey(const SurveyCalibrateOptions& options, const StoredSurvey* stored) {
  NRS_RETURN_IF_ERROR(options.Validate());
  NRS_ASSIGN_OR_RETURN(
      survey_app::LoadedSurvey loaded,
      survey_app::LoadSurvey(options.design, {}, {.max_iterations = options.max_iterations, .epsilon = options.epsilon},
                             "", stored));
  const std::string weight =
      options.design.weight.empty() && stored != nullptr ? stored->row.weight : options.design.weight;
  NRS_ASSIGN_OR_RETURN(const std::vector<double> before,
                       io::NumericColumn(loaded.data, weight, /*allow_missing=*/false));
  const std::span<const double> after = loaded.design.Weights();
  if (stored == nullptr) {
    NRS_ASSIGN_OR_RETURN(io::SurveyColumns all, io::ReadSurveyColumns(options.design.data, {}));
    if (all.Find(options.weight_column) >= 0) {
      return Status::InvalidArgument("{} already has a column '{}'; name another with --weight-column",
                                     options.design.data, options.weight_column);
    }
    std::vector<std::string> calibrated;
    calibrated.reserve(after.size());
    for (const double w : after) calibrated.push_back(fmt::format("{}", w));
    all.names.push_back(options.weight_column);
    all.text.push_back(std::move(calibrated));
    NRS_RETURN_IF_ERROR(io::WriteCsvColumns(options.output, all.names, all.text));
  }

  Table table({{"margin", CellType::kText},
               {"class", CellType::kText},
               {"population", CellType::kReal, 0},
               {"n", CellType::kInteger},
               {"weighted_before", CellType::kReal, 1},
               {"weighted_after", CellType::kReal, 1},
               {"flag", CellType::kText}});
  for (const survey::Margin& margin : loaded.margins) {
    std::vector<std::int64_t> n(margin.labels.size(), 0);
    std::vector<double> sum_before(margin.labels.size(), 0.0);
    std::vector<double> sum_after(margin.labels.size(), 0.0);
    for (std::size_t r = 0; r < margin.category_of_row.size(); ++r) {
      const auto c = static_cast<std::size_t>(margin.category_of_row[r]);
      ++n[c];
      sum_before[c] += before[r];
      sum_after[c] += after[r];
    }
    for (std::size_t c = 0; c < margin.labels.size(); ++c) {
      std::string label = margin.labels[c];
      std::replace(label.begin(), label.end(), '\x1f', '/');
      table.AddRow({margin.name, label, Real(margin.population[c]), n[c], Real(sum_before[c]), Real(sum_after[c]),
                    std::string()});
    }
  }
  const std::int64_t rows = static_cast<std::int64_t>(before.size());
  table.AddRow({std::string("(weights)"), std::string("kish_deff"), Cell(), rows, Real(survey::KishDeff(before)),
                Real(survey::KishDeff(after)), std::string()});
  for (const std::string& note : loaded.notes) {
    table.AddRow({std::string("(weights)"), note, Cell(), rows, Cell(), Cell(), std::string("not_converged")});
  }
  const survey::DisclosureLayout layout{.dimensions = {"margin", "class"},
                                        .respondents = "n",
                                        .counts = {},
                                        .values = {"weighted_before", "weighted_after"},
                                        .flag = "flag"};
  return survey_app::Publish(table, layout, options.disclosure);
}

Result<Table> CalibrateSurvey(const SurveyCalibrateOptions& options) {
  return survey_app::CalibrateSurvey(options, nullptr);
}

}  // namespace nrs

namespace nrs {
namespace {

// Distinct values of a column, numbers in numeric order, others in text order; missing values left out.
std::vector<std::string> SortedValues(const std::vector<std::string>& column) {
  std::set<std::string> distinct;
  for (const std::string& v : column) {
    if (!io::IsMissingText(v)) distinct.emplace(core::Trim(v));
  }
  std::vector<std::string> values(distinct.begin(), distinct.end());
  const bool numeric =
      std::all_of(values.begin(), values.end(), [](const std::string& v) { return core::ParseDouble(v).has_value(); });
  if (numeric) {
    std::sort(values.begin(), values.end(),
              [](const std::string& a, const std::string& b) { return *core::ParseDouble(a) < *core::ParseDouble(b); });
  }
  return values;
}

constexpr const char* kDidRow = "difference in differences";
constexpr const char* kIndependentRow = "ignoring covariance";

}  // namespace

Status SurveyDidOptions::Validate() const {
  NRS_RETURN_IF_ERROR(design.Validate());
  NRS_RETURN_IF_ERROR(disclosure.Validate());
  if (variable.empty() && condition.empty()) return Status::InvalidArgument("--variable (or --condition) is required");
  if (group.empty() || wave.empty()) return Status::InvalidArgument("--group and --wave name columns");
  if (programme == comparison) return Status::InvalidArgument("programme and comparison areas need different values");
  if (!(level > 0 && level < 1)) return Status::InvalidArgument("confidence level {} is not between 0 and 1", level);
  return Status::Ok();
}

Result<Table> survey_app::SurveyDifferenceInDifferences(const SurveyDidOptions& options, const StoredSurvey* stored) {
  NRS_RETURN_IF_ERROR(options.Validate());
  std::vector<std::string> columns = survey_app::ConditionColumns(options.variable, options.condition);
  columns.push_back(options.group);
  columns.push_back(options.wave);
  NRS_ASSIGN_OR_RETURN(survey_app::LoadedSurvey loaded,
                       survey_app::LoadSurvey(options.design, columns, {}, options.panel, stored));
  const io::SurveyColumns& data = loaded.data;
  NRS_ASSIGN_OR_RETURN(const std::vector<double> values,
                       survey_app::OutcomeValues(data, options.variable, options.condition));
  const std::vector<std::string>& groups = data.text[static_cast<std::size_t>(data.Find(options.group))];
  const std::vector<std::string>& waves = data.text[static_cast<std::size_t>(data.Find(options.wave))];
  const std::vector<std::string> wave_values = SortedValues(waves);
  if (wave_values.size() < 2 && (options.before.empty() || options.after.empty())) {
    return Status::InvalidArgument("{}: column '{}' holds fewer than two waves", data.file, options.wave);
  }
  const std::string before = options.before.empty() ? wave_values.front() : options.before;
  const std::string after = options.after.empty() ? wave_values.back() : options.after;
  std::vector<std::int8_t> arm(data.rows(), -1);
  std::vector<std::int8_t> period(data.rows(), -1);
  for (std::size_t r = 0; r < data.rows(); ++r) {
    const std::string_view g = core::Trim(groups[r]);
    const std::string_view w = core::Trim(waves[r]);
    if (g == options.programme) arm[r] = 1;
    if (g == options.comparison) arm[r] = 0;
    if (w == before) period[r] = 0;
    if (w == after) period[r] = 1;
  }
  Result<survey::DidResult> did = survey::DifferenceInDifferences(
      loaded.design, {.values = values, .arm = arm, .period = period, .level = options.level});
  if (!did.ok()) return did.status().WithContext(data.file);

  Table table({{"group", CellType::kText},
               {"wave", CellType::kText},
               {"estimate", CellType::kReal, 4},
               {"se", CellType::kReal, 4},
               {"lower", CellType::kReal, 4},
               {"upper", CellType::kReal, 4},
               {"n", CellType::kInteger},
               {"flag", CellType::kText}});
  std::int64_t total = 0;
  for (const int a : {1, 0}) {
    for (const int p : {0, 1}) {
      const survey::DomainEstimate& e = did->cells[a][p];
      total += e.n;
      table.AddRow({a == 1 ? options.programme : options.comparison, p == 0 ? before : after, Real(e.estimate),
                    Real(e.se), Real(e.lower), Real(e.upper), e.n, survey_app::QualityText(e.quality)});
    }
  }
  const std::string contrast = fmt::format("{} − {}", after, before);
  table.AddRow({std::string(kDidRow), contrast, Real(did->estimate), Real(did->se), Real(did->lower), Real(did->upper),
                total, std::string()});
  const double t = (did->upper - did->estimate) / did->se;
  table.AddRow({std::string(kIndependentRow), contrast, Real(did->estimate), Real(did->se_independent),
                Real(did->estimate - t * did->se_independent), Real(did->estimate + t * did->se_independent), total,
                std::string()});
  const survey::DisclosureLayout layout{.dimensions = {"group", "wave"},
                                        .respondents = "n",
                                        .counts = {},
                                        .values = {"estimate", "se", "lower", "upper"},
                                        .flag = "flag",
                                        .derived_column = "group",
                                        .derived_values = {kDidRow, kIndependentRow}};
  return survey_app::Publish(table, layout, options.disclosure);
}

Result<Table> SurveyDifferenceInDifferences(const SurveyDidOptions& options) {
  return survey_app::SurveyDifferenceInDifferences(options, nullptr);
}

Status SurveyGenerateOptions::Validate() const {
  NRS_RETURN_IF_ERROR(disclosure.Validate());
  if (output.empty()) return Status::InvalidArgument("--output: the file to write is required");
  survey::GeneratorOptions engine;
  engine.programme_areas = programme_areas;
  engine.comparison_areas = comparison_areas;
  engine.better_off_areas = better_off_areas;
  engine.respondents_per_area = respondents_per_area;
  engine.panel_share = panel_share;
  engine.programme_effect = programme_effect;
  return engine.Validate();
}

Result<Table> GenerateSurvey(const SurveyGenerateOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  survey::GeneratorOptions engine{.seed = options.seed,
                                  .programme_areas = options.programme_areas,
                                  .comparison_areas = options.comparison_areas,
                                  .better_off_areas = options.better_off_areas,
                                  .respondents_per_area = options.respondents_per_area,
                                  .panel_share = options.panel_share,
                                  .programme_effect = options.programme_effect,
                                  .programme_names = survey_app::NeighbourhoodNames()};
  NRS_ASSIGN_OR_RETURN(const survey::SyntheticSurvey synthetic, survey::GenerateSyntheticSurvey(engine));
  const std::vector<std::string> header = survey::SyntheticHeader();
  std::vector<std::vector<std::string>> columns(header.size());
  for (auto& c : columns) c.reserve(synthetic.respondents.size());
  std::map<std::pair<std::string, int>, std::pair<std::set<std::int32_t>, std::int64_t>> cells;
  for (const survey::SyntheticRespondent& r : synthetic.respondents) {
    std::vector<std::string> row = survey::SyntheticRow(synthetic, r);
    for (std::size_t c = 0; c < row.size(); ++c) columns[c].push_back(std::move(row[c]));
    auto& cell = cells[{synthetic.areas[static_cast<std::size_t>(r.area)].area_class, r.wave}];
    cell.first.insert(r.area);
    ++cell.second;
  }
  NRS_RETURN_IF_ERROR(io::WriteCsvColumns(options.output, header, columns));
  Table table({{"area_class", CellType::kText},
               {"wave", CellType::kText},
               {"areas", CellType::kInteger},
               {"n", CellType::kInteger},
               {"flag", CellType::kText}});
  for (const auto& [key, cell] : cells) {
    table.AddRow({key.first, std::to_string(key.second), static_cast<std::int64_t>(cell.first.size()), cell.second,
                  std::string("synthetic")});
  }
  const survey::DisclosureLayout layout{
      .dimensions = {"area_class", "wave"}, .respondents = "n", .counts = {}, .values = {}, .flag = "flag"};
  return survey_app::Publish(table, layout, options.disclosure);
}

}  // namespace nrs
