#pragma once

// The statistics use case of the facade: read a CSV of many areas (or age bands, quantiles, years), compute
// one public-health statistic (src/stats) for every row or group, and return the table `nrs stats` prints.
//
//   nrs::StatisticsOptions options;
//   options.kind = nrs::StatisticKind::kProportion;
//   options.input = "screening.csv";
//   options.x = "screened";
//   options.n = "eligible";
//   NRS_ASSIGN_OR_RETURN(nrs::core::Table table, nrs::ComputeStatistics(options));
//
// Rows keep their input order; grouped statistics give one row per group, in order of first appearance. A row
// or group that cannot be computed keeps its place, with empty values and its reason in the `reason` column.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/table.h"
#include "nrs/result.h"
#include "stats/compare.h"
#include "stats/funnel.h"
#include "stats/inequality.h"
#include "stats/rate.h"

namespace nrs {

enum class StatisticKind : std::uint8_t {
  kProportion,      // Wilson
  kRate,            // crude rate: exact below 10 events, Byar from 10
  kMean,            // Student's t
  kDsr,             // directly standardised rate, Dobson limits
  kIsr,             // indirectly standardised ratio (or rate)
  kLifeExpectancy,  // Chiang II with Silcocks
  kSii,             // slope and relative index of inequality
  kQuantile,        // quantile assignment
  kFunnel,          // funnel significance per row, or the funnel's limits
  kTrend,           // χ² test for trend over the last points
};

// The subcommand name of a kind: "proportion", "rate", "mean", "dsr", "isr", "life-expectancy", "sii",
// "quantile", "funnel", "trend".
std::string_view StatisticName(StatisticKind kind);

struct StatisticsOptions {
  StatisticKind kind = StatisticKind::kProportion;
  std::string input;  // the CSV file (plain or gzip-compressed)
  // Only rows where every condition holds: "COLUMN=VALUE", "COLUMN!=VALUE" (text), or "COLUMN<VALUE" (also
  // <=, >, >=; numbers).
  std::vector<std::string> where;
  std::vector<std::string> group;  // columns whose values form the groups (areas, years, sexes …)
  std::string x;                   // numerator, events, deaths or values
  std::string n;                   // denominator or population
  std::vector<double> confidence = {0.95, 0.998};
  std::optional<double> multiplier;  // default per statistic: proportion 1, rates 100,000, funnel 100 …
  // Benchmarking against a comparator value (statistics with intervals): adds comparison columns.
  std::optional<double> comparator;
  stats::Polarity polarity = stats::Polarity::kNoJudgement;

  struct Rate {
    stats::RateMethod method = stats::RateMethod::kAuto;
  } rate;

  struct Standardisation {
    // Column of age-band labels: bands are then matched by label (ESP 2013 bands for DSRs; the reference's
    // bands for ISRs) rather than by their position within each group. Required for life expectancy.
    std::string age;
    std::string standard;                        // dsr: column of standard populations (default ESP 2013)
    std::vector<std::string> event_frequencies;  // dsr: columns of people with 1, 2, 3 … events
    std::string reference;                       // isr: CSV of reference bands (else ref columns in input)
    std::string ref_x;                           // isr: reference events column
    std::string ref_n;                           // isr: reference population column
    std::string ref_age;                         // isr: age-band column of the reference file (default: age)
    bool isr_rate = false;                       // isr: the rate instead of the ratio
  } standardisation;

  struct Sii {
    std::string quantile;  // quantile column (1 = most deprived)
    std::string value;     // indicator value column (or x = counts for proportions)
    std::string se;        // standard error column, or:
    std::string lower;     // 95% lower limit column
    std::string upper;     // 95% upper limit column
    stats::SiiValueType value_type = stats::SiiValueType::kNormal;
    bool transform = false;
    std::int64_t repetitions = 100000;
    std::uint64_t seed = 1;
  } sii;

  struct Quantile {
    int quantiles = 10;
    bool lowest_first = false;  // the lowest value in quantile 1 (default: the highest)
    // Per-row order: true / "low is good" → highest value first; false / "high is good" → lowest first.
    std::string invert_column;
  } quantile;

  struct Funnel {
    stats::FunnelStatistic statistic = stats::FunnelStatistic::kProportion;
    stats::RatioType ratio_type = stats::RatioType::kCount;
    stats::RateType rate_type = stats::RateType::kDsr;
    std::string rate;     // rates: the rate column
    double years = 1;     // rates: years of data
    bool limits = false;  // the table of limits for drawing the funnel, instead of each row's significance
  } funnel;

  struct Trend {
    std::string time;  // column giving the time order (numbers or text sorted as written, e.g. 2019/20)
    int points = 5;
  } trend;

  // Checks what can be checked without reading the input. Errors: kInvalidArgument naming the option.
  Status Validate() const;
};

// The names by which the command line and the API choose among an option's values (one list, so both accept
// the same words).
template <typename Enum>
struct Choice {
  std::string_view name;
  Enum value;
};
std::span<const Choice<stats::Polarity>> PolarityChoices();                // high-is-good, low-is-good, no-judgement
std::span<const Choice<stats::RateMethod>> RateMethodChoices();            // auto, byar, exact
std::span<const Choice<stats::SiiValueType>> SiiValueTypeChoices();        // normal, rate, proportion
std::span<const Choice<stats::FunnelStatistic>> FunnelStatisticChoices();  // proportion, ratio, rate
std::span<const Choice<stats::RateType>> RateTypeChoices();                // dsr, crude
std::span<const Choice<stats::RatioType>> RatioTypeChoices();              // count, isr
std::span<const Choice<StatisticKind>> StatisticChoices();                 // by StatisticName

// Confidence levels from "0.95,0.998" or "95,99.8": each from 90% up to (not including) 100%.
// Errors: kInvalidArgument naming the level.
Result<std::vector<double>> ParseConfidenceLevels(std::string_view text);

// Reads options.input and computes the statistic. Errors: kInvalidArgument (options; a named column that the
// file lacks — the message lists the columns it has), kNotFound / kIoError / kInvalidInput (reading the
// CSV). Problems of individual rows are never errors: they are reported in the rows.
Result<core::Table> ComputeStatistics(const StatisticsOptions& options);

}  // namespace nrs
