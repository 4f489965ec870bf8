#pragma once

// The profile-likelihood interval of a proportion from a complex sample, computed as R's survey 4.1 does
// (svyciprop(method = "likelihood") → confint.svyglm(method = "likelihood")): the signed root of the working
// binomial deviance, scaled by the dispersion, on a grid of the logit, smoothed by a Forsythe–Malcolm–Moler
// cubic spline and read off by linear interpolation at the Rao–Scott-scaled cut-off. Internal to estimate.cc;
// declared here for its tests.

namespace nrs::survey {

struct LikelihoodIntervalInput {
  double p = 0;           // the weighted proportion, in (0, 1)
  double se = 0;          // its linearised standard error
  double n = 0;           // rows of the (domain) design
  double df = 0;          // design degrees of freedom
  double dispersion = 1;  // Pearson dispersion of the working model
  double level = 0.95;
};

// Writes the limits, or NaN where the grid does not reach the cut-off (as R's NA).
void LikelihoodInterval(const LikelihoodIntervalInput& input, double* lower, double* upper);

}  // namespace nrs::survey
