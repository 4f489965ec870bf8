#pragma once

// Small text helpers used at every edge: strict number parsing (the whole field must be a number, so that
// "12abc" is an error, not 12), trimming and splitting.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nrs::core {

// The number in `text` (surrounding spaces allowed), or nullopt when `text` is not exactly one number.
// Accepts decimal and exponent forms; rejects "", "nan", "inf", hex and trailing characters.
std::optional<double> ParseDouble(std::string_view text);
std::optional<std::int64_t> ParseInt(std::string_view text);
// As ParseDouble, also accepting thousands separators as spreadsheets export them: "29,199", "-1,296.5"
// (groups of exactly three digits after the first comma).
std::optional<double> ParseGroupedNumber(std::string_view text);

std::string_view Trim(std::string_view text);

// Splits on `separator`, trimming each part; empty parts are dropped.
std::vector<std::string> SplitList(std::string_view text, char separator);

// ASCII lower case.
std::string ToLower(std::string_view text);

}  // namespace nrs::core
