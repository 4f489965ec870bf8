#pragma once

// Shared by the survey use cases (survey.cc, survey_did.cc, survey_import.cc): reading a design from a file,
// domains, outcomes, and publishing tables through disclosure control.

#include <map>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/table.h"
#include "io/instrument_reader.h"
#include "io/survey_data.h"
#include "nrs/survey.h"
#include "store/store.h"
#include "store/surveys.h"
#include "survey/calibration.h"
#include "survey/design.h"
#include "survey/disclosure.h"
#include "survey/instrument.h"

namespace nrs::survey_app {

core::Cell Real(double v);
survey::DisclosureRules Rules(const SurveyDisclosureOptions& options);

// Every survey table leaves through here.
Result<core::Table> Publish(const core::Table& table, const survey::DisclosureLayout& layout,
                            const SurveyDisclosureOptions& options);
// Writes a published table as CSV to `path` (nothing when empty), through a temporary file.
Status WriteExport(const core::Table& table, const std::string& path);

// A survey stored in the database, read in one transaction: its design and variables, its respondents and, for
// calibration, the population of each area linked to a neighbourhood by sex and by the survey's age bands.
struct StoredSurvey {
  store::SurveyRow row;
  std::vector<store::SurveyRespondentRow> respondents;
  std::string population_period;
  // area code → "sex\x1fage band" → population (areas linked to a neighbourhood with population only)
  std::map<std::string, std::map<std::string, double>> population;
};

// Errors: kNotFound (no survey of that name).
Result<StoredSurvey> LoadStoredSurvey(store::Transaction& tx, const std::string& name);

// The stored survey's columns `names` (all when empty) as if read from a file: "lines" are respondent numbers.
// kInvalidArgument for a name the survey does not hold, listing those it does.
Result<io::SurveyColumns> StoredColumns(const StoredSurvey& stored, std::vector<std::string> names);

// The age range of a band label: "16-34" (or "16–34", "16 to 34") → {16, 34}; "75+" → {75, -1} (open).
Result<std::pair<int, int>> ParseAgeBand(std::string_view label);

struct LoadedSurvey {
  io::SurveyColumns data;
  survey::Design design;
  std::vector<std::string> notes;
  std::vector<survey::Margin> margins{};  // the calibration margins, when any
};

// Reads `columns` and the design's columns from options.data, builds the design and calibrates it to the
// margins (one: post-stratification; more: raking with `rake`). Without a cluster column, a `panel` column
// (when named) makes each panel person one PSU across waves; other respondents are their own PSU.
// With options.survey, `stored` is that survey (required): its design fills the roles the options leave empty, and
// options.calibrate post-stratifies to its areas' population by area × wave × sex × age band.
Result<LoadedSurvey> LoadSurvey(const SurveyDesignOptions& options, std::vector<std::string> columns,
                                const survey::RakeOptions& rake, const std::string& panel = "",
                                const StoredSurvey* stored = nullptr);

// The use cases on a file (stored == nullptr) or on a stored survey.
Result<core::Table> EstimateSurvey(const SurveyEstimateOptions& options, const StoredSurvey* stored);
Result<core::Table> CalibrateSurvey(const SurveyCalibrateOptions& options, const StoredSurvey* stored);
Result<core::Table> SurveyDifferenceInDifferences(const SurveyDidOptions& options, const StoredSurvey* stored);

// The instrument at `path` ("" = the programme's, compiled in).
Result<survey::Instrument> LoadInstrument(const std::string& path);

// An import validated and scored: the columns written or stored (design roles, attributes, items, scales and
// bands) with what is known of each, and the per-scale table (not yet disclosure-controlled).
struct ScoredImport {
  survey::Instrument instrument;
  io::ImportMapping mapping;
  std::size_t rows = 0;
  std::vector<std::string> names;  // design columns under their role's name
  std::vector<std::vector<std::string>> columns;
  std::vector<store::SurveyVariableRow> variables;  // design columns: label = the data's column
  core::Table table;
};
Result<ScoredImport> ScoreImport(const SurveyImportOptions& options, const std::string& data_path);
Result<core::Table> PublishImportTable(const core::Table& table, const SurveyDisclosureOptions& disclosure);

// Validates `data_path` against the instrument, scores it and stores it as options.survey in `tx` with its
// provenance (`source` names the file in it). Returns the import table (not yet disclosure-controlled).
Result<core::Table> StoreSurvey(store::Transaction& tx, const SurveyImportOptions& options,
                                const std::string& data_path, const std::string& source, const core::Clock& clock);
// Publishes a stored survey's scales as neighbourhood indicators in `tx` (see nrs::PublishSurveyIndicators).
Result<core::Table> PublishSurveyIndicators(store::Transaction& tx, const SurveyPublishOptions& options);

// The demo's resident survey: synthetic (the seeded generator, clearly marked), over the demo's neighbourhoods
// (its programme areas) and generated comparison and better-off areas; stored and its scales published.
inline constexpr const char* kDemoSurvey = "Resident survey (synthetic)";
Status LoadDemoSurvey(store::Transaction& tx, const core::Clock& clock);

// Domains by the values of `by` (rows with a missing value in none), sorted; keys[d] the values of domain d.
struct Domains {
  std::vector<std::int32_t> of_row;
  std::vector<std::vector<std::string>> keys;
};
Result<Domains> MakeDomains(const io::SurveyColumns& data, const std::vector<std::string>& by);

// The variable as numbers, or the 0/1 indicator of `condition` when given.
Result<std::vector<double>> OutcomeValues(const io::SurveyColumns& data, const std::string& variable,
                                          const std::string& condition);
// The columns that `variable` and `condition` read.
std::vector<std::string> ConditionColumns(const std::string& variable, const std::string& condition);

// The names of the Neighbourhoods for Learning of the demo data, in their order (for the synthetic survey).
std::vector<std::string> NeighbourhoodNames();

// "high_cv;low_effective_n" from the engine's quality bits.
std::string QualityText(std::uint8_t quality);

}  // namespace nrs::survey_app
