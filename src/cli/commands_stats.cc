// nrs stats …: public-health statistics over a CSV, one subcommand per statistic. Each fills a
// StatisticsOptions, calls ComputeStatistics and prints the table.

#include <map>

#include "cli/command.h"
#include "nrs/statistics.h"

namespace nrs::cli {
namespace {

// What a subcommand's command line holds before it becomes StatisticsOptions.
struct StatsArgs {
  StatisticsOptions options;
  std::string confidence = "0.95,0.998";
  double multiplier = 0;
  double comparator = 0;
  std::string format = "csv";
};

struct Statistic {
  CLI::App* command;
  std::shared_ptr<StatsArgs> args;
  StatisticsOptions& Options() const { return args->options; }
};

// An option taking one of `choices` (case-insensitive); its help names the default (the current value).
template <typename Enum>
CLI::Option* AddChoice(CLI::App* command, const std::string& name, Enum* value, std::span<const Choice<Enum>> choices,
                       const std::string& help) {
  std::string names, current;
  std::vector<std::pair<std::string, Enum>> pairs;
  for (const Choice<Enum>& choice : choices) {
    names += (names.empty() ? "" : "|") + std::string(choice.name);
    if (choice.value == *value) current = choice.name;
    pairs.emplace_back(choice.name, choice.value);
  }
  return command->add_option(name, *value, fmt::format("{} (default: {})", help, current))
      ->transform(CLI::CheckedTransformer(pairs, CLI::ignore_case).description(""))
      ->type_name(names);
}

// A subcommand with the options every statistic shares.
Statistic AddStatistic(CLI::App* stats, Context& ctx, StatisticKind kind, const std::string& description,
                       bool uses_multiplier, bool has_intervals) {
  auto args = std::make_shared<StatsArgs>();
  args->options.kind = kind;
  CLI::App* command = stats->add_subcommand(std::string(StatisticName(kind)), description);
  StatisticsOptions& o = args->options;
  command->add_option("--input", o.input, "The CSV file (plain or gzip-compressed)")->required();
  command
      ->add_option("--where", o.where,
                   "Only the rows where COLUMN=VALUE (or !=, or for numbers <, <=, >, >=); repeatable")
      ->type_name("COLUMN=VALUE");
  command
      ->add_option("--confidence", args->confidence,
                   "Confidence levels, as fractions or percentages from 90 up to (not including) 100")
      ->capture_default_str();
  if (uses_multiplier) command->add_option("--multiplier", args->multiplier, "The scale of the values");
  if (has_intervals) {
    command->add_option("--comparator", args->comparator,
                        "Compare each interval with this value (e.g. England's): adds comparison_<level> "
                        "columns and the five-class benchmark");
    AddChoice(command, "--polarity", &o.polarity, PolarityChoices(), "How differences from the comparator read");
  }
  AddFormatOption(command, &args->format);
  command->callback([&ctx, args, command] {
    ctx.run = [&ctx, args, command]() -> Status {
      StatisticsOptions options = args->options;
      NRS_ASSIGN_OR_RETURN(options.confidence, ParseConfidenceLevels(args->confidence));
      const auto given = [&](const char* name) {
        const CLI::Option* option = command->get_option_no_throw(name);
        return option != nullptr && option->count() > 0;
      };
      if (given("--multiplier")) options.multiplier = args->multiplier;
      if (given("--comparator")) options.comparator = args->comparator;
      NRS_ASSIGN_OR_RETURN(const core::Table table, ComputeStatistics(options));
      return PrintTable(ctx, table, args->format);
    };
  });
  return {command, args};
}

void AddGroup(const Statistic& s, const std::string& help) {
  s.command->add_option("--group", s.Options().group, help)->delimiter(',')->type_name("COLUMN");
}

}  // namespace

void AddStatsCommands(CLI::App& cli, Context& ctx) {
  CLI::App* stats = cli.add_subcommand(
      "stats",
      "Public-health statistics as the national profiles compute them (PHEindicatormethods): intervals, "
      "standardised rates, life expectancy, inequality, quantiles, funnels, trends");
  stats->require_subcommand(1);
  stats->footer(
      "Each reads a CSV (--input) and writes the input columns (or, for statistics of groups, the --group "
      "columns) with the statistic's columns, as CSV by default. Rows keep their order; a row that cannot be "
      "computed keeps its place with empty values and a reason. Methods: docs/methods.md.");

  {
    Statistic s =
        AddStatistic(stats, ctx, StatisticKind::kProportion,
                     "Proportions with Wilson score intervals (multiplier 1; 100 for percentages)", true, true);
    s.command->add_option("--x", s.Options().x, "Numerator column")->required();
    s.command->add_option("--n", s.Options().n, "Denominator column")->required();
    AddGroup(s, "Sum numerators and denominators within groups of these columns first");
  }
  {
    Statistic s = AddStatistic(stats, ctx, StatisticKind::kRate,
                               "Crude rates with exact Poisson (below 10 events) or Byar's intervals "
                               "(multiplier 100,000)",
                               true, true);
    s.command->add_option("--x", s.Options().x, "Events column")->required();
    s.command->add_option("--n", s.Options().n, "Population column (omit for intervals of the counts)");
    AddGroup(s, "Sum events and populations within groups of these columns first");
    AddChoice(s.command, "--method", &s.Options().rate.method, RateMethodChoices(),
              "auto: exact below 10 events, Byar's from 10");
  }
  {
    Statistic s = AddStatistic(stats, ctx, StatisticKind::kMean, "Means with Student's t intervals", false, true);
    s.command->add_option("--x", s.Options().x, "Values column")->required();
    AddGroup(s, "One mean per group of these columns (default: all rows)");
  }
  {
    Statistic s = AddStatistic(stats, ctx, StatisticKind::kDsr,
                               "Directly standardised rates with Dobson intervals (ESP 2013; multiplier 100,000; "
                               "none below 10 events)",
                               true, true);
    auto& o = s.Options().standardisation;
    s.command->add_option("--x", s.Options().x, "Events column (one row per age band)")->required();
    s.command->add_option("--n", s.Options().n, "Population column")->required();
    AddGroup(s, "One DSR per group of these columns (each group: its age bands)");
    s.command->add_option("--age", o.age,
                          "Age-band column: match ESP 2013 bands by label (default: by position, 19 bands "
                          "0-4 … 90+ in order)");
    s.command->add_option("--standard", o.standard, "Standard-population column (instead of ESP 2013)");
    s.command
        ->add_option("--event-frequencies", o.event_frequencies,
                     "Columns of people with 1, 2, 3 … events: intervals for non-independent events")
        ->delimiter(',')
        ->type_name("COLUMN");
  }
  {
    Statistic s = AddStatistic(stats, ctx, StatisticKind::kIsr,
                               "Indirectly standardised ratios (or rates) with exact/Byar intervals", true, true);
    auto& o = s.Options().standardisation;
    s.command->add_option("--x", s.Options().x, "Observed events column (one row per age band)")->required();
    s.command->add_option("--n", s.Options().n, "Population column")->required();
    AddGroup(s, "One ISR per group of these columns");
    s.command->add_option("--ref-x", o.ref_x, "Reference events column")->required();
    s.command->add_option("--ref-n", o.ref_n, "Reference population column")->required();
    s.command->add_option("--reference", o.reference,
                          "CSV of the reference bands (default: --ref-x and --ref-n are columns of --input)");
    s.command->add_option("--age", o.age, "Age-band column: match reference bands by label (default: by position)");
    s.command->add_option("--ref-age", o.ref_age, "Age-band column of --reference (default: as --age)");
    s.command->add_flag("--rate", o.isr_rate, "The standardised rate (ratio × reference rate) instead of the ratio");
  }
  {
    Statistic s = AddStatistic(stats, ctx, StatisticKind::kLifeExpectancy,
                               "Life expectancy at each age band (Chiang II, Silcocks' variance; 0, 1-4, 5-9 … "
                               "90+)",
                               false, true);
    s.command->add_option("--x", s.Options().x, "Deaths column")->required();
    s.command->add_option("--n", s.Options().n, "Population (person-years) column")->required();
    s.command->add_option("--age", s.Options().standardisation.age, "Age-band column (start ages or labels)")
        ->required();
    AddGroup(s, "One life table per group of these columns");
  }
  {
    Statistic s = AddStatistic(stats, ctx, StatisticKind::kSii,
                               "Slope and relative index of inequality across quantiles, with Monte Carlo "
                               "intervals",
                               true, false);
    auto& o = s.Options().sii;
    s.command->add_option("--quantile", o.quantile, "Quantile column (1 = most deprived)")->required();
    s.command->add_option("--n", s.Options().n, "Population column")->required();
    s.command->add_option("--value", o.value, "Indicator value column");
    s.command->add_option("--x", s.Options().x, "Count column (proportions without --value: value = x/n)");
    s.command->add_option("--se", o.se, "Standard error column (log/logit scale for rates/proportions)");
    s.command->add_option("--lower", o.lower, "95% lower limit column (used when there is no --se)");
    s.command->add_option("--upper", o.upper, "95% upper limit column");
    AddGroup(s, "One SII per group of these columns");
    AddChoice(s.command, "--value-type", &o.value_type, SiiValueTypeChoices(),
              "How values vary: simulated as they are, on the log or on the logit scale");
    s.command->add_flag("--transform", o.transform, "Fit on the log (rate) or logit (proportion) scale");
    s.command->add_option("--repetitions", o.repetitions, "Simulations for the intervals")->capture_default_str();
    s.command->add_option("--seed", o.seed, "Seed of the simulation (same seed, same intervals)")
        ->capture_default_str();
  }
  {
    Statistic s = AddStatistic(stats, ctx, StatisticKind::kQuantile,
                               "Assign values to quantiles (deciles etc.; highest value in quantile 1 unless "
                               "inverted)",
                               false, false);
    auto& o = s.Options().quantile;
    s.command->add_option("--x", s.Options().x, "Values column")->required();
    AddGroup(s, "Assign quantiles within groups of these columns");
    s.command->add_option("--quantiles", o.quantiles, "Number of quantiles")->capture_default_str();
    s.command->add_flag("--lowest-first", o.lowest_first, "Put the lowest value in quantile 1");
    s.command->add_option("--invert-column", o.invert_column,
                          "Per-row order: true or \"low is good\" puts the highest value first; false or \"high "
                          "is good\" the lowest");
  }
  {
    Statistic s = AddStatistic(stats, ctx, StatisticKind::kFunnel,
                               "Funnel plots: each row's significance, or the limits (2σ, 3σ) to draw", true, false);
    auto& o = s.Options().funnel;
    AddChoice(s.command, "--statistic", &o.statistic, FunnelStatisticChoices(), "What is plotted");
    s.command->add_option("--x", s.Options().x, "Numerator / observed / events column")->required();
    s.command->add_option("--n", s.Options().n, "Denominator / expected / population column");
    s.command->add_option("--rate", o.rate, "Rates: the rate column");
    AddChoice(s.command, "--rate-type", &o.rate_type, RateTypeChoices(), "Rates: directly standardised or crude");
    AddChoice(s.command, "--ratio-type", &o.ratio_type, RatioTypeChoices(),
              "Ratios: limits as observed/expected − 1, or × multiplier");
    s.command->add_option("--years", o.years, "Rates: years of data")->capture_default_str();
    s.command->add_flag("--limits", o.limits, "Print the limits table (100 points) instead of the rows");
  }
  {
    Statistic s =
        AddStatistic(stats, ctx, StatisticKind::kTrend,
                     "Recent trend: chi-squared test for trend in proportions over the last points", false, false);
    s.command->add_option("--x", s.Options().x, "Numerator column")->required();
    s.command->add_option("--n", s.Options().n, "Denominator column")->required();
    s.command->add_option("--time", s.Options().trend.time, "Time column (orders the points)")->required();
    s.command->add_option("--points", s.Options().trend.points, "Points tested, the most recent")
        ->capture_default_str();
    AddGroup(s, "One trend per group of these columns");
    AddChoice(s.command, "--polarity", &s.Options().polarity, PolarityChoices(), "How a trend reads");
  }
}

}  // namespace nrs::cli
