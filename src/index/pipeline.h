#pragma once

// The build of a composite index, step by step, as COINr and the OECD/JRC Handbook on Constructing Composite
// Indicators define the steps: denominate → screen → impute → treat → normalise → weight → aggregate → rank.
// Every step is optional, takes its parameters from PipelineOptions and records them in the build's log, so
// any result can be rebuilt from the log alone. Pure: no I/O; reentrant (the Monte Carlo runs call it from
// several threads).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "index/dataset.h"
#include "index/framework.h"
#include "nrs/result.h"

namespace nrs::index {

enum class ImputeMethod { kNone, kMean, kMedian, kGroupMean, kGroupMedian, kPanelCarry, kPanelInterpolate };
enum class TreatMethod { kNone, kWinsorise, kLog, kCtLog, kCtLogOriginal, kGiiLog, kBoxCox };
enum class NormaliseMethod {
  kNone,
  kMinMax,
  kZScore,
  kRank,
  kPercentileRank,
  kDistanceToMax,
  kDistanceToTarget,
  kGoalposts,
  kIodExponential,
};
enum class WeightMethod { kGiven, kEqual, kPca, kOptimised };
enum class AggregateMethod { kArithmetic, kGeometric, kHarmonic, kGeneralised, kSum };
enum class QuantileConvention { kIod, kPhe };

// Names as written in pipeline files, logs and on the command line ("group_mean", "winsorise", "minmax", …).
std::string_view Name(ImputeMethod m);
std::string_view Name(TreatMethod m);
std::string_view Name(NormaliseMethod m);
std::string_view Name(WeightMethod m);
std::string_view Name(AggregateMethod m);
// The inverse; kInvalidArgument listing the names when `name` is none of them.
Result<ImputeMethod> ParseImputeMethod(std::string_view name);
Result<TreatMethod> ParseTreatMethod(std::string_view name);
Result<NormaliseMethod> ParseNormaliseMethod(std::string_view name);
Result<WeightMethod> ParseWeightMethod(std::string_view name);
Result<AggregateMethod> ParseAggregateMethod(std::string_view name);

struct DenominateOptions {
  bool enabled = false;  // divide each indicator with a `denominator` by that column
  double scale = 1;      // multiply the quotient (e.g. 1000 for "per thousand")
};

struct ScreenOptions {
  bool enabled = false;
  double min_availability = 0.66;  // drop units with a smaller share of indicators present (COINr default)
};

struct ImputeOptions {
  ImputeMethod method = ImputeMethod::kNone;
  std::string group;  // group column for kGroupMean / kGroupMedian
};

struct TreatOptions {
  TreatMethod method = TreatMethod::kNone;     // kWinsorise: COINr's default treatment; others apply to all
  int winmax = 5;                              // points per indicator; −1 = 10% of units rounded up (COINr 0.x)
  bool winchange = true;                       // the side may change when the skew changes sign
  double skew_threshold = 2;                   // treat when |skew| > this …
  double kurtosis_threshold = 3.5;             // … and (excess) kurtosis > this
  TreatMethod fallback = TreatMethod::kCtLog;  // when winsorising up to winmax did not succeed
  double boxcox_lambda = 1;
};

struct NormaliseOptions {
  NormaliseMethod method = NormaliseMethod::kMinMax;
  double low = 0;  // min–max, rank-based and distance methods map onto [low, high]
  double high = 100;
  double mean = 0;  // z-scores: mean and standard deviation of the result
  double sd = 1;
};

struct WeightOptions {
  WeightMethod method = WeightMethod::kGiven;
};

struct AggregateOptions {
  AggregateMethod method = AggregateMethod::kArithmetic;
  double power = 1;  // kGeneralised: the generalised mean's exponent (0 = geometric)
  std::vector<std::pair<int, AggregateMethod>> by_level;  // (level, method): overrides `method` at that level
  double weight_sum_tolerance = 0.005;  // kSum: each aggregate's children's weights must sum to 1 ± this
};

struct RankOptions {
  int quantiles = 10;
  QuantileConvention convention = QuantileConvention::kIod;  // quantile = ceil(rank·Q/N), rank 1 highest
  double flag_percentile = 0.9;  // flag units whose percentile rank (rank − 1)/(N − 1) from the lowest is ≥
  int digits = -1;  // rank scores rounded to this many decimals (COINr's results round to 2); −1 = unrounded
};

struct PipelineOptions {
  DenominateOptions denominate;
  ScreenOptions screen;
  ImputeOptions impute;
  TreatOptions treat;
  NormaliseOptions normalise;
  WeightOptions weights;
  AggregateOptions aggregate;
  RankOptions rank;
  std::optional<double> time;  // panel data: the time to build (default: the latest)

