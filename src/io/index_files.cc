#include "io/index_files.h"

#include <toml++/toml.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <set>
#include <unordered_map>

#include "core/text.h"
#include "io/csv_reader.h"

namespace nrs::io {

namespace {

namespace fs = std::filesystem;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Reads typed values from one TOML table and reports unknown keys, so that a misspelt option is an error
// rather than silently ignored.
class Table {
 public:
  Table(const toml::table& t, std::string where, DiagnosticList* problems)
      : t_(t), where_(std::move(where)), problems_(problems) {}

  void String(const char* key, std::string* out) {
    seen_.insert(key);
    if (const auto* n = t_.get(key)) {
      if (const auto v = n->value<std::string>()) {
        *out = *v;
      } else {
        Problem(*n, key, "must be text");
      }
    }
  }
  void Number(const char* key, double* out) {
    seen_.insert(key);
    if (const auto* n = t_.get(key)) {
      if (const auto v = n->value<double>()) {
        *out = *v;
      } else {
        Problem(*n, key, "must be a number");
      }
    }
  }
  void Optional(const char* key, std::optional<double>* out) {
    seen_.insert(key);
    if (t_.get(key) != nullptr) {
      double v = 0;
      Number(key, &v);
      *out = v;
    }
  }
  void Integer(const char* key, int* out) {
    seen_.insert(key);
    if (const auto* n = t_.get(key)) {
      if (const auto v = n->value<std::int64_t>();
          v && *v >= std::numeric_limits<int>::min() && *v <= std::numeric_limits<int>::max()) {
        *out = static_cast<int>(*v);
      } else {
        Problem(*n, key, "must be an integer");
      }
    }
  }
  void Unsigned(const char* key, std::uint64_t* out) {
    seen_.insert(key);
    if (const auto* n = t_.get(key)) {
      if (const auto v = n->value<std::int64_t>(); v && *v >= 0) {
        *out = static_cast<std::uint64_t>(*v);
      } else {
        Problem(*n, key, "must be an integer ≥ 0");
      }
    }
  }
  void Bool(const char* key, bool* out) {
    seen_.insert(key);
    if (const auto* n = t_.get(key)) {
      if (const auto v = n->value<bool>()) {
        *out = *v;
      } else {
        Problem(*n, key, "must be true or false");
      }
    }
  }
  void Strings(const char* key, std::vector<std::string>* out) {
    seen_.insert(key);
    if (const auto* n = t_.get(key)) {
      const auto* a = n->as_array();
      if (a == nullptr) {
        Problem(*n, key, "must be a list of text");
        return;
      }
      out->clear();
      for (const auto& e : *a) {
        if (const auto v = e.value<std::string>()) {
          out->push_back(*v);
        } else {
          Problem(e, key, "must be a list of text");
        }
      }
    }
  }
  template <typename E, typename Parse>
  void Method(const char* key, E* out, Parse parse) {
    std::string name;
    String(key, &name);
    if (name.empty()) return;
    const Result<E> m = parse(name);
    if (m.ok()) {
      *out = *m;
    } else {
      Problem(*t_.get(key), key, std::string(m.status().message()));
    }
  }
  template <typename E, typename Parse>
  void Methods(const char* key, std::vector<E>* out, Parse parse) {
    std::vector<std::string> names;
    Strings(key, &names);
    for (const std::string& name : names) {
      const Result<E> m = parse(name);
      if (m.ok()) {
        out->push_back(*m);
      } else {
        Problem(*t_.get(key), key, std::string(m.status().message()));
      }
    }
  }
  const toml::table* Sub(const char* key) {
    seen_.insert(key);
    const auto* n = t_.get(key);
    if (n == nullptr) return nullptr;
    if (const auto* t = n->as_table()) return t;
    Problem(*n, key, "must be a table");
    return nullptr;
  }
  const toml::array* Array(const char* key) {
    seen_.insert(key);
    const auto* n = t_.get(key);
    if (n == nullptr) return nullptr;
    if (const auto* a = n->as_array()) return a;
    Problem(*n, key, "must be an array of tables ([[{}]])");
    return nullptr;
  }
  // Reports every key not read.
  void Finish() {
    for (const auto& [k, v] : t_) {
      if (!seen_.contains(std::string(k.str()))) Problem(v, std::string(k.str()), "unknown key");
    }
  }
  void Problem(const toml::node& n, const std::string& key, const std::string& reason) {
    problems_->AddReason(static_cast<std::int64_t>(n.source().begin.line), where_.empty() ? key : where_ + "." + key,
                         reason);
  }

