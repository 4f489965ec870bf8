#pragma once

// The distribution quantiles the survey estimates need (Boost.Math, with a policy that returns NaN instead of
// throwing). Named as the statistics library names them, so that these calls move to it unchanged.

namespace nrs::survey {

// Standard normal quantile, p in (0, 1).
double NormalQuantile(double p);
// Student's t quantile with df > 0 degrees of freedom (df = ∞ gives the normal quantile).
double StudentTQuantile(double p, double df);
// Beta(a, b) quantile; a = 0 gives 0 and b = 0 gives 1 (the degenerate limits of Clopper–Pearson intervals).
double BetaQuantile(double p, double a, double b);

// The Wilson score interval for x of n at the two-sided normal quantile z, as a proportion:
//   (2x + z² ± z·√(z² + 4x(1 − x/n))) / (2(n + z²)).
void WilsonInterval(double x, double n, double z, double* lower, double* upper);

}  // namespace nrs::survey
