// Imports of the places capability: lookups, population, boundaries, centroids, catalogues, indicator values.

#include "store/places.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <unordered_map>

#include "app/audit.h"
#include "app/places_internal.h"
#include "core/log.h"
#include "core/text.h"
#include "io/lookup_reader.h"
#include "io/population_reader.h"
#include "store/meta.h"

namespace nrs {

Status ImportOptions::Validate() const {
  if (path.empty()) return Status::InvalidArgument("no file to import");
  if (progress == nullptr) return Status::InvalidArgument("ImportOptions.progress is null");
  return Status::Ok();
}

namespace app {
namespace {

std::string FileName(const std::string& path) { return std::filesystem::path(path).filename().string(); }

std::string Plural(std::int64_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

Status RecordImport(store::Transaction& tx, const DatasetFacts& facts, std::int64_t records, const core::Clock& clock) {
  store::DatasetRecord d;
  d.kind = facts.kind;
  d.name = facts.name;
  d.source = facts.source;
  d.publisher = facts.publisher;
  d.licence = facts.licence;
  d.rows = records;
  d.imported_at = core::FormatUtc(clock.Now());
  auto recorded = store::RecordDataset(tx, d);
  if (!recorded.ok() && recorded.status().code() == ErrorCode::kAlreadyExists) {
    return Status::AlreadyExists("a dataset named '{}' is loaded already; import under another --name", facts.name);
  }
  return recorded.status();
}

Result<ImportReport> LoadLookup(store::Transaction& tx, io::CsvReader& reader) {
  NRS_ASSIGN_OR_RETURN(const io::Lookup lookup, io::ReadLookup(reader));
  NRS_ASSIGN_OR_RETURN(const geo::Hierarchy h, store::LoadHierarchy(tx));
  DiagnosticList problems(reader.name());
  std::unordered_map<std::string, std::int64_t> ids;  // "type/code" → id, for stored and new areas
  std::map<std::string, std::int64_t> added_by_type;
  std::vector<std::string> renamed;
  std::int64_t known = 0;
  // New areas are numbered in code order within each type, so that files sorted by code (as ONS and MHCLG
  // publish them) arrive in id order and their values append to the index.
  std::vector<const io::LookupArea*> ordered;
  ordered.reserve(lookup.areas.size());
  for (const io::LookupArea& a : lookup.areas) ordered.push_back(&a);
  std::sort(ordered.begin(), ordered.end(), [](const io::LookupArea* x, const io::LookupArea* y) {
    return std::tie(x->type.kind, x->type.vintage, x->code) < std::tie(y->type.kind, y->type.vintage, y->code);
  });
  for (const io::LookupArea* area : ordered) {
    const io::LookupArea& a = *area;
    const std::string key = a.type.Key() + "/" + a.code;
    if (const geo::Area* stored = h.Find(a.type, a.code)) {
      ids[key] = stored->id;
      ++known;
      // Codes are the identity; ONS files spell some names differently (Welsh accents, encodings), so a
      // different name is reported and the stored one kept, not refused.
      if (a.name && *a.name != stored->name) {
        renamed.push_back(fmt::format("line {}: {} '{}' is '{}' here", a.line, a.code, stored->name, *a.name));
      }
      continue;
    }
    if (!a.name) {
      problems.Add(a.line, "", "{} '{}' is not in the database and the file has no name column for it", a.type.Name(),
                   a.code);
      continue;
    }
    NRS_ASSIGN_OR_RETURN(ids[key], store::InsertArea(tx, a.type, a.code, *a.name));
    ++added_by_type[a.type.Key()];
  }
  std::int64_t links = 0;
  for (const io::LookupLink& l : lookup.links) {
    const auto child = ids.find(l.child_type.Key() + "/" + l.child);
    const auto parent = ids.find(l.parent_type.Key() + "/" + l.parent);
    if (child == ids.end() || parent == ids.end()) continue;  // reported above
    bool linked = false;
    for (const std::int64_t p : h.Parents(child->second)) {
      const geo::Area* stored_parent = h.Get(p);
      if (stored_parent->type != l.parent_type) continue;
      linked = true;
      if (p != parent->second) {
        problems.Add(l.line, "", "{} '{}' lies in {} '{}' in the database but in '{}' here", l.child_type.Name(),
                     l.child, l.parent_type.Name(), stored_parent->code, l.parent);
      }
    }
    if (linked) continue;
    NRS_RETURN_IF_ERROR(store::InsertAreaParent(tx, child->second, l.parent_type, parent->second));
    ++links;
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  ImportReport report;
  report.records = lookup.rows;
  std::vector<std::string> parts;
  std::int64_t added = 0;
  for (const auto& [type, n] : added_by_type) {
    parts.push_back(fmt::format("{} {}", n, type));
    added += n;
  }
  report.notes.push_back(fmt::format("{} added{}", Plural(added, "area", "areas"),
                                     parts.empty() ? "" : fmt::format(" ({})", fmt::join(parts, ", "))));
  report.notes.push_back(fmt::format("{} added; {} already known", Plural(links, "link", "links"),
                                     Plural(known, "area was", "areas were")));
  if (!renamed.empty()) {
    const std::size_t shown = std::min<std::size_t>(renamed.size(), 5);
    report.notes.push_back(
        fmt::format("{} named differently in the database, whose names were kept: {}{}",
                    Plural(static_cast<std::int64_t>(renamed.size()), "area is", "areas are"),
                    fmt::join(renamed.begin(), renamed.begin() + static_cast<std::ptrdiff_t>(shown), "; "),
                    renamed.size() > shown ? "; …" : ""));
  }
  return report;
}

Result<ImportReport> LoadPopulation(store::Transaction& tx, io::CsvReader& reader, const std::string& period) {
  if (period.empty()) return Status::InvalidArgument("give the population's period, e.g. --period mid-2019");
  NRS_ASSIGN_OR_RETURN(const io::Population pop, io::ReadPopulation(reader));
  NRS_ASSIGN_OR_RETURN(const geo::Hierarchy h, store::LoadHierarchy(tx));
  DiagnosticList problems(reader.name());
  std::vector<store::PopulationCount> counts;
  counts.reserve(pop.rows.size() * pop.bands.size());
  double total = 0;
  for (const io::PopulationRow& row : pop.rows) {
    const geo::Area* area = h.Find(pop.type, row.code);
    if (area == nullptr) {
      problems.Add(row.line, "", "{} '{}' is not in the database; import its lookup first", pop.type.Name(), row.code);
      continue;
    }
    for (std::size_t b = 0; b < pop.bands.size(); ++b) {
      counts.push_back(
          {area->id, period, std::string(io::SexKey(row.sex)), pop.bands[b].from, pop.bands[b].to, row.counts[b]});
      total += row.counts[b];
    }
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  NRS_RETURN_IF_ERROR(store::PutPopulation(tx, counts));
  ImportReport report;
  report.records = static_cast<std::int64_t>(pop.rows.size());
  report.notes.push_back(fmt::format("{} people in {} ({} age bands), {}", static_cast<std::int64_t>(total),
                                     Plural(static_cast<std::int64_t>(pop.rows.size()), "row", "rows"),
                                     pop.bands.size(), period));
  return report;
}

Result<ImportReport> LoadBoundaries(store::Transaction& tx, const io::Boundaries& boundaries) {
  NRS_ASSIGN_OR_RETURN(const geo::Hierarchy h, store::LoadHierarchy(tx));
  DiagnosticList problems("boundaries");
  std::vector<store::BoundaryRow> rows;
  rows.reserve(boundaries.features.size());
  for (const io::BoundaryFeature& f : boundaries.features) {
    const geo::Area* area = h.Find(boundaries.area_type, f.code);
    if (area == nullptr) {
      problems.Add({f.file, 0, fmt::format("feature {}", f.feature),
                    fmt::format("{} '{}' is not in the database; import its lookup first", boundaries.area_type.Name(),
                                f.code)});
      continue;
    }
    rows.push_back({area->id, f.wkb, f.box.min_x, f.box.min_y, f.box.max_x, f.box.max_y, f.anchor_x, f.anchor_y,
                    "point_on_surface"});
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  NRS_RETURN_IF_ERROR(store::PutBoundaries(tx, rows));
  ImportReport report;
  report.records = static_cast<std::int64_t>(rows.size());
  report.notes.push_back(fmt::format("{} of {} from {} (source coordinates: {})",
                                     Plural(static_cast<std::int64_t>(rows.size()), "boundary", "boundaries"),
                                     boundaries.area_type.Name(), Plural(boundaries.files, "file", "files"),
                                     boundaries.source_crs));
  return report;
}

Result<ImportReport> LoadCatalogue(store::Transaction& tx, io::CsvReader& reader) {
  NRS_ASSIGN_OR_RETURN(const std::vector<store::StoredIndicator> stored, store::LoadCatalogue(tx));
  std::vector<indicators::Indicator> known;
  known.reserve(stored.size());
  for (const auto& s : stored) known.push_back(s.indicator);
  NRS_ASSIGN_OR_RETURN(const std::vector<indicators::Indicator> read, io::ReadCatalogue(reader, known));
  std::int64_t updated = 0;
  for (const indicators::Indicator& i : read) {
    updated += std::any_of(known.begin(), known.end(), [&](const auto& k) { return k.key == i.key; }) ? 1 : 0;
    NRS_RETURN_IF_ERROR(store::PutIndicator(tx, i).status());
  }
  ImportReport report;
  report.records = static_cast<std::int64_t>(read.size());
  report.notes.push_back(
      fmt::format("{} added, {} updated",
                  Plural(static_cast<std::int64_t>(read.size()) - updated, "indicator", "indicators"), updated));
  return report;
}

Result<ImportReport> LoadIndicators(store::Transaction& tx, io::CsvReader& reader, const io::ValueReadOptions& options,
                                    std::set<std::string>* touched, std::vector<store::ValueBatch>* complete) {
  const core::Stopwatch watch;
  NRS_ASSIGN_OR_RETURN(const std::vector<store::StoredIndicator> stored, store::LoadCatalogue(tx));
  std::vector<indicators::Indicator> catalogue;
  catalogue.reserve(stored.size());
  for (const auto& s : stored) catalogue.push_back(s.indicator);
  NRS_ASSIGN_OR_RETURN(io::IndicatorValues values, io::ReadIndicatorValues(reader, catalogue, options));
  spdlog::debug("{}: {} values read in {:.0f} ms", reader.name(), values.rows.size(), watch.Milliseconds());
  NRS_ASSIGN_OR_RETURN(const geo::Hierarchy h, store::LoadHierarchy(tx));
  spdlog::debug("{}: hierarchy loaded at {:.0f} ms", reader.name(), watch.Milliseconds());

  // Area ids first: every code must be a stored area of the file's type.
  DiagnosticList problems(reader.name());
  std::vector<std::int64_t> area_ids(values.codes.size(), 0);
  for (std::size_t c = 0; c < values.codes.size(); ++c) {
    const geo::Area* area = h.Find(values.area_type, values.codes[c]);
    if (area == nullptr) {
      problems.Add(values.code_lines[c], "", "{} '{}' is not in the database; import its lookup first",
                   values.area_type.Name(), values.codes[c]);
      continue;
    }
    area_ids[c] = area->id;
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());

  std::vector<std::int64_t> indicator_ids;
  std::vector<std::string> added;
  for (std::size_t i = 0; i < values.indicators.size(); ++i) {
    indicators::Indicator& ind = values.indicators[i];
    if (ind.area_type.empty()) ind.area_type = values.area_type.Key();  // learnt from its first file
    const bool is_new = values.is_new[i];
    if (is_new && ind.source.empty()) ind.source = FileName(reader.name());
    NRS_ASSIGN_OR_RETURN(const std::int64_t id, store::PutIndicator(tx, ind));
    indicator_ids.push_back(id);
    if (is_new) added.push_back(ind.key);
    touched->insert(ind.key);
  }
  // One batch per (indicator, period), each in area order: the inserts then append to the primary key's
  // index instead of splitting pages all over it.
  const std::size_t periods = values.periods.size();
  std::vector<store::ValueBatch> batches(values.indicators.size() * periods);
  for (const io::IndicatorValueRow& row : values.rows) {
    store::ValueBatch& batch = batches[row.indicator * periods + row.period];
    if (batch.values.empty()) {
      batch.indicator_id = indicator_ids[row.indicator];
      batch.period = values.periods[row.period];
      batch.values.reserve(values.codes.size());
    }
    batch.values.push_back({area_ids[row.code], row.value, row.numerator, row.denominator});
  }
  std::erase_if(batches, [](const store::ValueBatch& b) { return b.values.empty(); });
  std::vector<store::ValueBatch> ordered;
  ordered.reserve(batches.size());
  const auto by_area = [](const store::ValueBatch::Value& a, const store::ValueBatch::Value& b) {
    return a.area_id < b.area_id;
  };
  for (auto& batch : batches) {
    if (!std::is_sorted(batch.values.begin(), batch.values.end(), by_area)) {
      std::sort(batch.values.begin(), batch.values.end(), by_area);
    }
    ordered.push_back(std::move(batch));
  }
  std::sort(ordered.begin(), ordered.end(), [](const store::ValueBatch& a, const store::ValueBatch& b) {
    return std::tie(a.indicator_id, a.period) < std::tie(b.indicator_id, b.period);
  });
  spdlog::debug("{}: values sorted at {:.0f} ms", reader.name(), watch.Milliseconds());
  NRS_ASSIGN_OR_RETURN(const std::vector<std::int64_t> stored_areas, store::PutValues(tx, ordered));
  for (std::size_t b = 0; b < ordered.size(); ++b) {
    if (complete != nullptr && stored_areas[b] == static_cast<std::int64_t>(ordered[b].values.size())) {
      complete->push_back(std::move(ordered[b]));
    }
  }
  spdlog::debug("{}: values stored at {:.0f} ms", reader.name(), watch.Milliseconds());

  ImportReport report;
  report.records = reader.records();
  report.notes.push_back(
      fmt::format("{} of {} for {} ({})", Plural(static_cast<std::int64_t>(values.rows.size()), "value", "values"),
                  Plural(static_cast<std::int64_t>(values.indicators.size()), "indicator", "indicators"),
                  Plural(static_cast<std::int64_t>(area_ids.size()), "area", "areas"), values.area_type.Name()));
  if (!added.empty()) {
    report.notes.push_back(
        fmt::format("new to the catalogue (type guessed from the header, polarity 'no judgement'; "
                    "correct them with `nrs import catalogue`): {}",
                    fmt::join(added, ", ")));
  }
  return report;
}

}  // namespace app

namespace {

// Runs one import in its own transaction and records its provenance there too.
template <typename LoadFn>
Result<ImportReport> RunImport(App& app, const ImportOptions& options, std::string kind, LoadFn load) {
  NRS_RETURN_IF_ERROR(options.Validate());
  ImportReport report;
  NRS_RETURN_IF_ERROR(app.store().Write([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(report, load(tx));
    app::DatasetFacts facts{
        kind, options.name.empty() ? std::filesystem::path(options.path).filename().string() : options.name,
        std::filesystem::path(options.path).filename().string(), options.publisher, options.licence};
    report.dataset = facts.name;
    NRS_RETURN_IF_ERROR(app::RecordImport(tx, facts, report.records, app.clock()));
    return app::RecordAudit(tx, options.actor, app.clock(),
                            {.action = "import." + kind,
                             .target = "dataset:" + facts.name,
                             .after = {{"kind", kind},
                                       {"name", facts.name},
                                       {"source", facts.source},
                                       {"records", report.records},
                                       {"notes", report.notes}}});
  }));
  spdlog::info("imported {} ({})", report.dataset, kind);
  return report;
}

Result<io::CsvReader> OpenCsv(const std::string& path) { return io::CsvReader::Open(path); }

}  // namespace

Result<ImportReport> ImportLookup(App& app, const ImportOptions& options) {
  return RunImport(app, options, "lookup", [&](store::Transaction& tx) -> Result<ImportReport> {
    NRS_ASSIGN_OR_RETURN(io::CsvReader reader, OpenCsv(options.path));
    NRS_ASSIGN_OR_RETURN(ImportReport report, app::LoadLookup(tx, reader));
    NRS_RETURN_IF_ERROR(app::RefreshAggregates(tx, {}, *options.progress));
    return report;
  });
}

Result<ImportReport> ImportPopulation(App& app, const PopulationImportOptions& options) {
  return RunImport(app, options, "population", [&](store::Transaction& tx) -> Result<ImportReport> {
    NRS_ASSIGN_OR_RETURN(io::CsvReader reader, OpenCsv(options.path));
    NRS_ASSIGN_OR_RETURN(ImportReport report, app::LoadPopulation(tx, reader, options.period));
    // Population weights every indicator without a weight of its own.
    NRS_RETURN_IF_ERROR(app::RefreshAggregates(tx, {}, *options.progress));
    return report;
  });
}

Result<ImportReport> ImportBoundaries(App& app, const BoundaryImportOptions& options) {
  io::BoundaryReadOptions read;
  read.code_field = options.code_field;
  read.assume_crs = options.crs;
  if (!options.area_type.empty()) {
    NRS_ASSIGN_OR_RETURN(read.area_type, geo::ParseAreaType(options.area_type));
  }
  return RunImport(app, options, "boundaries", [&](store::Transaction& tx) -> Result<ImportReport> {
    options.progress->Start("reading boundaries", 0);
    NRS_ASSIGN_OR_RETURN(const io::Boundaries boundaries, io::ReadBoundaries(options.path, read));
    options.progress->Finish();
    return app::LoadBoundaries(tx, boundaries);
  });
}

Result<ImportReport> ImportCentroids(App& app, const CentroidImportOptions& options) {
  NRS_ASSIGN_OR_RETURN(const geo::AreaType type, geo::ParseAreaType(options.area_type));
  return RunImport(app, options, "centroids", [&](store::Transaction& tx) -> Result<ImportReport> {
    NRS_ASSIGN_OR_RETURN(io::CsvReader reader, OpenCsv(options.path));
    DiagnosticList problems(reader.name());
    int code = -1;
    int x = -1;
    int y = -1;
    for (std::size_t c = 0; c < reader.header().size(); ++c) {
      const std::string h = core::ToLower(reader.header()[c]);
      if (code < 0 && geo::AreaTypeFromCodeHeader(reader.header()[c])) code = static_cast<int>(c);
      if (h == "x" || h == "lon" || h == "long" || h == "longitude") x = static_cast<int>(c);
      if (h == "y" || h == "lat" || h == "latitude") y = static_cast<int>(c);
    }
    if (code < 0 || x < 0 || y < 0) {
      problems.AddReason(1, "", "expected an area code column (such as LSOA11CD) and x/y (or lon/lat) columns");
      return problems.ToStatus();
    }
    NRS_ASSIGN_OR_RETURN(const geo::Hierarchy h, store::LoadHierarchy(tx));
    std::vector<std::pair<std::int64_t, std::pair<double, double>>> points;
    while (true) {
      NRS_ASSIGN_OR_RETURN(const bool more, reader.NextRecord(problems));
      if (!more) break;
      const std::string c(core::Trim(reader.field(static_cast<std::size_t>(code))));
      const geo::Area* area = h.Find(type, c);
      const auto px = core::ParseDouble(reader.field(static_cast<std::size_t>(x)));
      const auto py = core::ParseDouble(reader.field(static_cast<std::size_t>(y)));
      if (area == nullptr) {
        problems.Add(reader.line(), reader.header()[static_cast<std::size_t>(code)], "{} '{}' is not in the database",
                     type.Name(), c);
        continue;
      }
      if (!px || !py) {
        problems.Add(reader.line(), "", "the coordinates are not numbers");
        continue;
      }
      auto lonlat = io::ToWgs84(*px, *py, options.crs);
      if (!lonlat.ok()) {
        problems.Add(reader.line(), "", "{}", lonlat.status().message());
        continue;
      }
      points.push_back({area->id, *lonlat});
    }
    NRS_RETURN_IF_ERROR(problems.ToStatus());
    NRS_RETURN_IF_ERROR(store::PutCentroids(tx, points));
    ImportReport report;
    report.records = static_cast<std::int64_t>(points.size());
    report.notes.push_back(fmt::format("{} population-weighted centroids", points.size()));
    return report;
  });
}

Result<ImportReport> ImportCatalogue(App& app, const ImportOptions& options) {
  return RunImport(app, options, "catalogue", [&](store::Transaction& tx) -> Result<ImportReport> {
    NRS_ASSIGN_OR_RETURN(io::CsvReader reader, OpenCsv(options.path));
    NRS_ASSIGN_OR_RETURN(ImportReport report, app::LoadCatalogue(tx, reader));
    // New weights, numerators or types change aggregates.
    NRS_RETURN_IF_ERROR(app::RefreshAggregates(tx, {}, *options.progress));
    return report;
  });
}

Result<ImportReport> ImportIndicators(App& app, const IndicatorImportOptions& options) {
  io::ValueReadOptions read;
  NRS_ASSIGN_OR_RETURN(read.layout, io::ParseLayout(options.layout));
  read.period = options.period;
  read.source = options.source;
  if (!options.area_type.empty()) {
    NRS_ASSIGN_OR_RETURN(read.area_type, geo::ParseAreaType(options.area_type));
  }
  return RunImport(app, options, "indicators", [&](store::Transaction& tx) -> Result<ImportReport> {
    NRS_ASSIGN_OR_RETURN(io::CsvReader reader, OpenCsv(options.path));
    std::set<std::string> touched;
    std::vector<store::ValueBatch> complete;
    NRS_ASSIGN_OR_RETURN(ImportReport report, app::LoadIndicators(tx, reader, read, &touched, &complete));
    NRS_RETURN_IF_ERROR(app::RefreshAggregates(tx, touched, *options.progress, &complete));
    return report;
  });
}

}  // namespace nrs
