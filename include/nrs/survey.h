#pragma once

// The household survey (`nrs survey …`): design-based estimates from respondent-level files, calibration of
// weights to population margins, difference in differences between programme and comparison areas across
// waves, import of responses against an instrument, and the seeded synthetic survey. Methods: docs/methods.md,
// "Household survey". Every table these functions return has passed disclosure control (the rules below):
// whatever prints, exports or serves it cannot show a suppressed figure.
//
//   SurveyEstimateOptions options;
//   options.design = {.data = "survey.csv", .weight = "weight", .strata = "area", .cluster = "household"};
//   options.variable = "wellbeing";
//   options.by = {"area_class", "wave"};
//   NRS_ASSIGN_OR_RETURN(core::Table table, EstimateSurvey(options));

#include <cstdint>
#include <string>
#include <vector>

#include "core/table.h"
#include "nrs/result.h"

namespace nrs {

class App;

// Disclosure control (methods.md §4): suppression below `min_respondents`, "*" for counts 1..small_count_max,
// other counts rounded to `rounding_base`, secondary suppression.
struct SurveyDisclosureOptions {
  std::int64_t min_respondents = 10;
  std::int64_t small_count_max = 7;
  std::int64_t rounding_base = 5;
  bool secondary_suppression = true;

  Status Validate() const;
};

// A sample design read from a respondent-level CSV file (one row per respondent), or a survey stored in the
// database by `nrs survey import --survey NAME` (whose design — weight, strata, clusters, fpc, panel — is stored
// with it; the columns below, when given, name other stored variables instead).
struct SurveyDesignOptions {
  std::string data{};               // the CSV file (or `survey`)
  std::string survey{};             // the stored survey (the use cases that take an App)
  std::string weight{};             // column of design weights (required with `data`)
  std::string strata{};             // column of strata ("" when none)
  std::string cluster{};            // column of primary sampling units ("" when each respondent is one)
  std::string fpc{};                // column of population PSU counts per stratum, or sampling fractions ("" when none)
  std::string lonely_psu = "fail";  // fail | remove | adjust | certainty
  // Calibration margins: CSV files, each with one or more columns of the data and a `population` column. One
  // margin post-stratifies; several are raked.
  std::vector<std::string> margins{};
  // Stored surveys: post-stratify each area's respondents, wave by wave, to the population of its neighbourhood
  // by sex and age band (the latest population estimates in the database; variables `sex` and `age_band`).
  // Every area must be a neighbourhood with population.
  bool calibrate = false;

  Status Validate() const;
};

struct SurveyEstimateOptions {
  SurveyDesignOptions design;
  std::string variable{};          // the column estimated (optional when `condition` names it)
  std::string denominator{};       // ratio only: the x of Σwy/Σwx
  std::vector<std::string> by{};   // domain columns
  std::string statistic = "mean";  // mean | total | proportion | ratio
  std::string condition{};         // e.g. "api00 > 800": the 0/1 variable estimated instead of `variable`
  std::string ci = "logit";        // proportions: logit | beta | likelihood | wilson | wald
  double level = 0.95;
  bool deff_with_replacement = false;  // design effect against SRS with replacement (default: without)
  double max_cv = 0.20;                // quality flag thresholds
  double min_effective_n = 30;
  SurveyDisclosureOptions disclosure;
  std::string output{};  // also write the table to this CSV file ("" when not)

  Status Validate() const;
};

// One row per domain (sorted by the domain columns): <by columns…>, estimate, se, lower, upper, deff, n,
// effective_n, flag, cv. `flag` lists high_cv, low_effective_n,
// suppressed, suppressed_secondary (';'-separated). Errors: kInvalidArgument (options, unknown columns),
// kNotFound, kIoError, kInvalidInput (the file's problems, by line).
Result<core::Table> EstimateSurvey(const SurveyEstimateOptions& options);
// The same on a file or on a stored survey (options.design.survey). Errors also: kNotFound (no such survey).
Result<core::Table> EstimateSurvey(App& app, const SurveyEstimateOptions& options);

struct SurveyCalibrateOptions {
  SurveyDesignOptions design;  // design.margins (or, stored, design.calibrate) are required
  // CSV file: the data with the calibrated weights in `weight_column` (required for files; refused for a stored
  // survey, whose respondent-level data never leave the database)
  std::string output{};
  std::string weight_column = "calibrated_weight";
  int max_iterations = 10;  // raking
  double epsilon = 1;       // raking: converged when no cell of the margins' joint table moves by this much
  SurveyDisclosureOptions disclosure;

