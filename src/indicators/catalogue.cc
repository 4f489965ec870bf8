#include "indicators/catalogue.h"

#include <array>

#include "core/text.h"

namespace nrs::indicators {
namespace {

constexpr std::array<std::pair<std::string_view, ValueType>, 6> kValueTypes = {{
    {"count", ValueType::kCount},
    {"proportion", ValueType::kProportion},
    {"rate", ValueType::kRate},
    {"score", ValueType::kScore},
    {"rank", ValueType::kRank},
    {"decile", ValueType::kDecile},
}};

constexpr std::array<std::pair<std::string_view, Polarity>, 3> kPolarities = {{
    {"high_is_good", Polarity::kHighIsGood},
    {"low_is_good", Polarity::kLowIsGood},
    {"no_judgement", Polarity::kNoJudgement},
}};

constexpr std::array<std::string_view, 5> kDomains = {"living environment", "economic systems", "social relationships",
                                                      "community governance", "overall"};

std::string Normalise(std::string_view text) {
  std::string t = core::ToLower(core::Trim(text));
  for (char& c : t) {
    if (c == ' ' || c == '-') c = '_';
  }
  return t;
}

}  // namespace

Result<ValueType> ParseValueType(std::string_view text) {
  const std::string t = Normalise(text);
  for (const auto& [key, type] : kValueTypes) {
    if (t == key) return type;
  }
  return Status::InvalidArgument("unknown value type '{}'; use count, proportion, rate, score, rank or decile", text);
}

std::string_view ValueTypeKey(ValueType t) {
  for (const auto& [key, type] : kValueTypes) {
    if (type == t) return key;
  }
  return "score";
}

Result<Polarity> ParsePolarity(std::string_view text) {
  const std::string t = Normalise(text);
  for (const auto& [key, polarity] : kPolarities) {
    if (t == key) return polarity;
  }
  return Status::InvalidArgument("unknown polarity '{}'; use high_is_good, low_is_good or no_judgement", text);
}

std::string_view PolarityKey(Polarity p) {
  for (const auto& [key, polarity] : kPolarities) {
    if (polarity == p) return key;
  }
  return "no_judgement";
}

bool IsKnownDomain(std::string_view domain) {
  const std::string d = core::ToLower(core::Trim(domain));
  for (std::string_view known : kDomains) {
    if (d == known) return true;
  }
  return false;
}

Status Indicator::Validate() const {
  if (key.empty()) return Status::InvalidArgument("an indicator needs a key");
  for (char c : key) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!ok) return Status::InvalidArgument("indicator key '{}': use lower-case letters, digits, '-', '_', '.'", key);
  }
  if (name.empty()) return Status::InvalidArgument("indicator '{}' needs a name", key);
  if (!(multiplier > 0)) return Status::InvalidArgument("indicator '{}': multiplier must be positive", key);
  for (const std::string& d : domains) {
    if (!IsKnownDomain(d)) {
      return Status::InvalidArgument(
          "indicator '{}': unknown domain '{}'; use living environment, economic systems, social relationships, "
          "community governance or overall",
          key, d);
    }
  }
  if (numerator.empty() != denominator.empty()) {
    return Status::InvalidArgument("indicator '{}': give both numerator and denominator, or neither", key);
  }
  if (computed() && value_type != ValueType::kProportion && value_type != ValueType::kRate) {
    return Status::InvalidArgument("indicator '{}': only proportions and rates are computed from a numerator", key);
  }
  if (computed() && !columns.empty()) {
    return Status::InvalidArgument("indicator '{}': a computed indicator has no columns of its own", key);
  }
  if (value_type == ValueType::kRank && rank_count < 0) {
    return Status::InvalidArgument("indicator '{}': rank_count must not be negative", key);
  }
  return Status::Ok();
}

}  // namespace nrs::indicators
