#include "stats/inequality.h"

#include <gtest/gtest.h>

namespace nrs::stats {
namespace {

// Inputs and expected values: PHEindicatormethods test data (testdata_SII: area1 of "default (e.g. life
// expectancy)" and of "proportion (e.g. child obesity)"). The SII and RII are deterministic; the limits come
// from simulation, so they are compared within 2% (the R tests allow 5%).
const std::vector<double> kQuantile = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
const std::vector<double> kPopulation = {7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534};
const std::vector<double> kValue = {75.9334590103081, 78.3442382727843, 83.8360631041654, 83.6375399664931,
                                    80.4655031529559, 81.1156759857022, 81.6930835718562, 84.1900062060987,
                                    80.5955641081472, 86.2894349578624};
const std::vector<double> kSe = {1.63847242635855, 1.57819288454291, 1.51343550596403, 1.77549061758013,
                                 1.70133905919814, 1.56412107376755, 1.36811483668786, 1.40014180059408,
                                 2.43284639757816, 1.56651816959347};

const std::vector<double> kObesityPop = {34353, 32112, 27715, 25372, 23889, 23260, 23180, 24193, 23609, 24488};
const std::vector<double> kObesityCount = {7287, 6881, 5656, 4868, 4176, 3876, 3617, 3546, 3314, 2960};
const std::vector<double> kObesityLower = {0.207830499225555, 0.209827711465288, 0.199373517258999, 0.187066648694241,
                                           0.170044640703038, 0.16190410576997,  0.151425075468518, 0.142170753783533,
                                           0.135997670936376, 0.116852009907382};
const std::vector<double> kObesityUpper = {0.216476300812899, 0.218803170788612, 0.208862933590925, 0.19675673996565,
                                           0.179676905527535, 0.17148199783417,  0.160768288675927, 0.151084110529924,
                                           0.144859737537153, 0.125017980504761};

SiiOptions Options(SiiValueType type, std::uint64_t seed = 1) {
  SiiOptions options;
  options.confidence = {0.95};
  options.value_type = type;
  options.repetitions = 20000;
  options.seed = seed;
  return options;
}

TEST(Inequality, SiiAndRiiMatchTheReference) {
  SiiInput input{kQuantile, kPopulation, kValue, {}, kSe, {}, {}};
  auto r = SlopeIndexOfInequality(input, Groups::Single(10), Options(SiiValueType::kNormal));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->reason[0], Reason::kNone);
  EXPECT_NEAR(r->sii[0], 6.93461647366882, 1e-12);
  EXPECT_NEAR(r->rii[0], 1.08881808044462, 1e-13);
  EXPECT_NEAR(r->intercept[0], 78.0766307823167, 1e-11);
  EXPECT_NEAR(r->sii_lower[0][0], 3.12759461765082, 0.02 * 3.13);
  EXPECT_NEAR(r->sii_upper[0][0], 10.7586873680794, 0.02 * 10.76);
  EXPECT_NEAR(r->rii_lower[0][0], 1.03836905916428, 0.02);
  EXPECT_NEAR(r->rii_upper[0][0], 1.14129933602512, 0.02);
}

TEST(Inequality, SeededSimulationIsReproducible) {
  SiiInput input{kQuantile, kPopulation, kValue, {}, kSe, {}, {}};
  auto a = SlopeIndexOfInequality(input, Groups::Single(10), Options(SiiValueType::kNormal, 7));
  auto b = SlopeIndexOfInequality(input, Groups::Single(10), Options(SiiValueType::kNormal, 7));
  auto c = SlopeIndexOfInequality(input, Groups::Single(10), Options(SiiValueType::kNormal, 8));
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->sii_lower[0][0], b->sii_lower[0][0]);
  EXPECT_EQ(a->rii_upper[0][0], b->rii_upper[0][0]);
  EXPECT_NE(a->sii_lower[0][0], c->sii_lower[0][0]);
  EXPECT_EQ(a->sii[0], c->sii[0]);  // the point estimate does not depend on the draws
}