 private:
  const toml::table& t_;
  std::string where_;
  DiagnosticList* problems_;
  std::set<std::string> seen_;
};

void ReadPipeline(const toml::table& root, index::PipelineOptions* o, DiagnosticList* problems) {
  Table top(root, "", problems);
  const auto section = [&](const char* key, auto&& read) {
    if (const toml::table* t = top.Sub(key)) {
      Table s(*t, key, problems);
      read(s);
      s.Finish();
    }
  };
  section("denominate", [&](Table& s) {
    s.Bool("enabled", &o->denominate.enabled);
    s.Number("scale", &o->denominate.scale);
  });
  section("screen", [&](Table& s) {
    s.Bool("enabled", &o->screen.enabled);
    s.Number("min_availability", &o->screen.min_availability);
  });
  section("impute", [&](Table& s) {
    s.Method("method", &o->impute.method, index::ParseImputeMethod);
    s.String("group", &o->impute.group);
  });
  section("treat", [&](Table& s) {
    s.Method("method", &o->treat.method, index::ParseTreatMethod);
    if (const auto* n = (*root["treat"].as_table()).get("winmax"); n != nullptr && n->is_string()) {
      std::string text;
      s.String("winmax", &text);
      if (text == "auto") {
        o->treat.winmax = -1;
      } else {
        s.Problem(*n, "winmax", "must be a number of points or \"auto\"");
      }
    } else {
      s.Integer("winmax", &o->treat.winmax);
    }
    s.Bool("winchange", &o->treat.winchange);
    s.Number("skew_threshold", &o->treat.skew_threshold);
    s.Number("kurtosis_threshold", &o->treat.kurtosis_threshold);
    s.Method("fallback", &o->treat.fallback, index::ParseTreatMethod);
    s.Number("boxcox_lambda", &o->treat.boxcox_lambda);
  });
  section("normalise", [&](Table& s) {
    s.Method("method", &o->normalise.method, index::ParseNormaliseMethod);
    s.Number("low", &o->normalise.low);
    s.Number("high", &o->normalise.high);
    s.Number("mean", &o->normalise.mean);
    s.Number("sd", &o->normalise.sd);
  });
  section("weights", [&](Table& s) { s.Method("method", &o->weights.method, index::ParseWeightMethod); });
  section("aggregate", [&](Table& s) {
    s.Method("method", &o->aggregate.method, index::ParseAggregateMethod);
    s.Number("power", &o->aggregate.power);
    s.Number("weight_sum_tolerance", &o->aggregate.weight_sum_tolerance);
    if (const toml::table* levels = s.Sub("by_level")) {
      o->aggregate.by_level.clear();
      for (const auto& [k, v] : *levels) {
        const auto level = core::ParseInt(k.str());
        const auto name = v.value<std::string>();
        const Result<index::AggregateMethod> m =
            name ? index::ParseAggregateMethod(*name)
                 : Result<index::AggregateMethod>(Status::InvalidArgument("must map a level number to a method name"));
        if (!level || !m.ok()) {
          s.Problem(v, "by_level", level ? std::string(m.status().message()) : "keys must be level numbers");
          continue;
        }
        o->aggregate.by_level.emplace_back(static_cast<int>(*level), *m);
      }
    }
  });
  section("rank", [&](Table& s) {
    s.Integer("quantiles", &o->rank.quantiles);
    std::string convention;
    s.String("convention", &convention);
    if (convention == "iod") {
      o->rank.convention = index::QuantileConvention::kIod;
    } else if (convention == "phe") {
      o->rank.convention = index::QuantileConvention::kPhe;
    } else if (!convention.empty()) {
      s.Problem(*(*root["rank"].as_table()).get("convention"), "convention", "must be \"iod\" or \"phe\"");
    }
    s.Number("flag_percentile", &o->rank.flag_percentile);
    s.Integer("digits", &o->rank.digits);
  });
  std::optional<double> time;
  top.Optional("time", &time);
  if (time) o->time = time;
  top.Finish();
}

Result<toml::table> ParseToml(const std::string& text, const std::string& name) {
  try {
    return toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    return Status(
        ErrorCode::kInvalidInput, fmt::format("{}: not valid TOML", name),
        {Diagnostic{name, static_cast<std::int64_t>(e.source().begin.line), "", std::string(e.description())}});
  }
}

std::string Resolve(const std::string& path, const std::string& relative_to) {
  if (path.empty() || fs::path(path).is_absolute()) return path;
  return (fs::path(relative_to).parent_path() / path).lexically_normal().string();
}

std::optional<double> NumberOrMissing(std::string_view field) {
  const std::string_view t = core::Trim(field);
  if (t.empty() || t == "NA" || t == "NaN" || t == "nan") return kNaN;
  return core::ParseDouble(t);
}

}  // namespace

Result<index::PipelineOptions> ParsePipelineToml(const std::string& text, const std::string& name,
                                                 index::PipelineOptions base) {
  NRS_ASSIGN_OR_RETURN(const toml::table root, ParseToml(text, name));
  DiagnosticList problems(name);
  if (const auto* inner = root.get("pipeline"); inner != nullptr && root.size() == 1 && inner->is_table()) {
    ReadPipeline(*inner->as_table(), &base, &problems);
  } else {
    ReadPipeline(root, &base, &problems);
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  const Status valid = base.Validate();
  if (!valid.ok()) return Status::InvalidInput("{}: {}", name, valid.message());
  return base;
}

Result<index::PipelineOptions> ReadPipelineFile(const std::string& path, index::PipelineOptions base) {
  NRS_ASSIGN_OR_RETURN(const std::string text, ReadFileText(path));
  return ParsePipelineToml(text, path, std::move(base));
}

Result<FrameworkFile> ReadFrameworkFile(const std::string& path) {
  NRS_ASSIGN_OR_RETURN(const std::string text, ReadFileText(path));
  return ParseFrameworkToml(text, path);
}

Result<FrameworkFile> ParseFrameworkToml(const std::string& text, const std::string& path) {
  NRS_ASSIGN_OR_RETURN(const toml::table root, ParseToml(text, path));
  DiagnosticList problems(path);
  FrameworkFile out;
  Table top(root, "", &problems);
  top.String("name", &out.framework.name);
  top.String("description", &out.framework.description);
  if (const toml::table* d = top.Sub("data")) {
    Table t(*d, "data", &problems);
    t.String("file", &out.data.file);
    t.String("unit", &out.data.unit);
    t.String("name", &out.data.name);
    t.String("time", &out.data.time);
    t.Strings("groups", &out.data.groups);
    if (const toml::array* joins = t.Array("join")) {
      for (const auto& j : *joins) {
        if (const auto* jt = j.as_table()) {
          Table jr(*jt, "data.join", &problems);
          IndexDataSpec::Join join;
          jr.String("file", &join.file);
          jr.String("unit", &join.unit);
          jr.Finish();
          join.file = Resolve(join.file, path);
          out.data.joins.push_back(join);
        }
      }
    }
    t.Finish();
    out.data.file = Resolve(out.data.file, path);
  }
  if (const toml::table* p = top.Sub("pipeline")) ReadPipeline(*p, &out.pipeline, &problems);
  if (const toml::table* u = top.Sub("uncertainty")) {
    out.analysis.present = true;
    index::UncertaintyOptions& o = out.analysis.uncertainty;
    Table t(*u, "uncertainty", &problems);
    t.Integer("runs", &o.runs);
    t.Unsigned("seed", &o.seed);
    t.Number("weight_noise", &o.weight_noise);
    t.Methods("normalisations", &o.normalisations, index::ParseNormaliseMethod);
    t.Methods("aggregations", &o.aggregations, index::ParseAggregateMethod);
    t.Methods("treatments", &o.treatments, index::ParseTreatMethod);
    t.Methods("imputations", &o.imputations, index::ParseImputeMethod);
    t.Bool("input_intervals", &o.input_intervals);
    t.Finish();
  }
  const auto nodes = [&](const char* key, index::NodeKind kind) {
    const toml::array* a = top.Array(key);
    if (a == nullptr) return;
    for (const auto& e : *a) {
      const auto* nt = e.as_table();
      if (nt == nullptr) continue;
      Table t(*nt, key, &problems);
      index::Node n;
      n.kind = kind;
      t.String("code", &n.code);
      t.String("name", &n.name);
      t.String("parent", &n.parent);
      t.Number("weight", &n.weight);
      if (kind == index::NodeKind::kIndicator) {
        t.Number("direction", &n.direction);
        t.String("unit", &n.unit);
        t.Optional("target", &n.target);
        t.Optional("goalpost_low", &n.goalpost_low);
        t.Optional("goalpost_high", &n.goalpost_high);
        t.String("denominator", &n.denominator);
        t.String("column", &n.column);
        t.String("lower", &n.lower);
        t.String("upper", &n.upper);
        t.Bool("slot", &n.slot);
      }
      t.Finish();
      if (n.code.empty()) {
        problems.AddReason(static_cast<std::int64_t>(nt->source().begin.line), key, "every node needs a code");
      }
      out.framework.nodes.push_back(std::move(n));
    }
  };
  nodes("aggregate", index::NodeKind::kAggregate);
  nodes("indicator", index::NodeKind::kIndicator);
  top.Finish();
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  const Status valid = out.pipeline.Validate();
  if (!valid.ok()) return Status::InvalidInput("{}: {}", path, valid.message());
  const Status analysis = out.analysis.uncertainty.Validate();
  if (!analysis.ok()) return Status::InvalidInput("{}: [uncertainty]: {}", path, analysis.message());
  const Status tree = index::Analyse(out.framework).status();
  if (!tree.ok()) return tree.WithContext(path);
  return out;
}

Result<index::Framework> ReadCoinrMeta(const std::string& path, IndexDataSpec* data) {
  NRS_ASSIGN_OR_RETURN(CsvReader csv, CsvReader::Open(path));
  DiagnosticList problems(path);
  const auto col = [&](const char* name) { return csv.ColumnIndex(name); };
  for (const char* required : {"iCode", "Parent", "Type"}) {
    if (col(required) < 0) problems.Add(1, required, "iMeta needs a column '{}'", required);
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  index::Framework fw;
  fw.name = fs::path(path).stem().string();
  const auto field = [&](const char* name) -> std::string {
    const int i = col(name);
    return i < 0 ? std::string() : std::string(core::Trim(csv.field(static_cast<std::size_t>(i))));
  };
  data->unit = "uCode";
  data->name = "uName";
  data->groups.clear();
  while (true) {
    NRS_ASSIGN_OR_RETURN(const bool more, csv.NextRecord(problems));
    if (!more) break;
    const std::string type = field("Type");
    index::Node n;
    n.code = field("iCode");
    n.name = field("iName");
    n.parent = field("Parent");
    n.unit = field("Unit");
    n.denominator = field("Denominator");
    if (n.parent == "NA") n.parent.clear();
    if (n.denominator == "NA") n.denominator.clear();
    if (type == "Group") {
      data->groups.push_back(n.code);
      continue;
    }
    if (type == "Denominator" || type == "Other") continue;
    if (type != "Indicator" && type != "Aggregate") {
      problems.Add(csv.line(), "Type", "'{}' is not Indicator, Aggregate, Group, Denominator or Other", type);
      continue;
    }
    n.kind = type == "Indicator" ? index::NodeKind::kIndicator : index::NodeKind::kAggregate;
    for (const auto& [column, target] : {std::pair{"Direction", &n.direction}, std::pair{"Weight", &n.weight}}) {
      const std::string text = field(column);
      if (text.empty() || text == "NA") continue;
      if (const auto v = core::ParseDouble(text)) {
        *target = *v;
      } else {
        problems.Add(csv.line(), column, "'{}' is not a number", text);
      }
    }
    if (const std::string t = field("Target"); !t.empty() && t != "NA") {
      if (const auto v = core::ParseDouble(t)) {
        n.target = *v;
      } else {
        problems.Add(csv.line(), "Target", "'{}' is not a number", t);
      }
    }
    fw.nodes.push_back(std::move(n));
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  const Status tree = index::Analyse(fw).status();
  if (!tree.ok()) return tree.WithContext(path);
  return fw;
}

std::vector<std::string> NeededColumns(const index::Framework& framework, const index::PipelineOptions& options) {
  std::vector<std::string> out;
  for (const index::Node& n : framework.nodes) {
    if (n.kind != index::NodeKind::kIndicator || n.slot) continue;
    out.push_back(n.DataColumn());
    if (options.denominate.enabled && !n.denominator.empty()) out.push_back(n.denominator);
    if (!n.lower.empty()) out.push_back(n.lower);
    if (!n.upper.empty()) out.push_back(n.upper);
  }
  return out;
}

namespace {

struct RawTable {
  std::string name;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::int64_t> lines;
};

Result<RawTable> ReadRaw(const std::string& path) {
  NRS_ASSIGN_OR_RETURN(CsvReader csv, CsvReader::Open(path));
  RawTable t{path, csv.header(), {}, {}};
  DiagnosticList problems(path);
  while (true) {
    NRS_ASSIGN_OR_RETURN(const bool more, csv.NextRecord(problems));
    if (!more) break;
    std::vector<std::string> row;
    row.reserve(csv.fields().size());
    for (const std::string_view f : csv.fields()) row.emplace_back(f);
    t.rows.push_back(std::move(row));
    t.lines.push_back(csv.line());
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  return t;
}

int IndexOf(const std::vector<std::string>& header, const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

Result<index::Dataset> ReadIndexData(const IndexDataSpec& spec, const std::vector<std::string>& needed) {
  if (spec.file.empty()) return Status::InvalidArgument("no data file: give --data or name one in the framework");
  NRS_ASSIGN_OR_RETURN(const RawTable main, ReadRaw(spec.file));
  DiagnosticList problems(spec.file);
  index::Dataset d;
  const int unit = spec.unit.empty() ? 0 : IndexOf(main.header, spec.unit);
  if (unit < 0) return Status::InvalidInput("{}: no unit column '{}'", spec.file, spec.unit);
  const int name = spec.name.empty() ? -1 : IndexOf(main.header, spec.name);
  const int time = spec.time.empty() ? -1 : IndexOf(main.header, spec.time);
  if (!spec.time.empty() && time < 0) return Status::InvalidInput("{}: no time column '{}'", spec.file, spec.time);
  std::set<int> text_columns{unit, name, time};
  for (const std::string& g : spec.groups) {
    const int gi = IndexOf(main.header, g);
    if (gi < 0) {
      problems.Add(1, g, "no group column '{}'", g);
      continue;
    }
    text_columns.insert(gi);
    d.group_names.push_back(g);
    d.groups.emplace_back();
    for (const auto& row : main.rows) d.groups.back().push_back(row[static_cast<std::size_t>(gi)]);
  }
  std::unordered_map<std::string, std::size_t> row_of;
  for (std::size_t r = 0; r < main.rows.size(); ++r) {
    const std::string& code = main.rows[r][static_cast<std::size_t>(unit)];
    if (code.empty()) problems.Add(main.lines[r], main.header[static_cast<std::size_t>(unit)], "no unit code");
    d.units.push_back(code);
    d.names.push_back(name >= 0 ? main.rows[r][static_cast<std::size_t>(name)] : std::string());
    if (time >= 0) {
      const auto t = core::ParseDouble(main.rows[r][static_cast<std::size_t>(time)]);
      if (!t)
        problems.Add(main.lines[r], spec.time, "'{}' is not a time", main.rows[r][static_cast<std::size_t>(time)]);
      d.times.push_back(t.value_or(0));
    } else {
      row_of.emplace(code, r);
    }
  }
  const std::set<std::string> must(needed.begin(), needed.end());
  const auto add_columns = [&](const RawTable& t, const std::set<int>& skip, const std::vector<std::size_t>* map) {
    for (std::size_t c = 0; c < t.header.size(); ++c) {
      if (skip.contains(static_cast<int>(c)) || d.Column(t.header[c]) >= 0) continue;
      const bool required = must.contains(t.header[c]);
      std::vector<double> values(d.rows(), kNaN);
      bool numeric = true;
      std::size_t bad = 0;
      for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const auto v = NumberOrMissing(t.rows[r][c]);
        if (!v) {
          numeric = false;
          if (!required) break;
          if (++bad <= 5) problems.Add(t.lines[r], t.header[c], "'{}' is not a number", t.rows[r][c]);
          continue;
        }
        if (map == nullptr) {
          values[r] = *v;
        } else if ((*map)[r] != static_cast<std::size_t>(-1)) {
          values[(*map)[r]] = *v;
        }
      }
      if (numeric || required) {
        d.column_names.push_back(t.header[c]);
        d.columns.push_back(std::move(values));
      }
    }
  };
  add_columns(main, text_columns, nullptr);
  for (const IndexDataSpec::Join& j : spec.joins) {
    NRS_ASSIGN_OR_RETURN(const RawTable other, ReadRaw(j.file));
    const int key = j.unit.empty() ? 0 : IndexOf(other.header, j.unit);
    if (key < 0) return Status::InvalidInput("{}: no unit column '{}'", j.file, j.unit);
    if (time >= 0) return Status::InvalidInput("{}: joins are for data with one row per unit", j.file);
    std::vector<std::size_t> map(other.rows.size(), static_cast<std::size_t>(-1));
    for (std::size_t r = 0; r < other.rows.size(); ++r) {
      const auto it = row_of.find(other.rows[r][static_cast<std::size_t>(key)]);
      if (it != row_of.end()) map[r] = it->second;
    }
    std::set<int> skip{key};
    for (std::size_t c = 0; c < other.header.size(); ++c) {
      if (IndexOf(main.header, other.header[c]) >= 0) skip.insert(static_cast<int>(c));
    }
    add_columns(other, skip, &map);
  }
  for (const std::string& n : needed) {
    if (d.Column(n) < 0) problems.Add(1, n, "the data have no column '{}'", n);
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  return d;
}

}  // namespace nrs::io
