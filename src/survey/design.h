#pragma once

// A complex sample design — weights, strata, clusters (primary sampling units), finite population correction
// and any calibration of the weights — and the Taylor-linearised variance of a design-weighted total.
//
// Every estimate of this folder is a smooth function of design-weighted totals; its variance is the variance of
// the total of its influence values u (one per row): V(Σ wᵢuᵢ). `Design::Variance` computes it with the
// one-stage ("ultimate cluster") formula of Cochran and of R's `survey` (svyrecvar):
//   V = Σ_h (1 − f_h) · n_h/(n_h − 1) · Σ_i (z_hi − z̄_h)²,  z_hi = Σ_{rows of PSU i} wᵢuᵢ,
// n_h the PSUs of stratum h, f_h = n_h/N_h the sampling fraction (0 without an fpc).

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "nrs/result.h"

namespace nrs::survey {

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

// What a stratum with a single PSU contributes to a variance (R's options("survey.lonely.psu")).
enum class LonelyPsu {
  kFail,       // refuse the design (R's default)
  kRemove,     // contributes nothing
  kAdjust,     // its PSU total is centred at the overall mean (zero) instead of the stratum mean
  kCertainty,  // sampled with certainty: contributes nothing
};

struct DesignInput {
  std::vector<double> weights{};        // one per row, finite and > 0
  std::vector<std::string> strata{};    // one per row, or empty for an unstratified design
  std::vector<std::string> clusters{};  // one per row (PSU ids, nested in strata), or empty: each row is a PSU
  // One per row, or empty (sampling with replacement). Constant within a stratum: the number of PSUs in the
  // stratum's population (≥ the sampled PSUs), or, when every value is ≤ 1, the sampling fraction.
  std::vector<double> fpc{};
  LonelyPsu lonely_psu = LonelyPsu::kFail;
};

// How calibration changed the weights, kept so that variances use the calibration residuals (the variance of a
// calibrated estimator is that of the residuals of its influence values from the calibration groups).
struct CalibrationStep {
  enum class Kind { kPostStratification, kRaking };
  Kind kind = Kind::kPostStratification;
  // Post-stratification: one margin. Raking: the margins in the order they were applied in the last sweep.
  std::vector<std::vector<std::int32_t>> category_of_row;
  // The weights just after each margin's adjustment (parallel to category_of_row).
  std::vector<std::vector<double>> weights_after;
  std::vector<double> weights_before;  // post-stratification: the weights it started from
};

class Design {
 public:
  // Checks and indexes a design. Errors: kInvalidArgument naming the row (0-based + 1) and the problem:
  // columns of different lengths, a weight that is not finite and positive, an fpc that varies within a
  // stratum or is below the number of sampled PSUs, a stratum with one PSU under LonelyPsu::kFail.
  static Result<Design> Make(DesignInput input);

  std::size_t rows() const { return weights_.size(); }
  std::span<const double> Weights() const { return weights_; }
  std::size_t PsuCount() const { return stratum_of_psu_.size(); }
  std::size_t StratumCount() const { return stratum_psus_.size(); }
  // Dense ids: the PSU of each row, the stratum of each PSU.
  std::span<const std::int32_t> PsuOfRow() const { return psu_of_row_; }
  std::span<const std::int32_t> StratumOfPsu() const { return stratum_of_psu_; }
  // Sum of the weights.
  double Population() const { return population_; }
  bool Calibrated() const { return !calibration_.empty(); }
  const std::vector<CalibrationStep>& Calibration() const { return calibration_; }

  // Design degrees of freedom of the rows in `rows` (all rows when `rows` is empty): PSUs − strata among them.
  double DegreesOfFreedom(std::span<const std::size_t> rows = {}) const;

  // V(Σ wᵢuᵢ) where `weighted[i]` = wᵢuᵢ (one value per row; zero outside a domain), after calibration
  // residuals when the design is calibrated.
  double Variance(std::span<const double> weighted) const;
  // The same for a vector that is zero except at `rows` (values parallel to `rows`); O(len(rows)) for an
  // uncalibrated design.
  double SparseVariance(std::span<const std::size_t> rows, std::span<const double> values) const;

  // The same design with new weights and one more calibration step (used by calibration.h).
  Design WithCalibration(std::vector<double> weights, CalibrationStep step) const;

 private:
  Design() = default;
  double VarianceOfPsuTotals(std::span<const std::int32_t> touched) const;
  std::vector<double> Residuals(std::span<const double> weighted) const;

  std::vector<double> weights_;
  std::vector<std::int32_t> psu_of_row_;
  std::vector<std::int32_t> stratum_of_psu_;
  std::vector<std::int32_t> stratum_psus_;  // n_h
  std::vector<double> stratum_scale_;       // (1 − f_h) n_h/(n_h − 1), or the lonely-PSU rule's factor
  std::vector<bool> stratum_centred_;       // false: a lonely PSU under kAdjust (centred at zero)
  double population_ = 0;
  std::vector<CalibrationStep> calibration_;
  // Scratch for SparseVariance (PSU totals, zero between calls).
  mutable std::vector<double> psu_total_;
  mutable std::vector<double> stratum_sum_;
  mutable std::vector<double> stratum_sum_sq_;
};

}  // namespace nrs::survey
