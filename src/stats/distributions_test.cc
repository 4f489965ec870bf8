#include "stats/distributions.h"

#include <gtest/gtest.h>

#include <cmath>

namespace nrs::stats {
namespace {

// Expected values: R 4.2 (qnorm, qchisq, qt, ppois, qbeta), to 17 significant digits.
TEST(Distributions, NormalQuantile) {
  EXPECT_NEAR(NormalQuantile(0.975), 1.9599639845400536, 1e-15);
  EXPECT_NEAR(NormalQuantile(0.999), 3.0902323061678132, 1e-14);
  EXPECT_EQ(NormalQuantile(0.5), 0);
  EXPECT_TRUE(std::isinf(NormalQuantile(1)));
  EXPECT_TRUE(std::isinf(NormalQuantile(0)));
  EXPECT_TRUE(std::isnan(NormalQuantile(1.5)));
  EXPECT_TRUE(std::isnan(NormalQuantile(std::nan(""))));
}

TEST(Distributions, NormalCdfAndFQuantile) {
  EXPECT_NEAR(NormalCdf(-1.96), 0.024997895148220428, 1e-16);
  EXPECT_NEAR(NormalCdf(0.5), 0.69146246127401301, 1e-15);
  EXPECT_EQ(NormalCdf(-INFINITY), 0);
  EXPECT_NEAR(FisherFQuantile(0.95, 1, 182), 3.8930607762364606, 1e-12);
  EXPECT_NEAR(FisherFQuantile(0.99, 3, 20), 4.9381933823105362, 1e-12);
  EXPECT_TRUE(std::isnan(FisherFQuantile(0.5, 0, 3)));
}

TEST(Distributions, ChiSquaredQuantileGivesExactPoissonLimits) {
  EXPECT_NEAR(ChiSquaredQuantile(0.975, 4) / 2, 5.5716433909388989, 1e-13);
  EXPECT_NEAR(ChiSquaredQuantile(0.025, 2) / 2, 0.0253178079842898765, 1e-15);
  EXPECT_NEAR(ChiSquaredQuantile(0.001, 6) / 2, 0.19053337756840319, 1e-14);
  EXPECT_NEAR(ChiSquaredQuantile(0.998, 1), 9.5495357060832422, 1e-12);
  // qchisq(p, 0) = 0: the exact lower limit of zero events.
  EXPECT_EQ(ChiSquaredQuantile(0.025, 0), 0);
  EXPECT_TRUE(std::isnan(ChiSquaredQuantile(0.5, -1)));
  EXPECT_TRUE(std::isnan(ChiSquaredQuantile(-0.1, 2)));
}

TEST(Distributions, ChiSquaredUpperTail) {
  EXPECT_NEAR(ChiSquaredUpperTail(9.5495, 1), 0.0020000389054194803, 1e-15);
  EXPECT_EQ(ChiSquaredUpperTail(0, 1), 1);
  EXPECT_TRUE(std::isnan(ChiSquaredUpperTail(1, 0)));
}

TEST(Distributions, StudentT) {
  EXPECT_NEAR(StudentTQuantile(0.975, 7), 2.3646242515927844, 1e-13);
  EXPECT_TRUE(std::isnan(StudentTQuantile(0.975, 0)));
}

TEST(Distributions, PoissonTails) {
  EXPECT_NEAR(PoissonCdf(3, 2.5), 0.75757613313306593, 1e-15);
  EXPECT_NEAR(PoissonUpperTail(3, 2.5), 0.45618688411667041, 1e-15);  // P(X ≥ 3) = 1 − P(X ≤ 2)
  EXPECT_EQ(PoissonCdf(-1, 2), 0);
  EXPECT_EQ(PoissonCdf(5, 0), 1);
  EXPECT_EQ(PoissonUpperTail(0, 3), 1);
  EXPECT_EQ(PoissonUpperTail(2, 0), 0);
  EXPECT_TRUE(std::isnan(PoissonCdf(1, -1)));
}

TEST(Distributions, BetaQuantile) {
  EXPECT_NEAR(BetaQuantile(0.025, 3, 8), 0.066739511177734467, 1e-15);
  EXPECT_NEAR(BetaQuantile(0.5, 2, 2), 0.5, 1e-15);
  EXPECT_TRUE(std::isnan(BetaQuantile(0.5, 0, 2)));
}

}  // namespace
}  // namespace nrs::stats
