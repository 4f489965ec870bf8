#include "core/text.h"

#include <charconv>
#include <cmath>

namespace nrs::core {

std::string_view Trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::optional<double> ParseDouble(std::string_view text) {
  text = Trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double value = 0;
  // std::from_chars: locale-independent and exact (correctly rounded), unlike strtod under a locale.
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<std::int64_t> ParseInt(std::string_view text) {
  text = Trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<double> ParseGroupedNumber(std::string_view text) {
  text = Trim(text);
  if (text.find(',') == std::string_view::npos) return ParseDouble(text);
  std::string plain;
  std::size_t digits_in_group = 0;
  bool seen_comma = false;
  bool in_fraction = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ',') {
      if (in_fraction || digits_in_group == 0 || (seen_comma && digits_in_group != 3)) return std::nullopt;
      if (!seen_comma && digits_in_group > 3) return std::nullopt;
      seen_comma = true;
      digits_in_group = 0;
      continue;
    }
    if (c >= '0' && c <= '9') {
      if (!in_fraction) ++digits_in_group;
    } else if (c == '.') {
      if (seen_comma && digits_in_group != 3) return std::nullopt;
      in_fraction = true;
    } else if (!((c == '-' || c == '+') && i == 0)) {
      return std::nullopt;
    }
    plain += c;
  }
  if (!in_fraction && digits_in_group != 3) return std::nullopt;
  return ParseDouble(plain);
}

std::vector<std::string> SplitList(std::string_view text, char separator) {
  std::vector<std::string> parts;
  while (true) {
    const std::size_t at = text.find(separator);
    const std::string_view part = Trim(text.substr(0, at));
    if (!part.empty()) parts.emplace_back(part);
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + 1);
  }
  return parts;
}

std::string ToLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace nrs::core
