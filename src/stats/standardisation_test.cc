#include "stats/standardisation.h"

#include <gtest/gtest.h>

namespace nrs::stats {
namespace {

// Input and expected values: PHEindicatormethods test data (testdata_DSR_ISR workbook: testdata_multiarea,
// testdata_nonindepe, refdata, testresults_DSR, testresults_ISR).
const std::vector<double> kBigCount = {127, 25, 18, 21, 12, 27, 48, 27, 29, 32, 32, 34, 45, 65, 38, 68, 74, 82, 91};
const std::vector<double> kPop = {636, 558, 609, 543, 384, 594, 669, 843, 660, 576,
                                  606, 522, 426, 273, 300, 288, 153, 123, 207};
const std::vector<double> kTinyCount = {0, 0, kMissing, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 2, 3};
const std::vector<double> kRefCount = {10303, 2824, 0,    3615, 3641, 3490, 3789, 3213, 3031, 2771,
                                       3089,  3490, 3595, 4745, 5514, 7125, 5694, 6210, 5757};
const std::vector<double> kRefPop = {50520, 57173, 60213, 54659, 44345, 50128, 62163, 67423, 62899, 55463,
                                     60479, 49974, 44140, 40888, 37239, 30819, 18136, 15325, 13918};

std::vector<double> Concat(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> out = a;
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

Groups TwoAreas() {
  std::vector<std::string> keys(19, "big");
  keys.resize(38, "tiny");
  return Groups::ByKey(keys);
}

TEST(Standardisation, Esp2013Bands) {
  double total = 0;
  for (const double w : kEsp2013) total += w;
  EXPECT_EQ(total, 100000);
  EXPECT_EQ(Esp2013BandLabel(0), "0-4");
  EXPECT_EQ(Esp2013BandLabel(18), "90+");
  EXPECT_EQ(Esp2013BandLabel(19), "");
  EXPECT_EQ(Esp2013BandIndex("0-4"), 0U);
  EXPECT_EQ(Esp2013BandIndex("00-04"), 0U);
  EXPECT_EQ(Esp2013BandIndex("10 – 14"), 2U);
  EXPECT_EQ(Esp2013BandIndex("85 to 89"), 17U);
  EXPECT_EQ(Esp2013BandIndex("90+"), 18U);
  EXPECT_EQ(Esp2013BandIndex("90 and over"), 18U);
  EXPECT_EQ(Esp2013BandIndex("45"), 9U);
  EXPECT_EQ(Esp2013BandIndex("90"), 18U);
  EXPECT_EQ(Esp2013BandIndex("55-69"), std::nullopt);  // not a band of the standard
  EXPECT_EQ(Esp2013BandIndex("85+"), std::nullopt);
  EXPECT_EQ(Esp2013BandIndex("1-4"), std::nullopt);
  EXPECT_EQ(Esp2013BandIndex("all ages"), std::nullopt);
  EXPECT_EQ(AgeBandStart("10 – 14"), 10);
  EXPECT_EQ(AgeBandStart("90 +"), 90);
  EXPECT_EQ(AgeBandStart("05-09"), 5);
  EXPECT_EQ(AgeBandStart("infants"), std::nullopt);
}

TEST(Standardisation, DsrMatchesTheReferenceAndSuppressesUnderTenEvents) {
  const std::vector<double> x = Concat(kBigCount, kTinyCount);
  const std::vector<double> n = Concat(kPop, kPop);
  DsrInput input{x, n, kEsp2013, true, {}};
  auto r = DirectlyStandardisedRates(input, TwoAreas(), DsrOptions{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Estimates& e = r->estimates;
  EXPECT_EQ(r->total_count[0], 895);
  EXPECT_EQ(r->total_pop[0], 8970);
  EXPECT_NEAR(e.value[0], 10430.2479914694, 1e-8);
  EXPECT_NEAR(e.lower[0][0], 9717.70906798568, 1e-8);
  EXPECT_NEAR(e.upper[0][0], 11178.9409154793, 1e-8);
  EXPECT_NEAR(e.lower[1][0], 9323.2878802199, 1e-8);
  EXPECT_NEAR(e.upper[1][0], 11620.5959995221, 1e-8);
  EXPECT_EQ(e.method[0], Method::kDobson);
  // 9 events (a missing count is zero): totals kept, no value.
  EXPECT_EQ(r->total_count[1], 9);
  EXPECT_EQ(r->total_pop[1], 8970);
  EXPECT_TRUE(IsMissing(e.value[1]));
  EXPECT_EQ(e.reason[1], Reason::kFewerThanTenEvents);
}

TEST(Standardisation, DsrWithAStandardPerRowAndOtherMultiplier) {
  std::vector<double> standard(kEsp2013.begin(), kEsp2013.end());
  DsrInput input{kBigCount, kPop, standard, false, {}};
  DsrOptions options;
  options.multiplier = 10000;
  auto r = DirectlyStandardisedRates(input, Groups::Single(19), options);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->estimates.value[0], 1043.02479914694, 1e-9);
  EXPECT_NEAR(r->estimates.upper[1][0], 1162.05959995221, 1e-9);
}

TEST(Standardisation, DsrInvalidGroupsCarryTheirReason) {
  const auto run = [](std::vector<double> x, std::vector<double> n, std::vector<double> w) {
    DsrInput input{x, n, w, false, {}};
    auto r = DirectlyStandardisedRates(input, Groups::Single(x.size()), DsrOptions{});
    EXPECT_TRUE(r.ok());
    EXPECT_TRUE(IsMissing(r->estimates.value[0]));
    EXPECT_TRUE(IsMissing(r->total_count[0]));
    return r->estimates.reason[0];
  };
  EXPECT_EQ(run({20, -26}, {100, 100}, {1, 1}), Reason::kNegativeNumerator);
  EXPECT_EQ(run({20, 26}, {100, 0}, {1, 1}), Reason::kZeroDenominator);
  EXPECT_EQ(run({20, 26}, {100, -558}, {1, 1}), Reason::kNegativeDenominator);
  EXPECT_EQ(run({20, 26}, {100, kMissing}, {1, 1}), Reason::kMissingDenominator);
  EXPECT_EQ(run({20, 26}, {100, 100}, {1, -6000}), Reason::kNegativeStandardPopulation);
  EXPECT_EQ(run({20, 26}, {100, 100}, {1, kMissing}), Reason::kMissingStandardPopulation);
  // By position, a group must have one row per band.
  const std::vector<double> x(18, 5);
  DsrInput input{x, x, kEsp2013, true, {}};
  auto r = DirectlyStandardisedRates(input, Groups::Single(18), DsrOptions{});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->estimates.reason[0], Reason::kWrongNumberOfBands);
}

TEST(Standardisation, DsrForNonIndependentEvents) {
  // testdata_nonind_dummy: people with 1, 2 and 3 events per band (4 is empty).
  const std::vector<double> f1 = {80, 15, 10, 17, 12, 25, 30, 20, 19, 23, 19, 30, 19, 25, 15, 20, 30, 29, 22};
  const std::vector<double> f2 = {10, 5, 1, 2, kMissing, 1, 9, 2, 5, 3, 5, 2, 7, 14, 10, 18, 16, 19, 21};
  const std::vector<double> f3 = {9, kMissing, 2, kMissing, kMissing, kMissing, kMissing, 1, kMissing, 1,
                                  1, kMissing, 4, 4,        1,        4,        4,        5, 9};
  const std::vector<double> f4(19, kMissing);
  DsrInput input{kBigCount, kPop, kEsp2013, true, {f1, f2, f3, f4}};
  auto r = DirectlyStandardisedRates(input, Groups::Single(19), DsrOptions{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Estimates& e = r->estimates;
  EXPECT_EQ(e.reason[0], Reason::kNone);
  EXPECT_NEAR(e.value[0], 10430.24799147, 1e-6);
  EXPECT_NEAR(e.lower[0][0], 9512.29883752, 1e-6);
  EXPECT_NEAR(e.upper[0][0], 11394.77359633, 1e-6);
  EXPECT_NEAR(e.lower[1][0], 9004.17418121, 1e-6);
  EXPECT_NEAR(e.upper[1][0], 11963.74870404, 1e-6);
  EXPECT_EQ(e.method[0], Method::kDobsonNonIndependent);
  // Events that disagree with the breakdown are refused.
  std::vector<double> wrong = kBigCount;
  wrong[0] += 1;
  DsrInput bad{wrong, kPop, kEsp2013, true, {f1, f2, f3, f4}};
  EXPECT_EQ(DirectlyStandardisedRates(bad, Groups::Single(19), DsrOptions{})->estimates.reason[0],
            Reason::kEventsDifferFromFrequencies);
}

TEST(Standardisation, IsrRatioAndRateMatchTheReference) {
  const std::vector<double> x = Concat(kBigCount, kTinyCount);
  std::vector<double> n = Concat(kPop, kPop);
  n[19 + 2] = kMissing;  // testdata_tiny has no population in 10-14 (missing counts as zero)
  IsrInput input{x, n, kRefCount, kRefPop, true};
  IsrOptions options;
  auto r = IndirectlyStandardised(input, TwoAreas(), options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Estimates& e = r->estimates;
  EXPECT_EQ(r->observed[0], 895);
  EXPECT_NEAR(r->expected[0], 835.883561231174, 1e-9);
  EXPECT_NEAR(e.value[0], 1.07072329390203, 1e-13);
  EXPECT_NEAR(e.lower[0][0], 1.0017147712554, 1e-13);
  EXPECT_NEAR(e.upper[1][0], 1.18600704158763, 1e-13);
  EXPECT_EQ(e.method[0], Method::kByar);
  EXPECT_NEAR(e.value[1], 0.0107670498828137, 1e-15);
  EXPECT_NEAR(e.lower[0][1], 0.00492338082509578, 1e-15);
  EXPECT_NEAR(e.upper[1][1], 0.0271058965146902, 1e-15);
  EXPECT_EQ(e.method[1], Method::kExact);
  EXPECT_TRUE(IsMissing(r->reference_rate[0]));

  options.rate = true;
  options.multiplier = 100000;
  r = IndirectlyStandardised(input, TwoAreas(), options);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->reference_rate[0], 9349.88309221102, 1e-9);
  EXPECT_NEAR(r->estimates.value[0], 10011.1376220911, 1e-9);
  EXPECT_NEAR(r->estimates.lower[1][1], 27.4319086255423, 1e-11);
}

TEST(Standardisation, IsrInvalidGroups) {
  const std::vector<double> x = {5, 6};
  const std::vector<double> n = {100, 100};
  const std::vector<double> ref_x = {10, 10};
  std::vector<double> ref_n = {1000, 0};
  IsrInput input{x, n, ref_x, ref_n, false};
  auto r = IndirectlyStandardised(input, Groups::Single(2), IsrOptions{});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->estimates.reason[0], Reason::kMissingReferencePopulation);
  ref_n = {1000, 1000};
  const std::vector<double> none = {0, 0};
  IsrInput empty{x, none, ref_x, ref_n, false};
  EXPECT_EQ(IndirectlyStandardised(empty, Groups::Single(2), IsrOptions{})->estimates.reason[0], Reason::kZeroExpected);
  const std::vector<double> negative = {-5, 6};
  IsrInput neg{negative, n, ref_x, ref_n, false};
  EXPECT_EQ(IndirectlyStandardised(neg, Groups::Single(2), IsrOptions{})->estimates.reason[0],
            Reason::kNegativeNumerator);
}

TEST(Standardisation, OptionsAndColumnsAreValidated) {
  DsrInput input{kBigCount, kPop, kEsp2013, true, {}};
  DsrOptions dsr;
  dsr.confidence = {0.95, 0.85};
  EXPECT_EQ(DirectlyStandardisedRates(input, Groups::Single(19), dsr).status().code(), ErrorCode::kInvalidArgument);
  dsr.confidence = {0.95};
  dsr.multiplier = 0;
  EXPECT_EQ(DirectlyStandardisedRates(input, Groups::Single(19), dsr).status().code(), ErrorCode::kInvalidArgument);
  const std::vector<double> short_pop(18, 100);
  DsrInput mismatched{kBigCount, short_pop, kEsp2013, true, {}};
  EXPECT_FALSE(DirectlyStandardisedRates(mismatched, Groups::Single(19), DsrOptions{}).ok());
  const std::vector<double> short_f(3, 1);
  DsrInput frequencies{kBigCount, kPop, kEsp2013, true, {short_f}};
  EXPECT_FALSE(DirectlyStandardisedRates(frequencies, Groups::Single(19), DsrOptions{}).ok());

  IsrInput isr{kBigCount, kPop, kRefCount, kRefPop, true};
  IsrOptions options;
  options.multiplier = -1;
  EXPECT_EQ(IndirectlyStandardised(isr, Groups::Single(19), options).status().code(), ErrorCode::kInvalidArgument);
  options.multiplier = 1;
  options.confidence = {};
  EXPECT_EQ(IndirectlyStandardised(isr, Groups::Single(19), options).status().code(), ErrorCode::kInvalidArgument);
  IsrInput per_row{kBigCount, kPop, short_pop, short_pop, false};
  EXPECT_FALSE(IndirectlyStandardised(per_row, Groups::Single(19), IsrOptions{}).ok());
}

}  // namespace
}  // namespace nrs::stats