  Status Validate() const;
};

// One row per class of each margin: margin, class, population, n, weighted_before, weighted_after; then a row
// per weight summary (kish_deff before and after) in the columns margin = "(weights)". Writes the output file.
Result<core::Table> CalibrateSurvey(const SurveyCalibrateOptions& options);
// The same on a file or on a stored survey (reported only: the stored weights stay as imported).
Result<core::Table> CalibrateSurvey(App& app, const SurveyCalibrateOptions& options);

struct SurveyDidOptions {
  SurveyDesignOptions design;  // clusters: the PSU shared across waves (household, or the panel person)
  std::string variable{};
  std::string condition{};           // as for estimates: a 0/1 outcome
  std::string group = "area_class";  // the column telling programme from comparison areas
  std::string programme = "programme";
  std::string comparison = "comparison";
  std::string wave = "wave";  // the column of waves
  std::string before{};       // the first wave's value (default: the smallest value)
  std::string after{};        // the second wave's value (default: the largest value)
  std::string panel{};        // column of panel ids: without --cluster, people in both waves form one PSU
  double level = 0.95;
  SurveyDisclosureOptions disclosure;

  Status Validate() const;
};

// Rows group, wave, estimate, se, lower, upper, n, flag: the four domain means (programme/comparison ×
// before/after), then group = "difference in differences" with the estimate (after − before in programme
// areas minus the same in comparison areas) and its design-based interval; then "ignoring covariance" with the
// se and interval that treating the four means as independent would give.
Result<core::Table> SurveyDifferenceInDifferences(const SurveyDidOptions& options);
// The same on a file or on a stored survey (whose panel variable is used unless `panel` names another).
Result<core::Table> SurveyDifferenceInDifferences(App& app, const SurveyDidOptions& options);

struct SurveyGenerateOptions {
  std::string output{};  // CSV file to write (required)
  std::uint64_t seed = 1;
  int programme_areas = 7;
  int comparison_areas = 14;
  int better_off_areas = 7;
  int respondents_per_area = 150;   // per wave, on average
  double panel_share = 0.2;         // share of wave-2 respondents also interviewed in wave 1
  double programme_effect = 0.075;  // planted effect on the share who feel able to influence decisions
  SurveyDisclosureOptions disclosure;

  Status Validate() const;
};

// Writes a synthetic survey (clearly marked synthetic: area codes SYN…) and returns respondents by area class and
// wave: area_class, wave, areas, n.
Result<core::Table> GenerateSurvey(const SurveyGenerateOptions& options);

struct SurveyImportOptions {
  std::string data{};        // respondent-level CSV
  std::string mapping{};     // TOML import mapping: design columns and item columns ("" = the names as they are)
  std::string instrument{};  // TOML instrument ("" = the programme's instrument shipped with NRS)
  std::string output{};      // CSV of the design columns and the derived scale scores ("" = validate only)
  std::string survey{};      // store the survey in the database under this name (the use case that takes an App)
  bool synthetic = false;    // the data are synthetic (recorded with the survey and in its provenance)
  std::string publisher{};   // provenance: who collected the data
  std::string licence{};     // provenance: terms of use
  SurveyDisclosureOptions disclosure;

  Status Validate() const;
};

// Validates every response against the instrument (codes out of range, unknown items, duplicate respondents),
// refusing the file as a whole with line-level diagnostics; scores the scales. Returns per scale: scale,
// respondents, scored, missing (respondents without a score under the scale's missing-item rule).
Result<core::Table> ImportSurvey(const SurveyImportOptions& options);
// The same, and with options.survey stores the survey in one transaction, recording the import in the datasets'
// provenance. What is stored is what estimates need: area, wave, weight, the mapping's other design columns
// (household and panel ids replaced by codes made at import), its attributes, the items and the scale scores;
// respondent ids are not kept. Survey areas are linked to the neighbourhood whose name or slug is the area's
// code or its `area_name`; `area_class` gives the area's class. Errors also: kAlreadyExists (the name is taken).
// `nrs survey list` shows how many of its areas are neighbourhoods.
Result<core::Table> ImportSurvey(App& app, const SurveyImportOptions& options);

// The stored surveys: survey, instrument, synthetic, respondents, waves, areas, neighbourhoods (linked areas),
// imported_at.
Result<core::Table> ListSurveys(App& app);

struct SurveyPublishOptions {
  std::string survey{};   // the stored survey (required)
  bool calibrate = true;  // post-stratify to the neighbourhoods' population (see SurveyDesignOptions::calibrate)
  SurveyDisclosureOptions disclosure;

  Status Validate() const;
};

// Publishes the survey's scales as neighbourhood-level indicators of the catalogue (keys "survey-<scale>", the
// scale's polarity and domain): for every survey area linked to a neighbourhood and every wave, the estimate
// (a mean, or a proportion as a percentage with its logit interval) with its 95% and 99.8% intervals, one period
// per wave ("wave 1" for a wave called 1). Estimated from the linked areas' respondents; a value that disclosure
// control suppresses is stored without a number. Returns neighbourhood, indicator, period, value, lower_95,
// upper_95, n, flag (itself disclosure-controlled). Errors: kNotFound, kInvalidArgument (no linked area).
Result<core::Table> PublishSurveyIndicators(App& app, const SurveyPublishOptions& options);

// The scales of an instrument: scale, name, items, rule, range, missing_rule, bands, polarity, domain.
Result<core::Table> DescribeInstrument(const std::string& instrument_path);

}  // namespace nrs
