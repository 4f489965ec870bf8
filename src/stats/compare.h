#pragma once

// Benchmarking a value against a comparator (the Fingertips "compared with England" colours) and the
// recent-trend test over the last five points.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "stats/common.h"

namespace nrs::stats {

enum class Polarity : std::uint8_t {
  kHighIsGood,
  kLowIsGood,
  kNoJudgement,  // higher / lower instead of better / worse
};

enum class Comparison : std::uint8_t {
  kNotCompared,  // no interval or no comparator
  kBetter,
  kSimilar,
  kWorse,
  kHigher,
  kLower,
};

// "better", "similar", "worse", "higher", "lower", "not compared".
std::string_view ComparisonName(Comparison comparison);

// An area's interval against a comparator value (e.g. England's): wholly above it → higher, wholly below →
// lower, containing it → similar; higher/lower read as better/worse by the polarity. Missing limits or a
// missing comparator → kNotCompared.
Comparison Compare(Interval area, double comparator, Polarity polarity);

// Against a comparator with its own interval: different only when the two intervals do not overlap.
Comparison Compare(Interval area, Interval comparator, Polarity polarity);

// The comparison at 95% and at 99.8%: the five classes of the profiles.
struct Benchmark {
  Comparison at_95 = Comparison::kNotCompared;
  Comparison at_998 = Comparison::kNotCompared;
};

Benchmark BenchmarkAgainst(const Estimate& area, double comparator, Polarity polarity);

// "better (99.8%)", "better (95%)", "similar", "worse (95%)", "worse (99.8%)" (or higher/lower), "not
// compared": the stronger level that shows a difference, else similar.
std::string BenchmarkLabel(const Benchmark& benchmark);

struct TrendOptions {
  int points = 5;        // the most recent points tested
  double level = 0.998;  // χ² critical value at this level, 1 df: 9.5495 at 99.8%
  Polarity polarity = Polarity::kNoJudgement;

  // Errors: kInvalidArgument (fewer than 3 points; level outside (0, 1)).
  Status Validate() const;
};

struct Trend {
  double chi_squared = kMissing;
  int direction = 0;  // +1 increasing, −1 decreasing, 0 no significant change
  std::string label;  // "Increasing and getting better" … "No significant change", or "" with a reason
  Reason reason = Reason::kNone;
};

// The χ² test for trend in proportions (Cochran–Armitage) over the last `points` of x of n, given in time
// order: X² = [Σ tᵢxᵢ − p̄ Σ tᵢnᵢ]² / (p̄(1 − p̄)[Σ nᵢtᵢ² − (Σ nᵢtᵢ)²/N]), significant above the χ²(1)
// critical value. Fewer valid points than asked → kTooFewPoints; an invalid point → its reason.
Trend TrendTest(std::span<const double> x, std::span<const double> n, const TrendOptions& options);

}  // namespace nrs::stats
