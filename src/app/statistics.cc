// The statistics use case: a CSV in, one public-health statistic of src/stats per row or group, a table out.
// This file only adapts: it reads and selects rows, turns the named columns into numbers (reporting text that
// is not a number in the row it came from), forms the groups, calls the engine and lays its columns out.

#include "nrs/statistics.h"

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

#include "core/text.h"
#include "io/csv_reader.h"
#include "stats/common.h"
#include "stats/life_expectancy.h"
#include "stats/mean.h"
#include "stats/proportion.h"
#include "stats/quantiles.h"
#include "stats/standardisation.h"

namespace nrs {
namespace {

// ---------------------------------------------------------------------------------------------------------
// Input

// The rows of a CSV kept by the --where filters, as text.
struct InputTable {
  std::string name;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  int Column(std::string_view column) const {
    const auto it = std::find(header.begin(), header.end(), column);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
  }
};

// One --where condition: COLUMN=VALUE and COLUMN!=VALUE compare text; <, <=, > and >= compare numbers (a
// field that is not a number fails them).
struct Condition {
  enum class Op : std::uint8_t { kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual };
  std::string column;
  std::string value;
  Op op = Op::kEqual;

  bool Holds(std::string_view field) const {
    field = core::Trim(field);
    if (op == Op::kEqual) return field == value;
    if (op == Op::kNotEqual) return field != value;
    const auto a = core::ParseDouble(field);
    const auto b = core::ParseDouble(value);
    if (!a || !b) return false;
    switch (op) {
      case Op::kLess:
        return *a < *b;
      case Op::kLessEqual:
        return *a <= *b;
      case Op::kGreater:
        return *a > *b;
      case Op::kGreaterEqual:
        return *a >= *b;
      case Op::kEqual:
      case Op::kNotEqual:
        break;
    }
    return false;
  }
};

Result<std::vector<Condition>> ParseWhere(const std::vector<std::string>& where) {
  // Two-character operators first, so that "<=" is not read as "<".
  static constexpr std::pair<std::string_view, Condition::Op> kOperators[] = {
      {"!=", Condition::Op::kNotEqual}, {"<=", Condition::Op::kLessEqual}, {">=", Condition::Op::kGreaterEqual},
      {"=", Condition::Op::kEqual},     {"<", Condition::Op::kLess},       {">", Condition::Op::kGreater}};
  std::vector<Condition> conditions;
  for (const std::string& text : where) {
    std::size_t at = std::string::npos;
    const std::pair<std::string_view, Condition::Op>* found = nullptr;
    for (const auto& candidate : kOperators) {
      const std::size_t pos = text.find(candidate.first);
      if (pos != std::string::npos && (pos < at || (pos == at && candidate.first.size() > found->first.size()))) {
        at = pos;
        found = &candidate;
      }
    }
    if (found == nullptr || at == 0) {
      return Status::InvalidArgument("--where '{}' is not COLUMN=VALUE, COLUMN!=VALUE or COLUMN<VALUE (<=, >, >=)",
                                     text);
    }
    Condition c;
    c.op = found->second;
    c.column = std::string(core::Trim(text.substr(0, at)));
    c.value = std::string(core::Trim(text.substr(at + found->first.size())));
    if (c.op != Condition::Op::kEqual && c.op != Condition::Op::kNotEqual && !core::ParseDouble(c.value)) {
      return Status::InvalidArgument("--where '{}': comparing with '{}' needs a number", text, c.value);
    }
    conditions.push_back(std::move(c));
  }
  return conditions;
}

Result<InputTable> ReadInput(const std::string& path, const std::vector<std::string>& where) {
  NRS_ASSIGN_OR_RETURN(io::CsvReader reader, io::CsvReader::Open(path));
  InputTable table;
  table.name = reader.name();
  table.header = reader.header();
  NRS_ASSIGN_OR_RETURN(const std::vector<Condition> conditions, ParseWhere(where));
  std::vector<std::pair<std::size_t, const Condition*>> tests;
  for (const Condition& c : conditions) {
    const int at = table.Column(c.column);
    if (at < 0) {
      return Status::InvalidArgument("--where names column '{}', which {} lacks; its columns are: {}", c.column, path,
                                     fmt::join(table.header, ", "));
    }
    tests.emplace_back(static_cast<std::size_t>(at), &c);
  }
  DiagnosticList problems(reader.name());
  while (true) {
    NRS_ASSIGN_OR_RETURN(const bool more, reader.NextRecord(problems));
    if (!more) break;
    const bool keep =
        std::all_of(tests.begin(), tests.end(), [&](const auto& t) { return t.second->Holds(reader.field(t.first)); });
    if (keep) table.rows.emplace_back(reader.fields().begin(), reader.fields().end());
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  return table;
}

Result<std::size_t> RequireColumn(const InputTable& table, const std::string& column, std::string_view option) {
  const int at = table.Column(column);
  if (at < 0) {
    return Status::InvalidArgument("{} names column '{}', which {} lacks; its columns are: {}", option, column,
                                   table.name, fmt::join(table.header, ", "));
  }
  return static_cast<std::size_t>(at);
}

bool MissingText(std::string_view text) {
  const std::string lower = core::ToLower(core::Trim(text));
  return lower.empty() || lower == "na" || lower == "n/a" || lower == "nan" || lower == "null" || lower == ".";
}

// Per input row: the first problem found in it (text that is not a number, an unknown age band), or "".
using Problems = std::vector<std::string>;

// The numbers of a column; missing values (empty, NA, N/A, NaN, null, .) are NaN, and so is text that is not a
// number, which is also recorded as the row's problem.
std::vector<double> Numbers(const InputTable& table, std::size_t column, Problems* problems) {
  std::vector<double> values(table.rows.size(), stats::kMissing);
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const std::string& text = table.rows[r][column];
    if (MissingText(text)) continue;
    if (const auto v = core::ParseDouble(text)) {
      values[r] = *v;
    } else if ((*problems)[r].empty()) {
      (*problems)[r] = fmt::format("{} '{}' is not a number", table.header[column], text);
    }
  }
  return values;
}

Result<std::vector<double>> NumberColumn(const InputTable& table, const std::string& column, std::string_view option,
                                         Problems* problems) {
  NRS_ASSIGN_OR_RETURN(const std::size_t at, RequireColumn(table, column, option));
  return Numbers(table, at, problems);
}

// Groups from the values of the --group columns (one group for all rows when there are none).
Result<stats::Groups> MakeGroups(const InputTable& table, const std::vector<std::string>& columns) {
  if (columns.empty()) return stats::Groups::Single(table.rows.size());
  std::vector<std::size_t> at;
  for (const std::string& c : columns) {
    NRS_ASSIGN_OR_RETURN(const std::size_t i, RequireColumn(table, c, "--group"));
    at.push_back(i);
  }
  std::vector<std::string> keys;
  keys.reserve(table.rows.size());
  for (const auto& row : table.rows) {
    std::string key;
    for (const std::size_t i : at) {
      key += row[i];
      key += '\x1f';  // a separator no CSV field of ours contains
    }
    keys.push_back(std::move(key));
  }
  return stats::Groups::ByKey(keys);
}

// The first problem of each group's rows.
Problems GroupProblems(const Problems& rows, const stats::Groups& groups) {
  Problems out(groups.count);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string& p = out[groups.group_of_row[r]];
    if (p.empty()) p = rows[r];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Output

// Columns of the result, built one at a time; a statistic's column replaces an input column of the same name.
class Output {
 public:
  explicit Output(std::size_t rows) : rows_(rows) {}

  void Text(std::string name, std::vector<std::string> values) {
    Drop(name);
    columns_.push_back({std::move(name), core::CellType::kText});
    std::vector<core::Cell> cells(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) cells[i] = std::move(values[i]);
    data_.push_back(std::move(cells));
  }

  void Real(std::string name, const std::vector<double>& values) {
    Drop(name);
    columns_.push_back({std::move(name), core::CellType::kReal});
    data_.emplace_back(values.begin(), values.end());
  }

  // The input's columns, for statistics of each row.
  void InputColumns(const InputTable& table) {
    for (std::size_t c = 0; c < table.header.size(); ++c) {
      std::vector<std::string> values(rows_);
      for (std::size_t r = 0; r < rows_; ++r) values[r] = table.rows[r][c];
      Text(table.header[c], std::move(values));
    }
  }

  // The --group columns, from each group's first row, for statistics of groups.
  void GroupColumns(const InputTable& table, const std::vector<std::string>& group, const stats::Groups& groups) {
    const std::vector<std::size_t> first = groups.FirstRows();
    for (const std::string& name : group) {
      const auto c = static_cast<std::size_t>(table.Column(name));
      std::vector<std::string> values(rows_);
      for (std::size_t g = 0; g < rows_; ++g) values[g] = table.rows[first[g]][c];
      Text(name, std::move(values));
    }
  }

  core::Table Build() {
    core::Table table(columns_);
    for (std::size_t r = 0; r < rows_; ++r) {
      std::vector<core::Cell> row(columns_.size());
      for (std::size_t c = 0; c < columns_.size(); ++c) row[c] = std::move(data_[c][r]);
      table.AddRow(std::move(row));
    }
    return table;
  }

  std::size_t rows() const { return rows_; }

 private:
  void Drop(const std::string& name) {
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (columns_[c].name == name) {
        columns_.erase(columns_.begin() + static_cast<std::ptrdiff_t>(c));
        data_.erase(data_.begin() + static_cast<std::ptrdiff_t>(c));
        return;
      }
    }
  }

  std::size_t rows_;
  std::vector<core::TableColumn> columns_;
  std::vector<std::vector<core::Cell>> data_;
};

// A row's problem (from the input) replaces the engine's values and reason.
void ApplyProblems(const Problems& problems, stats::Estimates* e) {
  for (std::size_t r = 0; r < problems.size(); ++r) {
    if (!problems[r].empty()) e->Invalidate(r, stats::Reason::kMissingValue);
  }
}

std::vector<std::string> Reasons(const std::vector<stats::Reason>& reasons, const Problems& problems) {
  std::vector<std::string> out(reasons.size());
  for (std::size_t r = 0; r < reasons.size(); ++r) {
    out[r] = r < problems.size() && !problems[r].empty() ? problems[r] : std::string(stats::ReasonText(reasons[r]));
  }
  return out;
}

// value, lower_<level>, upper_<level> …, method, the comparison columns when a comparator is given, reason.
void EstimateColumns(const stats::Estimates& e, const Problems& problems, const StatisticsOptions& options,
                     Output* out) {
  out->Real("value", e.value);
  for (std::size_t l = 0; l < e.levels.size(); ++l) {
    out->Real("lower_" + stats::LevelSuffix(e.levels[l]), e.lower[l]);
    out->Real("upper_" + stats::LevelSuffix(e.levels[l]), e.upper[l]);
  }
  std::vector<std::string> methods(e.size());
  for (std::size_t r = 0; r < e.size(); ++r) methods[r] = std::string(stats::MethodName(e.method[r]));
  out->Text("method", std::move(methods));
  if (options.comparator) {
    std::vector<std::vector<stats::Comparison>> by_level(e.levels.size());
    for (std::size_t l = 0; l < e.levels.size(); ++l) {
      std::vector<std::string> names(e.size());
      for (std::size_t r = 0; r < e.size(); ++r) {
        by_level[l].push_back(stats::Compare({e.lower[l][r], e.upper[l][r]}, *options.comparator, options.polarity));
        names[r] = std::string(stats::ComparisonName(by_level[l][r]));
      }
      out->Text("comparison_" + stats::LevelSuffix(e.levels[l]), std::move(names));
    }
    const auto level = [&](double wanted) {
      const auto it = std::find(e.levels.begin(), e.levels.end(), wanted);
      return it == e.levels.end() ? -1 : static_cast<int>(it - e.levels.begin());
    };
    const int l95 = level(0.95);
    const int l998 = level(0.998);
    if (l95 >= 0 && l998 >= 0) {
      std::vector<std::string> labels(e.size());
      for (std::size_t r = 0; r < e.size(); ++r) {
        labels[r] = stats::BenchmarkLabel(
            {by_level[static_cast<std::size_t>(l95)][r], by_level[static_cast<std::size_t>(l998)][r]});
      }
      out->Text("benchmark", std::move(labels));
    }
  }
  out->Text("reason", Reasons(e.reason, problems));
}

double MultiplierOr(const StatisticsOptions& options, double fallback) { return options.multiplier.value_or(fallback); }

// ---------------------------------------------------------------------------------------------------------
// The statistics

Result<core::Table> ProportionOrRate(const InputTable& in, const StatisticsOptions& options) {
  const bool proportion = options.kind == StatisticKind::kProportion;
  Problems problems(in.rows.size());
  NRS_ASSIGN_OR_RETURN(std::vector<double> x, NumberColumn(in, options.x, "--x", &problems));
  std::vector<double> n;
  if (!options.n.empty()) {
    NRS_ASSIGN_OR_RETURN(n, NumberColumn(in, options.n, "--n", &problems));
  }
  const bool grouped = !options.group.empty();
  stats::Groups groups;
  if (grouped) {
    NRS_ASSIGN_OR_RETURN(groups, MakeGroups(in, options.group));
    x = stats::SumByGroup(x, groups);
    if (!n.empty()) n = stats::SumByGroup(n, groups);
    problems = GroupProblems(problems, groups);
  }
  Result<stats::Estimates> estimates = Status::Internal("no statistic");
  if (proportion) {
    stats::ProportionOptions o;
    o.confidence = options.confidence;
    o.multiplier = MultiplierOr(options, 1);
    estimates = stats::Proportions(x, n, o);
  } else {
    stats::RateOptions o;
    o.confidence = options.confidence;
    o.multiplier = MultiplierOr(options, 100000);
    o.method = options.rate.method;
    estimates = stats::Rates(x, n, o);
  }
  NRS_RETURN_IF_ERROR(estimates.status());
  ApplyProblems(problems, &*estimates);
  Output out(estimates->size());
  if (grouped) {
    out.GroupColumns(in, options.group, groups);
    out.Real(options.x, x);
    if (!n.empty()) out.Real(options.n, n);
  } else {
    out.InputColumns(in);
  }
  EstimateColumns(*estimates, problems, options, &out);
  return out.Build();
}

Result<core::Table> Mean(const InputTable& in, const StatisticsOptions& options) {
  Problems problems(in.rows.size());
  NRS_ASSIGN_OR_RETURN(const std::vector<double> x, NumberColumn(in, options.x, "--x", &problems));
  NRS_ASSIGN_OR_RETURN(const stats::Groups groups, MakeGroups(in, options.group));
  stats::MeanOptions o;
  o.confidence = options.confidence;
  NRS_ASSIGN_OR_RETURN(stats::MeanEstimates m, stats::Means(x, groups, o));
  problems = GroupProblems(problems, groups);
  ApplyProblems(problems, &m.estimates);
  Output out(groups.count);
  out.GroupColumns(in, options.group, groups);
  out.Real("value_sum", m.sum);
  out.Real("value_count", m.count);
  out.Real("stdev", m.sd);
  EstimateColumns(m.estimates, problems, options, &out);
  return out.Build();
}

// The ESP 2013 weight of each row from its age-band label.
Result<std::vector<double>> Esp2013ByLabel(const InputTable& in, const std::string& age, Problems* problems) {
  NRS_ASSIGN_OR_RETURN(const std::size_t at, RequireColumn(in, age, "--age"));
  std::vector<double> weights(in.rows.size(), stats::kMissing);
  for (std::size_t r = 0; r < in.rows.size(); ++r) {
    const std::string& label = in.rows[r][at];
    if (const auto band = stats::Esp2013BandIndex(label)) {
      weights[r] = stats::kEsp2013[*band];
    } else if ((*problems)[r].empty()) {
      (*problems)[r] = fmt::format("age band '{}' is not a band of the European Standard Population 2013", label);
    }
  }
  return weights;
}

Result<core::Table> Dsr(const InputTable& in, const StatisticsOptions& options) {
  const auto& s = options.standardisation;
  Problems problems(in.rows.size());
  NRS_ASSIGN_OR_RETURN(const std::vector<double> x, NumberColumn(in, options.x, "--x", &problems));
  NRS_ASSIGN_OR_RETURN(const std::vector<double> n, NumberColumn(in, options.n, "--n", &problems));
  NRS_ASSIGN_OR_RETURN(const stats::Groups groups, MakeGroups(in, options.group));
  std::vector<double> standard;
  stats::DsrInput input;
  input.x = x;
  input.n = n;
  if (!s.standard.empty()) {
    NRS_ASSIGN_OR_RETURN(standard, NumberColumn(in, s.standard, "--standard", &problems));
    input.standard = standard;
  } else if (!s.age.empty()) {
    NRS_ASSIGN_OR_RETURN(standard, Esp2013ByLabel(in, s.age, &problems));
    input.standard = standard;
  } else {
    input.standard = stats::kEsp2013;
    input.standard_by_position = true;
  }
  std::vector<std::vector<double>> frequencies;
  for (const std::string& column : s.event_frequencies) {
    NRS_ASSIGN_OR_RETURN(std::vector<double> f, NumberColumn(in, column, "--event-frequencies", &problems));
    frequencies.push_back(std::move(f));
  }
  for (const auto& f : frequencies) input.frequencies.emplace_back(f);
  stats::DsrOptions o;
  o.confidence = options.confidence;
  o.multiplier = MultiplierOr(options, 100000);
  NRS_ASSIGN_OR_RETURN(stats::DsrEstimates d, stats::DirectlyStandardisedRates(input, groups, o));
  problems = GroupProblems(problems, groups);
  ApplyProblems(problems, &d.estimates);
  Output out(groups.count);
  out.GroupColumns(in, options.group, groups);
  out.Real("total_count", d.total_count);
  out.Real("total_pop", d.total_pop);
  EstimateColumns(d.estimates, problems, options, &out);
  return out.Build();
}

Result<core::Table> Isr(const InputTable& in, const StatisticsOptions& options) {
  const auto& s = options.standardisation;
  Problems problems(in.rows.size());
  NRS_ASSIGN_OR_RETURN(const std::vector<double> x, NumberColumn(in, options.x, "--x", &problems));
  NRS_ASSIGN_OR_RETURN(const std::vector<double> n, NumberColumn(in, options.n, "--n", &problems));
  NRS_ASSIGN_OR_RETURN(const stats::Groups groups, MakeGroups(in, options.group));
  std::vector<double> ref_x, ref_n;
  stats::IsrInput input;
  input.x = x;
  input.n = n;
  if (s.reference.empty()) {
    NRS_ASSIGN_OR_RETURN(ref_x, NumberColumn(in, s.ref_x, "--ref-x", &problems));
    NRS_ASSIGN_OR_RETURN(ref_n, NumberColumn(in, s.ref_n, "--ref-n", &problems));
  } else {
    NRS_ASSIGN_OR_RETURN(const InputTable ref, ReadInput(s.reference, {}));
    Problems ref_problems(ref.rows.size());
    NRS_ASSIGN_OR_RETURN(const std::vector<double> bands_x, NumberColumn(ref, s.ref_x, "--ref-x", &ref_problems));
    NRS_ASSIGN_OR_RETURN(const std::vector<double> bands_n, NumberColumn(ref, s.ref_n, "--ref-n", &ref_problems));
    for (std::size_t b = 0; b < ref_problems.size(); ++b) {
      if (!ref_problems[b].empty()) {
        return Status::InvalidInput("{}: reference row {}: {}", s.reference, b + 1, ref_problems[b]);
      }
    }
    if (s.age.empty()) {  // bands by position within each group
      ref_x = bands_x;
      ref_n = bands_n;
      input.reference_by_position = true;
    } else {  // bands by label
      NRS_ASSIGN_OR_RETURN(const std::size_t age, RequireColumn(in, s.age, "--age"));
      const std::string& ref_age_name = s.ref_age.empty() ? s.age : s.ref_age;
      NRS_ASSIGN_OR_RETURN(const std::size_t ref_age, RequireColumn(ref, ref_age_name, "--ref-age"));
      std::unordered_map<std::string, std::size_t> band;
      for (std::size_t b = 0; b < ref.rows.size(); ++b) band.emplace(core::Trim(ref.rows[b][ref_age]), b);
      ref_x.assign(in.rows.size(), stats::kMissing);
      ref_n.assign(in.rows.size(), stats::kMissing);
      for (std::size_t r = 0; r < in.rows.size(); ++r) {
        const std::string label(core::Trim(in.rows[r][age]));
        const auto it = band.find(label);
        if (it == band.end()) {
          if (problems[r].empty()) problems[r] = fmt::format("age band '{}' is not in the reference", label);
          continue;
        }
        ref_x[r] = bands_x[it->second];
        ref_n[r] = bands_n[it->second];
      }
    }
  }
  input.ref_x = ref_x;
  input.ref_n = ref_n;
  stats::IsrOptions o;
  o.confidence = options.confidence;
  o.rate = s.isr_rate;
  o.multiplier = MultiplierOr(options, s.isr_rate ? 100000 : 1);
  NRS_ASSIGN_OR_RETURN(stats::IsrEstimates i, stats::IndirectlyStandardised(input, groups, o));
  problems = GroupProblems(problems, groups);
  ApplyProblems(problems, &i.estimates);
  Output out(groups.count);
  out.GroupColumns(in, options.group, groups);
  out.Real("observed", i.observed);
  out.Real("expected", i.expected);
  if (s.isr_rate) out.Real("ref_rate", i.reference_rate);
  EstimateColumns(i.estimates, problems, options, &out);
  return out.Build();
}

Result<core::Table> LifeExpectancy(const InputTable& in, const StatisticsOptions& options) {
  Problems problems(in.rows.size());
  NRS_ASSIGN_OR_RETURN(const std::vector<double> deaths, NumberColumn(in, options.x, "--x", &problems));
  NRS_ASSIGN_OR_RETURN(const std::vector<double> population, NumberColumn(in, options.n, "--n", &problems));
  NRS_ASSIGN_OR_RETURN(const std::size_t age, RequireColumn(in, options.standardisation.age, "--age"));
  NRS_ASSIGN_OR_RETURN(const stats::Groups groups, MakeGroups(in, options.group));
  std::vector<double> start(in.rows.size(), stats::kMissing);
  for (std::size_t r = 0; r < in.rows.size(); ++r) {
    if (const auto a = stats::AgeBandStart(in.rows[r][age])) {
      start[r] = *a;
    } else if (problems[r].empty()) {
      problems[r] = fmt::format("age band '{}' has no start age", in.rows[r][age]);
    }
  }
  stats::LifeExpectancyOptions o;
  o.confidence = options.confidence;
  NRS_ASSIGN_OR_RETURN(stats::Estimates e, stats::LifeExpectancy({deaths, population, start}, groups, o));
  // A problem in any band stops its whole table.
  const Problems by_group = GroupProblems(problems, groups);
  for (std::size_t r = 0; r < problems.size(); ++r) problems[r] = by_group[groups.group_of_row[r]];
  ApplyProblems(problems, &e);
  Output out(in.rows.size());
  out.InputColumns(in);
  EstimateColumns(e, problems, options, &out);
  return out.Build();
}

Result<core::Table> Sii(const InputTable& in, const StatisticsOptions& options) {
  const auto& s = options.sii;
  Problems problems(in.rows.size());
  const auto optional_column = [&](const std::string& column, std::string_view option) -> Result<std::vector<double>> {
    if (column.empty()) return std::vector<double>{};
    return NumberColumn(in, column, option, &problems);
  };
  NRS_ASSIGN_OR_RETURN(const std::vector<double> quantile, NumberColumn(in, s.quantile, "--quantile", &problems));
  NRS_ASSIGN_OR_RETURN(const std::vector<double> population, NumberColumn(in, options.n, "--n", &problems));
  NRS_ASSIGN_OR_RETURN(const std::vector<double> value, optional_column(s.value, "--value"));
  NRS_ASSIGN_OR_RETURN(const std::vector<double> x, optional_column(options.x, "--x"));
  NRS_ASSIGN_OR_RETURN(const std::vector<double> se, optional_column(s.se, "--se"));
  NRS_ASSIGN_OR_RETURN(const std::vector<double> lower, optional_column(s.lower, "--lower"));
  NRS_ASSIGN_OR_RETURN(const std::vector<double> upper, optional_column(s.upper, "--upper"));
  NRS_ASSIGN_OR_RETURN(const stats::Groups groups, MakeGroups(in, options.group));
  stats::SiiOptions o;
  o.confidence = options.confidence;
  o.value_type = s.value_type;
  o.transform = s.transform;
  o.multiplier = MultiplierOr(options, 1);
  o.repetitions = s.repetitions;
  o.seed = s.seed;
  NRS_ASSIGN_OR_RETURN(const stats::SiiResult r,
                       stats::SlopeIndexOfInequality({quantile, population, value, x, se, lower, upper}, groups, o));
  problems = GroupProblems(problems, groups);
  Output out(groups.count);
  out.GroupColumns(in, options.group, groups);
  const auto blank = [&](std::vector<double> v) {
    for (std::size_t g = 0; g < v.size(); ++g) {
      if (!problems[g].empty()) v[g] = stats::kMissing;
    }
    return v;
  };
  out.Real("sii", blank(r.sii));
  for (std::size_t l = 0; l < r.levels.size(); ++l) {
    out.Real("sii_lower_" + stats::LevelSuffix(r.levels[l]), blank(r.sii_lower[l]));
    out.Real("sii_upper_" + stats::LevelSuffix(r.levels[l]), blank(r.sii_upper[l]));
  }
  out.Real("rii", blank(r.rii));
  for (std::size_t l = 0; l < r.levels.size(); ++l) {
    out.Real("rii_lower_" + stats::LevelSuffix(r.levels[l]), blank(r.rii_lower[l]));
    out.Real("rii_upper_" + stats::LevelSuffix(r.levels[l]), blank(r.rii_upper[l]));
  }
  out.Real("intercept", blank(r.intercept));
  out.Text("reason", Reasons(r.reason, problems));
  return out.Build();
}

// true when a row's invert text puts the highest value first (PHEindicatormethods' invert = TRUE).
std::optional<bool> HighestFirst(std::string_view text) {
  const std::string t = core::ToLower(core::Trim(text));
  if (t == "true" || t == "yes" || t == "1" || t.find("low is good") != std::string::npos) return true;
  if (t == "false" || t == "no" || t == "0" || t.find("high is good") != std::string::npos) return false;
  return std::nullopt;
}

Result<core::Table> Quantile(const InputTable& in, const StatisticsOptions& options) {
  const auto& s = options.quantile;
  Problems problems(in.rows.size());
  NRS_ASSIGN_OR_RETURN(const std::vector<double> values, NumberColumn(in, options.x, "--x", &problems));
  NRS_ASSIGN_OR_RETURN(const stats::Groups groups, MakeGroups(in, options.group));
  std::vector<std::uint8_t> highest_first(in.rows.size(), s.lowest_first ? 0 : 1);
  if (!s.invert_column.empty()) {
    NRS_ASSIGN_OR_RETURN(const std::size_t at, RequireColumn(in, s.invert_column, "--invert-column"));
    for (std::size_t r = 0; r < in.rows.size(); ++r) {
      if (const auto h = HighestFirst(in.rows[r][at])) {
        highest_first[r] = *h ? 1 : 0;
      } else if (problems[r].empty()) {
        problems[r] = fmt::format("{} '{}' is neither true/false nor a polarity (high/low is good)", s.invert_column,
                                  in.rows[r][at]);
      }
    }
  }
  stats::QuantileOptions o;
  o.quantiles = s.quantiles;
  NRS_ASSIGN_OR_RETURN(stats::QuantileAssignment q, stats::AssignQuantiles(values, highest_first, groups, o));
  for (std::size_t r = 0; r < problems.size(); ++r) {
    if (!problems[r].empty()) q.quantile[r] = stats::kMissing;
  }
  Output out(in.rows.size());
  out.InputColumns(in);
  out.Real("quantile", q.quantile);
  out.Text("reason", Reasons(q.reason, problems));
  return out.Build();
}

Result<core::Table> Funnel(const InputTable& in, const StatisticsOptions& options) {
  const auto& s = options.funnel;
  Problems problems(in.rows.size());
  NRS_ASSIGN_OR_RETURN(std::vector<double> x, NumberColumn(in, options.x, "--x", &problems));
  std::vector<double> n, rate;
  if (!options.n.empty()) {
    NRS_ASSIGN_OR_RETURN(n, NumberColumn(in, options.n, "--n", &problems));
  }
  if (s.statistic == stats::FunnelStatistic::kRate) {
    NRS_ASSIGN_OR_RETURN(rate, NumberColumn(in, s.rate, "--rate", &problems));
  }
  // Rows with unreadable numbers take no part in the funnel.
  for (std::size_t r = 0; r < problems.size(); ++r) {
    if (!problems[r].empty()) x[r] = stats::kMissing;
  }
  stats::FunnelOptions o;
  o.statistic = s.statistic;
  o.ratio_type = s.ratio_type;
  o.rate_type = s.rate_type;
  o.years_of_data = s.years;
  o.multiplier = MultiplierOr(options, s.statistic == stats::FunnelStatistic::kRate ? 100000 : 100);
  const stats::FunnelInput input{x, n, rate};
  if (s.limits) {
    NRS_ASSIGN_OR_RETURN(const std::vector<stats::NamedColumn> limits, stats::FunnelLimits(input, o));
    Output out(limits.front().values.size());
    for (const stats::NamedColumn& c : limits) out.Real(c.name, c.values);
    return out.Build();
  }
  NRS_ASSIGN_OR_RETURN(const stats::FunnelPoints p, stats::AssessFunnelPoints(input, o));
  Output out(in.rows.size());
  out.InputColumns(in);
  std::vector<std::string> labels(in.rows.size());
  for (std::size_t r = 0; r < labels.size(); ++r) labels[r] = std::string(stats::SignificanceLabel(p.significance[r]));
  out.Text("significance", std::move(labels));
  if (s.statistic == stats::FunnelStatistic::kRate) {
    out.Real("rate_chart", p.rate_chart);
    out.Real("denominator_derived", p.denominator_derived);
  }
  out.Text("reason", Reasons(p.reason, problems));
  return out.Build();
}

Result<core::Table> Trend(const InputTable& in, const StatisticsOptions& options) {
  Problems problems(in.rows.size());
  NRS_ASSIGN_OR_RETURN(const std::vector<double> x, NumberColumn(in, options.x, "--x", &problems));
  NRS_ASSIGN_OR_RETURN(const std::vector<double> n, NumberColumn(in, options.n, "--n", &problems));
  NRS_ASSIGN_OR_RETURN(const std::size_t time, RequireColumn(in, options.trend.time, "--time"));
  NRS_ASSIGN_OR_RETURN(const stats::Groups groups, MakeGroups(in, options.group));
  const Problems by_group = GroupProblems(problems, groups);
  stats::TrendOptions o;
  o.points = options.trend.points;
  o.polarity = options.polarity;
  std::vector<double> points(groups.count), chi(groups.count, stats::kMissing);
  std::vector<std::string> label(groups.count), reason(groups.count);
  std::size_t g = 0;
  for (std::vector<std::size_t>& members : groups.Members()) {
    // Time order: numerically when every time is a number (years), else as text (2019/20 …).
    const auto key = [&](std::size_t r) { return std::string(core::Trim(in.rows[r][time])); };
    const bool numeric = std::all_of(members.begin(), members.end(),
                                     [&](std::size_t r) { return core::ParseDouble(key(r)).has_value(); });
    std::stable_sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
      return numeric ? *core::ParseDouble(key(a)) < *core::ParseDouble(key(b)) : key(a) < key(b);
    });
    std::vector<double> gx, gn;
    for (const std::size_t r : members) {
      gx.push_back(x[r]);
      gn.push_back(n[r]);
    }
    const stats::Trend t = stats::TrendTest(gx, gn, o);
    points[g] = static_cast<double>(std::min<std::size_t>(members.size(), static_cast<std::size_t>(o.points)));
    if (by_group[g].empty()) {
      chi[g] = t.chi_squared;
      label[g] = t.label;
      reason[g] = std::string(stats::ReasonText(t.reason));
    } else {
      reason[g] = by_group[g];
    }
    ++g;
  }
  Output out(groups.count);
  out.GroupColumns(in, options.group, groups);
  out.Real("points", points);
  out.Real("chi_squared", chi);
  out.Text("trend", std::move(label));
  out.Text("reason", std::move(reason));
  return out.Build();
}

