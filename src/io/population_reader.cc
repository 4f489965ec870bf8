#include "io/population_reader.h"

#include <algorithm>
#include <cmath>
#include <regex>
#include <set>

#include "core/text.h"

namespace nrs::io {

std::string_view SexKey(Sex sex) {
  switch (sex) {
    case Sex::kFemale:
      return "female";
    case Sex::kMale:
      return "male";
    case Sex::kAll:
      return "all";
  }
  return "all";
}

namespace {

std::optional<Sex> ParseSex(std::string_view text) {
  const std::string t = core::ToLower(core::Trim(text));
  if (t == "f" || t == "female" || t == "females" || t == "2") return Sex::kFemale;
  if (t == "m" || t == "male" || t == "males" || t == "1") return Sex::kMale;
  if (t == "all" || t == "persons" || t == "p" || t == "total") return Sex::kAll;
  return std::nullopt;
}

}  // namespace

Result<Population> ReadPopulation(CsvReader& reader) {
  DiagnosticList problems(reader.name());
  const auto& header = reader.header();
  int code_column = -1;
  int sex_column = -1;
  int total_column = -1;
  std::optional<geo::AreaType> type;
  struct BandColumn {
    AgeBand band;
    int column;
  };
  std::vector<BandColumn> band_columns;
  static const std::regex kAge(R"(^age_(\d+)(?:_(\d+)|_plus|\+)?$)", std::regex::icase);
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string h = core::ToLower(core::Trim(header[c]));
    std::smatch m;
    if (code_column < 0) {
      if (const auto t = geo::AreaTypeFromCodeHeader(header[c])) {
        code_column = static_cast<int>(c);
        type = t;
        continue;
      }
    }
    if (h == "sex" || h == "gender") {
      sex_column = static_cast<int>(c);
    } else if (h == "all_ages" || h == "all ages" || h == "total") {
      total_column = static_cast<int>(c);
    } else if (std::regex_match(h, m, kAge)) {
      AgeBand band{std::stoi(m[1].str()), std::nullopt};
      if (m[2].matched) {
        band.to = std::stoi(m[2].str());
      } else if (h.find("plus") == std::string::npos && h.find('+') == std::string::npos) {
        band.to = band.from;  // a single year of age
      }
      band_columns.push_back({band, static_cast<int>(c)});
    }
  }
  if (code_column < 0)
    problems.AddReason(1, "", "no area code column; expected a header such as lsoa11_code or LSOA11CD");
  if (band_columns.empty()) problems.AddReason(1, "", "no age columns; expected headers such as age_0_4 … age_90_plus");
  std::sort(band_columns.begin(), band_columns.end(),
            [](const BandColumn& a, const BandColumn& b) { return a.band.from < b.band.from; });
  for (std::size_t i = 0; i < band_columns.size(); ++i) {
    const AgeBand& b = band_columns[i].band;
    const std::string& name = header[static_cast<std::size_t>(band_columns[i].column)];
    if (b.to && *b.to < b.from) problems.Add(1, name, "the band ends before it starts");
    if (i == 0 && b.from != 0) problems.Add(1, name, "the first band starts at {}, not 0", b.from);
    if (i + 1 < band_columns.size()) {
      const AgeBand& next = band_columns[i + 1].band;
      if (!b.to) {
        problems.Add(1, name, "an open band must be the last");
      } else if (next.from != *b.to + 1) {
        problems.Add(1, header[static_cast<std::size_t>(band_columns[i + 1].column)],
                     "bands must follow each other: expected a band from {}, found one from {}", *b.to + 1, next.from);
      }
    }
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());

  Population population;
  population.type = *type;
  for (const BandColumn& b : band_columns) population.bands.push_back(b.band);
  std::set<std::pair<std::string, Sex>> seen;
  while (true) {
    NRS_ASSIGN_OR_RETURN(const bool more, reader.NextRecord(problems));
    if (!more) break;
    const std::int64_t line = reader.line();
    PopulationRow row;
    row.line = line;
    row.code = std::string(core::Trim(reader.field(static_cast<std::size_t>(code_column))));
    if (!type->CodeMatches(row.code)) {
      problems.Add(line, header[static_cast<std::size_t>(code_column)], "'{}' is not a {} code (expected {})", row.code,
                   type->Name(), type->CodePattern());
      continue;
    }
    if (sex_column >= 0) {
      const auto sex = ParseSex(reader.field(static_cast<std::size_t>(sex_column)));
      if (!sex) {
        problems.Add(line, header[static_cast<std::size_t>(sex_column)],
                     "unknown sex '{}'; expected female, male or all",
                     reader.field(static_cast<std::size_t>(sex_column)));
        continue;
      }
      row.sex = *sex;
    }
    if (!seen.emplace(row.code, row.sex).second) {
      problems.Add(line, header[static_cast<std::size_t>(code_column)], "{} ({}) appears twice", row.code,
                   SexKey(row.sex));
      continue;
    }
    double sum = 0;
    bool row_ok = true;
    for (const BandColumn& b : band_columns) {
      const std::string_view field = reader.field(static_cast<std::size_t>(b.column));
      const auto count = core::ParseGroupedNumber(field);
      if (!count || *count < 0) {
        problems.Add(line, header[static_cast<std::size_t>(b.column)], "'{}' is not a count", field);
        row_ok = false;
        continue;
      }
      row.counts.push_back(*count);
      sum += *count;
    }
    if (!row_ok) continue;
    if (total_column >= 0) {
      const std::string_view field = reader.field(static_cast<std::size_t>(total_column));
      const auto total = core::ParseGroupedNumber(field);
      if (!total) {
        problems.Add(line, header[static_cast<std::size_t>(total_column)], "'{}' is not a count", field);
        continue;
      }
      if (std::fabs(*total - sum) > 0.5) {
        problems.Add(line, header[static_cast<std::size_t>(total_column)],
                     "the total {} differs from the sum of the age bands {}", *total, sum);
        continue;
      }
    }
    population.rows.push_back(std::move(row));
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  return population;
}

}  // namespace nrs::io
