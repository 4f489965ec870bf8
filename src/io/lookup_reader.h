#pragma once

// Reads an ONS-style lookup CSV (one row per area, columns such as LSOA11CD, LSOA11NM, WD19CD, WD19NM,
// LAD19CD …, detected from the header) into the areas it names and the best-fit links between them: in
// each row every code links to the next larger area present.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/area_type.h"
#include "io/csv_reader.h"

namespace nrs::io {

struct LookupArea {
  geo::AreaType type;
  std::string code;
  std::optional<std::string> name;  // nullopt when the file has no name column for its type
  std::int64_t line = 0;            // first line naming it
};

struct LookupLink {
  geo::AreaType child_type;
  std::string child;
  geo::AreaType parent_type;
  std::string parent;
  std::int64_t line = 0;
};

struct Lookup {
  std::vector<geo::AreaType> types;  // the area types of the file's code columns, smallest first
  std::vector<LookupArea> areas;     // each (type, code) once
  std::vector<LookupLink> links;     // each (child, parent type) once
  std::int64_t rows = 0;
};

// Reads every record of `reader`. Refuses the whole file (kInvalidInput, every problem as
// file:line: column: reason) for: no area code column, a code of the wrong form for its column, a missing code
// where the level is always present (counties and regions may be blank), a missing name, an area given two
// names, an area placed in two different parents of one type.
Result<Lookup> ReadLookup(CsvReader& reader);

}  // namespace nrs::io