TEST(Inequality, ProportionsFromCountsAndLimitsTransformAndMultiplier) {
  SiiInput input{kQuantile, kObesityPop, {}, kObesityCount, {}, kObesityLower, kObesityUpper};
  SiiOptions options = Options(SiiValueType::kProportion);
  auto r = SlopeIndexOfInequality(input, Groups::Single(10), options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_NEAR(r->sii[0], -0.107200323337305, 1e-12);
  EXPECT_NEAR(r->rii[0], 0.533401530646551, 1e-12);
  EXPECT_NEAR(r->sii_lower[0][0], -0.112208572209847, 0.02 * 0.112);
  EXPECT_NEAR(r->sii_upper[0][0], -0.102179806214546, 0.02 * 0.102);

  options.transform = true;  // logit scale
  r = SlopeIndexOfInequality(input, Groups::Single(10), options);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->sii[0], -0.109646261112591, 1e-12);
  EXPECT_NEAR(r->rii[0], 0.534177574325395, 1e-12);
  EXPECT_NEAR(r->intercept[0], 0.235382100708871, 1e-12);

  options.multiplier = -1;  // polarity turned round: SII negated, limits swapped, RII inverted
  r = SlopeIndexOfInequality(input, Groups::Single(10), options);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->sii[0], 0.109646261112591, 1e-12);
  EXPECT_NEAR(r->rii[0], 1.87203665609303, 1e-11);
  EXPECT_LT(r->sii_lower[0][0], r->sii_upper[0][0]);
  EXPECT_NEAR(r->rii_lower[0][0], 1.81760639259418, 0.02 * 1.8);
}

TEST(Inequality, InvalidGroupsCarryReasons) {
  std::vector<double> quantile = kQuantile, population = kPopulation, value = kValue, se = kSe;
  quantile.insert(quantile.end(), kQuantile.begin(), kQuantile.end() - 1);  // group b lacks quantile 10
  population.insert(population.end(), kPopulation.begin(), kPopulation.end() - 1);
  value.insert(value.end(), kValue.begin(), kValue.end() - 1);
  se.insert(se.end(), kSe.begin(), kSe.end() - 1);
  std::vector<std::string> keys(10, "a");
  keys.resize(19, "b");
  SiiInput input{quantile, population, value, {}, se, {}, {}};
  auto r = SlopeIndexOfInequality(input, Groups::ByKey(keys), Options(SiiValueType::kNormal));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->reason[0], Reason::kNone);
  EXPECT_EQ(r->reason[1], Reason::kIncompleteQuantiles);
  EXPECT_TRUE(IsMissing(r->sii[1]));

  const auto reason = [&](std::vector<double> pop, std::vector<double> v, std::vector<double> s) {
    SiiInput in{kQuantile, pop, v, {}, s, {}, {}};
    auto out = SlopeIndexOfInequality(in, Groups::Single(10), Options(SiiValueType::kRate));
    EXPECT_TRUE(out.ok());
    return out->reason[0];
  };
  std::vector<double> pop = kPopulation;
  pop[1] = -200;
  EXPECT_EQ(reason(pop, kValue, kSe), Reason::kInvalidPopulation);
  std::vector<double> s = kSe;
  s[2] = -5;
  EXPECT_EQ(reason(kPopulation, kValue, s), Reason::kNegativeStandardError);
  s[2] = kMissing;
  EXPECT_EQ(reason(kPopulation, kValue, s), Reason::kMissingStandardError);
  std::vector<double> v = kValue;
  v[4] = kMissing;
  EXPECT_EQ(reason(kPopulation, v, kSe), Reason::kMissingValue);
  v[4] = -1;  // a rate must be positive for the log scale
  EXPECT_EQ(reason(kPopulation, v, kSe), Reason::kValueOutOfRange);

  const std::vector<double> four = {1, 2, 3, 4};
  SiiInput few{four, four, four, {}, four, {}, {}};
  EXPECT_EQ(SlopeIndexOfInequality(few, Groups::Single(4), Options(SiiValueType::kNormal))->reason[0],
            Reason::kTooFewQuantiles);
}

TEST(Inequality, OptionsAndColumnsAreValidated) {
  SiiInput input{kQuantile, kPopulation, kValue, {}, kSe, {}, {}};
  SiiOptions options = Options(SiiValueType::kNormal);
  options.repetitions = 0;
  EXPECT_FALSE(SlopeIndexOfInequality(input, Groups::Single(10), options).ok());
  SiiInput no_se{kQuantile, kPopulation, kValue, {}, {}, {}, {}};
  EXPECT_FALSE(SlopeIndexOfInequality(no_se, Groups::Single(10), Options(SiiValueType::kNormal)).ok());
  SiiInput counts{kQuantile, kPopulation, {}, kObesityCount, kSe, {}, {}};
  EXPECT_FALSE(SlopeIndexOfInequality(counts, Groups::Single(10), Options(SiiValueType::kRate)).ok());
}

}  // namespace
}  // namespace nrs::stats
