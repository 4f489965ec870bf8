#pragma once

// Area types of the ONS geographies, each with its vintage: an LSOA of 2011 and an LSOA of 2021 are different
// types, because their boundaries (and some codes) differ. Regions and countries have kept their codes since
// 2009, so they carry no vintage.

#include <optional>
#include <string>
#include <string_view>

#include "nrs/result.h"

namespace nrs::geo {

// From smallest to largest; the order is the nesting order used to link lookup columns.
enum class AreaKind { kOutputArea, kLsoa, kMsoa, kWard, kLocalAuthority, kCounty, kRegion, kCountry };

struct AreaType {
  AreaKind kind = AreaKind::kLsoa;
  int vintage = 0;  // two-digit year (11 = 2011); 0 for regions and countries

  // "lsoa11", "msoa11", "wd19", "lad19", "cty19", "rgn", "ctry".
  std::string Key() const;
  // "LSOA (2011)", "Ward (2019)", "Local authority district (2019)", "Region", "Country".
  std::string Name() const;
  // 0 for output areas up to 7 for countries.
  int Level() const { return static_cast<int>(kind); }
  // Whether `code` has the form of this kind's ONS codes (e.g. E01 + six digits for an English LSOA).
  bool CodeMatches(std::string_view code) const;
  // What its codes look like, for messages: "E01 or W01 and six digits".
  std::string CodePattern() const;

  friend bool operator==(const AreaType&, const AreaType&) = default;
};

// Parses a key such as "lsoa11", "wd19", "lad19", "rgn" (as written by Key()).
Result<AreaType> ParseAreaType(std::string_view key);

// The area type whose codes a column holds, read from its header as ONS and MHCLG publish them:
// "LSOA11CD", "WD19CD", "lsoa11_code", "LSOA code (2011)", "Local Authority District code (2019)".
// nullopt when the header names no area code column.
std::optional<AreaType> AreaTypeFromCodeHeader(std::string_view header);
// The same for name columns: "LSOA11NM", "lsoa11_name", "LSOA name (2011)".
std::optional<AreaType> AreaTypeFromNameHeader(std::string_view header);

}  // namespace nrs::geo
