#pragma once

// Quantiles and distribution functions, all from Boost.Math (no hand-written special functions). Boost is
// used with a policy that returns NaN (or ±infinity at the ends) instead of throwing, so no exception leaves
// this folder: an argument outside a distribution's domain yields NaN.

namespace nrs::stats {

// Standard normal quantile: the z with P(Z ≤ z) = p. p in (0, 1).
double NormalQuantile(double p);

// Standard normal distribution function P(Z ≤ x).
double NormalCdf(double x);

// Chi-squared quantile with `df` degrees of freedom (df > 0; df = 0 gives 0, the degenerate distribution
// that R's qchisq also uses for exact Poisson limits of zero events).
double ChiSquaredQuantile(double p, double df);

// Upper-tail probability P(X > x) of chi-squared with `df` degrees of freedom.
double ChiSquaredUpperTail(double x, double df);

// Student's t quantile with `df` degrees of freedom (df > 0).
double StudentTQuantile(double p, double df);

// P(X ≤ k) for X ~ Poisson(mean), k ≥ 0 (k is floored). mean ≥ 0.
double PoissonCdf(double k, double mean);

// P(X ≥ k) for X ~ Poisson(mean), accurate in the upper tail. k ≤ 0 gives 1.
double PoissonUpperTail(double k, double mean);

// F(df1, df2) quantile (df1, df2 > 0), e.g. for profile-likelihood cut-offs of quasi-likelihood models.
double FisherFQuantile(double p, double df1, double df2);

// Beta(a, b) quantile (a, b > 0), e.g. for Clopper–Pearson (Korn–Graubard) proportion limits.
double BetaQuantile(double p, double a, double b);

}  // namespace nrs::stats
