#pragma once

// Reads indicator catalogues and indicator values.
//
// Catalogue CSV: key, name, description, domains (';'-separated), unit, value_type, multiplier, polarity,
// source, period, area_type, columns ('|'-separated headers that carry the indicator in wide files),
// numerator, denominator, weight, rank_count, profile (yes/no). Only key, name and value_type are required.
//
// Values, wide layout: one row per area, one column per indicator — files as published (the IoD files load
// as they are): the area code column is found from its header, name and parent-code columns are skipped,
// every other column is an indicator, matched to the catalogue by header; numeric columns the catalogue does
// not know become new indicators (reported). Long layout: columns area_code, indicator, value and optionally
// period, numerator, denominator.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/area_type.h"
#include "indicators/catalogue.h"
#include "io/csv_reader.h"

namespace nrs::io {

// Every problem listed (kInvalidInput): missing required columns, unknown value types, polarities or
// domains, keys repeated, numerators or weights that name no indicator of the file or of `known`.
Result<std::vector<indicators::Indicator>> ReadCatalogue(CsvReader& reader,
                                                         const std::vector<indicators::Indicator>& known);

// One value. Codes and periods are indices into IndicatorValues' lists: a file of a million values names
// only tens of thousands of areas and a handful of periods.
struct IndicatorValueRow {
  std::uint32_t indicator = 0;  // into IndicatorValues::indicators
  std::uint32_t code = 0;       // into IndicatorValues::codes
  std::uint32_t period = 0;     // into IndicatorValues::periods
  std::optional<double> value;
  std::optional<double> numerator;
  std::optional<double> denominator;
  std::int64_t line = 0;
};

struct IndicatorValues {
  geo::AreaType area_type;
  std::vector<indicators::Indicator> indicators;  // those the file carries, from the catalogue or new
  std::vector<bool> is_new;                       // per indicator: not in the catalogue before this file
  std::vector<std::string> codes;                 // area codes, each once, in order of first appearance
  std::vector<std::int64_t> code_lines;           // per code: the line it first appears on
  std::vector<std::string> periods;               // each once
  std::vector<IndicatorValueRow> rows;
};

enum class Layout { kAuto, kWide, kLong };
Result<Layout> ParseLayout(std::string_view text);

struct ValueReadOptions {
  Layout layout = Layout::kAuto;           // long when the header has area_code, indicator and value
  std::string period;                      // overrides the catalogue's period ("" = the catalogue's)
  std::optional<geo::AreaType> area_type;  // when the code column's header does not say
  std::string source;                      // recorded on new indicators
};

// Refuses the whole file (kInvalidInput) for: no area code column, codes of the wrong form, an indicator
// published for another area type or vintage than the file's codes, non-numeric values, a column mixing
// numbers and text, the same area (and indicator and period) twice, values with no period.
Result<IndicatorValues> ReadIndicatorValues(CsvReader& reader, const std::vector<indicators::Indicator>& catalogue,
                                            const ValueReadOptions& options);

}  // namespace nrs::io