bool UsesMultiplier(StatisticKind kind) {
  switch (kind) {
    case StatisticKind::kProportion:
    case StatisticKind::kRate:
    case StatisticKind::kDsr:
    case StatisticKind::kIsr:
    case StatisticKind::kSii:
    case StatisticKind::kFunnel:
      return true;
    case StatisticKind::kMean:
    case StatisticKind::kLifeExpectancy:
    case StatisticKind::kQuantile:
    case StatisticKind::kTrend:
      break;
  }
  return false;
}

bool HasIntervals(StatisticKind kind) {
  switch (kind) {
    case StatisticKind::kProportion:
    case StatisticKind::kRate:
    case StatisticKind::kMean:
    case StatisticKind::kDsr:
    case StatisticKind::kIsr:
    case StatisticKind::kLifeExpectancy:
      return true;
    case StatisticKind::kSii:
    case StatisticKind::kQuantile:
    case StatisticKind::kFunnel:
    case StatisticKind::kTrend:
      break;
  }
  return false;
}

}  // namespace

std::span<const Choice<stats::Polarity>> PolarityChoices() {
  static constexpr std::array<Choice<stats::Polarity>, 3> kChoices = {
      {{"high-is-good", stats::Polarity::kHighIsGood},
       {"low-is-good", stats::Polarity::kLowIsGood},
       {"no-judgement", stats::Polarity::kNoJudgement}}};
  return kChoices;
}