  // Errors: kInvalidArgument naming the option.
  Status Validate() const;
};

// One step of the log: its name, its parameters (as written in pipeline files) and what it did.
struct LogEntry {
  std::string step;
  std::vector<std::pair<std::string, std::string>> parameters;
  std::vector<std::string> notes;
};

// What the treatment did to one indicator (COINr's treatment summary).
struct Treatment {
  int low = 0;                // points winsorised from below
  int high = 0;               // from above
  std::string what = "None";  // COINr's words: "None", "Winsorised 3 points", "ctlog (exceeded winmax)"
};

using Columns = std::vector<std::vector<double>>;  // per column, per unit

struct BuildResult {
  std::vector<std::string> units;  // after screening, in data order
  std::vector<std::string> names;
  Columns raw, denominated, imputed, treated, normalised;  // per indicator (Structure::indicators order)
  Columns aggregates;                                      // per aggregate (Structure::aggregates order)
  Columns ranks;  // per aggregate: 1 = highest score (ties: lowest); Detail::kScores: the root's only (others empty)
  std::vector<double> quantile;           // root
  std::vector<double> percentile;         // root: (ascending rank − 1)/(N − 1)
  std::vector<bool> flag;                 // root: percentile ≥ flag_percentile
  std::vector<double> weights;            // per node: the weights used
  std::vector<double> effective_weights;  // per indicator
  std::vector<Treatment> treatment;       // per indicator
  std::vector<LogEntry> log;
};

// The prepared inputs: the framework checked and the indicator columns taken out of the dataset (rows of the
// chosen time). Built once and shared by every run of an uncertainty or sensitivity analysis.
struct Prepared {
  Framework framework;
  Structure structure;
  std::vector<std::string> units, names;
  Columns raw;                      // per indicator
  Columns denominators;             // per indicator: its denominator column (empty when none)
  Columns lower, upper;             // per indicator: its interval (empty when none)
  std::vector<std::string> groups;  // per unit: the impute group (empty when not grouping)
  // Panel data: per indicator, per unit, the (time, value) pairs of every time, sorted by time.
  std::vector<std::vector<std::vector<std::pair<double, double>>>> series;
  double time = 0;  // the time built (panel data)
  PipelineOptions options;
  std::vector<std::string> notes;  // what preparing did (time chosen, rows ignored)
};

// Takes the indicator, denominator, interval and group columns out of `data`. Errors: kInvalidInput (a
// framework error; a column the framework names that the data lack; a unit code repeated at one time; a unit
// with no data at all, unless screening is on), kInvalidArgument (options).
Result<Prepared> Prepare(const Framework& framework, const Dataset& data, const PipelineOptions& options);

// Per-run changes to the prepared build (uncertainty and sensitivity analysis).
struct Variation {
  const std::vector<double>* weights = nullptr;  // per node, replacing the framework's
  const Columns* raw = nullptr;                  // replacing Prepared::raw (input uncertainty draws)
  // A full build with the same inputs and the same steps up to normalisation: the run starts from its normalised
  // stage (and units and treatment) and only weights, aggregates and ranks.
  const BuildResult* normalised = nullptr;
};

// How much to keep. Monte Carlo runs keep only the scores and ranks of the aggregates.
enum class Detail { kFull, kScores };

// Builds the index. Errors: kInvalidInput naming the node or unit (an aggregate of a unit with no data under
// it; a geometric or harmonic mean over a value ≤ 0; kSum weights that do not sum to 1; a unit screened to
// nothing). Constant indicators are not an error: min–max and the other range methods give every unit the
// middle of the range, z-scores give the mean, and the log says so.
Result<BuildResult> Build(const Prepared& prepared, const PipelineOptions& options, Detail detail = Detail::kFull,
                          const Variation& variation = {});

// Skewness and excess kurtosis as R's e1071 computes them with type = 2 (the sample statistics of SAS, SPSS and
// Excel, which COINr uses), over the non-missing values. NaN when fewer than 3 (4) values or no spread.
double SampleSkewness(const std::vector<double>& x);
double SampleKurtosis(const std::vector<double>& x);

// Ranks, 1 = highest, ties taking the lowest rank, NaN for missing.
std::vector<double> RankDescending(const std::vector<double>& x);

// The IoD's exponential transform of a rank scaled to (0, 1]: −23·ln(1 − R·(1 − e^(−100/23))).
double IodExponential(double scaled_rank);

}  // namespace nrs::index
