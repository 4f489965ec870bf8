// Composite indices: the framework and data read by io/, built by the index engine, written as one CSV per stage
// (the stages COINr keeps) with the log that rebuilds them; over stored neighbourhoods, stored as a run.

#include "nrs/index.h"

#include <array>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "app/index_internal.h"
#include "app/neighbourhood_values.h"
#include "core/log.h"
#include "io/csv_reader.h"
#include "io/table_writer.h"
#include "stats/proportion.h"
#include "store/index_runs.h"
#include "store/places.h"
#include "store/system_maps.h"

namespace nrs {

Status IndexInput::Validate() const {
  if (framework.empty() == meta.empty()) {
    return Status::InvalidArgument("give a framework: --framework FILE.toml or --meta iMeta.csv (not both)");
  }
  if (!meta.empty() && data.empty() && !neighbourhoods) {
    return Status::InvalidArgument("--meta needs --data (COINr's iData table)");
  }
  if (neighbourhoods && !data.empty()) {
    return Status::InvalidArgument("--neighbourhoods builds on the database; leave out --data");
  }
  return Status::Ok();
}

Status IndexBuildOptions::Validate() const {
  NRS_RETURN_IF_ERROR(input.Validate());
  static constexpr std::array kShow = {"results",    "raw",        "denominated", "imputed",  "treated",
                                       "normalised", "aggregated", "weights",     "treatment"};
  if (std::find(kShow.begin(), kShow.end(), show) == kShow.end()) {
    return Status::InvalidArgument("--show must be one of {}, not '{}'", fmt::join(kShow, ", "), show);
  }
  return Status::Ok();
}

Status IndexAnalysisOptions::Validate() const {
  NRS_RETURN_IF_ERROR(input.Validate());
  if (runs && (*runs < 2 || *runs > 1'000'000)) {
    return Status::InvalidArgument("--runs must be from 2 to 1,000,000, not {}", *runs);
  }
  if (threads < 0) return Status::InvalidArgument("--threads must be ≥ 0");
  if (bootstrap < 0 || bootstrap > 100'000) return Status::InvalidArgument("--bootstrap must be from 0 to 100,000");
  return Status::Ok();
}

namespace app {

namespace {

namespace fs = std::filesystem;
using index::Node;
using index::NodeKind;

core::Cell Real(double v) { return std::isfinite(v) ? core::Cell(v) : core::Cell(); }

// The data of the framework over stored neighbourhoods: one unit per neighbourhood; each column the framework
// needs is the catalogue indicator of that key (or whose source column has that name): a value measured for the
// neighbourhood as a whole (survey, system map; latest period) with its interval, or else the indicator
// summarised over the neighbourhood's small areas — the value, or the average rank for ranks — with its 95%
// interval where the profile gives one.
Result<index::Dataset> NeighbourhoodData(store::Transaction& tx, io::FrameworkFile* file,
                                         std::vector<std::int64_t>* ids) {
  NRS_ASSIGN_OR_RETURN(const std::vector<store::NeighbourhoodRow> hoods, store::ListNeighbourhoods(tx));
  if (hoods.empty()) return Status::NotFound("the database holds no neighbourhoods (see `nrs neighbourhood add`)");
  NRS_ASSIGN_OR_RETURN(const std::vector<store::StoredIndicator> catalogue, store::LoadCatalogue(tx));
  const auto find = [&](const std::string& column) -> const store::StoredIndicator* {
    for (const auto& s : catalogue) {
      if (s.indicator.key == column) return &s;
    }
    for (const auto& s : catalogue) {
      for (const std::string& c : s.indicator.columns) {
        if (c == column) return &s;
      }
    }
    return nullptr;
  };
  index::Dataset d;
  std::set<std::string> needed;
  for (const std::string& c : io::NeededColumns(file->framework, file->pipeline)) needed.insert(c);
  for (const Node& n : file->framework.nodes) {
    if (n.kind == NodeKind::kIndicator && n.slot && find(n.DataColumn()) != nullptr) needed.insert(n.DataColumn());
  }
  struct Wanted {
    std::string column;
    const store::StoredIndicator* indicator;
  };
  std::vector<Wanted> wanted;
  DiagnosticList problems("database");
  for (const std::string& c : needed) {
    const store::StoredIndicator* s = find(c);
    if (s == nullptr) {
      problems.Add(0, c, "no indicator in the catalogue has the key or source column '{}'", c);
      continue;
    }
    wanted.push_back({c, s});
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  const std::size_t n_cols = wanted.size();
  d.column_names.reserve(3 * n_cols);
  for (const Wanted& w : wanted) d.column_names.push_back(w.column);
  for (const Wanted& w : wanted) d.column_names.push_back(w.column + "#lower95");
  for (const Wanted& w : wanted) d.column_names.push_back(w.column + "#upper95");
  d.columns.assign(3 * n_cols, {});
  // Values measured for a neighbourhood as a whole (survey estimates, system-map measures), latest period.
  std::vector<std::int64_t> all_ids;
  all_ids.reserve(hoods.size());
  for (const store::NeighbourhoodRow& h : hoods) all_ids.push_back(h.id);
  NRS_ASSIGN_OR_RETURN(const std::vector<store::NeighbourhoodValue> measured,
                       store::LoadNeighbourhoodValues(tx, all_ids));
  std::map<std::pair<std::int64_t, std::int64_t>, const store::NeighbourhoodValue*> latest;  // (indicator, hood)
  for (const store::NeighbourhoodValue& v : measured) latest[{v.indicator_id, v.neighbourhood_id}] = &v;
  NeighbourhoodValues values(tx, catalogue);
  for (const store::NeighbourhoodRow& h : hoods) {
    d.units.push_back(h.slug);
    d.names.push_back(h.name);
    ids->push_back(h.id);
    NRS_ASSIGN_OR_RETURN(const auto summaries, values.Run(h.members));
    for (std::size_t k = 0; k < n_cols; ++k) {
      double value = std::nan("");
      stats::Estimate e;
      if (const auto m = latest.find({wanted[k].indicator->id, h.id}); m != latest.end()) {
        const store::NeighbourhoodValue& v = *m->second;
        value = v.value.value_or(std::nan(""));
        e.ci95 = {v.lower_95.value_or(std::nan("")), v.upper_95.value_or(std::nan(""))};
      } else if (const auto it = summaries.find(wanted[k].indicator->id);
                 it != summaries.end() && !it->second.second.empty()) {
        const indicators::Summary& s = it->second.second.front();  // the value, or a rank's average rank
        if (s.value) value = *s.value;
        e = EstimateOf(wanted[k].indicator->indicator, s);
      }
      d.columns[k].push_back(value);
      d.columns[n_cols + k].push_back(e.ci95.lower);
      d.columns[2 * n_cols + k].push_back(e.ci95.upper);
    }
  }
  // A count over a count of people (income-deprived people over the population) is a proportion: its Wilson
  // interval, on the numerator's scale, is the interval of the count.
  if (file->pipeline.denominate.enabled) {
    for (const Node& n : file->framework.nodes) {
      if (n.kind != NodeKind::kIndicator || n.denominator.empty()) continue;
      const int num = d.Column(n.DataColumn());
      const int den = d.Column(n.denominator);
      const int lo = d.Column(n.DataColumn() + "#lower95");
      if (num < 0 || den < 0 || lo < 0) continue;
      for (std::size_t u = 0; u < d.rows(); ++u) {
        const double x = d.columns[static_cast<std::size_t>(num)][u];
        const double m = d.columns[static_cast<std::size_t>(den)][u];
        if (!std::isfinite(d.columns[static_cast<std::size_t>(lo)][u]) && x >= 0 && m > 0 && x <= m) {
          const stats::Estimate e = stats::ProportionEstimate(x, m);
          d.columns[static_cast<std::size_t>(lo)][u] = e.ci95.lower * m;
          d.columns[static_cast<std::size_t>(lo) + n_cols][u] = e.ci95.upper * m;
        }
      }
    }
  }
  // Indicators with intervals draw from them in the uncertainty analysis.
  for (Node& n : file->framework.nodes) {
    if (n.kind != NodeKind::kIndicator || !n.lower.empty()) continue;
    const int lo = d.Column(n.DataColumn() + "#lower95");
    if (lo < 0) continue;
    const auto& col = d.columns[static_cast<std::size_t>(lo)];
    if (std::any_of(col.begin(), col.end(), [](double v) { return std::isfinite(v); })) {
      n.lower = n.DataColumn() + "#lower95";
      n.upper = n.DataColumn() + "#upper95";
    }
  }
  return d;
}

struct Loaded {
  io::FrameworkFile file;
  index::Dataset data;
  std::string source;
  std::string unit_column = "unit";
  std::vector<std::int64_t> neighbourhood_ids;
};

Result<io::FrameworkFile> LoadFramework(const IndexInput& input) {
  io::FrameworkFile file;
  if (!input.framework.empty()) {
    NRS_ASSIGN_OR_RETURN(file, io::ReadFrameworkFile(input.framework));
  } else {
    NRS_ASSIGN_OR_RETURN(file.framework, io::ReadCoinrMeta(input.meta, &file.data));
  }
  if (!input.pipeline.empty()) {
    NRS_ASSIGN_OR_RETURN(file.pipeline, io::ReadPipelineFile(input.pipeline, file.pipeline));
  }
  if (!input.data.empty()) file.data.file = input.data;
  if (!input.meta.empty() && !file.data.file.empty()) {
    // COINr's iData has a Time column when it is a panel (several rows per unit).
    NRS_ASSIGN_OR_RETURN(io::CsvReader csv, io::CsvReader::Open(file.data.file));
    if (csv.ColumnIndex("Time") >= 0) file.data.time = "Time";
  }
  return file;
}

Result<Loaded> LoadFileData(io::FrameworkFile file, std::string source) {
  Loaded l;
  l.file = std::move(file);
  l.source = std::move(source);
  if (l.file.data.file.empty()) {
    return Status::InvalidArgument("the framework names no data: give --data FILE.csv or --neighbourhoods");
  }
  NRS_ASSIGN_OR_RETURN(l.data, io::ReadIndexData(l.file.data, io::NeededColumns(l.file.framework, l.file.pipeline)));
  l.unit_column = l.file.data.unit;
  if (l.unit_column.empty()) {
    NRS_ASSIGN_OR_RETURN(io::CsvReader csv, io::CsvReader::Open(l.file.data.file));
    l.unit_column = csv.header().empty() ? "unit" : csv.header().front();
  }
  return l;
}

// The stage tables: the unit column, then one column per indicator (and, for `aggregated`, per aggregate).
core::Table StageTable(const Loaded& l, const index::Prepared& p, const index::BuildResult& b,
                       const index::Columns& columns, bool with_aggregates) {
  std::vector<core::TableColumn> cols{{l.unit_column, core::CellType::kText}};
  for (const std::size_t i : p.structure.indicators) cols.push_back({p.framework.nodes[i].code, core::CellType::kReal});
  if (with_aggregates) {
    for (const std::size_t i : p.structure.aggregates) {
      cols.push_back({p.framework.nodes[i].code, core::CellType::kReal});
    }
  }
  core::Table t(std::move(cols));
  for (std::size_t u = 0; u < b.units.size(); ++u) {
    std::vector<core::Cell> row;
    row.reserve(columns.size() + b.aggregates.size() + 1);
    row.emplace_back(b.units[u]);
    for (const auto& c : columns) row.push_back(Real(c[u]));
    if (with_aggregates) {
      for (const auto& c : b.aggregates) row.push_back(Real(c[u]));
    }
    t.AddRow(std::move(row));
  }
  return t;
}

// Aggregates from the root down (highest level first, framework order within a level).
std::vector<std::size_t> TopDown(const index::Prepared& p) {
  std::vector<std::size_t> order(p.structure.aggregates.size());
  for (std::size_t a = 0; a < order.size(); ++a) order[a] = a;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return p.structure.level[p.structure.aggregates[x]] > p.structure.level[p.structure.aggregates[y]];
  });
  return order;
}

core::Table ResultsTable(const Loaded& l, const index::Prepared& p, const index::BuildResult& b) {
  std::vector<core::TableColumn> cols{{l.unit_column, core::CellType::kText}, {"name", core::CellType::kText}};
  const std::vector<std::size_t> order = TopDown(p);
  for (const std::size_t a : order) {
    const std::string& code = p.framework.nodes[p.structure.aggregates[a]].code;
    cols.push_back({code + "_score", core::CellType::kReal, 3});
    cols.push_back({code + "_rank", core::CellType::kInteger});
  }
  const std::string& root = p.framework.nodes[p.structure.root].code;
  const std::string quantile = p.options.rank.quantiles == 10 ? "decile" : "quantile";
  cols.push_back({fmt::format("{}_{}", root, quantile), core::CellType::kInteger});
  cols.push_back({root + "_percentile", core::CellType::kReal, 4});
  cols.push_back({root + "_flag", core::CellType::kInteger});
  core::Table t(std::move(cols));
  for (std::size_t u = 0; u < b.units.size(); ++u) {
    std::vector<core::Cell> row;
    row.reserve(2 * order.size() + 5);
    row.emplace_back(b.units[u]);
    row.emplace_back(b.names[u]);
    for (const std::size_t a : order) {
      row.push_back(Real(b.aggregates[a][u]));
      row.push_back(static_cast<std::int64_t>(b.ranks[a][u]));
    }
    row.push_back(std::isfinite(b.quantile[u]) ? core::Cell(static_cast<std::int64_t>(b.quantile[u])) : core::Cell());
    row.push_back(Real(b.percentile[u]));
    row.push_back(std::int64_t{b.flag[u] ? 1 : 0});
    t.AddRow(std::move(row));
  }
  return t;
}

core::Table WeightsTable(const index::Prepared& p, const index::BuildResult& b) {
  core::Table t({{"node", core::CellType::kText},
                 {"name", core::CellType::kText},
                 {"parent", core::CellType::kText},
                 {"level", core::CellType::kInteger},
                 {"weight", core::CellType::kReal},
                 {"effective_weight", core::CellType::kReal}});
  std::vector<double> effective(p.framework.nodes.size(), std::nan(""));
  for (std::size_t k = 0; k < p.structure.indicators.size(); ++k) {
    effective[p.structure.indicators[k]] = b.effective_weights[k];
  }
  for (std::size_t i = 0; i < p.framework.nodes.size(); ++i) {
    const Node& n = p.framework.nodes[i];
    t.AddRow({n.code, n.name, n.parent, std::int64_t{p.structure.level[i]}, Real(b.weights[i]), Real(effective[i])});
  }
  return t;
}

core::Table TreatmentTable(const index::Prepared& p, const index::BuildResult& b) {
  core::Table t({{"indicator", core::CellType::kText},
                 {"low", core::CellType::kInteger},
                 {"high", core::CellType::kInteger},
                 {"treatment", core::CellType::kText}});
  for (std::size_t k = 0; k < p.structure.indicators.size(); ++k) {
    t.AddRow({p.framework.nodes[p.structure.indicators[k]].code, std::int64_t{b.treatment[k].low},
              std::int64_t{b.treatment[k].high}, b.treatment[k].what});
  }
  return t;
}

nlohmann::json LogJson(const Loaded& l, const index::Prepared& p, const index::BuildResult& b) {
  nlohmann::json steps = nlohmann::json::array();
  for (const index::LogEntry& e : b.log) {
    nlohmann::json params = nlohmann::json::object();
    for (const auto& [k, v] : e.parameters) params[k] = v;
    steps.push_back({{"step", e.step}, {"parameters", params}, {"notes", e.notes}});
  }
  nlohmann::json nodes = nlohmann::json::array();
  for (std::size_t i = 0; i < p.framework.nodes.size(); ++i) {
    const Node& n = p.framework.nodes[i];
    nlohmann::json j{{"code", n.code},
                     {"name", n.name},
                     {"parent", n.parent},
                     {"kind", n.kind == NodeKind::kIndicator ? "indicator" : "aggregate"},
                     {"level", p.structure.level[i]},
                     {"weight", b.weights[i]}};
    if (n.kind == NodeKind::kIndicator) {
      j["direction"] = n.direction;
      j["column"] = n.DataColumn();
      if (!n.denominator.empty()) j["denominator"] = n.denominator;
      if (n.target) j["target"] = *n.target;
    }
    nodes.push_back(j);
  }
  return {{"framework", p.framework.name}, {"source", l.source}, {"data", l.file.data.file},
          {"units", b.units.size()},       {"nodes", nodes},     {"steps", steps}};
}

Status WriteText(const fs::path& path, const std::string& text, std::vector<std::string>* files) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return Status::IoError("cannot write {}", path.string());
  files->push_back(path.string());
  return Status::Ok();
}

Status WriteCsv(const fs::path& path, const core::Table& table, std::vector<std::string>* files) {
  std::ostringstream s;
  io::WriteTable(table, io::OutputFormat::kCsv, s);
  return WriteText(path, s.str(), files);
}

Status PrepareDir(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError("cannot create {}: {}", dir, ec.message());
  return Status::Ok();
}

Result<IndexOutput> WriteBuild(const Loaded& l, const index::Prepared& p, const index::BuildResult& b,
                               const std::string& dir, const std::string& show) {
  IndexOutput out;
  out.table = ResultsTable(l, p, b);
  const core::Table results = out.table;
  if (show == "raw") out.table = StageTable(l, p, b, b.raw, false);
  if (show == "denominated") out.table = StageTable(l, p, b, b.denominated, false);
  if (show == "imputed") out.table = StageTable(l, p, b, b.imputed, false);
  if (show == "treated") out.table = StageTable(l, p, b, b.treated, false);
  if (show == "normalised") out.table = StageTable(l, p, b, b.normalised, false);
  if (show == "aggregated") out.table = StageTable(l, p, b, b.normalised, true);
  if (show == "weights") out.table = WeightsTable(p, b);
  if (show == "treatment") out.table = TreatmentTable(p, b);
  for (const index::LogEntry& e : b.log) {
    for (const std::string& n : e.notes) {
      if (e.step == "prepare" || e.step == "screen" || n.find("constant") != std::string::npos) out.notes.push_back(n);
    }
  }
  if (dir.empty()) return out;
  NRS_RETURN_IF_ERROR(PrepareDir(dir));
  const fs::path d(dir);
  for (const auto& [name, stage] : {std::pair{"raw.csv", &b.raw}, std::pair{"denominated.csv", &b.denominated},
                                    std::pair{"imputed.csv", &b.imputed}, std::pair{"treated.csv", &b.treated},
                                    std::pair{"normalised.csv", &b.normalised}}) {
    NRS_RETURN_IF_ERROR(WriteCsv(d / name, StageTable(l, p, b, *stage, false), &out.files));
  }
  NRS_RETURN_IF_ERROR(WriteCsv(d / "aggregated.csv", StageTable(l, p, b, b.normalised, true), &out.files));
  NRS_RETURN_IF_ERROR(WriteCsv(d / "results.csv", results, &out.files));
  NRS_RETURN_IF_ERROR(WriteCsv(d / "weights.csv", WeightsTable(p, b), &out.files));
  NRS_RETURN_IF_ERROR(WriteCsv(d / "treatment.csv", TreatmentTable(p, b), &out.files));
  NRS_RETURN_IF_ERROR(WriteText(d / "log.json", LogJson(l, p, b).dump(2) + "\n", &out.files));
  return out;
}

Result<index::UncertaintyOptions> AnalysisSettings(const io::FrameworkFile& file, const IndexAnalysisOptions& o) {
  index::UncertaintyOptions u = file.analysis.uncertainty;
  if (o.runs) u.runs = *o.runs;
  if (o.seed) u.seed = *o.seed;
  if (o.weight_noise) u.weight_noise = *o.weight_noise;
  u.threads = o.threads;
  if (o.no_input_intervals) u.input_intervals = false;
  const auto parse = [](const std::vector<std::string>& names, auto* out, auto fn) -> Status {
    if (names.empty()) return Status::Ok();
    out->clear();
    for (const std::string& n : names) {
      NRS_ASSIGN_OR_RETURN(const auto m, fn(n));
      out->push_back(m);
    }
    return Status::Ok();
  };
  NRS_RETURN_IF_ERROR(parse(o.normalisations, &u.normalisations, index::ParseNormaliseMethod));
  NRS_RETURN_IF_ERROR(parse(o.aggregations, &u.aggregations, index::ParseAggregateMethod));
  NRS_RETURN_IF_ERROR(parse(o.treatments, &u.treatments, index::ParseTreatMethod));
  NRS_RETURN_IF_ERROR(parse(o.imputations, &u.imputations, index::ParseImputeMethod));
  NRS_RETURN_IF_ERROR(u.Validate());
  return u;
}

nlohmann::json UncertaintyJson(const index::UncertaintyOptions& u, const std::vector<std::string>& factors) {
  const auto names = [](const auto& methods) {
    std::vector<std::string> out;
    out.reserve(methods.size());
    for (const auto m : methods) out.emplace_back(index::Name(m));
    return out;
  };
  return {{"runs", u.runs},
          {"seed", u.seed},
          {"weight_noise", u.weight_noise},
          {"normalisations", names(u.normalisations)},
          {"aggregations", names(u.aggregations)},
          {"treatments", names(u.treatments)},
          {"imputations", names(u.imputations)},
          {"input_intervals", u.input_intervals},
          {"factors", factors}};
}

core::Table UncertaintyTable(const std::string& unit_column, const index::UncertaintyResult& r) {
  core::Table t({{unit_column, core::CellType::kText},
                 {"name", core::CellType::kText},
                 {"nominal_score", core::CellType::kReal, 3},
                 {"nominal_rank", core::CellType::kInteger},
                 {"median_rank", core::CellType::kReal, 1},
                 {"rank_p5", core::CellType::kReal, 1},
                 {"rank_p95", core::CellType::kReal, 1},
                 {"score_p5", core::CellType::kReal, 3},
                 {"score_p95", core::CellType::kReal, 3}});
  for (std::size_t u = 0; u < r.units.size(); ++u) {
    t.AddRow({r.units[u], r.names[u], Real(r.nominal_score[u]), static_cast<std::int64_t>(r.nominal_rank[u]),
              Real(r.median_rank[u]), Real(r.rank_p5[u]), Real(r.rank_p95[u]), Real(r.score_p5[u]),
              Real(r.score_p95[u])});
  }
  return t;
}

// Runs `body` with the loaded framework and data: from files, or inside a write transaction over the stored
// neighbourhoods (then `tx` is set).
Status WithLoaded(App* app, const IndexInput& input, const std::function<Status(Loaded&, store::Transaction*)>& body) {
  NRS_ASSIGN_OR_RETURN(io::FrameworkFile file, LoadFramework(input));
  const std::string source = input.framework.empty() ? input.meta : input.framework;
  if (!input.neighbourhoods) {
    NRS_ASSIGN_OR_RETURN(Loaded l, LoadFileData(std::move(file), source));
    return body(l, nullptr);
  }
  if (app == nullptr) return Status::InvalidArgument("--neighbourhoods needs a database");
  return app->store().Write([&](store::Transaction& tx) -> Status {
    Loaded l;
    l.file = file;
    l.source = source;
    l.unit_column = "neighbourhood";
    NRS_ASSIGN_OR_RETURN(l.data, NeighbourhoodData(tx, &l.file, &l.neighbourhood_ids));
    return body(l, &tx);
  });
}

Result<std::int64_t> StoreRun(store::Transaction& tx, const Loaded& l, const index::Prepared& p,
                              const index::BuildResult& b, const index::UncertaintyResult* u,
                              const nlohmann::json& uncertainty, const core::Clock& clock) {
  std::vector<store::IndexResultRow> rows;
  for (std::size_t a = 0; a < p.structure.aggregates.size(); ++a) {
    const std::size_t node = p.structure.aggregates[a];
    const bool root = node == p.structure.root;
    for (std::size_t i = 0; i < b.units.size(); ++i) {
      store::IndexResultRow r;
      r.neighbourhood_id = l.neighbourhood_ids[i];
      r.node = p.framework.nodes[node].code;
      r.node_name = p.framework.nodes[node].name;
      r.level = p.structure.level[node];
      r.score = b.aggregates[a][i];
      r.rank = b.ranks[a][i];
      if (root && u != nullptr) {
        r.median_rank = u->median_rank[i];
        r.rank_p5 = u->rank_p5[i];
        r.rank_p95 = u->rank_p95[i];
      }
      rows.push_back(std::move(r));
    }
  }
  store::IndexRunRow run{0,
                         p.framework.name,
                         l.source,
                         LogJson(l, p, b).dump(),
                         u != nullptr ? uncertainty.dump() : std::string(),
                         static_cast<std::int64_t>(b.units.size()),
                         core::FormatUtc(clock.Now())};
  return store::InsertIndexRun(tx, run, rows);
}

}  // namespace

Result<NeighbourhoodRun> StoreNeighbourhoodIndex(store::Transaction& tx, const io::FrameworkFile& file,
                                                 const std::string& source,
                                                 const std::optional<index::UncertaintyOptions>& uncertainty,
                                                 const core::Clock& clock) {
  Loaded l;
  l.file = file;
  l.source = source;
  l.unit_column = "neighbourhood";
  NRS_ASSIGN_OR_RETURN(l.data, NeighbourhoodData(tx, &l.file, &l.neighbourhood_ids));
  NRS_ASSIGN_OR_RETURN(const index::Prepared p, index::Prepare(l.file.framework, l.data, l.file.pipeline));
  NRS_ASSIGN_OR_RETURN(const index::BuildResult b, index::Build(p, p.options));
  std::optional<index::UncertaintyResult> u;
  if (uncertainty) {
    NRS_ASSIGN_OR_RETURN(u, index::Uncertainty(p, *uncertainty));
  }
  const nlohmann::json settings =
      uncertainty ? UncertaintyJson(*uncertainty, index::Factors(p, *uncertainty)) : nlohmann::json();
  NRS_ASSIGN_OR_RETURN(const std::int64_t id, StoreRun(tx, l, p, b, u ? &*u : nullptr, settings, clock));
  return NeighbourhoodRun{id, static_cast<std::int64_t>(b.units.size())};
}

}  // namespace app

