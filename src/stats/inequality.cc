#include "stats/inequality.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <set>

namespace nrs::stats {
namespace {

constexpr std::size_t kMinimumQuantiles = 5;
constexpr std::size_t kMaximumQuantiles = 100;

// A reproducible stream of standard normal draws: std::mt19937_64, whose output sequence the C++ standard
// fixes, and the Box–Muller transform, so the limits do not depend on a library's normal_distribution.
class NormalDraws {
 public:
  explicit NormalDraws(std::uint64_t seed) : engine_(seed) {}

  double Next() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double radius = std::sqrt(-2 * std::log(Uniform()));
    const double angle = 2 * std::numbers::pi * Uniform();
    spare_ = radius * std::sin(angle);
    has_spare_ = true;
    return radius * std::cos(angle);
  }

 private:
  // Uniform on (0, 1]: 53 random bits, never 0 (the logarithm above needs that).
  double Uniform() { return (static_cast<double>(engine_() >> 11) + 1) * 0x1.0p-53; }

  std::mt19937_64 engine_;
  double spare_ = 0;
  bool has_spare_ = false;
};

// A separate stream per group (SplitMix64 of the seed and the group's number): a group's limits do not depend
// on the other groups in the input.
std::uint64_t GroupSeed(std::uint64_t seed, std::size_t group) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (static_cast<std::uint64_t>(group) + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

double Transform(SiiValueType type, double v) {
  switch (type) {
    case SiiValueType::kRate:
      return std::log(v);
    case SiiValueType::kProportion:
      return std::log(v / (1 - v));
    case SiiValueType::kNormal:
      break;
  }
  return v;
}

double Inverse(SiiValueType type, double y) {
  switch (type) {
    case SiiValueType::kRate:
      return std::exp(y);
    case SiiValueType::kProportion:
      return std::exp(y) / (1 + std::exp(y));
    case SiiValueType::kNormal:
      break;
  }
  return y;
}

bool InRange(SiiValueType type, double v) {
  switch (type) {
    case SiiValueType::kRate:
      return v > 0;
    case SiiValueType::kProportion:
      return v > 0 && v < 1;
    case SiiValueType::kNormal:
      break;
  }
  return std::isfinite(v);
}

// R's round(): halves to even (the default rounding mode of nearbyint).
std::size_t Position(double at, std::size_t count) {
  const double rounded = std::nearbyint(at);
  return std::clamp<std::size_t>(rounded < 1 ? 1 : static_cast<std::size_t>(rounded), 1, count);
}

struct Quantile {
  double mean = 0;  // on the simulation scale (log or logit for rates and proportions)
  double se = 0;
  double value = 0;  // as given
  double population = 0;
};

// The row-level checks, in the order PHEindicatormethods applies them.
Reason Prepare(const SiiInput& in, std::size_t r, const SiiOptions& options, Quantile* q) {
  const SiiValueType type = options.value_type;
  q->population = in.population[r];
  if (!(q->population > 0)) return Reason::kInvalidPopulation;
  q->value = !in.value.empty() ? in.value[r] : in.x[r] / q->population;
  if (IsMissing(q->value)) return Reason::kMissingValue;
  if (!InRange(type, q->value)) return Reason::kValueOutOfRange;
  q->mean = Transform(type, q->value);
  if (!in.se.empty()) {
    q->se = in.se[r];
    if (IsMissing(q->se)) return Reason::kMissingStandardError;
    if (q->se < 0) return Reason::kNegativeStandardError;
    return Reason::kNone;
  }
  const double lower = in.lower[r];
  const double upper = in.upper[r];
  if (IsMissing(lower) || IsMissing(upper)) return Reason::kMissingStandardError;
  if (!InRange(type, lower) || !InRange(type, upper) || lower > upper) return Reason::kInvalidConfidenceLimits;
  // The limits given are 95% limits, whatever the levels asked for the SII.
  q->se = (Transform(type, upper) - Transform(type, lower)) / 2 / TwoSidedZ(0.95);
  return Reason::kNone;
}

}  // namespace

Status SiiOptions::Validate() const {
  NRS_RETURN_IF_ERROR(ValidateConfidence(confidence));
  if (repetitions < 1) return Status::InvalidArgument("the number of repetitions must be at least 1");
  if (multiplier == 0 || !std::isfinite(multiplier)) {
    return Status::InvalidArgument("the multiplier must be a non-zero number, not {}", multiplier);
  }
  return Status::Ok();
}

// Low and Low (2004), as in the technical guidance: each quantile gets the relative rank b at the midpoint of
// its share a of the population; the model y·√a = α·√a + β·b·√a (weighted least squares, weights a, for the
// heteroskedasticity of quantile values) gives SII = β, the fitted difference between rank 1 and rank 0, and
// RII = (α + β)/α. The limits are percentiles of SIIs refitted to values drawn from N(value, se) — on the log
// or logit scale for rates and proportions, as PHEindicatormethods draws them — with the percentile positions
// rounded as R rounds them.
Result<SiiResult> SlopeIndexOfInequality(const SiiInput& input, const Groups& groups, const SiiOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  const std::size_t rows = groups.rows();
  const bool have_value = !input.value.empty();
  if (!have_value && input.x.empty()) return Status::InvalidArgument("the SII needs values, or counts for proportions");
  if (!have_value && options.value_type != SiiValueType::kProportion) {
    return Status::InvalidArgument("values may be derived from counts only for proportions");
  }
  if (input.se.empty() && (input.lower.empty() || input.upper.empty())) {
    return Status::InvalidArgument("the SII needs standard errors, or both 95% confidence limits");
  }
  const auto sized = [&](std::span<const double> c) { return c.empty() || c.size() == rows; };
  if (input.quantile.size() != rows || input.population.size() != rows || !sized(input.value) || !sized(input.x) ||
      !sized(input.se) || !sized(input.lower) || !sized(input.upper)) {
    return Status::InvalidArgument("the SII columns differ in length from the {} rows", rows);
  }

  const std::size_t levels = options.confidence.size();
  SiiResult out;
  out.levels = options.confidence;
  out.sii.assign(groups.count, kMissing);
  out.rii.assign(groups.count, kMissing);
  out.intercept.assign(groups.count, kMissing);
  out.sii_lower.assign(levels, std::vector<double>(groups.count, kMissing));
  out.sii_upper = out.rii_lower = out.rii_upper = out.sii_lower;
  out.reason.assign(groups.count, Reason::kNone);

  // The quantiles are those present anywhere in the input, as PHEindicatormethods counts them.
  std::set<double> present;
  for (const double q : input.quantile) {
    if (!IsMissing(q)) present.insert(q);
  }
  const std::vector<double> quantiles(present.begin(), present.end());
  const std::size_t count = quantiles.size();
  if (count < kMinimumQuantiles || count > kMaximumQuantiles) {
    out.reason.assign(groups.count, Reason::kTooFewQuantiles);
    return out;
  }

  const SiiValueType type = options.value_type;
  const bool transform = options.transform && type != SiiValueType::kNormal;
  const double m = options.multiplier;
  const auto reps = static_cast<std::size_t>(options.repetitions);
  std::vector<Quantile> q(count);
  std::vector<double> p0(count), p1(count), root_a(count), sii_draws(reps), rii_draws(reps);
  std::size_t group = 0;
  for (std::vector<std::size_t>& members : groups.Members()) {
    const std::size_t g = group++;
    std::stable_sort(members.begin(), members.end(),
                     [&](std::size_t a, std::size_t b) { return input.quantile[a] < input.quantile[b]; });
    if (members.size() != count) {
      out.reason[g] = Reason::kIncompleteQuantiles;
      continue;
    }
    for (std::size_t i = 0; i < count && out.reason[g] == Reason::kNone; ++i) {
      if (input.quantile[members[i]] != quantiles[i]) {
        out.reason[g] = Reason::kIncompleteQuantiles;
      } else {
        out.reason[g] = Prepare(input, members[i], options, &q[i]);
      }
    }
    if (out.reason[g] != Reason::kNone) continue;

    // The design: columns √a and b√a.
    double total = 0;
    for (const Quantile& x : q) total += x.population;
    double cumulative = 0, saa = 0, sab = 0, sbb = 0;
    std::vector<double> b(count);
    for (std::size_t i = 0; i < count; ++i) {
      const double a = q[i].population / total;
      b[i] = cumulative + a / 2;
      cumulative += a;
      root_a[i] = std::sqrt(a);
      saa += a;
      sab += a * b[i];
      sbb += a * b[i] * b[i];
    }
    // (α, β) = (XᵀX)⁻¹Xᵀ(y√a): each y enters with weight a = √a·√a, folded into p0 and p1.
    const double det = saa * sbb - sab * sab;
    for (std::size_t i = 0; i < count; ++i) {
      const double a = root_a[i] * root_a[i];
      p0[i] = (sbb - sab * b[i]) / det * a;
      p1[i] = (saa * b[i] - sab) / det * a;
    }
    const auto fit = [&](const auto& y, double* alpha, double* beta) {
      double s0 = 0, s1 = 0;
      for (std::size_t i = 0; i < count; ++i) {
        s0 += p0[i] * y(i);
        s1 += p1[i] * y(i);
      }
      *alpha = s0;
      *beta = s1;
    };
    // The fitted indices, back on the value scale when the fit is on the log or logit scale.
    const auto indices = [&](double alpha, double beta, double* sii, double* rii, double* intercept) {
      if (transform) {
        const double y0 = Inverse(type, alpha);
        const double y1 = Inverse(type, alpha + beta);
        *sii = y1 - y0;
        *rii = y1 / y0;
        *intercept = y0;
      } else {
        *sii = beta;
        *rii = (alpha + beta) / alpha;
        *intercept = alpha;
      }
    };

    double alpha = 0, beta = 0, sii = 0, rii = 0, intercept = 0;
    fit([&](std::size_t i) { return transform ? q[i].mean : q[i].value; }, &alpha, &beta);
    indices(alpha, beta, &sii, &rii, &intercept);
    out.sii[g] = sii * m;
    out.rii[g] = m < 0 ? 1 / rii : rii;
    out.intercept[g] = intercept;

    NormalDraws draws(GroupSeed(options.seed, g));
    std::vector<double> y(count);
    for (std::size_t r = 0; r < reps; ++r) {
      for (std::size_t i = 0; i < count; ++i) {
        const double drawn = q[i].mean + q[i].se * draws.Next();
        y[i] = transform ? drawn : Inverse(type, drawn);
      }
      fit([&](std::size_t i) { return y[i]; }, &alpha, &beta);
      indices(alpha, beta, &sii, &rii, &intercept);
      sii_draws[r] = sii * m;
      rii_draws[r] = m < 0 ? 1 / rii : rii;
    }
    std::sort(sii_draws.begin(), sii_draws.end());
    std::sort(rii_draws.begin(), rii_draws.end());
    for (std::size_t l = 0; l < levels; ++l) {
      const double upper_p = options.confidence[l] + (1 - options.confidence[l]) / 2;
      const std::size_t lo = Position(static_cast<double>(reps) * (1 - upper_p), reps) - 1;
      const std::size_t hi = Position(static_cast<double>(reps) * upper_p, reps) - 1;
      out.sii_lower[l][g] = sii_draws[lo];
      out.sii_upper[l][g] = sii_draws[hi];
      out.rii_lower[l][g] = rii_draws[lo];
      out.rii_upper[l][g] = rii_draws[hi];
    }
  }
  return out;
}

}  // namespace nrs::stats
