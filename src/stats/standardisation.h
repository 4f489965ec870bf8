#pragma once

// Age-standardised statistics: directly standardised rates with Dobson limits (PHEindicatormethods
// calculate_dsr, including the adjustment for non-independent events) and indirectly standardised ratios and
// rates (calculate_ISRatio, calculate_ISRate); the European Standard Population 2013 and its band labels.

#include <array>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "stats/common.h"

namespace nrs::stats {

// The European Standard Population 2013: 19 five-year bands 0-4, 5-9 … 85-89, 90+ (weights sum to 100,000).
inline constexpr std::array<double, 19> kEsp2013 = {5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000,
                                                    7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000};

// "0-4", "5-9" … "85-89", "90+" for band 0..18.
std::string_view Esp2013BandLabel(std::size_t band);

// The first whole number in an age-band label: "10 – 14" → 10, "90+" → 90, "0" → 0, "05-09" → 5. nullopt
// when the label holds no digit.
std::optional<int> AgeBandStart(std::string_view label);

// The ESP 2013 band of a label: "0-4", "00-04", "0 - 4", "0 to 4", "90+", "90 and over", or a start age
// ("0", "5" … "90"). Checks the end of the band too, so "0-9" or "55-69" are not bands of the standard.
std::optional<std::size_t> Esp2013BandIndex(std::string_view label);

struct DsrOptions {
  std::vector<double> confidence = kDefaultConfidence;
  double multiplier = 100000;  // rate per 100,000

  // Errors: kInvalidArgument (confidence; multiplier not finite and positive).
  Status Validate() const;
};

struct DsrInput {
  std::span<const double> x;  // events per row (age band); missing counts as 0, the national convention
  std::span<const double> n;  // population per row, > 0
  // The standard population: per row (size = rows), or — when `standard_by_position` — per band (size B),
  // the i-th row of each group taking the i-th weight (every group must then have B rows, as in
  // PHEindicatormethods, which matches bands by position).
  std::span<const double> standard;
  bool standard_by_position = false;
  // Non-independent events (people with repeated events): frequencies[k][row] = number of people with k + 1
  // events in the row's band (missing = 0). Empty when events are independent. When given, a row's events
  // are Σ (k + 1)·frequencies[k][row]; an x that is present must equal that.
  std::vector<std::span<const double>> frequencies;
};

// Per group: total events and population, and the DSR with Dobson limits; method Dobson (or Dobson with
// confidence adjusted for non-independent events). A group of fewer than 10 events keeps its totals and
// method but has no value (kFewerThanTenEvents). A group with a negative count, a zero, negative or missing population,
// a missing or negative standard population or the wrong number of bands has no value and that reason.
struct DsrEstimates {
  Estimates estimates;
  std::vector<double> total_count;
  std::vector<double> total_pop;
};

// Errors: kInvalidArgument (options; columns of different lengths).
Result<DsrEstimates> DirectlyStandardisedRates(const DsrInput& input, const Groups& groups, const DsrOptions& options);

struct IsrOptions {
  std::vector<double> confidence = kDefaultConfidence;
  // false: the ratio O/E × multiplier (default multiplier 1, or 100 for "× 100");
  // true: the rate O/E × reference rate, the reference rate per `multiplier` (e.g. 100,000).
  bool rate = false;
  double multiplier = 1;

  // Errors: kInvalidArgument (confidence; multiplier not finite and positive).
  Status Validate() const;
};

struct IsrInput {
  std::span<const double> x;  // observed events per row (missing = 0)
  std::span<const double> n;  // population per row (missing = 0)
  // Reference events and population: per row, or per band by position (see DsrInput::standard).
  std::span<const double> ref_x;  // missing = 0
  std::span<const double> ref_n;  // must be > 0 where used
  bool reference_by_position = false;
};

// Per group: observed O, expected E = Σ n·ref_x/ref_n, and the ratio (or rate) with the limits of O —
// exact below 10 events, Byar from 10 — divided by E. `reference_rate` is Σref_x/Σref_n × multiplier (rates
// only; missing for ratios).
struct IsrEstimates {
  Estimates estimates;
  std::vector<double> observed;
  std::vector<double> expected;
  std::vector<double> reference_rate;
};

// Errors: kInvalidArgument (options; columns of different lengths).
Result<IsrEstimates> IndirectlyStandardised(const IsrInput& input, const Groups& groups, const IsrOptions& options);

}  // namespace nrs::stats
