#include "io/indicator_reader.h"

#include <set>
#include <unordered_map>

#include "core/ids.h"
#include "core/text.h"

namespace nrs::io {
namespace {

using indicators::Indicator;

std::optional<bool> ParseYesNo(std::string_view text) {
  const std::string t = core::ToLower(core::Trim(text));
  if (t.empty() || t == "yes" || t == "y" || t == "true" || t == "1") return true;
  if (t == "no" || t == "n" || t == "false" || t == "0") return false;
  return std::nullopt;
}

// A key for a column the catalogue does not know: its header as a slug.
std::string KeyFromHeader(std::string_view header) { return core::Slugify(header); }

// What a header says about the column's values, for indicators first met in a file.
indicators::ValueType GuessType(std::string_view header) {
  const std::string h = core::ToLower(header);
  if (h.find("decile") != std::string::npos) return indicators::ValueType::kDecile;
  if (h.find("rank") != std::string::npos) return indicators::ValueType::kRank;
  if (h.find("numerator") != std::string::npos || h.find("population") != std::string::npos ||
      h.find("count") != std::string::npos) {
    return indicators::ValueType::kCount;
  }
  return indicators::ValueType::kScore;
}

}  // namespace

Result<Layout> ParseLayout(std::string_view text) {
  if (text == "auto") return Layout::kAuto;
  if (text == "wide") return Layout::kWide;
  if (text == "long") return Layout::kLong;
  return Status::InvalidArgument("unknown layout '{}'; use auto, wide or long", text);
}

Result<std::vector<Indicator>> ReadCatalogue(CsvReader& reader, const std::vector<Indicator>& known) {
  DiagnosticList problems(reader.name());
  for (const char* required : {"key", "name", "value_type"}) {
    if (reader.ColumnIndex(required) < 0) problems.Add(1, required, "required column missing");
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  const auto get = [&](const char* column) -> std::string {
    const int i = reader.ColumnIndex(column);
    return i < 0 ? std::string() : std::string(core::Trim(reader.field(static_cast<std::size_t>(i))));
  };
  std::vector<Indicator> out;
  std::unordered_map<std::string, std::int64_t> lines;
  while (true) {
    NRS_ASSIGN_OR_RETURN(const bool more, reader.NextRecord(problems));
    if (!more) break;
    const std::int64_t line = reader.line();
    Indicator ind;
    ind.key = get("key");
    ind.name = get("name");
    ind.description = get("description");
    ind.domains = core::SplitList(get("domains"), ';');
    ind.unit = get("unit");
    ind.source = get("source");
    ind.period = get("period");
    ind.area_type = get("area_type");
    ind.columns = core::SplitList(get("columns"), '|');
    ind.numerator = get("numerator");
    ind.denominator = get("denominator");
    ind.weight = get("weight");
    bool row_ok = true;
    const auto fail = [&](const char* column, std::string reason) {
      problems.AddReason(line, column, std::move(reason));
      row_ok = false;
    };
    if (auto t = indicators::ParseValueType(get("value_type")); t.ok()) {
      ind.value_type = *t;
    } else {
      fail("value_type", std::string(t.status().message()));
    }
    if (const std::string p = get("polarity"); !p.empty()) {
      if (auto polarity = indicators::ParsePolarity(p); polarity.ok()) {
        ind.polarity = *polarity;
      } else {
        fail("polarity", std::string(polarity.status().message()));
      }
    }
    if (const std::string m = get("multiplier"); !m.empty()) {
      const auto v = core::ParseDouble(m);
      if (!v) fail("multiplier", fmt::format("'{}' is not a number", m));
      if (v) ind.multiplier = *v;
    }
    if (const std::string r = get("rank_count"); !r.empty()) {
      const auto v = core::ParseInt(r);
      if (!v) fail("rank_count", fmt::format("'{}' is not a whole number", r));
      if (v) ind.rank_count = *v;
    }
    if (const auto profile = ParseYesNo(get("profile"))) {
      ind.profile = *profile;
    } else {
      fail("profile", fmt::format("'{}' is not yes or no", get("profile")));
    }
    if (!ind.area_type.empty()) {
      if (auto t = geo::ParseAreaType(ind.area_type); !t.ok()) fail("area_type", std::string(t.status().message()));
    }
    if (row_ok) {
      if (const Status s = ind.Validate(); !s.ok()) fail("", std::string(s.message()));
    }
    if (!row_ok) continue;
    if (const auto [it, inserted] = lines.emplace(ind.key, line); !inserted) {
      problems.Add(line, "key", "'{}' is defined on line {} already", ind.key, it->second);
      continue;
    }
    out.push_back(std::move(ind));
  }
  // References between indicators must resolve within the file or the catalogue already stored.
  std::set<std::string> keys;
  for (const Indicator& i : known) keys.insert(i.key);
  for (const Indicator& i : out) keys.insert(i.key);
  for (const Indicator& i : out) {
    for (const auto& [column, ref] : {std::pair<const char*, const std::string*>{"numerator", &i.numerator},
                                      {"denominator", &i.denominator},
                                      {"weight", &i.weight}}) {
      if (!ref->empty() && !keys.contains(*ref)) {
        problems.Add(lines[i.key], column, "'{}' names no indicator of this catalogue or of the database", *ref);
      }
    }
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  return out;
}

namespace {

// Keeps each distinct string once and hands out its index.
class Interner {
 public:
  explicit Interner(std::vector<std::string>* list) : list_(list) {}
  std::uint32_t operator()(std::string_view text) {
    const auto [it, inserted] = index_.try_emplace(std::string(text), static_cast<std::uint32_t>(list_->size()));
    if (inserted) list_->push_back(it->first);
    return it->second;
  }

 private:
  std::vector<std::string>* list_;
  std::unordered_map<std::string, std::uint32_t> index_;
};

// The long layout: one value per row.
Result<IndicatorValues> ReadLong(CsvReader& reader, const std::vector<Indicator>& catalogue,
                                 const ValueReadOptions& options, DiagnosticList& problems) {
  const auto& header = reader.header();
  int code_column = reader.ColumnIndex("area_code");
  if (code_column < 0) code_column = reader.ColumnIndex("area");
  const int indicator_column = reader.ColumnIndex("indicator");
  const int value_column = reader.ColumnIndex("value");
  const int period_column = reader.ColumnIndex("period");
  const int numerator_column = reader.ColumnIndex("numerator");
  const int denominator_column = reader.ColumnIndex("denominator");
  if (code_column < 0) problems.AddReason(1, "area_code", "required column missing");
  if (indicator_column < 0) problems.AddReason(1, "indicator", "required column missing");
  if (value_column < 0) problems.AddReason(1, "value", "required column missing");
  NRS_RETURN_IF_ERROR(problems.ToStatus());

  IndicatorValues out;
  Interner codes(&out.codes);
  Interner periods(&out.periods);
  std::unordered_map<std::string, std::size_t> used;  // key → index in out.indicators
  std::optional<geo::AreaType> file_type = options.area_type;
  std::set<std::string> seen;
  while (true) {
    NRS_ASSIGN_OR_RETURN(const bool more, reader.NextRecord(problems));
    if (!more) break;
    const std::int64_t line = reader.line();
    const std::string key(core::Trim(reader.field(static_cast<std::size_t>(indicator_column))));
    const Indicator* ind = nullptr;
    for (const Indicator& i : catalogue) {
      if (i.key == key) ind = &i;
    }
    if (ind == nullptr) {
      problems.Add(line, "indicator", "'{}' is not in the catalogue; import its definition first", key);
      continue;
    }
    if (ind->computed()) {
      problems.Add(line, "indicator", "'{}' is computed from {} and {}; import those instead", key, ind->numerator,
                   ind->denominator);
      continue;
    }
    std::optional<geo::AreaType> type = file_type;
    if (!type && !ind->area_type.empty()) type = *geo::ParseAreaType(ind->area_type);
    if (!type) {
      problems.Add(line, "area_code", "the area type is not known: give --area-type or set area_type in the catalogue");
      continue;
    }
    if (!ind->area_type.empty() && ind->area_type != type->Key()) {
      problems.Add(line, "indicator", "'{}' is published for {} areas, not {} (wrong vintage or type)", key,
                   ind->area_type, type->Key());
      continue;
    }
    if (!file_type) file_type = type;
    if (*type != *file_type) {
      problems.Add(line, "indicator", "one file holds one area type: {} here, {} before", type->Key(),
                   file_type->Key());
      continue;
    }
    IndicatorValueRow row;
    row.line = line;
    const std::string code(core::Trim(reader.field(static_cast<std::size_t>(code_column))));
    if (!type->CodeMatches(code)) {
      problems.Add(line, header[static_cast<std::size_t>(code_column)], "'{}' is not a {} code (expected {})", code,
                   type->Name(), type->CodePattern());
      continue;
    }
    std::string period = options.period;
    if (period_column >= 0) {
      const std::string_view p = core::Trim(reader.field(static_cast<std::size_t>(period_column)));
      if (!p.empty()) period = std::string(p);
    }
    if (period.empty()) period = ind->period;
    if (period.empty()) {
      problems.Add(line, "period", "no period: fill the period column, give --period or set it in the catalogue");
      continue;
    }
    bool row_ok = true;
    const auto number = [&](int column) -> std::optional<double> {
      if (column < 0) return std::nullopt;
      const std::string_view field = core::Trim(reader.field(static_cast<std::size_t>(column)));
      if (field.empty()) return std::nullopt;
      const auto v = core::ParseGroupedNumber(field);
      if (!v) {
        problems.Add(line, header[static_cast<std::size_t>(column)], "'{}' is not a number", field);
        row_ok = false;
      }
      return v;
    };
    row.value = number(value_column);
    row.numerator = number(numerator_column);
    row.denominator = number(denominator_column);
    if (!row_ok) continue;
    if (!seen.insert(fmt::format("{}/{}/{}", key, period, code)).second) {
      problems.Add(line, "area_code", "{} has a second value for '{}' in {}", code, key, period);
      continue;
    }
    const auto [it, inserted] = used.emplace(key, out.indicators.size());
    if (inserted) {
      out.indicators.push_back(*ind);
      out.is_new.push_back(false);
    }
    row.indicator = static_cast<std::uint32_t>(it->second);
    const std::size_t known_codes = out.codes.size();
    row.code = codes(code);
    if (out.codes.size() > known_codes) out.code_lines.push_back(line);
    row.period = periods(period);
    out.rows.push_back(row);
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  if (!file_type) {
    problems.AddReason(2, "", "the file has a header but no values");
    return problems.ToStatus();
  }
  out.area_type = *file_type;
  return out;
}

// The wide layout: one row per area, one column per indicator.
Result<IndicatorValues> ReadWide(CsvReader& reader, const std::vector<Indicator>& catalogue,
                                 const ValueReadOptions& options, DiagnosticList& problems) {
  const auto& header = reader.header();
  int code_column = -1;
  std::optional<geo::AreaType> type = options.area_type;
  std::vector<int> skipped;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const auto code_type = geo::AreaTypeFromCodeHeader(header[c]);
    if (code_type && code_column < 0) {
      code_column = static_cast<int>(c);
      if (type && *type != *code_type) {
        problems.Add(1, header[c], "the column holds {} codes, but {} was asked for (wrong vintage or type)",
                     code_type->Key(), type->Key());
      }
      type = code_type;
      continue;
    }
    if (code_type || geo::AreaTypeFromNameHeader(header[c]) || core::ToLower(header[c]) == "fid") {
      skipped.push_back(static_cast<int>(c));
    }
  }
  if (code_column < 0) {
    const int generic =
        reader.ColumnIndex("area_code") >= 0 ? reader.ColumnIndex("area_code") : reader.ColumnIndex("code");
    if (generic >= 0 && type) code_column = generic;
  }
  if (code_column < 0) {
    problems.AddReason(1, "",
                       type ? "no area code column (expected a header such as LSOA11CD or area_code)"
                            : "no area code column whose header names its area type (such as LSOA11CD or "
                              "'LSOA code (2011)'); or give --area-type with a column named area_code");
    return problems.ToStatus();
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());

  IndicatorValues out;
  out.area_type = *type;
  struct ValueColumn {
    int column;
    std::size_t indicator;
  };
  std::vector<ValueColumn> value_columns;
  // Columns the catalogue does not know are read twice: text-only columns are attributes (skipped), numeric
  // columns new indicators; one that mixes the two is an error on each non-numeric cell.
  std::vector<int> unknown_columns;
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (static_cast<int>(c) == code_column ||
        std::find(skipped.begin(), skipped.end(), static_cast<int>(c)) != skipped.end()) {
      continue;
    }
    const Indicator* match = nullptr;
    for (const Indicator& ind : catalogue) {
      if (ind.key == header[c] || std::find(ind.columns.begin(), ind.columns.end(), header[c]) != ind.columns.end()) {
        match = &ind;
        break;
      }
    }
    if (match == nullptr) {
      unknown_columns.push_back(static_cast<int>(c));
      continue;
    }
    if (!match->area_type.empty() && match->area_type != type->Key()) {
      problems.Add(1, header[c], "'{}' is published for {} areas, but the file's codes are {} (wrong vintage or type)",
                   match->key, match->area_type, type->Key());
      continue;
    }
    value_columns.push_back({static_cast<int>(c), out.indicators.size()});
    out.indicators.push_back(*match);
    out.is_new.push_back(false);
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());

  // Each known column's period, interned once.
  Interner periods(&out.periods);
  std::vector<std::optional<std::uint32_t>> column_period;
  for (const ValueColumn& vc : value_columns) {
    const Indicator& ind = out.indicators[vc.indicator];
    const std::string period = options.period.empty() ? ind.period : options.period;
    if (period.empty()) {
      problems.Add(1, header[static_cast<std::size_t>(vc.column)],
                   "no period for '{}': give --period or set it in the catalogue", ind.key);
      column_period.emplace_back();
      continue;
    }
    column_period.emplace_back(periods(period));
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());

  out.rows.reserve(reader.RemainingLines() * value_columns.size());
  struct Cell {
    std::int64_t line;
    std::uint32_t code;
    std::vector<std::string> fields;  // the unknown columns' text
  };
  std::vector<Cell> unknown_cells;
  std::set<std::string> seen_codes;
  std::unordered_map<std::string, std::int64_t> code_lines;
  while (true) {
    NRS_ASSIGN_OR_RETURN(const bool more, reader.NextRecord(problems));
    if (!more) break;
    const std::int64_t line = reader.line();
    std::string code(core::Trim(reader.field(static_cast<std::size_t>(code_column))));
    if (!type->CodeMatches(code)) {
      problems.Add(line, header[static_cast<std::size_t>(code_column)], "'{}' is not a {} code (expected {})", code,
                   type->Name(), type->CodePattern());
      continue;
    }
    if (const auto [it, inserted] = code_lines.emplace(code, line); !inserted) {
      problems.Add(line, header[static_cast<std::size_t>(code_column)], "{} appears on line {} already (duplicate row)",
                   code, it->second);
      continue;
    }
    const auto code_index = static_cast<std::uint32_t>(out.codes.size());
    out.codes.push_back(code);
    out.code_lines.push_back(line);
    for (std::size_t k = 0; k < value_columns.size(); ++k) {
      const ValueColumn& vc = value_columns[k];
      const std::string_view field = core::Trim(reader.field(static_cast<std::size_t>(vc.column)));
      if (field.empty()) continue;  // not published for this area
      const auto v = core::ParseGroupedNumber(field);
      if (!v) {
        problems.Add(line, header[static_cast<std::size_t>(vc.column)], "'{}' is not a number", field);
        continue;
      }
      IndicatorValueRow row;
      row.indicator = static_cast<std::uint32_t>(vc.indicator);
      row.code = code_index;
      row.period = *column_period[k];
      row.value = *v;
      row.line = line;
      out.rows.push_back(row);
    }
    if (!unknown_columns.empty()) {
      Cell cell{line, code_index, {}};
      for (const int c : unknown_columns)
        cell.fields.emplace_back(core::Trim(reader.field(static_cast<std::size_t>(c))));
      unknown_cells.push_back(std::move(cell));
    }
  }
  for (std::size_t u = 0; u < unknown_columns.size(); ++u) {
    const std::string& name = header[static_cast<std::size_t>(unknown_columns[u])];
    std::size_t numbers = 0;
    std::size_t texts = 0;
    for (const Cell& cell : unknown_cells) {
      if (cell.fields[u].empty()) continue;
      (core::ParseGroupedNumber(cell.fields[u]) ? numbers : texts) += 1;
    }
    if (numbers == 0) continue;  // a text attribute (a name, a classification): not an indicator
    if (texts > 0) {
      for (const Cell& cell : unknown_cells) {
        if (!cell.fields[u].empty() && !core::ParseGroupedNumber(cell.fields[u])) {
          problems.Add(cell.line, name, "'{}' is not a number (the column's other values are numbers)", cell.fields[u]);
        }
      }
      continue;
    }
    Indicator ind;
    ind.key = KeyFromHeader(name);
    ind.name = name;
    ind.value_type = GuessType(name);
    ind.polarity = indicators::Polarity::kNoJudgement;
    ind.source = options.source;
    ind.period = options.period;
    ind.area_type = type->Key();
    ind.columns = {name};
    ind.profile = ind.value_type != indicators::ValueType::kDecile;
    if (ind.key.empty()) {
      problems.Add(1, name, "the header gives no usable indicator key");
      continue;
    }
    if (options.period.empty()) {
      problems.Add(1, name, "'{}' is new to the catalogue and has no period: give --period", name);
      continue;
    }
    const auto index = static_cast<std::uint32_t>(out.indicators.size());
    out.indicators.push_back(ind);
    out.is_new.push_back(true);
    const std::uint32_t period = periods(options.period);
    for (const Cell& cell : unknown_cells) {
      if (cell.fields[u].empty()) continue;
      out.rows.push_back({index, cell.code, period, core::ParseGroupedNumber(cell.fields[u]), {}, {}, cell.line});
    }
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  return out;
}

}  // namespace

Result<IndicatorValues> ReadIndicatorValues(CsvReader& reader, const std::vector<Indicator>& catalogue,
                                            const ValueReadOptions& options) {
  DiagnosticList problems(reader.name());
  Layout layout = options.layout;
  if (layout == Layout::kAuto) {
    const bool is_long = reader.ColumnIndex("indicator") >= 0 && reader.ColumnIndex("value") >= 0 &&
                         (reader.ColumnIndex("area_code") >= 0 || reader.ColumnIndex("area") >= 0);
    layout = is_long ? Layout::kLong : Layout::kWide;
  }
  return layout == Layout::kLong ? ReadLong(reader, catalogue, options, problems)
                                 : ReadWide(reader, catalogue, options, problems);
}

}  // namespace nrs::io
