#include "stats/standardisation.h"

#include <cctype>
#include <string>

#include "core/text.h"
#include "stats/rate.h"

namespace nrs::stats {
namespace {

constexpr std::array<std::string_view, 19> kEsp2013Labels = {
    "0-4",   "5-9",   "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49",
    "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"};

constexpr double kMinimumEvents = 10;  // DSRs are not published for fewer than 10 events

// The whole numbers in `text`, in order.
std::vector<int> Numbers(std::string_view text) {
  std::vector<int> numbers;
  for (std::size_t i = 0; i < text.size();) {
    if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) {
      ++i;
      continue;
    }
    int value = 0;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0 && value < 100000; ++i) {
      value = value * 10 + (text[i] - '0');
    }
    numbers.push_back(value);
  }
  return numbers;
}

double ZeroIfMissing(double value) { return IsMissing(value) ? 0.0 : value; }

// The weight (standard population, reference count …) of `row`, which is the `position`-th row of its group:
// by position or per row.
double ByRowOrPosition(std::span<const double> values, bool by_position, std::size_t row, std::size_t position) {
  if (!by_position) return values[row];
  return position < values.size() ? values[position] : kMissing;
}

}  // namespace

std::string_view Esp2013BandLabel(std::size_t band) { return band < kEsp2013Labels.size() ? kEsp2013Labels[band] : ""; }

std::optional<int> AgeBandStart(std::string_view label) {
  const std::vector<int> numbers = Numbers(label);
  if (numbers.empty()) return std::nullopt;
  return numbers.front();
}

std::optional<std::size_t> Esp2013BandIndex(std::string_view label) {
  const std::vector<int> numbers = Numbers(label);
  const std::string lower = core::ToLower(label);
  const bool open = lower.find('+') != std::string::npos || lower.find("over") != std::string::npos ||
                    lower.find("plus") != std::string::npos;
  if (numbers.size() == 1) {
    const int start = numbers[0];
    if (open) return start == 90 ? std::optional<std::size_t>(18) : std::nullopt;
    if (start % 5 == 0 && start <= 90) return static_cast<std::size_t>(start / 5);
    return std::nullopt;
  }
  if (numbers.size() == 2 && !open) {
    const int start = numbers[0];
    if (start % 5 == 0 && start <= 85 && numbers[1] == start + 4) return static_cast<std::size_t>(start / 5);
  }
  return std::nullopt;
}

Status DsrOptions::Validate() const {
  NRS_RETURN_IF_ERROR(ValidateConfidence(confidence));
  return ValidateMultiplier(multiplier);
}

// Directly standardised rate (technical guidance; Dobson et al. 1991):
//   DSR = Σ(xᵢwᵢ/nᵢ) / Σwᵢ,  var = Σ(xᵢwᵢ²/nᵢ²) / (Σwᵢ)²,
//   limits = DSR + √(var/O)·(O_lim − O) with O = Σxᵢ and O_lim Byar's limit of O (O ≥ 10 once suppressed).
// Non-independent events (the guidance's adjustment, as calculate_dsr with independent_events = FALSE): the
// variance is Σ_f f²·var_f, var_f the DSR variance of the people with f events each.
Result<DsrEstimates> DirectlyStandardisedRates(const DsrInput& input, const Groups& groups, const DsrOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  const std::size_t rows = groups.rows();
  if (input.x.size() != rows || input.n.size() != rows ||
      (!input.standard_by_position && input.standard.size() != rows)) {
    return Status::InvalidArgument("the DSR columns differ in length from the {} rows", rows);
  }
  for (const auto& f : input.frequencies) {
    if (f.size() != rows) return Status::InvalidArgument("an event-frequency column differs in length");
  }
  const bool non_independent = !input.frequencies.empty();
  DsrEstimates out{Estimates(groups.count, options.confidence), std::vector<double>(groups.count, 0.0),
                   std::vector<double>(groups.count, 0.0)};
  Estimates& e = out.estimates;
  std::vector<double> weighted(groups.count, 0.0);  // Σ x w / n
  std::vector<double> variance(groups.count, 0.0);  // Σ x w² / n² (or Σ_f f² Σ x_f w² / n²)
  std::vector<double> weights(groups.count, 0.0);   // Σ w
  std::vector<std::size_t> position(groups.count, 0);
  for (std::size_t row = 0; row < rows; ++row) {
    const std::size_t g = groups.group_of_row[row];
    const std::size_t at = position[g]++;
    if (e.reason[g] != Reason::kNone) continue;
    const double n = input.n[row];
    const double w = ByRowOrPosition(input.standard, input.standard_by_position, row, at);
    double x = input.x[row];
    double sum_f2x = 0;  // Σ f²·people_f for the non-independent variance
    if (non_independent) {
      double events = 0;
      for (std::size_t k = 0; k < input.frequencies.size(); ++k) {
        const double people = ZeroIfMissing(input.frequencies[k][row]);
        if (people < 0) e.reason[g] = Reason::kNegativeFrequency;
        const double f = static_cast<double>(k + 1);
        events += f * people;
        sum_f2x += f * f * people;
      }
      if (!IsMissing(x) && x != events) e.reason[g] = Reason::kEventsDifferFromFrequencies;
      x = events;
    }
    x = ZeroIfMissing(x);
    if (x < 0) {
      e.reason[g] = Reason::kNegativeNumerator;
    } else if (IsMissing(n)) {
      e.reason[g] = Reason::kMissingDenominator;
    } else if (n < 0) {
      e.reason[g] = Reason::kNegativeDenominator;
    } else if (n == 0) {
      e.reason[g] = Reason::kZeroDenominator;
    } else if (IsMissing(w)) {
      e.reason[g] = Reason::kMissingStandardPopulation;
    } else if (w < 0) {
      e.reason[g] = Reason::kNegativeStandardPopulation;
    }
    if (e.reason[g] != Reason::kNone) continue;
    out.total_count[g] += x;
    out.total_pop[g] += n;
    const double r = w / n;
    weighted[g] += x * r;
    variance[g] += (non_independent ? sum_f2x : x) * r * r;
    weights[g] += w;
  }
  if (input.standard_by_position) {
    for (std::size_t g = 0; g < groups.count; ++g) {
      if (position[g] != input.standard.size()) e.reason[g] = Reason::kWrongNumberOfBands;
    }
  }
  const CountLimits limits(options.confidence, RateMethod::kByar);
  const double m = options.multiplier;
  for (std::size_t g = 0; g < groups.count; ++g) {
    if (e.reason[g] != Reason::kNone) {
      out.total_count[g] = out.total_pop[g] = kMissing;
      continue;
    }
    const double o = out.total_count[g];
    e.method[g] = non_independent ? Method::kDobsonNonIndependent : Method::kDobson;
    if (o < kMinimumEvents) {  // the method applies; the publication rule withholds the value
      e.reason[g] = Reason::kFewerThanTenEvents;
      continue;
    }
    const double dsr = weighted[g] / weights[g];
    const double spread = std::sqrt(variance[g] / (weights[g] * weights[g]) / o);
    e.value[g] = dsr * m;
    Method byar = Method::kByar;
    for (std::size_t l = 0; l < e.levels.size(); ++l) {
      const Interval count = limits.At(o, l, &byar);
      e.lower[l][g] = (dsr + spread * (count.lower - o)) * m;
      e.upper[l][g] = (dsr + spread * (count.upper - o)) * m;
    }
  }
  return out;
}

