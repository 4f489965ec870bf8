#include "stats/distributions.h"

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <limits>

namespace nrs::stats {
namespace {

// Errors become return values (NaN, or ±infinity for overflow), never exceptions: this folder promises
// Status/NaN-with-reason, and callers validate domains before asking. Discrete quantiles are not used.
using Policy =
    boost::math::policies::policy<boost::math::policies::domain_error<boost::math::policies::ignore_error>,
                                  boost::math::policies::pole_error<boost::math::policies::ignore_error>,
                                  boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
                                  boost::math::policies::evaluation_error<boost::math::policies::ignore_error>,
                                  boost::math::policies::rounding_error<boost::math::policies::ignore_error>>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool Probability(double p) { return p >= 0 && p <= 1; }

}  // namespace

double NormalQuantile(double p) {
  if (!Probability(p)) return kNaN;
  if (p == 0) return -std::numeric_limits<double>::infinity();
  if (p == 1) return std::numeric_limits<double>::infinity();
  return boost::math::quantile(boost::math::normal_distribution<double, Policy>(), p);
}

double NormalCdf(double x) {
  if (std::isnan(x)) return kNaN;
  if (std::isinf(x)) return x > 0 ? 1 : 0;
  return boost::math::cdf(boost::math::normal_distribution<double, Policy>(), x);
}

double ChiSquaredQuantile(double p, double df) {
  if (!Probability(p) || !(df >= 0)) return kNaN;
  // R's qchisq(p, 0) is 0 for every p: the point mass at zero. The exact Poisson lower limit of zero events
  // relies on it.
  if (df == 0) return 0;
  if (p == 0) return 0;
  if (p == 1) return std::numeric_limits<double>::infinity();
  return boost::math::quantile(boost::math::chi_squared_distribution<double, Policy>(df), p);
}

double ChiSquaredUpperTail(double x, double df) {
  if (!(df > 0) || std::isnan(x)) return kNaN;
  if (x <= 0) return 1;
  return boost::math::cdf(boost::math::complement(boost::math::chi_squared_distribution<double, Policy>(df), x));
}

double StudentTQuantile(double p, double df) {
  if (!Probability(p) || !(df > 0)) return kNaN;
  if (p == 0) return -std::numeric_limits<double>::infinity();
  if (p == 1) return std::numeric_limits<double>::infinity();
  return boost::math::quantile(boost::math::students_t_distribution<double, Policy>(df), p);
}

double PoissonCdf(double k, double mean) {
  if (!(mean >= 0) || std::isnan(k)) return kNaN;
  if (k < 0) return 0;
  if (mean == 0) return 1;
  if (std::isinf(k)) return 1;
  // P(X ≤ k) = Q(k + 1, mean), the regularised upper incomplete gamma function; the distribution's own cdf
  // does the same, this form also takes k beyond the range of an integer.
  return boost::math::gamma_q(std::floor(k) + 1, mean, Policy());
}

double PoissonUpperTail(double k, double mean) {
  if (!(mean >= 0) || std::isnan(k)) return kNaN;
  k = std::ceil(k);
  if (k <= 0) return 1;
  if (mean == 0) return 0;
  if (std::isinf(k)) return 0;
  // P(X ≥ k) = P(k, mean), the regularised lower incomplete gamma function.
  return boost::math::gamma_p(k, mean, Policy());
}

double FisherFQuantile(double p, double df1, double df2) {
  if (!Probability(p) || !(df1 > 0) || !(df2 > 0)) return kNaN;
  if (p == 0) return 0;
  if (p == 1) return std::numeric_limits<double>::infinity();
  return boost::math::quantile(boost::math::fisher_f_distribution<double, Policy>(df1, df2), p);
}

double BetaQuantile(double p, double a, double b) {
  if (!Probability(p) || !(a > 0) || !(b > 0)) return kNaN;
  return boost::math::quantile(boost::math::beta_distribution<double, Policy>(a, b), p);
}

}  // namespace nrs::stats
