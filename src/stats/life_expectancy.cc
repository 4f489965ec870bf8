#include "stats/life_expectancy.h"

#include <algorithm>

#include "stats/distributions.h"

namespace nrs::stats {
namespace {

constexpr std::size_t kBands = kLifeTableStartAges.size();
constexpr double kRadix = 100000;  // l₀, the table's starting cohort

// The problem that stops a group's table, checked in the order PHEindicatormethods checks them.
Reason CheckGroup(const LifeTableInput& in, std::span<const std::size_t> rows, const LifeExpectancyOptions& options) {
  for (const std::size_t r : rows) {
    if (IsMissing(in.deaths[r])) return Reason::kMissingValue;
    if (in.deaths[r] < 0) return Reason::kNegativeDeaths;
  }
  for (const std::size_t r : rows) {
    if (!(in.population[r] > 0)) return Reason::kZeroPopulationBand;
  }
  if (rows.size() != kBands) return Reason::kIncompleteAgeBands;
  for (std::size_t i = 0; i < kBands; ++i) {
    if (in.start_age[rows[i]] != kLifeTableStartAges[i]) return Reason::kIncompleteAgeBands;
  }
  double total = 0;
  for (const std::size_t r : rows) {
    if (in.deaths[r] > in.population[r]) return Reason::kDeathsAbovePopulation;
    total += in.population[r];
  }
  if (total <= options.minimum_population) return Reason::kPopulationUnder5000;
  if (in.deaths[rows[kBands - 1]] == 0) return Reason::kNoDeathsInOpenBand;
  return Reason::kNone;
}

}  // namespace

Status LifeExpectancyOptions::Validate() const {
  NRS_RETURN_IF_ERROR(ValidateConfidence(confidence));
  if (!(minimum_population >= 0) || !(maximum_interval_width > 0)) {
    return Status::InvalidArgument("the minimum population must be ≥ 0 and the maximum interval width > 0");
  }
  return Status::Ok();
}

// Chiang's method II for the abridged table (Chiang 1968; ONS practice), with the fraction of the interval
// lived by those dying aᵢ = 0.1 in the first year and 0.5 elsewhere. The variance is Chiang's, plus Silcocks
// et al.'s (2001) term for the open interval, where life expectancy is 1/M rather than a survival probability.
// Written as PHEindicatormethods writes it, including its guard that qᵢ = 1 when the deaths exceed what the
// interval allows.
Result<Estimates> LifeExpectancy(const LifeTableInput& input, const Groups& groups,
                                 const LifeExpectancyOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  const std::size_t rows = groups.rows();
  if (input.deaths.size() != rows || input.population.size() != rows || input.start_age.size() != rows) {
    return Status::InvalidArgument("the life-table columns differ in length from the {} rows", rows);
  }
  Estimates out(rows, options.confidence);
  std::vector<double> z;
  for (const double level : options.confidence) z.push_back(TwoSidedZ(level));
  const double z95 = TwoSidedZ(0.95);

  std::array<double, kBands> n{}, a{}, m{}, q{}, l{}, d{}, big_l{}, t{}, e{}, sp{}, w{}, st{};
  for (std::vector<std::size_t>& members : groups.Members()) {
    std::stable_sort(members.begin(), members.end(),
                     [&](std::size_t x, std::size_t y) { return input.start_age[x] < input.start_age[y]; });
    const Reason problem = CheckGroup(input, members, options);
    if (problem != Reason::kNone) {
      for (const std::size_t r : members) out.reason[r] = problem;
      continue;
    }
    const auto deaths = [&](std::size_t i) { return input.deaths[members[i]]; };
    const auto population = [&](std::size_t i) { return input.population[members[i]]; };
    for (std::size_t i = 0; i < kBands; ++i) {
      m[i] = deaths(i) / population(i);
      a[i] = kLifeTableStartAges[i] == 0 ? 0.1 : 0.5;
      n[i] = i + 1 < kBands ? kLifeTableStartAges[i + 1] - kLifeTableStartAges[i] : 2 / m[i];
      q[i] = deaths(i) <= population(i) / n[i] / a[i] ? m[i] * n[i] / (1 + m[i] * n[i] * (1 - a[i])) : 1;
      l[i] = i == 0 ? kRadix : l[i - 1] * (1 - q[i - 1]);
    }
    for (std::size_t i = 0; i < kBands; ++i) {
      const double next = i + 1 < kBands ? l[i + 1] : 0;
      d[i] = l[i] - next;
      big_l[i] = i + 1 < kBands ? n[i] * (next + a[i] * d[i]) : l[i] / m[i];
    }
    for (std::size_t i = kBands; i-- > 0;) t[i] = big_l[i] + (i + 1 < kBands ? t[i + 1] : 0);
    for (std::size_t i = 0; i < kBands; ++i) e[i] = l[i] == 0 ? 0 : t[i] / l[i];
    for (std::size_t i = 0; i < kBands; ++i) {
      if (i + 1 < kBands) {
        sp[i] = d[i] == 0 ? 0 : q[i] * q[i] * (1 - q[i]) / deaths(i);
        const double span = (1 - a[i]) * n[i] + e[i + 1];
        w[i] = sp[i] * l[i] * l[i] * span * span;
      } else {
        sp[i] = 4 / (deaths(i) * m[i] * m[i]);  // Silcocks: variance of 1/M for the open interval
        w[i] = (l[i] / 2) * (l[i] / 2) * sp[i];
      }
    }
    for (std::size_t i = kBands; i-- > 0;) st[i] = w[i] + (i + 1 < kBands ? st[i + 1] : 0);
    for (std::size_t i = 0; i < kBands; ++i) {
      const std::size_t r = members[i];
      const double se = std::sqrt(st[i] / (l[i] * l[i]));
      if (!std::isfinite(e[i]) || !std::isfinite(se) || l[i] == 0) {
        out.reason[r] = Reason::kNoSurvivorsToThisAge;
        continue;
      }
      out.value[r] = e[i];
      for (std::size_t k = 0; k < z.size(); ++k) {
        out.lower[k][r] = e[i] - z[k] * se;
        out.upper[k][r] = e[i] + z[k] * se;
      }
      out.method[r] = Method::kChiangSilcocks;
      // Published values are suppressed (their intervals kept) when the 95% interval spans more than 20 years.
      if (2 * z95 * se > options.maximum_interval_width) {
        out.value[r] = kMissing;
        out.reason[r] = Reason::kIntervalWiderThan20Years;
      }
    }
  }
  return out;
}

}  // namespace nrs::stats