Status IsrOptions::Validate() const {
  NRS_RETURN_IF_ERROR(ValidateConfidence(confidence));
  return ValidateMultiplier(multiplier);
}

// Indirect standardisation (technical guidance): E = Σ nᵢ·Rᵢ with Rᵢ the reference rates; the ratio O/E takes
// the limits of O (exact below 10, Byar from 10 — calculate_ISRatio) divided by E. The ISR rate multiplies
// the ratio by the reference population's crude rate (calculate_ISRate).
Result<IsrEstimates> IndirectlyStandardised(const IsrInput& input, const Groups& groups, const IsrOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  const std::size_t rows = groups.rows();
  if (input.x.size() != rows || input.n.size() != rows ||
      (!input.reference_by_position && (input.ref_x.size() != rows || input.ref_n.size() != rows)) ||
      input.ref_x.size() != input.ref_n.size()) {
    return Status::InvalidArgument("the ISR columns differ in length from the {} rows", rows);
  }
  IsrEstimates out{Estimates(groups.count, options.confidence), std::vector<double>(groups.count, 0.0),
                   std::vector<double>(groups.count, 0.0), std::vector<double>(groups.count, kMissing)};
  Estimates& e = out.estimates;
  std::vector<double> ref_x_total(groups.count, 0.0);
  std::vector<double> ref_n_total(groups.count, 0.0);
  std::vector<std::size_t> position(groups.count, 0);
  for (std::size_t row = 0; row < rows; ++row) {
    const std::size_t g = groups.group_of_row[row];
    const std::size_t at = position[g]++;
    if (e.reason[g] != Reason::kNone) continue;
    const double x = ZeroIfMissing(input.x[row]);
    const double n = ZeroIfMissing(input.n[row]);
    const double ref_x = ZeroIfMissing(ByRowOrPosition(input.ref_x, input.reference_by_position, row, at));
    const double ref_n = ByRowOrPosition(input.ref_n, input.reference_by_position, row, at);
    if (x < 0) {
      e.reason[g] = Reason::kNegativeNumerator;
    } else if (n < 0) {
      e.reason[g] = Reason::kNegativeDenominator;
    } else if (IsMissing(ref_n) || ref_n <= 0) {
      e.reason[g] = Reason::kMissingReferencePopulation;
    }
    if (e.reason[g] != Reason::kNone) continue;
    out.observed[g] += x;
    out.expected[g] += n * ref_x / ref_n;
    ref_x_total[g] += ref_x;
    ref_n_total[g] += ref_n;
  }
  if (input.reference_by_position) {
    for (std::size_t g = 0; g < groups.count; ++g) {
      if (position[g] != input.ref_x.size()) e.reason[g] = Reason::kWrongNumberOfBands;
    }
  }
  const CountLimits limits(options.confidence, RateMethod::kAuto);
  for (std::size_t g = 0; g < groups.count; ++g) {
    if (e.reason[g] == Reason::kNone && !(out.expected[g] > 0)) e.reason[g] = Reason::kZeroExpected;
    if (e.reason[g] != Reason::kNone) {
      out.observed[g] = out.expected[g] = kMissing;
      continue;
    }
    double scale = options.multiplier / out.expected[g];
    if (options.rate) {
      out.reference_rate[g] = ref_x_total[g] / ref_n_total[g] * options.multiplier;
      scale = out.reference_rate[g] / out.expected[g];
    }
    const double o = out.observed[g];
    e.value[g] = o * scale;
    for (std::size_t l = 0; l < e.levels.size(); ++l) {
      const Interval count = limits.At(o, l, &e.method[g]);
      e.lower[l][g] = count.lower * scale;
      e.upper[l][g] = count.upper * scale;
    }
  }
  return out;
}

}  // namespace nrs::stats