Result<IndexOutput> BuildIndex(App* app, const IndexBuildOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  const core::Stopwatch watch;
  IndexOutput out;
  NRS_RETURN_IF_ERROR(app::WithLoaded(app, options.input, [&](app::Loaded& l, store::Transaction* tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const index::Prepared p, index::Prepare(l.file.framework, l.data, l.file.pipeline));
    NRS_ASSIGN_OR_RETURN(const index::BuildResult b, index::Build(p, p.options));
    NRS_ASSIGN_OR_RETURN(out, app::WriteBuild(l, p, b, options.out_dir, options.show));
    if (tx != nullptr) {
      NRS_ASSIGN_OR_RETURN(out.run_id, app::StoreRun(*tx, l, p, b, nullptr, {}, app->clock()));
      out.notes.push_back(fmt::format("stored as index run {}", out.run_id));
    }
    return Status::Ok();
  }));
  spdlog::debug("index build in {:.1f} ms", watch.Milliseconds());
  return out;
}

Result<IndexOutput> IndexUncertainty(App* app, const IndexAnalysisOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  IndexOutput out;
  NRS_RETURN_IF_ERROR(app::WithLoaded(app, options.input, [&](app::Loaded& l, store::Transaction* tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const index::UncertaintyOptions settings, app::AnalysisSettings(l.file, options));
    NRS_ASSIGN_OR_RETURN(const index::Prepared p, index::Prepare(l.file.framework, l.data, l.file.pipeline));
    NRS_ASSIGN_OR_RETURN(const index::UncertaintyResult r, index::Uncertainty(p, settings));
    out.table = app::UncertaintyTable(l.unit_column, r);
    out.notes.push_back(
        fmt::format("{} runs over: {}", r.runs,
                    r.factors.empty() ? "nothing (no factor varies)" : fmt::format("{}", fmt::join(r.factors, ", "))));
    if (!options.out_dir.empty()) {
      NRS_RETURN_IF_ERROR(app::PrepareDir(options.out_dir));
      NRS_RETURN_IF_ERROR(
          app::WriteCsv(std::filesystem::path(options.out_dir) / "uncertainty.csv", out.table, &out.files));
    }
    if (tx != nullptr) {
      NRS_ASSIGN_OR_RETURN(const index::BuildResult b, index::Build(p, p.options));
      NRS_ASSIGN_OR_RETURN(out.run_id,
                           app::StoreRun(*tx, l, p, b, &r, app::UncertaintyJson(settings, r.factors), app->clock()));
      out.notes.push_back(fmt::format("stored as index run {}", out.run_id));
    }
    return Status::Ok();
  }));
  return out;
}

