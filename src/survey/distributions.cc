#include "survey/distributions.h"

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>

namespace nrs::survey {
namespace {

using NoThrow = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::ignore_error>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::ignore_error>,
    boost::math::policies::pole_error<boost::math::policies::ignore_error>,
    boost::math::policies::promote_double<false>>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool Probability(double p) { return p > 0 && p < 1; }

}  // namespace

double NormalQuantile(double p) {
  if (!Probability(p)) return kNaN;
  return boost::math::quantile(boost::math::normal_distribution<double, NoThrow>(0, 1), p);
}

double StudentTQuantile(double p, double df) {
  if (!Probability(p) || !(df > 0)) return kNaN;
  if (std::isinf(df)) return NormalQuantile(p);
  return boost::math::quantile(boost::math::students_t_distribution<double, NoThrow>(df), p);
}

double BetaQuantile(double p, double a, double b) {
  if (!Probability(p) || std::isnan(a) || std::isnan(b) || a < 0 || b < 0) return kNaN;
  if (a == 0) return 0;
  if (b == 0) return 1;
  return boost::math::quantile(boost::math::beta_distribution<double, NoThrow>(a, b), p);
}

void WilsonInterval(double x, double n, double z, double* lower, double* upper) {
  const double z2 = z * z;
  const double root = z * std::sqrt(z2 + 4 * x * (1 - x / n));
  const double denominator = 2 * (n + z2);
  *lower = (2 * x + z2 - root) / denominator;
  *upper = (2 * x + z2 + root) / denominator;
}

}  // namespace nrs::survey
