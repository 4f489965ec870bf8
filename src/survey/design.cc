#include "survey/design.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <utility>

namespace nrs::survey {
namespace {

// Dense ids for string keys in order of first appearance.
std::vector<std::int32_t> Encode(const std::vector<std::string>& keys, std::size_t rows, std::int32_t* count) {
  std::vector<std::int32_t> ids(rows, 0);
  if (keys.empty()) {
    *count = 1;
    return ids;
  }
  std::unordered_map<std::string_view, std::int32_t> seen;
  seen.reserve(rows / 4 + 1);
  for (std::size_t i = 0; i < rows; ++i) {
    const auto [it, added] = seen.emplace(keys[i], static_cast<std::int32_t>(seen.size()));
    ids[i] = it->second;
  }
  *count = static_cast<std::int32_t>(seen.size());
  return ids;
}

}  // namespace

Result<Design> Design::Make(DesignInput input) {
  const std::size_t n = input.weights.size();
  if (n == 0) return Status::InvalidArgument("the design has no rows");
  const auto check_length = [n](std::size_t size, const char* what) -> Status {
    if (size != 0 && size != n) {
      return Status::InvalidArgument("the design's {} column has {} values for {} rows", what, size, n);
    }
    return Status::Ok();
  };
  NRS_RETURN_IF_ERROR(check_length(input.strata.size(), "strata"));
  NRS_RETURN_IF_ERROR(check_length(input.clusters.size(), "cluster"));
  NRS_RETURN_IF_ERROR(check_length(input.fpc.size(), "fpc"));
  Design d;
  for (std::size_t i = 0; i < n; ++i) {
    const double w = input.weights[i];
    if (!std::isfinite(w) || w <= 0) {
      return Status::InvalidArgument("row {}: weight {} is not a finite number above zero", i + 1, w);
    }
    d.population_ += w;
  }
  std::int32_t strata = 0;
  const std::vector<std::int32_t> stratum_of_row = Encode(input.strata, n, &strata);

  // PSUs are nested in strata (R's nest = TRUE): the same cluster id in two strata names two PSUs.
  d.psu_of_row_.resize(n);
  if (input.clusters.empty()) {
    for (std::size_t i = 0; i < n; ++i) {
      d.psu_of_row_[i] = static_cast<std::int32_t>(i);
      d.stratum_of_psu_.push_back(stratum_of_row[i]);
    }
  } else {
    std::int32_t clusters = 0;
    const std::vector<std::int32_t> cluster_of_row = Encode(input.clusters, n, &clusters);
    std::unordered_map<std::int64_t, std::int32_t> psu_ids;
    psu_ids.reserve(static_cast<std::size_t>(clusters) + 1);
    for (std::size_t i = 0; i < n; ++i) {
      const std::int64_t key = static_cast<std::int64_t>(stratum_of_row[i]) * clusters + cluster_of_row[i];
      const auto [it, added] = psu_ids.emplace(key, static_cast<std::int32_t>(d.stratum_of_psu_.size()));
      if (added) d.stratum_of_psu_.push_back(stratum_of_row[i]);
      d.psu_of_row_[i] = it->second;
    }
  }
  d.stratum_psus_.assign(static_cast<std::size_t>(strata), 0);
  for (const std::int32_t h : d.stratum_of_psu_) ++d.stratum_psus_[static_cast<std::size_t>(h)];

  // Sampling fractions per stratum from the fpc column.
  std::vector<double> fraction(static_cast<std::size_t>(strata), 0.0);
  if (!input.fpc.empty()) {
    const bool fractions = std::all_of(input.fpc.begin(), input.fpc.end(), [](double v) { return v <= 1; });
    std::vector<double> seen(static_cast<std::size_t>(strata), kMissing);
    for (std::size_t i = 0; i < n; ++i) {
      const double v = input.fpc[i];
      const auto h = static_cast<std::size_t>(stratum_of_row[i]);
      if (!std::isfinite(v) || v <= 0) {
        return Status::InvalidArgument("row {}: fpc {} is not a finite number above zero", i + 1, v);
      }
      if (std::isnan(seen[h])) {
        seen[h] = v;
      } else if (seen[h] != v) {
        return Status::InvalidArgument("row {}: fpc {} differs from {} earlier in the same stratum", i + 1, v, seen[h]);
      }
    }
    for (std::size_t h = 0; h < seen.size(); ++h) {
      const double sampled = d.stratum_psus_[h];
      if (fractions) {
        fraction[h] = seen[h];
      } else {
        if (seen[h] < sampled) {
          return Status::InvalidArgument("fpc {} is below the {} PSUs sampled in its stratum", seen[h], sampled);
        }
        fraction[h] = sampled / seen[h];
      }
    }
  }
  d.stratum_scale_.resize(static_cast<std::size_t>(strata));
  d.stratum_centred_.assign(static_cast<std::size_t>(strata), true);
  for (std::size_t h = 0; h < d.stratum_scale_.size(); ++h) {
    const double nh = d.stratum_psus_[h];
    const double fpc_factor = 1 - fraction[h];
    if (nh > 1) {
      d.stratum_scale_[h] = fpc_factor * nh / (nh - 1);
      continue;
    }
    // A lonely PSU: R's onestrat.
    switch (input.lonely_psu) {
      case LonelyPsu::kFail:
        if (fpc_factor > 1e-7) {
          const auto first = std::find(stratum_of_row.begin(), stratum_of_row.end(), static_cast<std::int32_t>(h));
          const std::string name = input.strata.empty()
                                       ? "(all rows)"
                                       : input.strata[static_cast<std::size_t>(first - stratum_of_row.begin())];
          return Status::InvalidArgument(
              "stratum '{}' has only one PSU; say how to treat it (remove, adjust or certainty)", name);
        }
        d.stratum_scale_[h] = 0;
        break;
      case LonelyPsu::kRemove:
      case LonelyPsu::kCertainty:
        d.stratum_scale_[h] = 0;
        break;
      case LonelyPsu::kAdjust:
        d.stratum_scale_[h] = fpc_factor;
        d.stratum_centred_[h] = false;
        break;
    }
  }
  d.weights_ = std::move(input.weights);
  d.psu_total_.assign(d.PsuCount(), 0.0);
  d.stratum_sum_.assign(static_cast<std::size_t>(strata), 0.0);
  d.stratum_sum_sq_.assign(static_cast<std::size_t>(strata), 0.0);
  return d;
}

double Design::DegreesOfFreedom(std::span<const std::size_t> rows) const {
  if (rows.empty()) return static_cast<double>(PsuCount()) - static_cast<double>(StratumCount());
  std::vector<std::int32_t> psus;
  psus.reserve(rows.size());
  for (const std::size_t r : rows) psus.push_back(psu_of_row_[r]);
  std::sort(psus.begin(), psus.end());
  psus.erase(std::unique(psus.begin(), psus.end()), psus.end());
  std::vector<std::int32_t> strata;
  strata.reserve(psus.size());
  for (const std::int32_t p : psus) strata.push_back(stratum_of_psu_[static_cast<std::size_t>(p)]);
  std::sort(strata.begin(), strata.end());
  strata.erase(std::unique(strata.begin(), strata.end()), strata.end());
  return static_cast<double>(psus.size()) - static_cast<double>(strata.size());
}

// Σ_h scale_h Σ_i (z_hi − z̄_h)² = Σ_h scale_h (Σ z² − (Σ z)²/n_h): only PSUs with a non-zero total need to be
// visited, the others contribute through n_h alone. Clears the PSU totals it reads.
double Design::VarianceOfPsuTotals(std::span<const std::int32_t> touched) const {
  std::vector<std::int32_t> strata_seen;
  for (const std::int32_t p : touched) {
    double& z = psu_total_[static_cast<std::size_t>(p)];
    if (z == 0) continue;
    const auto h = static_cast<std::size_t>(stratum_of_psu_[static_cast<std::size_t>(p)]);
    if (stratum_sum_[h] == 0 && stratum_sum_sq_[h] == 0) strata_seen.push_back(static_cast<std::int32_t>(h));
    stratum_sum_[h] += z;
    stratum_sum_sq_[h] += z * z;
    z = 0;
  }
  double variance = 0;
  for (const std::int32_t hs : strata_seen) {
    const auto h = static_cast<std::size_t>(hs);
    const double sum = stratum_sum_[h];
    const double sum_sq = stratum_sum_sq_[h];
    const double centred = stratum_centred_[h] ? sum_sq - sum * sum / stratum_psus_[h] : sum_sq;
    variance += stratum_scale_[h] * std::max(centred, 0.0);
    stratum_sum_[h] = 0;
    stratum_sum_sq_[h] = 0;
  }
  return variance;
}

// Calibration residuals, as R's svyrecvar: for post-stratification, x − psw · (Σ_g x·w₀/psw / Σ_g w₀); for
// raking, ten sweeps of x − psw · mean_g(x/psw) over the margins (the unweighted group mean, as R has it).
std::vector<double> Design::Residuals(std::span<const double> weighted) const {
  std::vector<double> x(weighted.begin(), weighted.end());
  for (const CalibrationStep& step : calibration_) {
    if (step.kind == CalibrationStep::Kind::kPostStratification) {
      const std::vector<std::int32_t>& group = step.category_of_row[0];
      const std::vector<double>& after = step.weights_after[0];
      const std::int32_t groups = *std::max_element(group.begin(), group.end()) + 1;
      std::vector<double> numerator(static_cast<std::size_t>(groups), 0.0);
      std::vector<double> denominator(static_cast<std::size_t>(groups), 0.0);
      for (std::size_t i = 0; i < x.size(); ++i) {
        const auto g = static_cast<std::size_t>(group[i]);
        numerator[g] += x[i] * step.weights_before[i] / after[i];
        denominator[g] += step.weights_before[i];
      }
      for (std::size_t i = 0; i < x.size(); ++i) {
        const auto g = static_cast<std::size_t>(group[i]);
        x[i] -= numerator[g] / denominator[g] * after[i];
      }
      continue;
    }
    for (int sweep = 0; sweep < 10; ++sweep) {
      for (std::size_t m = 0; m < step.category_of_row.size(); ++m) {
        const std::vector<std::int32_t>& group = step.category_of_row[m];
        const std::vector<double>& psw = step.weights_after[m];
        const std::int32_t groups = *std::max_element(group.begin(), group.end()) + 1;
        std::vector<double> sum(static_cast<std::size_t>(groups), 0.0);
        std::vector<double> count(static_cast<std::size_t>(groups), 0.0);
        for (std::size_t i = 0; i < x.size(); ++i) {
          const auto g = static_cast<std::size_t>(group[i]);
          sum[g] += x[i] / psw[i];
          count[g] += 1;
        }
        for (std::size_t i = 0; i < x.size(); ++i) {
          const auto g = static_cast<std::size_t>(group[i]);
          x[i] -= psw[i] * sum[g] / count[g];
        }
      }
    }
  }
  return x;
}

double Design::Variance(std::span<const double> weighted) const {
  const std::vector<double> x = Calibrated() ? Residuals(weighted) : std::vector<double>{};
  const std::span<const double> values = Calibrated() ? std::span<const double>(x) : weighted;
  std::vector<std::int32_t> touched;
  touched.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] == 0) continue;
    const std::int32_t p = psu_of_row_[i];
    psu_total_[static_cast<std::size_t>(p)] += values[i];
    touched.push_back(p);
  }
  return VarianceOfPsuTotals(touched);
}

double Design::SparseVariance(std::span<const std::size_t> rows, std::span<const double> values) const {
  if (Calibrated()) {
    std::vector<double> dense(weights_.size(), 0.0);
    for (std::size_t k = 0; k < rows.size(); ++k) dense[rows[k]] += values[k];
    return Variance(dense);
  }
  std::vector<std::int32_t> touched;
  touched.reserve(rows.size());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const std::int32_t p = psu_of_row_[rows[k]];
    psu_total_[static_cast<std::size_t>(p)] += values[k];
    touched.push_back(p);
  }
  return VarianceOfPsuTotals(touched);
}

Design Design::WithCalibration(std::vector<double> weights, CalibrationStep step) const {
  Design d = *this;
  d.weights_ = std::move(weights);
  d.population_ = 0;
  for (const double w : d.weights_) d.population_ += w;
  d.calibration_.push_back(std::move(step));
  return d;
}

}  // namespace nrs::survey
