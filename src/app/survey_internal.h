#pragma once

// Shared by the survey use cases (survey.cc, survey_did.cc, survey_import.cc): reading a design from a file,
// domains, outcomes, and publishing tables through disclosure control.

#include <string>
#include <vector>

#include "core/table.h"
#include "io/survey_data.h"
#include "nrs/survey.h"
#include "survey/calibration.h"
#include "survey/design.h"
#include "survey/disclosure.h"

namespace nrs::survey_app {

core::Cell Real(double v);
survey::DisclosureRules Rules(const SurveyDisclosureOptions& options);

// Every survey table leaves through here.
Result<core::Table> Publish(const core::Table& table, const survey::DisclosureLayout& layout,
                            const SurveyDisclosureOptions& options);
// Writes a published table as CSV to `path` (nothing when empty), through a temporary file.
Status WriteExport(const core::Table& table, const std::string& path);

struct LoadedSurvey {
  io::SurveyColumns data;
  survey::Design design;
  std::vector<std::string> notes;
  std::vector<survey::Margin> margins{};  // the calibration margins, when any
};

// Reads `columns` and the design's columns from options.data, builds the design and calibrates it to the
// margins (one: post-stratification; more: raking with `rake`). Without a cluster column, a `panel` column
// (when named) makes each panel person one PSU across waves; other respondents are their own PSU.
Result<LoadedSurvey> LoadSurvey(const SurveyDesignOptions& options, std::vector<std::string> columns,
                                const survey::RakeOptions& rake, const std::string& panel = "");

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