std::span<const Choice<stats::RateMethod>> RateMethodChoices() {
  static constexpr std::array<Choice<stats::RateMethod>, 3> kChoices = {
      {{"auto", stats::RateMethod::kAuto}, {"byar", stats::RateMethod::kByar}, {"exact", stats::RateMethod::kExact}}};
  return kChoices;
}

std::span<const Choice<stats::SiiValueType>> SiiValueTypeChoices() {
  static constexpr std::array<Choice<stats::SiiValueType>, 3> kChoices = {
      {{"normal", stats::SiiValueType::kNormal},
       {"rate", stats::SiiValueType::kRate},
       {"proportion", stats::SiiValueType::kProportion}}};
  return kChoices;
}

std::span<const Choice<stats::FunnelStatistic>> FunnelStatisticChoices() {
  static constexpr std::array<Choice<stats::FunnelStatistic>, 3> kChoices = {
      {{"proportion", stats::FunnelStatistic::kProportion},
       {"ratio", stats::FunnelStatistic::kRatio},
       {"rate", stats::FunnelStatistic::kRate}}};
  return kChoices;
}

std::span<const Choice<stats::RateType>> RateTypeChoices() {
  static constexpr std::array<Choice<stats::RateType>, 2> kChoices = {
      {{"dsr", stats::RateType::kDsr}, {"crude", stats::RateType::kCrude}}};
  return kChoices;
}

