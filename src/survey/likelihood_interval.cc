#include "survey/likelihood_interval.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include "stats/distributions.h"

namespace nrs::survey {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double Expit(double x) { return 1 / (1 + std::exp(-x)); }

// Binomial deviance above its minimum, per unit weight: 2·KL(p‖μ).
double DevianceGap(double p, double mu) {
  double d = 0;
  if (p > 0) d += p * std::log(p / mu);
  if (p < 1) d += (1 - p) * std::log((1 - p) / (1 - mu));
  return 2 * d;
}

// The cubic spline of Forsythe, Malcolm and Moler (1977): end conditions from the third derivative of the cubic
// through the four points nearest each end. R's spline(method = "fmm") uses it; so do we, to read the profile
// as R reads it.
class FmmSpline {
 public:
  FmmSpline(std::vector<double> x, std::vector<double> y) : x_(std::move(x)), y_(std::move(y)) {
    const std::size_t n = x_.size();
    b_.assign(n, 0);
    c_.assign(n, 0);
    d_.assign(n, 0);
    if (n < 2) return;
    if (n < 3) {
      const double slope = (y_[1] - y_[0]) / (x_[1] - x_[0]);
      b_[0] = b_[1] = slope;
      return;
    }
    const std::size_t last = n - 1;
    // Tridiagonal system: b diagonal, d off-diagonal, c right-hand side.
    d_[0] = x_[1] - x_[0];
    c_[1] = (y_[1] - y_[0]) / d_[0];
    for (std::size_t i = 1; i < last; ++i) {
      d_[i] = x_[i + 1] - x_[i];
      b_[i] = 2 * (d_[i - 1] + d_[i]);
      c_[i + 1] = (y_[i + 1] - y_[i]) / d_[i];
      c_[i] = c_[i + 1] - c_[i];
    }
    b_[0] = -d_[0];
    b_[last] = -d_[n - 2];
    c_[0] = 0;
    c_[last] = 0;
    if (n > 3) {
      c_[0] = c_[2] / (x_[3] - x_[1]) - c_[1] / (x_[2] - x_[0]);
      c_[last] = c_[n - 2] / (x_[last] - x_[n - 3]) - c_[n - 3] / (x_[n - 2] - x_[n - 4]);
      c_[0] = c_[0] * d_[0] * d_[0] / (x_[3] - x_[0]);
      c_[last] = -c_[last] * d_[n - 2] * d_[n - 2] / (x_[last] - x_[n - 4]);
    }
    for (std::size_t i = 1; i <= last; ++i) {
      const double t = d_[i - 1] / b_[i - 1];
      b_[i] -= t * d_[i - 1];
      c_[i] -= t * c_[i - 1];
    }
    c_[last] /= b_[last];
    for (std::size_t i = last; i-- > 0;) c_[i] = (c_[i] - d_[i] * c_[i + 1]) / b_[i];
    b_[last] = (y_[last] - y_[n - 2]) / d_[n - 2] + d_[n - 2] * (c_[n - 2] + 2 * c_[last]);
    for (std::size_t i = 0; i < last; ++i) {
      b_[i] = (y_[i + 1] - y_[i]) / d_[i] - d_[i] * (c_[i + 1] + 2 * c_[i]);
      d_[i] = (c_[i + 1] - c_[i]) / d_[i];
      c_[i] = 3 * c_[i];
    }
    c_[last] = 3 * c_[last];
    d_[last] = d_[n - 2];
  }

  double operator()(double u) const {
    const auto it = std::upper_bound(x_.begin(), x_.end(), u);
    std::size_t i = it == x_.begin() ? 0 : static_cast<std::size_t>(it - x_.begin()) - 1;
    if (i >= x_.size() - 1 && x_.size() > 1) i = x_.size() - 2;
    const double dx = u - x_[i];
    return y_[i] + dx * (b_[i] + dx * (c_[i] + dx * d_[i]));
  }

 private:
  std::vector<double> x_, y_, b_, c_, d_;
};

// Linear interpolation of x at y = target over points sorted by y (R's approx(y, x, xout), rule 1: NaN outside).
double InverseLinear(const std::vector<std::pair<double, double>>& by_y, double target) {
  if (by_y.empty() || target < by_y.front().first || target > by_y.back().first) return kNaN;
  const auto hi = std::lower_bound(by_y.begin(), by_y.end(), target,
                                   [](const std::pair<double, double>& a, double v) { return a.first < v; });
  if (hi == by_y.begin()) return hi->second;
  const auto lo = hi - 1;
  if (hi->first == target) return hi->second;
  return lo->second + (hi->second - lo->second) * (target - lo->first) / (hi->first - lo->first);
}

}  // namespace

// MASS's profile.glm as survey carries it (MASSprofile_glm): from the estimate β̂ = logit p̂, up to 9 steps of
// del·se in each direction (del = zmax/5, zmax the F(1, n − 1) quantile of the scaled level, se the design
// standard error of β̂), stopping past zmax; z = ±√(deviance gap/φ). Then confint_profile: spline(β, z) on
// 3·(points) equally spaced β, and β at z = ∓t·√λ by linear interpolation.
void LikelihoodInterval(const LikelihoodIntervalInput& in, double* lower, double* upper) {
  *lower = kNaN;
  *upper = kNaN;
  const double p = in.p;
  if (!(p > 0 && p < 1 && in.se > 0 && in.n > 1 && in.df > 0)) return;
  const double q = p * (1 - p);
  const double lambda = in.se * in.se * in.n / q;  // design variance of β̂ over its model-based variance
  const double alpha_half = (1 - in.level) / 2;
  const double t = stats::StudentTQuantile(alpha_half, in.df);  // negative
  const double cutoff = t * std::sqrt(lambda);                  // = qnorm(2·alpha) of R's code
  const double alpha = stats::NormalCdf(cutoff) / 2;
  const double zmax = std::sqrt(stats::FisherFQuantile(1 - alpha, 1, in.n - 1));
  const double del = zmax / 5;
  const double beta_hat = std::log(p / (1 - p));
  const double se_beta = in.se / q;
  std::vector<std::pair<double, double>> profile = {{beta_hat, 0}};  // (β, z)
  for (const int sign : {-1, 1}) {
    double z = 0;
    for (int step = 1; step < 10 && std::abs(z) < zmax; ++step) {
      const double beta = beta_hat + sign * step * del * se_beta;
      const double gap = in.n * DevianceGap(p, Expit(beta)) / in.dispersion;
      z = sign * std::sqrt(std::max(gap, 0.0));
      profile.emplace_back(beta, z);
    }
  }
  std::sort(profile.begin(), profile.end());
  std::vector<double> xs;
  std::vector<double> ys;
  for (const auto& [beta, z] : profile) {
    xs.push_back(beta);
    ys.push_back(z);
  }
  const FmmSpline spline(xs, ys);
  const std::size_t points = 3 * xs.size();
  std::vector<std::pair<double, double>> smooth;  // (z, β)
  smooth.reserve(points);
  for (std::size_t k = 0; k < points; ++k) {
    const double beta = k + 1 == points ? xs.back()
                                        : xs.front() + (xs.back() - xs.front()) * static_cast<double>(k) /
                                                           static_cast<double>(points - 1);
    smooth.emplace_back(spline(beta), beta);
  }
  std::sort(smooth.begin(), smooth.end());
  *lower = Expit(InverseLinear(smooth, cutoff));
  *upper = Expit(InverseLinear(smooth, -cutoff));
}

}  // namespace nrs::survey
