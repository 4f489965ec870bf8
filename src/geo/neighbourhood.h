#pragma once

// Neighbourhoods: named sets of small areas that a council works with — a programme's Neighbourhood for
// Learning, a matched comparison area, a better-off area.

#include <string>
#include <string_view>
#include <vector>

#include "geo/hierarchy.h"
#include "nrs/result.h"

namespace nrs::geo {

enum class NeighbourhoodClass { kProgramme, kComparison, kBetterOff };

// "programme", "comparison", "better_off" (also accepted: "programme neighbourhood", "comparison area",
// "better-off area", "better-off").
Result<NeighbourhoodClass> ParseNeighbourhoodClass(std::string_view text);
std::string_view NeighbourhoodClassKey(NeighbourhoodClass c);
std::string_view NeighbourhoodClassName(NeighbourhoodClass c);  // "programme neighbourhood", …

enum class Definition { kLsoas, kWards, kPolygon };
std::string_view DefinitionKey(Definition d);  // "lsoas", "wards", "polygon"

// The LSOAs (of `lsoa_type`) that a neighbourhood defined by `codes` of `definition` (LSOA codes or ward codes
// of `ward_type`) consists of: ward codes are expanded through the hierarchy's best-fit lookup. Sorted by code,
// without repeats. Errors (kInvalidArgument): an empty list, a code of the wrong form, a code the hierarchy
// does not know, a ward with no LSOAs — each named.
Result<std::vector<std::int64_t>> ResolveMembers(const Hierarchy& hierarchy, Definition definition,
                                                 const std::vector<std::string>& codes, const AreaType& lsoa_type,
                                                 const AreaType& ward_type);

// The council (area of `council_type`) that contains most of `members`, or 0 when none is known.
std::int64_t MainCouncil(const Hierarchy& hierarchy, const std::vector<std::int64_t>& members,
                         const AreaType& council_type);

}  // namespace nrs::geo