Result<IndexOutput> IndexSensitivity(App* app, const IndexAnalysisOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  IndexOutput out;
  NRS_RETURN_IF_ERROR(app::WithLoaded(app, options.input, [&](app::Loaded& l, store::Transaction*) -> Status {
    NRS_ASSIGN_OR_RETURN(const index::UncertaintyOptions settings, app::AnalysisSettings(l.file, options));
    NRS_ASSIGN_OR_RETURN(const index::Prepared p, index::Prepare(l.file.framework, l.data, l.file.pipeline));
    index::SensitivityOptions so;
    so.space = settings;
    so.sobol.n = settings.runs;
    so.sobol.seed = settings.seed;
    so.sobol.threads = options.threads;
    so.sobol.bootstrap = options.bootstrap;
    NRS_ASSIGN_OR_RETURN(const index::SensitivityResult r, index::Sensitivity(p, so));
    core::Table t({{"factor", core::CellType::kText},
                   {"first_order", core::CellType::kReal, 3},
                   {"first_order_low", core::CellType::kReal, 3},
                   {"first_order_high", core::CellType::kReal, 3},
                   {"total", core::CellType::kReal, 3},
                   {"total_low", core::CellType::kReal, 3},
                   {"total_high", core::CellType::kReal, 3}});
    const index::SobolIndices& s = r.indices;
    for (std::size_t i = 0; i < r.factors.size(); ++i) {
      std::vector<core::Cell> row{core::Cell(r.factors[i])};
      for (const double v :
           {s.first[i], s.first_low[i], s.first_high[i], s.total[i], s.total_low[i], s.total_high[i]}) {
        row.emplace_back(v);
      }
      t.AddRow(std::move(row));
    }
    out.table = std::move(t);
    out.notes.push_back(fmt::format("{} builds (N = {}, {} factors); output: {} (mean {:.4g}, variance {:.4g})",
                                    s.evaluations, so.sobol.n, r.factors.size(), r.output, s.mean, s.variance));
    if (!options.out_dir.empty()) {
      NRS_RETURN_IF_ERROR(app::PrepareDir(options.out_dir));
      NRS_RETURN_IF_ERROR(
          app::WriteCsv(std::filesystem::path(options.out_dir) / "sensitivity.csv", out.table, &out.files));
    }
    return Status::Ok();
  }));
  return out;
}

