#include "geo/area_type.h"

#include <array>
#include <regex>

#include "core/text.h"

namespace nrs::geo {
namespace {

struct KindInfo {
  AreaKind kind;
  std::string_view key;         // key prefix: "lsoa" + vintage
  std::string_view ons_prefix;  // ONS header prefix: "LSOA" in LSOA11CD
  std::string_view name;
  std::string_view long_name;                     // MHCLG header style: "LSOA code (2011)"
  std::array<std::string_view, 7> code_prefixes;  // three-character code prefixes, "" = unused
  bool has_vintage;
};

constexpr std::array<KindInfo, 8> kKinds = {{
    {AreaKind::kOutputArea, "oa", "OA", "Output area", "OA", {"E00", "W00", "S00"}, true},
    {AreaKind::kLsoa, "lsoa", "LSOA", "LSOA", "LSOA", {"E01", "W01"}, true},
    {AreaKind::kMsoa, "msoa", "MSOA", "MSOA", "MSOA", {"E02", "W02"}, true},
    {AreaKind::kWard, "wd", "WD", "Ward", "Ward", {"E05", "W05", "S13", "N08"}, true},
    {AreaKind::kLocalAuthority,
     "lad",
     "LAD",
     "Local authority district",
     "Local Authority District",
     {"E06", "E07", "E08", "E09", "W06", "S12", "N09"},
     true},
    {AreaKind::kCounty, "cty", "CTY", "County", "County", {"E10", "E11", "E13"}, true},
    {AreaKind::kRegion, "rgn", "RGN", "Region", "Region", {"E12"}, false},
    {AreaKind::kCountry, "ctry", "CTRY", "Country", "Country", {"E92", "W92", "S92", "N92"}, false},
}};

const KindInfo& Info(AreaKind kind) { return kKinds[static_cast<std::size_t>(kind)]; }

std::optional<AreaType> Make(const KindInfo& info, int two_digit_year) {
  return AreaType{info.kind, info.has_vintage ? two_digit_year : 0};
}

// The kind named by a header word, case-insensitively: "LSOA", "ward", "LAD", "la", "Local Authority District".
const KindInfo* KindFromWord(std::string_view word) {
  const std::string lower = core::ToLower(word);
  for (const KindInfo& info : kKinds) {
    if (lower == core::ToLower(info.ons_prefix) || lower == core::ToLower(info.long_name) || lower == info.key) {
      return &info;
    }
  }
  if (lower == "ward") return &Info(AreaKind::kWard);
  if (lower == "la") return &Info(AreaKind::kLocalAuthority);
  return nullptr;
}

std::optional<AreaType> FromHeader(std::string_view header, bool code) {
  // ONS: LSOA11CD / LSOA11NM; snake case: lsoa11_code / lsoa11_name; MHCLG: "LSOA code (2011)".
  static const std::regex kOns(R"(^([A-Za-z]+?)(\d\d)(CD|NM|cd|nm)$)");
  static const std::regex kSnake(R"(^([a-z]+?)(\d\d)_(code|name)$)");
  static const std::regex kLong(R"(^([A-Za-z ]+) (code|name) \((\d\d\d\d)\)$)");
  const std::string text(core::Trim(header));
  std::smatch m;
  const KindInfo* info = nullptr;
  int year = 0;
  bool is_code = false;
  if (std::regex_match(text, m, kOns)) {
    info = KindFromWord(m[1].str());
    year = std::stoi(m[2].str());
    is_code = core::ToLower(m[3].str()) == "cd";
  } else if (std::regex_match(text, m, kSnake)) {
    info = KindFromWord(m[1].str());
    year = std::stoi(m[2].str());
    is_code = m[3].str() == "code";
  } else if (std::regex_match(text, m, kLong)) {
    info = KindFromWord(m[1].str());
    year = std::stoi(m[3].str()) % 100;
    is_code = m[2].str() == "code";
  }
  if (info == nullptr || is_code != code) return std::nullopt;
  return Make(*info, year);
}

}  // namespace

std::string AreaType::Key() const {
  const KindInfo& info = Info(kind);
  return info.has_vintage ? fmt::format("{}{:02}", info.key, vintage) : std::string(info.key);
}

std::string AreaType::Name() const {
  const KindInfo& info = Info(kind);
  return info.has_vintage ? fmt::format("{} (20{:02})", info.name, vintage) : std::string(info.name);
}

bool AreaType::CodeMatches(std::string_view code) const {
  if (code.size() != 9) return false;
  for (std::size_t i = 3; i < 9; ++i) {
    if (code[i] < '0' || code[i] > '9') return false;
  }
  for (std::string_view prefix : Info(kind).code_prefixes) {
    if (!prefix.empty() && code.starts_with(prefix)) return true;
  }
  return false;
}

std::string AreaType::CodePattern() const {
  std::string prefixes;
  for (std::string_view prefix : Info(kind).code_prefixes) {
    if (prefix.empty()) continue;
    if (!prefixes.empty()) prefixes += ", ";
    prefixes += prefix;
  }
  return fmt::format("{} followed by six digits", prefixes);
}

Result<AreaType> ParseAreaType(std::string_view key) {
  for (const KindInfo& info : kKinds) {
    if (!key.starts_with(info.key)) continue;
    const std::string_view rest = key.substr(info.key.size());
    if (!info.has_vintage && rest.empty()) return AreaType{info.kind, 0};
    if (info.has_vintage && rest.size() == 2 && std::isdigit(static_cast<unsigned char>(rest[0])) != 0 &&
        std::isdigit(static_cast<unsigned char>(rest[1])) != 0) {
      return AreaType{info.kind, (rest[0] - '0') * 10 + (rest[1] - '0')};
    }
  }
  return Status::InvalidArgument(
      "unknown area type '{}'; use a kind and a two-digit vintage such as lsoa11, msoa11, wd19, lad19, cty19, "
      "or rgn, ctry",
      key);
}

std::optional<AreaType> AreaTypeFromCodeHeader(std::string_view header) { return FromHeader(header, true); }

std::optional<AreaType> AreaTypeFromNameHeader(std::string_view header) { return FromHeader(header, false); }

}  // namespace nrs::geo
