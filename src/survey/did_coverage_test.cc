// The long run of the difference-in-differences coverage check: its own binary, registered with the ctest label
// slow (make test-fast and test-asan leave it out).

#include <gtest/gtest.h>

#include <iostream>

#include "survey/test_replicates.h"

namespace nrs::survey {
namespace {

using testing::Covered;

// The long run : 1000 replicates, coverage within binomial noise of 95% (±1.5 points), no bias.
TEST(DifferenceInDifferencesSlow, CoverageOver1000ReplicatesIsNominal) {
  double mean_estimate = 0;
  const int covered = Covered(1, 1000, 0.075, &mean_estimate);
  std::cout << "planted effect 0.075: inside the interval in " << covered << " of 1000 replicates; mean estimate "
            << mean_estimate << '\n';
  EXPECT_GE(covered, 935);
  EXPECT_LE(covered, 965);
  EXPECT_NEAR(mean_estimate, 0.075, 0.003);
}

}  // namespace
}  // namespace nrs::survey
