#include "survey/estimate.h"

#include <algorithm>
#include <cmath>

#include "stats/distributions.h"
#include "stats/proportion.h"
#include "survey/likelihood_interval.h"

namespace nrs::survey {
namespace {

double Logit(double p) { return std::log(p / (1 - p)); }
double Expit(double x) { return 1 / (1 + std::exp(-x)); }

// Rows of each domain, in row order, keeping only rows with values (and denominators) present.
std::vector<std::vector<std::size_t>> DomainRows(const Domains& domains, std::span<const double> values,
                                                 std::span<const double> denominators) {
  std::vector<std::vector<std::size_t>> rows(domains.count);
  for (std::size_t i = 0; i < domains.of_row.size(); ++i) {
    const std::int32_t d = domains.of_row[i];
    if (d == Domains::kNoDomain || std::isnan(values[i])) continue;
    if (!denominators.empty() && std::isnan(denominators[i])) continue;
    rows[static_cast<std::size_t>(d)].push_back(i);
  }
  return rows;
}

}  // namespace

Domains Domains::All(std::size_t rows) { return Domains{std::vector<std::int32_t>(rows, 0), 1}; }

Status EstimateOptions::Validate() const {
  if (!(level > 0 && level < 1)) return Status::InvalidArgument("confidence level {} is not between 0 and 1", level);
  if (!(quality.max_cv >= 0)) return Status::InvalidArgument("the CV threshold {} is negative", quality.max_cv);
  if (!(quality.min_effective_n >= 0)) {
    return Status::InvalidArgument("the effective sample size threshold {} is negative", quality.min_effective_n);
  }
  return Status::Ok();
}

std::string_view StatisticName(Statistic statistic) {
  switch (statistic) {
    case Statistic::kMean:
      return "mean";
    case Statistic::kTotal:
      return "total";
    case Statistic::kProportion:
      return "proportion";
    case Statistic::kRatio:
      return "ratio";
  }
  return "";
}

std::string_view IntervalName(IntervalMethod method) {
  switch (method) {
    case IntervalMethod::kLogit:
      return "logit";
    case IntervalMethod::kBeta:
      return "beta";
    case IntervalMethod::kLikelihood:
      return "likelihood";
    case IntervalMethod::kWilson:
      return "wilson";
    case IntervalMethod::kWald:
      return "wald";
  }
  return "";
}

// The intervals of R's svyciprop (survey 4.1), each at the t quantile of the design's degrees of freedom:
// - logit: svyglm(y ~ 1, quasibinomial) and a Wald interval for its intercept; the intercept's linearised
//   variance is V(p̂)/(p̂(1 − p̂))², so the interval is expit(logit p̂ ± t·se/(p̂(1 − p̂))).
// - beta (Korn and Graubard 1998): Clopper–Pearson limits at the effective sample size
//   p̂(1 − p̂)/V(p̂) × (t_{n−1}/t_df)².
// - likelihood: the profile likelihood of the working binomial model, with the cut-off scaled by the design
//   effect of the intercept (Rao–Scott): the limits μ where 2n·KL(p̂‖μ)/φ = λ·t², λ = V(p̂)·n/(p̂(1 − p̂)), φ the
//   Pearson dispersion — read off a spline through a grid of the profile exactly as R does
//   (likelihood_interval.cc), so that the figures agree with R's rather than with the exact roots, which differ
//   from them in the fourth digit.
// - wilson: the Wilson score interval (normal quantile) with n the effective sample size, as §1 of methods.md.
void ProportionInterval(const ProportionIntervalInput& in, IntervalMethod method, double level, double* lower,
                        double* upper) {
  *lower = kMissing;
  *upper = kMissing;
  const double alpha = 1 - level;
  const double p = in.p;
  const double variance = in.se * in.se;
  if (std::isnan(p)) return;
  const double t = stats::StudentTQuantile(1 - alpha / 2, in.df);
  switch (method) {
    case IntervalMethod::kWald:
      *lower = p - t * in.se;
      *upper = p + t * in.se;
      return;
    case IntervalMethod::kLogit: {
      if (p <= 0 || p >= 1) return;
      const double half = t * in.se / (p * (1 - p));
      *lower = Expit(Logit(p) - half);
      *upper = Expit(Logit(p) + half);
      return;
    }
    case IntervalMethod::kBeta: {
      if (!(variance > 0)) return;
      const double ratio = stats::StudentTQuantile(alpha / 2, in.n - 1) / stats::StudentTQuantile(alpha / 2, in.df);
      const double n_eff = p * (1 - p) / variance * ratio * ratio;
      // Beta(0, b) and Beta(a, 0) are the point masses at 0 and 1 (R's qbeta): the limits at p = 0 and p = 1.
      *lower = p == 0 ? 0 : stats::BetaQuantile(alpha / 2, n_eff * p, n_eff * (1 - p) + 1);
      *upper = p == 1 ? 1 : stats::BetaQuantile(1 - alpha / 2, n_eff * p + 1, n_eff * (1 - p));
      return;
    }
    case IntervalMethod::kLikelihood:
      LikelihoodInterval({.p = p, .se = in.se, .n = in.n, .df = in.df, .dispersion = in.dispersion, .level = level},
                         lower, upper);
      return;
    case IntervalMethod::kWilson: {
      if (!(in.effective_n > 0)) return;
      const stats::Interval wilson =
          stats::WilsonInterval(p * in.effective_n, in.effective_n, stats::NormalQuantile(1 - alpha / 2));
      *lower = wilson.lower;
      *upper = wilson.upper;
      return;
    }
  }
}

// Per domain d with rows i (weights w, values y, denominators x): W = Σw, the estimate θ and influence values u
// with θ − θ₀ ≈ Σ wᵢuᵢ: mean/proportion u = (y − ȳ)/W; total u = y; ratio u = (y − R·x)/Σwx (Binder 1983;
// R's svymean, svytotal, svyratio). The design effect compares V with the variance under simple random sampling
// of n from W: s²_w(u)·W²/n, times (1 − n/W) without replacement, s²_w the weighted variance with divisor
// (n − 1)/n as R's svyvar (Kish 1965; R's deff = TRUE and deff = "replace").
Result<std::vector<DomainEstimate>> Estimate(const Design& design, std::span<const double> values,
                                             std::span<const double> denominators, const Domains& domains,
                                             const EstimateOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  const std::size_t n_rows = design.rows();
  if (values.size() != n_rows || domains.of_row.size() != n_rows) {
    return Status::InvalidArgument("{} values and {} domain labels for a design of {} rows", values.size(),
                                   domains.of_row.size(), n_rows);
  }
  const bool ratio = options.statistic == Statistic::kRatio;
  if (ratio != !denominators.empty()) {
    if (ratio) return Status::InvalidArgument("a ratio needs denominators");
    return Status::InvalidArgument("only a ratio takes denominators");
  }
  if (ratio && denominators.size() != n_rows) {
    return Status::InvalidArgument("{} denominators for a design of {} rows", denominators.size(), n_rows);
  }
  if (options.statistic == Statistic::kProportion) {
    for (std::size_t i = 0; i < n_rows; ++i) {
      if (!std::isnan(values[i]) && values[i] != 0 && values[i] != 1) {
        return Status::InvalidArgument("row {}: a proportion needs values 0 or 1, not {}", i + 1, values[i]);
      }
    }
  }
  const std::span<const double> w = design.Weights();
  const std::vector<std::vector<std::size_t>> rows = DomainRows(domains, values, denominators);
  std::vector<DomainEstimate> out(domains.count);
  std::vector<double> weighted;
  for (std::size_t d = 0; d < domains.count; ++d) {
    const std::vector<std::size_t>& r = rows[d];
    DomainEstimate& e = out[d];
    e.n = static_cast<std::int64_t>(r.size());
    if (r.empty()) continue;
    double big_w = 0;
    double sum_y = 0;
    double sum_x = 0;
    for (const std::size_t i : r) {
      big_w += w[i];
      sum_y += w[i] * values[i];
      if (ratio) sum_x += w[i] * denominators[i];
    }
    e.population = big_w;
    double theta = 0;
    switch (options.statistic) {
      case Statistic::kMean:
      case Statistic::kProportion:
        theta = sum_y / big_w;
        break;
      case Statistic::kTotal:
        theta = sum_y;
        break;
      case Statistic::kRatio:
        if (sum_x == 0) continue;
        theta = sum_y / sum_x;
        break;
    }
    e.estimate = theta;
    // Influence values u and the weighted wᵢuᵢ the variance takes.
    weighted.resize(r.size());
    double u_mean = 0;
    for (std::size_t k = 0; k < r.size(); ++k) {
      const std::size_t i = r[k];
      double u = 0;
      switch (options.statistic) {
        case Statistic::kMean:
        case Statistic::kProportion:
          u = (values[i] - theta) / big_w;
          break;
        case Statistic::kTotal:
          u = values[i];
          break;
        case Statistic::kRatio:
          u = (values[i] - theta * denominators[i]) / sum_x;
          break;
      }
      weighted[k] = w[i] * u;
      u_mean += w[i] * u;
    }
    u_mean /= big_w;
    const double variance = design.SparseVariance(r, weighted);
    e.se = std::sqrt(variance);
    e.cv = e.se / std::abs(theta);
    e.df = design.DegreesOfFreedom(r);
    const double n = static_cast<double>(r.size());
    if (n > 1) {
      double ss = 0;
      for (std::size_t k = 0; k < r.size(); ++k) {
        const double u = weighted[k] / w[r[k]] - u_mean;
        ss += w[r[k]] * u * u;
      }
      const double s2 = ss / big_w * n / (n - 1);
      double srs = s2 * big_w * big_w / n;
      if (options.deff == DeffBasis::kWithoutReplacement) srs = big_w < n ? kMissing : srs * (1 - n / big_w);
      e.deff = variance / srs;
      e.effective_n = n / e.deff;
    }
    if (options.statistic == Statistic::kProportion) {
      ProportionIntervalInput in{.p = theta, .se = e.se, .df = e.df, .n = n, .effective_n = e.effective_n};
      if (options.interval == IntervalMethod::kLikelihood && theta > 0 && theta < 1) {
        double pearson = 0;
        for (const std::size_t i : r) pearson += w[i] * (values[i] - theta) * (values[i] - theta);
        in.dispersion = pearson * n / big_w / (theta * (1 - theta)) / (n - 1);
      }
      ProportionInterval(in, options.interval, options.level, &e.lower, &e.upper);
    } else {
      const double t = stats::StudentTQuantile(1 - (1 - options.level) / 2, e.df);
      e.lower = theta - t * e.se;
      e.upper = theta + t * e.se;
    }
    if (!(e.cv < options.quality.max_cv)) e.quality |= kHighCv;
    if (!(e.effective_n >= options.quality.min_effective_n)) e.quality |= kLowEffectiveN;
  }
  return out;
}

}  // namespace nrs::survey
