#include "geo/neighbourhood.h"

#include <algorithm>
#include <map>

#include "core/text.h"

namespace nrs::geo {

Result<NeighbourhoodClass> ParseNeighbourhoodClass(std::string_view text) {
  std::string t = core::ToLower(core::Trim(text));
  std::replace(t.begin(), t.end(), '-', '_');
  std::replace(t.begin(), t.end(), ' ', '_');
  if (t == "programme" || t == "programme_neighbourhood" || t == "neighbourhood_for_learning") {
    return NeighbourhoodClass::kProgramme;
  }
  if (t == "comparison" || t == "comparison_area") return NeighbourhoodClass::kComparison;
  if (t == "better_off" || t == "better_off_area") return NeighbourhoodClass::kBetterOff;
  return Status::InvalidArgument("unknown neighbourhood class '{}'; use programme, comparison or better_off", text);
}

std::string_view NeighbourhoodClassKey(NeighbourhoodClass c) {
  switch (c) {
    case NeighbourhoodClass::kProgramme:
      return "programme";
    case NeighbourhoodClass::kComparison:
      return "comparison";
    case NeighbourhoodClass::kBetterOff:
      return "better_off";
  }
  return "programme";
}

std::string_view NeighbourhoodClassName(NeighbourhoodClass c) {
  switch (c) {
    case NeighbourhoodClass::kProgramme:
      return "programme neighbourhood";
    case NeighbourhoodClass::kComparison:
      return "comparison area";
    case NeighbourhoodClass::kBetterOff:
      return "better-off area";
  }
  return "programme neighbourhood";
}

std::string_view DefinitionKey(Definition d) {
  switch (d) {
    case Definition::kLsoas:
      return "lsoas";
    case Definition::kWards:
      return "wards";
    case Definition::kPolygon:
      return "polygon";
  }
  return "lsoas";
}

Result<std::vector<std::int64_t>> ResolveMembers(const Hierarchy& hierarchy, Definition definition,
                                                 const std::vector<std::string>& codes, const AreaType& lsoa_type,
                                                 const AreaType& ward_type) {
  if (definition == Definition::kPolygon) {
    return Status::Internal("a polygon-defined neighbourhood is resolved against boundaries, not codes");
  }
  if (codes.empty()) return Status::InvalidArgument("a neighbourhood needs at least one area code");
  const AreaType& type = definition == Definition::kWards ? ward_type : lsoa_type;
  std::vector<std::int64_t> members;
  for (const std::string& code : codes) {
    if (!type.CodeMatches(code)) {
      return Status::InvalidArgument("'{}' is not a {} code (expected {})", code, type.Name(), type.CodePattern());
    }
    const Area* area = hierarchy.Find(type, code);
    if (area == nullptr) {
      return Status::InvalidArgument("{} '{}' is not in the database; import its lookup first", type.Name(), code);
    }
    if (definition == Definition::kLsoas) {
      members.push_back(area->id);
      continue;
    }
    const std::vector<std::int64_t> lsoas = hierarchy.Descendants(area->id, lsoa_type);
    if (lsoas.empty()) {
      return Status::InvalidArgument("ward '{}' ({}) has no {} in the lookup", code, area->name, lsoa_type.Name());
    }
    members.insert(members.end(), lsoas.begin(), lsoas.end());
  }
  std::sort(members.begin(), members.end(),
            [&](std::int64_t a, std::int64_t b) { return hierarchy.Get(a)->code < hierarchy.Get(b)->code; });
  members.erase(std::unique(members.begin(), members.end()), members.end());
  return members;
}

std::int64_t MainCouncil(const Hierarchy& hierarchy, const std::vector<std::int64_t>& members,
                         const AreaType& council_type) {
  std::map<std::int64_t, int> votes;
  for (const std::int64_t m : members) {
    const std::int64_t council = hierarchy.Ancestor(m, council_type);
    if (council != 0) ++votes[council];
  }
  std::int64_t best = 0;
  int best_votes = 0;
  for (const auto& [council, n] : votes) {
    if (n > best_votes) best = council, best_votes = n;
  }
  return best;
}

}  // namespace nrs::geo
