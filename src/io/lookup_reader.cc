#include "io/lookup_reader.h"

#include <algorithm>
#include <unordered_map>

#include "core/text.h"

namespace nrs::io {
namespace {

struct Level {
  geo::AreaType type;
  int code_column = -1;
  int name_column = -1;
};

// Counties are blank for unitary and metropolitan areas, regions outside England: ONS leaves those cells
// empty by design, and the area then links straight to the next level present.
bool MayBeBlank(const geo::AreaType& type) {
  return type.kind == geo::AreaKind::kCounty || type.kind == geo::AreaKind::kRegion;
}

}  // namespace

Result<Lookup> ReadLookup(CsvReader& reader) {
  DiagnosticList problems(reader.name());
  std::vector<Level> levels;
  const auto level_of = [&](const geo::AreaType& type) -> Level& {
    for (Level& l : levels) {
      if (l.type == type) return l;
    }
    levels.push_back({type, -1, -1});
    return levels.back();
  };
  const auto& header = reader.header();
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (const auto type = geo::AreaTypeFromCodeHeader(header[c])) {
      Level& l = level_of(*type);
      if (l.code_column >= 0) problems.Add(1, header[c], "a second code column for {}", type->Name());
      l.code_column = static_cast<int>(c);
    } else if (const auto name_type = geo::AreaTypeFromNameHeader(header[c])) {
      level_of(*name_type).name_column = static_cast<int>(c);
    }
  }
  std::erase_if(levels, [](const Level& l) { return l.code_column < 0; });
  if (levels.empty()) {
    problems.AddReason(1, "", "no area code column; expected ONS headers such as LSOA11CD, WD19CD or LAD19CD");
    return problems.ToStatus();
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  std::sort(levels.begin(), levels.end(), [](const Level& a, const Level& b) {
    return a.type.Level() != b.type.Level() ? a.type.Level() < b.type.Level() : a.type.vintage < b.type.vintage;
  });

  Lookup lookup;
  for (const Level& l : levels) lookup.types.push_back(l.type);
  std::unordered_map<std::string, std::size_t> area_index;  // "type/code" → lookup.areas
  std::unordered_map<std::string, std::size_t> link_index;  // "type/code>parent type" → lookup.links

  while (true) {
    NRS_ASSIGN_OR_RETURN(const bool more, reader.NextRecord(problems));
    if (!more) break;
    ++lookup.rows;
    const std::int64_t line = reader.line();
    const Level* previous = nullptr;
    std::string previous_code;
    for (const Level& l : levels) {
      const std::string& column = header[static_cast<std::size_t>(l.code_column)];
      const std::string code(core::Trim(reader.field(static_cast<std::size_t>(l.code_column))));
      if (code.empty()) {
        if (!MayBeBlank(l.type)) problems.Add(line, column, "missing {} code", l.type.Name());
        continue;
      }
      if (!l.type.CodeMatches(code)) {
        problems.Add(line, column, "'{}' is not a {} code (expected {})", code, l.type.Name(), l.type.CodePattern());
        continue;
      }
      std::optional<std::string> name;
      if (l.name_column >= 0) {
        name = std::string(core::Trim(reader.field(static_cast<std::size_t>(l.name_column))));
        if (name->empty()) {
          problems.Add(line, header[static_cast<std::size_t>(l.name_column)], "missing name for {} '{}'", l.type.Name(),
                       code);
        }
      }
      const std::string key = l.type.Key() + "/" + code;
      const auto [it, inserted] = area_index.emplace(key, lookup.areas.size());
      if (inserted) {
        lookup.areas.push_back({l.type, code, name, line});
      } else {
        const LookupArea& known = lookup.areas[it->second];
        if (name && known.name && *name != *known.name) {
          problems.Add(line, header[static_cast<std::size_t>(l.name_column)],
                       "{} '{}' is named '{}' on line {} but '{}' here", l.type.Name(), code, *known.name, known.line,
                       *name);
        }
      }
      if (previous != nullptr) {
        const std::string link_key = previous->type.Key() + "/" + previous_code + ">" + l.type.Key();
        const auto [lit, linked] = link_index.emplace(link_key, lookup.links.size());
        if (linked) {
          lookup.links.push_back({previous->type, previous_code, l.type, code, line});
        } else if (lookup.links[lit->second].parent != code) {
          const LookupLink& known = lookup.links[lit->second];
          problems.Add(line, column,
                       "{} '{}' lies in {} '{}' on line {} but in '{}' here; a best-fit lookup places each area "
                       "in one {}",
                       previous->type.Name(), previous_code, l.type.Name(), known.parent, known.line, code,
                       l.type.Name());
        }
      }
      previous = &l;
      previous_code = code;
    }
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  if (lookup.rows == 0) {
    problems.AddReason(2, "", "the file has a header but no rows");
    return problems.ToStatus();
  }
  return lookup;
}

}  // namespace nrs::io