Result<core::Table> ListIndexRuns(App& app) {
  core::Table t({{"run", core::CellType::kInteger},
                 {"framework", core::CellType::kText},
                 {"source", core::CellType::kText},
                 {"neighbourhoods", core::CellType::kInteger},
                 {"uncertainty_runs", core::CellType::kInteger},
                 {"created_at", core::CellType::kText}});
  NRS_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const auto runs, store::ListIndexRuns(tx));
    for (const store::IndexRunRow& r : runs) {
      core::Cell mc;
      if (!r.uncertainty.empty()) {
        const auto j = nlohmann::json::parse(r.uncertainty, nullptr, false);
        if (j.is_object() && j.contains("runs")) mc = j["runs"].get<std::int64_t>();
      }
      t.AddRow({r.id, r.framework, r.source, r.units, mc, r.created_at});
    }
    return Status::Ok();
  }));
  return t;
}

Result<core::Table> ShowIndexRun(App& app, std::int64_t run_id) {
  core::Table t({{"neighbourhood", core::CellType::kText},
                 {"node", core::CellType::kText},
                 {"node_name", core::CellType::kText},
                 {"level", core::CellType::kInteger},
                 {"score", core::CellType::kReal, 2},
                 {"rank", core::CellType::kInteger},
                 {"median_rank", core::CellType::kReal, 1},
                 {"rank_p5", core::CellType::kReal, 1},
                 {"rank_p95", core::CellType::kReal, 1}});
  NRS_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const auto rows, store::LoadIndexResults(tx, run_id));
    if (rows.empty()) return Status::NotFound("no index run {} (see `nrs index runs`)", run_id);
    for (const store::IndexResultRow& r : rows) {
      const auto opt = [](const std::optional<double>& v) { return v ? core::Cell(*v) : core::Cell(); };
      t.AddRow({r.neighbourhood, r.node, r.node_name, std::int64_t{r.level}, r.score, static_cast<std::int64_t>(r.rank),
                opt(r.median_rank), opt(r.rank_p5), opt(r.rank_p95)});
    }
    return Status::Ok();
  }));
  return t;
}

}  // namespace nrs
