#pragma once

// Uncertainty and sensitivity analysis of a composite index (OECD/JRC handbook, §7; Saltelli et al. 2008 and
// 2010). The uncertain inputs ("factors") are the recorded choices of the pipeline — weights (each × a uniform
// factor around 1), normalisation, aggregation, treatment, imputation — and the indicators that carry an
// interval (a survey estimate, a rate), drawn from it. Every run is seeded from (seed, run number) alone, so
// the results are the same for any number of threads.

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "index/pipeline.h"

namespace nrs::index {

struct UncertaintyOptions {
  int runs = 1000;
  std::uint64_t seed = 1;
  int threads = 0;             // 0 = every core
  double weight_noise = 0.25;  // each weight × U(1 − noise, 1 + noise); 0 = weights fixed
  // Alternatives drawn with equal probability (empty: the nominal choice is kept). A geometric or harmonic
  // alternative normalises onto [1, high] when the nominal range starts below 1, so that its means are defined.
  std::vector<NormaliseMethod> normalisations;
  std::vector<AggregateMethod> aggregations;
  std::vector<TreatMethod> treatments;
  std::vector<ImputeMethod> imputations;
  bool input_intervals = true;  // draw indicators with intervals from them

  // Errors: kInvalidArgument (runs < 1 or > 1,000,000; noise outside [0, 1); threads < 0).
  Status Validate() const;
};

// The factors `options` switch on for `prepared`, in a fixed order: weights, normalisation, aggregation,
// treatment, imputation, inputs ("inputs" only when an indicator has an interval).
std::vector<std::string> Factors(const Prepared& prepared, const UncertaintyOptions& options);

struct UncertaintyResult {
  std::vector<std::string> units, names;
  std::vector<double> nominal_score, nominal_rank;
  std::vector<double> median_rank, rank_p5, rank_p95;  // over the runs (R's quantile type 7)
  std::vector<double> score_p5, score_p95;
  std::vector<std::string> factors;
  int runs = 0;
};

// Monte Carlo over the factors: each run draws every factor and rebuilds the index; per unit the root's rank
// distribution. Errors: those of Build in any run (with the run's number), kInvalidArgument (options).
Result<UncertaintyResult> Uncertainty(const Prepared& prepared, const UncertaintyOptions& options);

struct SobolOptions {
  int n = 1000;          // base sample size N: the design runs the model N·(d + 2) times
  int bootstrap = 1000;  // resamples for the intervals (0 = none)
  double confidence = 0.95;
  std::uint64_t seed = 1;
  int threads = 0;

  Status Validate() const;
};

struct SobolIndices {
  std::vector<double> first, first_low, first_high;  // Sᵢ and its bootstrap percentile interval
  std::vector<double> total, total_low, total_high;  // Sₜᵢ (Jansen) and its interval
  double mean = 0;
  double variance = 0;  // of the outputs of A and B
  int evaluations = 0;
};

// A model of d inputs, each uniform on [0, 1). Called from several threads at once.
using SobolModel = std::function<Result<double>(std::span<const double> u)>;

// Saltelli's A/B/ABᵢ design with independent uniform samples: Sᵢ = mean(y_B·(y_ABᵢ − y_A))/V (Saltelli 2010)
// and Sₜᵢ = mean((y_A − y_ABᵢ)²)/(2V) (Jansen 1999), V the variance of y_A and y_B together; intervals from
// bootstrap resamples of the N rows. Errors: the model's first error, kInvalidArgument (d = 0, options).
Result<SobolIndices> Sobol(std::size_t d, const SobolModel& model, const SobolOptions& options);

struct SensitivityOptions {
  UncertaintyOptions space;  // the factors and their alternatives (runs is ignored)
  SobolOptions sobol;
};

struct SensitivityResult {
  std::vector<std::string> factors;
  SobolIndices indices;
  std::string output;  // what the indices apportion
};

// Variance-based sensitivity of the mean absolute change of the root's rank (over units, from the nominal
// build) to each factor. Each factor is one input: a choice is drawn from its uniform value; a vector of weights
// or of input draws is generated from a stream seeded by it.
Result<SensitivityResult> Sensitivity(const Prepared& prepared, const SensitivityOptions& options);

// Runs body(i) for i in [0, count) on `threads` threads (0 = every core), in contiguous blocks. Returns the
// first error by index.
Status ParallelFor(std::size_t count, int threads, const std::function<Status(std::size_t)>& body);

}  // namespace nrs::index
