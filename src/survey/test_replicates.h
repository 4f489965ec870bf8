#pragma once

// For the tests of this folder only: replicates of the synthetic survey with a planted programme effect, and the
// difference in differences that should recover it.

#include <gtest/gtest.h>

#include <cmath>

#include "survey/did.h"
#include "survey/generator.h"

namespace nrs::survey::testing {

// The DiD of one synthetic survey: agree = influence 1 or 2; design strata = area, PSU = household (kept by the
// panel across waves).
inline DidResult PlantedEffectEstimate(std::uint64_t seed, double effect) {
  GeneratorOptions options;
  options.seed = seed;
  options.programme_effect = effect;
  auto survey = GenerateSyntheticSurvey(options);
  EXPECT_TRUE(survey.ok());
  DesignInput input;
  std::vector<double> agree;
  std::vector<std::int8_t> arm;
  std::vector<std::int8_t> period;
  for (const SyntheticRespondent& r : survey->respondents) {
    const SyntheticArea& area = survey->areas[static_cast<std::size_t>(r.area)];
    input.weights.push_back(r.weight);
    input.strata.push_back(area.code);
    input.clusters.push_back(r.household);
    agree.push_back(r.influence < 0 ? std::nan("") : (r.influence <= 2 ? 1.0 : 0.0));
    arm.push_back(area.area_class == "programme" ? 1 : area.area_class == "comparison" ? 0 : -1);
    period.push_back(static_cast<std::int8_t>(r.wave - 1));
  }
  auto design = Design::Make(std::move(input));
  EXPECT_TRUE(design.ok());
  auto did = DifferenceInDifferences(*design, {.values = agree, .arm = arm, .period = period});
  EXPECT_TRUE(did.ok());
  return *did;
}

// Replicates of the planted-effect survey: how many 95% intervals contain the planted effect.
inline int Covered(std::uint64_t first_seed, int replicates, double effect, double* mean_estimate) {
  int covered = 0;
  *mean_estimate = 0;
  for (int k = 0; k < replicates; ++k) {
    const DidResult did = PlantedEffectEstimate(first_seed + static_cast<std::uint64_t>(k), effect);
    if (did.lower <= effect && effect <= did.upper) ++covered;
    *mean_estimate += did.estimate / replicates;
  }
  return covered;
}

}  // namespace nrs::survey::testing