std::span<const Choice<stats::RatioType>> RatioTypeChoices() {
  static constexpr std::array<Choice<stats::RatioType>, 2> kChoices = {
      {{"count", stats::RatioType::kCount}, {"isr", stats::RatioType::kIsr}}};
  return kChoices;
}

std::span<const Choice<StatisticKind>> StatisticChoices() {
  static const std::array<Choice<StatisticKind>, 10> kChoices = [] {
    std::array<Choice<StatisticKind>, 10> choices{};
    constexpr std::array kKinds = {StatisticKind::kProportion, StatisticKind::kRate,     StatisticKind::kMean,
                                   StatisticKind::kDsr,        StatisticKind::kIsr,      StatisticKind::kLifeExpectancy,
                                   StatisticKind::kSii,        StatisticKind::kQuantile, StatisticKind::kFunnel,
                                   StatisticKind::kTrend};
    for (std::size_t i = 0; i < kKinds.size(); ++i) choices[i] = {StatisticName(kKinds[i]), kKinds[i]};
    return choices;
  }();
  return kChoices;
}

std::string_view StatisticName(StatisticKind kind) {
  switch (kind) {
    case StatisticKind::kProportion:
      return "proportion";
    case StatisticKind::kRate:
      return "rate";
    case StatisticKind::kMean:
      return "mean";
    case StatisticKind::kDsr:
      return "dsr";
    case StatisticKind::kIsr:
      return "isr";
    case StatisticKind::kLifeExpectancy:
      return "life-expectancy";
    case StatisticKind::kSii:
      return "sii";
    case StatisticKind::kQuantile:
      return "quantile";
    case StatisticKind::kFunnel:
      return "funnel";
    case StatisticKind::kTrend:
      return "trend";
  }
  return "";
}

