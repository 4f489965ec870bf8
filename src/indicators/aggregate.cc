#include "indicators/aggregate.h"

#include <array>
#include <cmath>

namespace nrs::indicators {
namespace {

constexpr std::array<std::pair<Measure, std::string_view>, 5> kMeasureKeys = {{
    {Measure::kValue, "value"},
    {Measure::kAverageRank, "average_rank"},
    {Measure::kShareAreasMostDeprived10, "share_areas_most_deprived_10"},
    {Measure::kSharePopulationMostDeprived10, "share_population_most_deprived_10"},
    {Measure::kExtent, "extent"},
}};

Polarity Opposite(Polarity p) {
  switch (p) {
    case Polarity::kHighIsGood:
      return Polarity::kLowIsGood;
    case Polarity::kLowIsGood:
      return Polarity::kHighIsGood;
    case Polarity::kNoJudgement:
      return Polarity::kNoJudgement;
  }
  return p;
}

Summary SumCounts(std::span<const MemberValue> members) {
  Summary s;
  s.method = "sum";
  double total = 0;
  for (const MemberValue& m : members) {
    if (!m.value) {
      ++s.missing;
      continue;
    }
    total += *m.value;
    ++s.areas;
  }
  if (s.areas > 0) s.value = total;
  return s;
}

// Proportions and rates: the ratio of the summed numerators and denominators, so that a neighbourhood's
// figure is the share of its people, not the mean of its areas' shares.
Summary RatioOfSums(std::span<const MemberValue> members, double multiplier) {
  Summary s;
  s.method = "ratio of summed numerators and denominators";
  double numerator = 0;
  double denominator = 0;
  for (const MemberValue& m : members) {
    if (!m.numerator || !m.denominator) {
      ++s.missing;
      continue;
    }
    numerator += *m.numerator;
    denominator += *m.denominator;
    ++s.areas;
  }
  if (s.areas > 0) {
    s.numerator = numerator;
    s.denominator = denominator;
    if (denominator > 0) s.value = numerator / denominator * multiplier;
  }
  return s;
}

// Population-weighted mean: the value a resident of the area sees on average. Without populations the plain
// mean, and the method says so.
Summary WeightedMean(std::span<const MemberValue> members) {
  Summary s;
  double weighted = 0;
  double weights = 0;
  double plain = 0;
  bool all_weighted = true;
  for (const MemberValue& m : members) {
    if (!m.value) {
      ++s.missing;
      continue;
    }
    ++s.areas;
    plain += *m.value;
    if (m.weight > 0) {
      weighted += *m.value * m.weight;
      weights += m.weight;
    } else {
      all_weighted = false;
    }
  }
  if (s.areas == 0) {
    s.method = "population-weighted mean";
    return s;
  }
  if (all_weighted && weights > 0) {
    s.value = weighted / weights;
    s.method = "population-weighted mean";
  } else {
    s.value = plain / static_cast<double>(s.areas);
    s.method = "mean of areas (population not known for every area)";
  }
  return s;
}

}  // namespace

std::string_view MeasureKey(Measure m) {
  for (const auto& [measure, key] : kMeasureKeys) {
    if (measure == m) return key;
  }
  return "value";
}

std::string_view MeasureName(Measure m) {
  switch (m) {
    case Measure::kValue:
      return "";
    case Measure::kAverageRank:
      return "average rank";
    case Measure::kShareAreasMostDeprived10:
      return "share of areas in England's most deprived 10%";
    case Measure::kSharePopulationMostDeprived10:
      return "share of population in England's most deprived 10%";
    case Measure::kExtent:
      return "extent (population in the most deprived 30%, sliding weight)";
  }
  return "";
}

Result<Measure> ParseMeasure(std::string_view key) {
  for (const auto& [measure, k] : kMeasureKeys) {
    if (k == key) return measure;
  }
  return Status::InvalidArgument("unknown measure '{}'", key);
}

double ExtentWeight(double rank, double rank_count) {
  // Percentile of deprivation, 0 = most deprived; the IoD's extent counts everyone in the most deprived 10%
  // and a linearly falling share (95% down to 5%) of those between the 10th and 30th percentiles.
  // The thresholds are compared as rank·10 against N so that a rank exactly at a percentile boundary is not
  // pushed across it by rounding.
  if (rank * 10.0 <= rank_count) return 1.0;
  if (rank * 10.0 > 3.0 * rank_count) return 0.0;
  const double percentile = rank / rank_count * 100.0;
  return 1.0 - 0.95 * (percentile - 10.0) / 20.0;
}

Result<std::vector<Summary>> Summarise(const Indicator& indicator, std::span<const MemberValue> members,
                                       std::int64_t rank_count) {
  std::vector<Summary> out;
  switch (indicator.value_type) {
    case ValueType::kCount:
      out.push_back(SumCounts(members));
      break;
    case ValueType::kProportion:
    case ValueType::kRate: {
      bool counts = false;
      for (const MemberValue& m : members) counts = counts || (m.numerator && m.denominator);
      out.push_back(counts ? RatioOfSums(members, indicator.multiplier) : WeightedMean(members));
      break;
    }
    case ValueType::kScore:
      out.push_back(WeightedMean(members));
      break;
    case ValueType::kRank: {
      if (rank_count <= 0) {
        return Status::InvalidArgument("rank indicator '{}' needs the number of areas ranked (rank_count)",
                                       indicator.key);
      }
      const double n = static_cast<double>(rank_count);
      Summary average = WeightedMean(members);
      average.measure = Measure::kAverageRank;
      average.method =
          average.method == "population-weighted mean" ? "population-weighted average rank" : average.method;
      Summary areas{Measure::kShareAreasMostDeprived10, {}, {}, {}, 0, 0, "share of areas ranked in the top 10%", {}};
      Summary people{Measure::kSharePopulationMostDeprived10,           {}, {}, {}, 0, 0,
                     "population share in areas ranked in the top 10%", {}};
      Summary extent{
          Measure::kExtent, {}, {}, {}, 0, 0, "IoD extent: sliding weight from the 10th to 30th percentile", {}};
      double in_top = 0;
      double people_in_top = 0;
      double people_total = 0;
      double extent_people = 0;
      std::int64_t with_value = 0;
      for (const MemberValue& m : members) {
        if (!m.value) continue;
        ++with_value;
        const bool top = *m.value <= n / 10.0;  // decile 1: rank ≤ N/10
        in_top += top ? 1 : 0;
        people_total += m.weight;
        people_in_top += top ? m.weight : 0;
        extent_people += ExtentWeight(*m.value, n) * m.weight;
      }
      for (Summary* s : {&areas, &people, &extent}) {
        s->areas = with_value;
        s->missing = static_cast<std::int64_t>(members.size()) - with_value;
      }
      if (with_value > 0) {
        areas.value = in_top / static_cast<double>(with_value);
        areas.numerator = in_top;
        areas.denominator = static_cast<double>(with_value);
      }
      if (people_total > 0) {
        people.value = people_in_top / people_total;
        people.numerator = people_in_top;
        people.denominator = people_total;
        extent.value = extent_people / people_total;
        extent.numerator = extent_people;
        extent.denominator = people_total;
      }
      // A high rank is the good direction of a rank (1 = most deprived); its deprived shares run the other way.
      average.polarity = indicator.polarity;
      areas.polarity = people.polarity = extent.polarity = Opposite(indicator.polarity);
      out = {average, areas, people, extent};
      return out;
    }
    case ValueType::kDecile:
      return out;
  }
  for (Summary& s : out) s.polarity = indicator.polarity;
  return out;
}

}  // namespace nrs::indicators
