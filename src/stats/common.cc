#include "stats/common.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "core/text.h"
#include "stats/distributions.h"

namespace nrs::stats {

std::string_view ReasonText(Reason reason) {
  switch (reason) {
    case Reason::kNone:
      return "";
    case Reason::kMissingNumerator:
      return "the numerator is missing";
    case Reason::kMissingDenominator:
      return "the denominator is missing";
    case Reason::kNegativeNumerator:
      return "the numerator is negative";
    case Reason::kNegativeDenominator:
      return "the denominator is negative";
    case Reason::kZeroDenominator:
      return "the denominator is zero";
    case Reason::kNumeratorAboveDenominator:
      return "the numerator is greater than the denominator";
    case Reason::kMissingValue:
      return "a value is missing";
    case Reason::kByarLowerBelowZero:
      return "Byar's lower limit is below zero for so few events at this confidence";
    case Reason::kFewerThanTwoValues:
      return "fewer than two values";
    case Reason::kFewerThanTenEvents:
      return "not calculated for fewer than 10 events";
    case Reason::kMissingStandardPopulation:
      return "a standard population is missing (no weight for an age band)";
    case Reason::kNegativeStandardPopulation:
      return "a standard population is negative";
    case Reason::kWrongNumberOfBands:
      return "the group does not have one row for each band of the standard population";
    case Reason::kMissingReferencePopulation:
      return "a reference population is missing or zero";
    case Reason::kZeroExpected:
      return "no events are expected";
    case Reason::kEventsDifferFromFrequencies:
      return "the events differ from the sum of the event frequencies";
    case Reason::kNegativeFrequency:
      return "an event frequency count is negative";
    case Reason::kIncompleteAgeBands:
      return "the group does not have exactly the age bands 0, 1-4, 5-9 … 85-89, 90+";
    case Reason::kNegativeDeaths:
      return "an age band has negative deaths";
    case Reason::kZeroPopulationBand:
      return "an age band has a zero, negative or missing population";
    case Reason::kDeathsAbovePopulation:
      return "an age band has more deaths than population";
    case Reason::kPopulationUnder5000:
      return "the total population is 5,000 or less";
    case Reason::kNoDeathsInOpenBand:
      return "there are no deaths in the 90+ band";
    case Reason::kIntervalWiderThan20Years:
      return "value suppressed: the 95% confidence interval is wider than 20 years";
    case Reason::kNoSurvivorsToThisAge:
      return "the life table has no survivors to this age (an earlier band's deaths exceed what the table allows)";
    case Reason::kIncompleteQuantiles:
      return "the group does not have a row for every quantile";
    case Reason::kInvalidPopulation:
      return "a population is zero, negative or missing";
    case Reason::kTooFewQuantiles:
      return "fewer than 5 (or more than 100) quantiles";
    case Reason::kMissingStandardError:
      return "a standard error or confidence limit is missing";
    case Reason::kNegativeStandardError:
      return "a standard error is negative";
    case Reason::kValueOutOfRange:
      return "a value is outside the range of its type (rates above 0, proportions between 0 and 1)";
    case Reason::kInvalidConfidenceLimits:
      return "a confidence limit is outside the range of its type";
    case Reason::kFewerValuesThanQuantiles:
      return "the group has fewer values than quantiles";
    case Reason::kMixedOrderInGroup:
      return "the quantile order (invert) differs within the group";
    case Reason::kFewerThanTenEventsForDsr:
      return "not applicable for fewer than 10 events (directly standardised rates)";
    case Reason::kTooFewPoints:
      return "fewer points than the trend needs";
  }
  return "unknown reason";
}

std::string_view MethodName(Method method) {
  switch (method) {
    case Method::kNone:
      return "";
    case Method::kWilson:
      return "Wilson";
    case Method::kByar:
      return "Byars";
    case Method::kExact:
      return "Exact";
    case Method::kStudentT:
      return "Student's t-distribution";
    case Method::kDobson:
      return "Dobson";
    case Method::kDobsonNonIndependent:
      return "Dobson, with confidence adjusted for non-independent events";
    case Method::kChiangSilcocks:
      return "Chiang, using Silcocks et al for confidence limits";
    case Method::kPoisson:
      return "Poisson";
  }
  return "";
}

Status ValidateConfidence(std::span<const double> levels) {
  if (levels.empty()) return Status::InvalidArgument("no confidence level given");
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const double level = levels[i];
    if (!(level >= 0.9 && level < 1)) {
      return Status::InvalidArgument(
          "confidence level {} is outside [0.90, 1): give levels from 90% up to (not including) 100%, e.g. "
          "0.95,0.998",
          level);
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (levels[j] == level) return Status::InvalidArgument("confidence level {} is given twice", level);
    }
  }
  return Status::Ok();
}