Result<std::vector<double>> ParseConfidenceLevels(std::string_view text) { return stats::ParseConfidence(text); }

Status StatisticsOptions::Validate() const {
  const std::string_view name = StatisticName(kind);
  if (input.empty()) return Status::InvalidArgument("stats {}: no --input file given", name);
  NRS_RETURN_IF_ERROR(stats::ValidateConfidence(confidence).WithContext(fmt::format("stats {}", name)));
  if (multiplier && !UsesMultiplier(kind)) return Status::InvalidArgument("stats {} takes no --multiplier", name);
  if (multiplier && (*multiplier == 0 || !std::isfinite(*multiplier))) {
    return Status::InvalidArgument("the multiplier must be a non-zero number");
  }
  if (comparator && !HasIntervals(kind)) return Status::InvalidArgument("stats {} takes no --comparator", name);
  const auto need = [&](const std::string& value, std::string_view option) -> Status {
    if (value.empty()) return Status::InvalidArgument("stats {} needs {}", name, option);
    return Status::Ok();
  };
  switch (kind) {
    case StatisticKind::kProportion:
    case StatisticKind::kMean:
      NRS_RETURN_IF_ERROR(need(x, "--x"));
      if (kind == StatisticKind::kProportion) NRS_RETURN_IF_ERROR(need(n, "--n"));
      break;
    case StatisticKind::kRate:
      NRS_RETURN_IF_ERROR(need(x, "--x"));
      break;
    case StatisticKind::kDsr:
      NRS_RETURN_IF_ERROR(need(x, "--x"));
      NRS_RETURN_IF_ERROR(need(n, "--n"));
      break;
    case StatisticKind::kIsr:
      NRS_RETURN_IF_ERROR(need(x, "--x"));
      NRS_RETURN_IF_ERROR(need(n, "--n"));
      NRS_RETURN_IF_ERROR(need(standardisation.ref_x, "--ref-x"));
      NRS_RETURN_IF_ERROR(need(standardisation.ref_n, "--ref-n"));
      break;
    case StatisticKind::kLifeExpectancy:
      NRS_RETURN_IF_ERROR(need(x, "--x (deaths)"));
      NRS_RETURN_IF_ERROR(need(n, "--n (population)"));
      NRS_RETURN_IF_ERROR(need(standardisation.age, "--age"));
      break;
    case StatisticKind::kSii:
      NRS_RETURN_IF_ERROR(need(sii.quantile, "--quantile"));
      NRS_RETURN_IF_ERROR(need(n, "--n (population)"));
      if (sii.value.empty() && x.empty())
        return Status::InvalidArgument("stats sii needs --value (or --x for proportions)");
      if (sii.se.empty() && (sii.lower.empty() || sii.upper.empty())) {
        return Status::InvalidArgument("stats sii needs --se, or both --lower and --upper (95% limits)");
      }
      if (sii.repetitions < 1) return Status::InvalidArgument("--repetitions must be at least 1");
      break;
    case StatisticKind::kQuantile:
      NRS_RETURN_IF_ERROR(need(x, "--x"));
      if (quantile.quantiles < 2) return Status::InvalidArgument("--quantiles must be at least 2");
      break;
    case StatisticKind::kFunnel:
      NRS_RETURN_IF_ERROR(need(x, "--x"));
      if (!group.empty()) return Status::InvalidArgument("stats funnel draws one funnel: it takes no --group");
      if (funnel.statistic == stats::FunnelStatistic::kRate) {
        NRS_RETURN_IF_ERROR(need(funnel.rate, "--rate"));
      } else {
        NRS_RETURN_IF_ERROR(need(n, "--n"));
      }
      if (!(funnel.years > 0)) return Status::InvalidArgument("--years must be positive");
      break;
    case StatisticKind::kTrend:
      NRS_RETURN_IF_ERROR(need(x, "--x"));
      NRS_RETURN_IF_ERROR(need(n, "--n"));
      NRS_RETURN_IF_ERROR(need(trend.time, "--time"));
      if (trend.points < 3) return Status::InvalidArgument("--points must be at least 3");
      break;
  }
  return Status::Ok();
}

Result<core::Table> ComputeStatistics(const StatisticsOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  NRS_ASSIGN_OR_RETURN(const InputTable in, ReadInput(options.input, options.where));
  switch (options.kind) {
    case StatisticKind::kProportion:
    case StatisticKind::kRate:
      return ProportionOrRate(in, options);
    case StatisticKind::kMean:
      return Mean(in, options);
    case StatisticKind::kDsr:
      return Dsr(in, options);
    case StatisticKind::kIsr:
      return Isr(in, options);
    case StatisticKind::kLifeExpectancy:
      return LifeExpectancy(in, options);
    case StatisticKind::kSii:
      return Sii(in, options);
    case StatisticKind::kQuantile:
      return Quantile(in, options);
    case StatisticKind::kFunnel:
      return Funnel(in, options);
    case StatisticKind::kTrend:
      return Trend(in, options);
  }
  return Status::Internal("unknown statistic");
}

}  // namespace nrs
