#pragma once

// Statistical disclosure control of survey tables: the one function every output path applies (command line,
// exports, API, web, reports) before a survey figure leaves NRS. Rules of methods.md §4:
// - primary suppression: a row estimated from fewer than `min_respondents` respondents loses its values;
// - counts (respondents, effective sample sizes) are never shown exactly: 1 to `small_count_max` as "*", others
//   rounded to the nearest `rounding_base`;
// - secondary suppression: in every line of the table (the rows that share all dimensions but one) that holds a
//   suppressed row, a second row is suppressed (the smallest other), so that no suppressed figure can be
//   recovered from the line's total — published in this table or obtained by another query;
// - rows derived from the others (a difference in differences, a total) are suppressed with any of them.
// Suppressed rows say so in the flag column ("suppressed", "suppressed_secondary").

#include <cstdint>
#include <string>
#include <vector>

#include "core/table.h"
#include "nrs/result.h"

namespace nrs::survey {

struct DisclosureRules {
  std::int64_t min_respondents = 10;  // suppress estimates from fewer respondents
  std::int64_t small_count_max = 7;   // counts 1..this are shown as "*" (0: none)
  std::int64_t rounding_base = 5;     // other counts are rounded to a multiple of this (1: exact)
  bool secondary_suppression = true;

  // Errors: kInvalidArgument (negative thresholds, rounding base below 1).
  Status Validate() const;
};

// Which columns of a table play which part. Every named column must exist.
struct DisclosureLayout {
  std::vector<std::string> dimensions{};  // the domain columns (area, wave, sex, …)
  std::string respondents = "n";          // the unweighted count that decides suppression
  std::vector<std::string> counts{};      // other count columns shown as "*" or rounded (effective_n, …)
  std::vector<std::string> values{};      // blanked in a suppressed row (estimate, se, lower, upper, deff, …)
  std::string flag = "flag";              // where the suppression is said ("" when the table has none)
  // Rows whose `derived_column` holds one of `derived_values` are computed from the other rows and are
  // suppressed with any of them ("" when none).
  std::string derived_column{};
  std::vector<std::string> derived_values{};
};

// The table as it may be published. Errors: kInvalidArgument (rules; a column of the layout missing from the
// table; a respondents cell that is not an integer).
Result<core::Table> ApplyDisclosureControl(const core::Table& table, const DisclosureLayout& layout,
                                           const DisclosureRules& rules);

}  // namespace nrs::survey