Status ValidateMultiplier(double multiplier) {
  if (!(multiplier > 0) || std::isinf(multiplier)) {
    return Status::InvalidArgument("the multiplier must be a positive number, not {}", multiplier);
  }
  return Status::Ok();
}

Result<std::vector<double>> ParseConfidence(std::string_view text) {
  std::vector<double> levels;
  for (const std::string& part : core::SplitList(text, ',')) {
    std::string_view number = part;
    bool percent = false;
    if (number.ends_with('%')) {
      number.remove_suffix(1);
      percent = true;
    }
    const auto value = core::ParseDouble(number);
    if (!value) return Status::InvalidArgument("confidence level '{}' is not a number", part);
    // Percentages (90–100), as the national tools also accept them.
    levels.push_back(percent || *value >= 90 ? *value / 100 : *value);
  }
  NRS_RETURN_IF_ERROR(ValidateConfidence(levels));
  return levels;
}

std::string LevelSuffix(double level) {
  // Percent with up to four decimals, trailing zeros dropped, the point removed: 99.8 → "998".
  std::string text = fmt::format("{:.4f}", level * 100);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  text.erase(std::remove(text.begin(), text.end(), '.'), text.end());
  return text;
}

double TwoSidedZ(double level) { return NormalQuantile(level + (1 - level) / 2); }

Groups Groups::Single(std::size_t rows) { return {std::vector<std::size_t>(rows, 0), rows > 0 ? 1U : 0U}; }

Groups Groups::PerRow(std::size_t rows) {
  Groups groups;
  groups.group_of_row.resize(rows);
  for (std::size_t i = 0; i < rows; ++i) groups.group_of_row[i] = i;
  groups.count = rows;
  return groups;
}

Groups Groups::ByKey(std::span<const std::string> keys) {
  Groups groups;
  groups.group_of_row.reserve(keys.size());
  std::unordered_map<std::string_view, std::size_t> index;
  for (const std::string& key : keys) {
    const auto [it, inserted] = index.try_emplace(key, groups.count);
    if (inserted) ++groups.count;
    groups.group_of_row.push_back(it->second);
  }
  return groups;
}

std::vector<std::vector<std::size_t>> Groups::Members() const {
  std::vector<std::vector<std::size_t>> members(count);
  for (std::size_t row = 0; row < group_of_row.size(); ++row) members[group_of_row[row]].push_back(row);
  return members;
}

std::vector<std::size_t> Groups::FirstRows() const {
  std::vector<std::size_t> first(count, group_of_row.size());
  for (std::size_t row = group_of_row.size(); row-- > 0;) first[group_of_row[row]] = row;
  return first;
}

std::vector<double> SumByGroup(std::span<const double> values, const Groups& groups) {
  std::vector<double> sums(groups.count, 0.0);
  for (std::size_t row = 0; row < values.size(); ++row) sums[groups.group_of_row[row]] += values[row];
  return sums;  // NaN propagates through +=
}

Estimates::Estimates(std::size_t rows, std::span<const double> confidence_levels)
    : levels(confidence_levels.begin(), confidence_levels.end()),
      value(rows, kMissing),
      lower(confidence_levels.size(), std::vector<double>(rows, kMissing)),
      upper(confidence_levels.size(), std::vector<double>(rows, kMissing)),
      method(rows, Method::kNone),
      reason(rows, Reason::kNone) {}

void Estimates::Invalidate(std::size_t row, Reason why) {
  value[row] = kMissing;
  for (std::size_t l = 0; l < levels.size(); ++l) lower[l][row] = upper[l][row] = kMissing;
  method[row] = Method::kNone;
  reason[row] = why;
}

void Estimates::Scale(std::size_t row, double factor) {
  value[row] *= factor;
  for (std::size_t l = 0; l < levels.size(); ++l) {
    lower[l][row] *= factor;
    upper[l][row] *= factor;
  }
}

}  // namespace nrs::stats
