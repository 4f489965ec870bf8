#pragma once

// Reads small-area population estimates in the wide layout ONS tables use: one row per area (and sex), a
// column per age band — age_0_4 … age_85_89, age_90_plus, or single years age_0 … age_89 — and an all_ages
// total that must equal the sum of the bands.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/area_type.h"
#include "io/csv_reader.h"

namespace nrs::io {

enum class Sex { kFemale, kMale, kAll };
std::string_view SexKey(Sex sex);  // "female", "male", "all"

struct AgeBand {
  int from = 0;
  std::optional<int> to;  // nullopt: open band ("90 and over")
};

struct PopulationRow {
  std::string code;
  Sex sex = Sex::kAll;
  std::vector<double> counts;  // one per band, in Population::bands order
  std::int64_t line = 0;
};

struct Population {
  geo::AreaType type;
  std::vector<AgeBand> bands;  // ascending, contiguous, no overlaps
  std::vector<PopulationRow> rows;
};

// Refuses the whole file (kInvalidInput with every problem) for: no area code column, no age columns,
// overlapping or gapped bands, a code of the wrong form, an unknown sex, a negative or non-numeric count, a
// total that differs from the sum of the bands, the same area and sex twice.
Result<Population> ReadPopulation(CsvReader& reader);

}  // namespace nrs::io
