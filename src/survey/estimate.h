#pragma once

// Design-based estimates by domain: means, totals, ratios and proportions with Taylor-linearised standard
// errors, design effects, effective sample sizes, confidence intervals and quality flags — the figures of R's
// `survey` (svymean, svytotal, svyratio, svyciprop, svyby) for one-stage designs.
//
// Domains are estimated as R's svyby does: the domain's rows carry the estimate's influence values, every other
// row zero, in the whole design (so a domain's variance counts every PSU of each stratum). A row whose value
// (or, for a ratio, denominator) is missing (NaN) belongs to no domain, as with na.rm = TRUE.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "nrs/result.h"
#include "survey/design.h"

namespace nrs::survey {

enum class Statistic { kMean, kTotal, kProportion, kRatio };

// Confidence intervals of a proportion (R's svyciprop methods; the default is logit). Means, totals and ratios
// always use the Wald interval estimate ± t·se.
enum class IntervalMethod {
  kLogit,       // Wald interval on the logit scale, back-transformed
  kBeta,        // Korn–Graubard: Clopper–Pearson on the effective sample size, df-adjusted
  kLikelihood,  // Rao–Scott scaled profile likelihood of the binomial working model
  kWilson,      // Wilson score interval on the effective sample size (normal quantile), as the national profiles
  kWald,        // estimate ± t·se (svyciprop's "mean")
};

// Which simple random sample the design effect compares with.
enum class DeffBasis { kWithoutReplacement, kWithReplacement };

// Rows partitioned into domains 0..count−1; kNoDomain leaves a row out of every domain.
struct Domains {
  static constexpr std::int32_t kNoDomain = -1;
  std::vector<std::int32_t> of_row;
  std::size_t count = 0;

  // One domain holding every row.
  static Domains All(std::size_t rows);
};

// When an estimate is too imprecise to stand on its own (methods.md §4).
struct QualityRules {
  double max_cv = 0.20;         // flag when se/|estimate| ≥ this
  double min_effective_n = 30;  // flag when the effective sample size is below this
};

struct EstimateOptions {
  Statistic statistic = Statistic::kMean;
  IntervalMethod interval = IntervalMethod::kLogit;  // proportions only
  double level = 0.95;
  DeffBasis deff = DeffBasis::kWithoutReplacement;
  QualityRules quality{};

  // Errors: kInvalidArgument (level outside (0, 1), thresholds negative).
  Status Validate() const;
};

enum QualityFlag : std::uint8_t {
  kQualityOk = 0,
  kHighCv = 1,
  kLowEffectiveN = 2,
};

struct DomainEstimate {
  double estimate = kMissing;
  double se = kMissing;
  double lower = kMissing;
  double upper = kMissing;
  double deff = kMissing;             // against the basis of EstimateOptions::deff (NaN when weights sum below n)
  double effective_n = kMissing;      // n / deff
  double cv = kMissing;               // se / |estimate|
  double df = kMissing;               // design degrees of freedom of the domain: PSUs − strata
  double population = 0;              // sum of the domain's weights
  std::int64_t n = 0;                 // respondents (unweighted)
  std::uint8_t quality = kQualityOk;  // QualityFlag bits
};

// Estimates `statistic` of `values` in each domain. For a ratio, `denominators` (same length) holds x of Σwy/Σwx;
// otherwise it is empty. A proportion's values must be 0 or 1 (or missing).
// Errors: kInvalidArgument (options; lengths differ from the design's rows; a proportion's value not 0/1).
// A domain without rows, or whose estimate is undefined (Σwx = 0), gets missing values and n = 0 or its count.
Result<std::vector<DomainEstimate>> Estimate(const Design& design, std::span<const double> values,
                                             std::span<const double> denominators, const Domains& domains,
                                             const EstimateOptions& options);

// Interval of a proportion p with standard error se from a design with `df` degrees of freedom and `n` rows
// (the beta and likelihood methods need n; the likelihood method also the Pearson dispersion of its working
// model, 1 for a 0/1 variable up to n/(n − 1)). Exposed for tests.
struct ProportionIntervalInput {
  double p = kMissing;
  double se = kMissing;
  double df = kMissing;
  double n = kMissing;
  double effective_n = kMissing;  // for Wilson
  double dispersion = 1;          // likelihood only
};
void ProportionInterval(const ProportionIntervalInput& input, IntervalMethod method, double level, double* lower,
                        double* upper);

std::string_view StatisticName(Statistic statistic);
std::string_view IntervalName(IntervalMethod method);

}  // namespace nrs::survey
