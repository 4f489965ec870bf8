// nrs survey …: design-based estimates, calibration, difference in differences, import and the synthetic
// survey, from respondent-level files or from surveys stored in the database; publishing a stored survey's
// scales as neighbourhood indicators.

#include "cli/command.h"
#include "nrs/survey.h"

namespace nrs::cli {
namespace {

struct SurveyArgs {
  SurveyEstimateOptions estimate;
  SurveyCalibrateOptions calibrate;
  SurveyDidOptions did;
  SurveyGenerateOptions generate;
  SurveyImportOptions import;
  SurveyPublishOptions publish;
  std::string instrument;
  std::string format = "table";
};

Status Print(Context& ctx, const Result<core::Table>& table, const std::string& format) {
  NRS_RETURN_IF_ERROR(table.status());
  return PrintTable(ctx, *table, format);
}

// Runs `use_case` on the database when `stored` (a stored survey is named), otherwise on the files alone.
template <typename Options>
Status Run(Context& ctx, const Options& options, bool stored, const std::string& format,
           Result<core::Table> (*on_files)(const Options&), Result<core::Table> (*on_app)(App&, const Options&)) {
  if (!stored) return Print(ctx, on_files(options), format);
  NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
  return Print(ctx, on_app(*app, options), format);
}

void AddDesignOptions(CLI::App* command, SurveyDesignOptions* design) {
  command->add_option("--data", design->data, "Respondent-level CSV file (one row per respondent)");
  command->add_option("--survey", design->survey,
                      "A survey stored in the database (nrs survey import --survey), instead of --data");
  command->add_flag("--calibrate", design->calibrate,
                    "Stored survey: post-stratify to its neighbourhoods' population by sex and age band");
  command->add_option("--weight", design->weight, "Column of design weights (a stored survey knows its own)");
  command->add_option("--strata", design->strata, "Column of strata");
  command->add_option("--cluster", design->cluster, "Column of primary sampling units (clusters)");
  command->add_option("--fpc", design->fpc,
                      "Column of the population count of PSUs per stratum (or of sampling fractions)");
  command->add_option("--lonely-psu", design->lonely_psu, "A stratum with one PSU: fail, remove, adjust or certainty")
      ->check(CLI::IsMember({"fail", "remove", "adjust", "certainty"}))
      ->capture_default_str();
}

void AddMarginOption(CLI::App* command, SurveyDesignOptions* design, bool required) {
  auto* option = command->add_option(
      "--margin", design->margins,
      "Calibrate to a population margin: CSV with columns of the data and `population` (repeat to rake)");
  if (required) option->required();
}

void AddDisclosureOptions(CLI::App* command, SurveyDisclosureOptions* disclosure) {
  command
      ->add_option("--min-respondents", disclosure->min_respondents,
                   "Disclosure control: suppress estimates from fewer respondents")
      ->capture_default_str();
  command->add_option("--small-count", disclosure->small_count_max, "Disclosure control: show counts 1..this as *")
      ->capture_default_str();
  command->add_option("--round-to", disclosure->rounding_base, "Disclosure control: round other counts to this")
      ->capture_default_str();
}

void AddOutcomeOptions(CLI::App* command, std::string* variable, std::string* condition) {
  command->add_option("--variable", *variable, "The column to estimate");
  command->add_option("--condition", *condition,
                      "Estimate the share meeting a condition instead, e.g. \"api00 > 800\" (> >= < <= == !=)");
}

}  // namespace

void AddSurveyCommands(CLI::App& cli, Context& ctx) {
  auto args = std::make_shared<SurveyArgs>();
  CLI::App* survey = cli.add_subcommand("survey",
                                        "The household survey: design-based estimates, calibration, "
                                        "difference in differences, import, synthetic data");
  survey->require_subcommand(1);

  CLI::App* estimate =
      survey->add_subcommand("estimate",
                             "Means, totals, ratios or proportions by domain with linearised standard errors, design "
                             "effects and intervals (disclosure-controlled)");
  SurveyEstimateOptions& e = args->estimate;
  AddDesignOptions(estimate, &e.design);
  AddMarginOption(estimate, &e.design, /*required=*/false);
  AddOutcomeOptions(estimate, &e.variable, &e.condition);
  estimate->add_option("--by", e.by, "Domain columns (comma-separated)")->delimiter(',');
  estimate->add_option("--statistic", e.statistic, "mean, total, proportion or ratio")
      ->check(CLI::IsMember({"mean", "total", "proportion", "ratio"}))
      ->capture_default_str();
  estimate->add_option("--denominator", e.denominator, "Ratio: the column of the denominator");
  estimate->add_option("--ci", e.ci, "Proportion interval: logit, beta (Korn–Graubard), likelihood, wilson or wald")
      ->check(CLI::IsMember({"logit", "beta", "likelihood", "wilson", "wald"}))
      ->capture_default_str();
  estimate->add_option("--level", e.level, "Confidence level")->capture_default_str();
  estimate->add_flag("--deff-replace", e.deff_with_replacement,
                     "Design effect against simple random sampling with replacement");
  estimate->add_option("--max-cv", e.max_cv, "Flag estimates whose coefficient of variation reaches this")
      ->capture_default_str();
  estimate->add_option("--min-effective-n", e.min_effective_n, "Flag estimates whose effective sample is smaller")
      ->capture_default_str();
  estimate->add_option("--output", e.output, "Also write the table to this CSV file");
  AddDisclosureOptions(estimate, &e.disclosure);
  AddFormatOption(estimate, &args->format);
  estimate->callback([&ctx, args] {
    ctx.run = [&ctx, args] {
      return Run<SurveyEstimateOptions>(ctx, args->estimate, !args->estimate.design.survey.empty(), args->format,
                                        &EstimateSurvey, &EstimateSurvey);
    };
  });

  CLI::App* calibrate = survey->add_subcommand(
      "calibrate",
      "Post-stratify (one margin) or rake (several) the weights to population counts and write the "
      "data with the calibrated weight");
  SurveyCalibrateOptions& c = args->calibrate;
  AddDesignOptions(calibrate, &c.design);
  AddMarginOption(calibrate, &c.design, /*required=*/false);
  calibrate->add_option("--output", c.output, "CSV file: the data with the calibrated weight (files only)");
  calibrate->add_option("--weight-column", c.weight_column, "Name of the calibrated weight's column")
      ->capture_default_str();
  calibrate->add_option("--max-iterations", c.max_iterations, "Raking: sweeps over the margins at most")
      ->capture_default_str();
  calibrate->add_option("--epsilon", c.epsilon, "Raking: converged when no weighted cell moves by this much")
      ->capture_default_str();
  AddDisclosureOptions(calibrate, &c.disclosure);
  AddFormatOption(calibrate, &args->format);
  calibrate->callback([&ctx, args] {
    ctx.run = [&ctx, args] {
      return Run<SurveyCalibrateOptions>(ctx, args->calibrate, !args->calibrate.design.survey.empty(), args->format,
                                         &CalibrateSurvey, &CalibrateSurvey);
    };
  });

  CLI::App* did = survey->add_subcommand(
      "did",
      "Difference in differences: programme minus comparison areas, second wave minus first, with a "
      "design-based interval that keeps the covariance of clusters and panel members across waves");
  SurveyDidOptions& d = args->did;
  AddDesignOptions(did, &d.design);
  AddMarginOption(did, &d.design, /*required=*/false);
  AddOutcomeOptions(did, &d.variable, &d.condition);
  did->add_option("--group", d.group, "Column telling programme from comparison areas")->capture_default_str();
  did->add_option("--programme", d.programme, "Its value for programme areas")->capture_default_str();
  did->add_option("--comparison", d.comparison, "Its value for comparison areas")->capture_default_str();
  did->add_option("--wave", d.wave, "Column of waves")->capture_default_str();
  did->add_option("--before", d.before, "The first wave (default: the smallest)");
  did->add_option("--after", d.after, "The second wave (default: the largest)");
  did->add_option("--panel", d.panel,
                  "Column of panel ids: without --cluster, a person interviewed in both waves is one PSU");
  did->add_option("--level", d.level, "Confidence level")->capture_default_str();
  AddDisclosureOptions(did, &d.disclosure);
  AddFormatOption(did, &args->format);
  did->callback([&ctx, args] {
    ctx.run = [&ctx, args] {
      return Run<SurveyDidOptions>(ctx, args->did, !args->did.design.survey.empty(), args->format,
                                   &SurveyDifferenceInDifferences, &SurveyDifferenceInDifferences);
    };
  });

  CLI::App* generate = survey->add_subcommand(
      "generate",
      "Write a seeded synthetic household survey (never real respondents): areas in three classes, two "
      "waves, a panel, a planted programme effect");
  SurveyGenerateOptions& g = args->generate;
  generate->add_option("--output", g.output, "CSV file to write")->required();
  generate->add_option("--seed", g.seed, "Random seed")->capture_default_str();
  generate->add_option("--programme-areas", g.programme_areas, "Programme areas")->capture_default_str();
  generate->add_option("--comparison-areas", g.comparison_areas, "Comparison areas")->capture_default_str();
  generate->add_option("--better-off-areas", g.better_off_areas, "Better-off areas")->capture_default_str();
  generate->add_option("--respondents", g.respondents_per_area, "Respondents per area and wave, on average")
      ->capture_default_str();
  generate->add_option("--panel-share", g.panel_share, "Share of wave-2 respondents also interviewed in wave 1")
      ->capture_default_str();
  generate
      ->add_option("--effect", g.programme_effect,
                   "Planted programme effect on the share agreeing they can influence local decisions")
      ->capture_default_str();
  AddDisclosureOptions(generate, &g.disclosure);
  AddFormatOption(generate, &args->format);
  generate->callback(
      [&ctx, args] { ctx.run = [&ctx, args] { return Print(ctx, GenerateSurvey(args->generate), args->format); }; });

  CLI::App* import = survey->add_subcommand(
      "import",
      "Validate responses against an instrument (refused as a whole, with every problem's line), score its "
      "scales and, with --survey, store them in the database");
  SurveyImportOptions& i = args->import;
  import->add_option("--data", i.data, "Respondent-level CSV: one row per respondent, one column per item")->required();
  import->add_option("--mapping", i.mapping, "TOML import mapping: [design] roles and [items] columns");
  import->add_option("--instrument", i.instrument, "TOML instrument (default: the programme's, shipped with NRS)");
  import->add_option("--output", i.output, "Write the coded responses and scale scores to this CSV file");
  import->add_option("--survey", i.survey, "Store the survey in the database under this name");
  import->add_flag("--synthetic", i.synthetic, "The data are synthetic (recorded with the survey)");
  import->add_option("--publisher", i.publisher, "Provenance: who collected the data");
  import->add_option("--licence", i.licence, "Provenance: terms of use");
  AddDisclosureOptions(import, &i.disclosure);
  AddFormatOption(import, &args->format);
  import->callback([&ctx, args] {
    ctx.run = [&ctx, args] {
      return Run<SurveyImportOptions>(ctx, args->import, !args->import.survey.empty(), args->format, &ImportSurvey,
                                      &ImportSurvey);
};
}  // namespace nrs::cli
);

CLI::App* list = survey->add_subcommand("list", "The surveys stored in the database");
AddFormatOption(list, &args->format);
list->callback([&ctx, args] {
  ctx.run = [&ctx, args]() -> Status {
    NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
    return Print(ctx, ListSurveys(*app), args->format);
  };
});

CLI::App* publish = survey->add_subcommand(
    "publish",
    "Publish a stored survey's scales as neighbourhood indicators with their intervals, area by area and wave "
    "by wave (disclosure-controlled), for profiles and the index");
SurveyPublishOptions& p = args->publish;
publish->add_option("--survey", p.survey, "The stored survey")->required();
publish->add_flag("!--no-calibrate", p.calibrate, "Do not post-stratify to the neighbourhoods' population");
AddDisclosureOptions(publish, &p.disclosure);
AddFormatOption(publish, &args->format);
publish->callback([&ctx, args] {
  ctx.run = [&ctx, args]() -> Status {
    NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
    return Print(ctx, PublishSurveyIndicators(*app, args->publish), args->format);
  };
});

CLI::App* instrument =
    survey->add_subcommand("instrument", "Check an instrument and list its scales (default: the programme's)");
instrument->add_option("--instrument", args->instrument, "TOML instrument file");
AddFormatOption(instrument, &args->format);
instrument->callback([&ctx, args] {
  ctx.run = [&ctx, args] { return Print(ctx, DescribeInstrument(args->instrument), args->format); };
});
}

}  // namespace nrs::cli
