// Neighbourhoods: defining them from wards, LSOAs or a drawn outline; listing and exporting them; and the
// catalogue and area listings.

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <unordered_map>

#include "app/audit.h"
#include "app/places_internal.h"
#include "core/ids.h"
#include "core/log.h"
#include "core/text.h"
#include "store/places.h"

namespace nrs {

namespace {

const geo::AreaType kLsoa11{geo::AreaKind::kLsoa, 11};
const geo::AreaType kWard19{geo::AreaKind::kWard, 19};
const geo::AreaType kLad19{geo::AreaKind::kLocalAuthority, 19};

std::string AreaLabel(const geo::Hierarchy& h, std::int64_t id) {
  const geo::Area* a = h.Get(id);
  return a == nullptr ? std::string() : fmt::format("{} ({})", a->name, a->code);
}

double PopulationOf(const std::vector<std::int64_t>& members, const std::unordered_map<std::int64_t, double>& totals) {
  double sum = 0;
  for (const std::int64_t m : members) {
    if (const auto it = totals.find(m); it != totals.end()) sum += it->second;
  }
  return sum;
}

// Population of `areas` in the latest period.
Result<std::unordered_map<std::int64_t, double>> LatestPopulation(store::Transaction& tx,
                                                                  const std::vector<std::int64_t>& areas) {
  NRS_ASSIGN_OR_RETURN(const auto period, store::LatestPopulationPeriod(tx));
  if (!period) return std::unordered_map<std::int64_t, double>{};
  return store::PopulationTotals(tx, *period, areas);
}

// "Liverpool (E08000012)", or "" for no area.
Result<std::string> AreaLabel(store::Transaction& tx, std::int64_t id) {
  if (id <= 0) return std::string();
  NRS_ASSIGN_OR_RETURN(const auto a, store::GetArea(tx, id));
  return a ? fmt::format("{} ({})", a->name, a->code) : std::string();
}

}  // namespace

Status NeighbourhoodOptions::Validate() const {
  if (core::Slugify(name).empty())
    return Status::InvalidArgument("a neighbourhood needs a name with letters or digits");
  const int definitions = (wards.empty() ? 0 : 1) + (lsoas.empty() ? 0 : 1) + (polygon.empty() ? 0 : 1);
  if (definitions != 1) {
    return Status::InvalidArgument("define the neighbourhood by exactly one of --wards, --lsoas or --polygon");
  }
  return geo::ParseNeighbourhoodClass(klass).status();
}

namespace app {

Result<NeighbourhoodSummary> CreateNeighbourhood(store::Transaction& tx, const NeighbourhoodOptions& options,
                                                 const core::Clock& clock) {
  NRS_RETURN_IF_ERROR(options.Validate());
  NRS_ASSIGN_OR_RETURN(const geo::Hierarchy h, store::LoadHierarchy(tx));
  store::NeighbourhoodRow row;
  row.name = std::string(core::Trim(options.name));
  row.slug = core::Slugify(row.name);
  NRS_ASSIGN_OR_RETURN(row.klass, geo::ParseNeighbourhoodClass(options.klass));
  row.description = options.description;
  row.created_at = core::FormatUtc(clock.Now());
  if (!options.polygon.empty()) {
    // Small areas belong to a drawn neighbourhood when their anchor — the population-weighted centroid when
    // imported, otherwise a point on the area's surface — lies inside the outline.
    row.definition = geo::Definition::kPolygon;
    row.definition_codes = std::filesystem::path(options.polygon).filename().string();
    NRS_ASSIGN_OR_RETURN(const std::string outline, io::ReadOutline(options.polygon, options.crs));
    NRS_ASSIGN_OR_RETURN(const io::PolygonTest inside, io::PolygonTest::Make(outline));
    NRS_ASSIGN_OR_RETURN(const io::Box box, io::EnvelopeOf(outline));
    NRS_ASSIGN_OR_RETURN(const auto anchors,
                         store::AnchorsInBox(tx, kLsoa11, box.min_x, box.min_y, box.max_x, box.max_y));
    for (const store::BoundaryRow& a : anchors) {
      if (inside.Contains(a.anchor_x, a.anchor_y)) row.members.push_back(a.area_id);
    }
    if (row.members.empty()) {
      return Status::InvalidArgument("no {} with a boundary has its centroid inside the outline in '{}'",
                                     kLsoa11.Name(), options.polygon);
    }
  } else {
    const bool by_wards = !options.wards.empty();
    row.definition = by_wards ? geo::Definition::kWards : geo::Definition::kLsoas;
    const std::vector<std::string>& codes = by_wards ? options.wards : options.lsoas;
    row.definition_codes = fmt::format("{}", fmt::join(codes, ";"));
    NRS_ASSIGN_OR_RETURN(row.members, geo::ResolveMembers(h, row.definition, codes, kLsoa11, kWard19));
  }
  if (!options.council.empty()) {
    const geo::Area* council = h.Find(kLad19, options.council);
    if (council == nullptr) {
      return Status::InvalidArgument("council '{}' is not a {} in the database", options.council, kLad19.Name());
    }
    row.council_area_id = council->id;
  } else {
    row.council_area_id = geo::MainCouncil(h, row.members, kLad19);
  }
  if (!options.comparison.empty()) {
    NRS_ASSIGN_OR_RETURN(const auto comparison, store::FindNeighbourhood(tx, options.comparison));
    if (!comparison) return Status::InvalidArgument("no neighbourhood called '{}' to compare with", options.comparison);
    row.comparison_id = comparison->id;
  }
  NRS_ASSIGN_OR_RETURN(const std::vector<store::BoundaryRow> boundaries, store::LoadBoundaries(tx, row.members));
  if (boundaries.size() == row.members.size()) {
    std::vector<std::string> polygons;
    polygons.reserve(boundaries.size());
    for (const store::BoundaryRow& b : boundaries) polygons.push_back(b.wkb);
    NRS_ASSIGN_OR_RETURN(row.boundary, io::UnionOf(polygons));
  }
  NRS_RETURN_IF_ERROR(store::InsertNeighbourhood(tx, row).status());
  NRS_ASSIGN_OR_RETURN(const auto population, LatestPopulation(tx, row.members));
  NeighbourhoodSummary summary;
  summary.name = row.name;
  summary.slug = row.slug;
  summary.klass = std::string(geo::NeighbourhoodClassKey(row.klass));
  summary.council = AreaLabel(h, row.council_area_id);
  summary.lsoas = static_cast<std::int64_t>(row.members.size());
  summary.population = PopulationOf(row.members, population);
  summary.boundary = !row.boundary.empty();
  return summary;
}

}  // namespace app

Result<NeighbourhoodSummary> AddNeighbourhood(App& app, const NeighbourhoodOptions& options) {
  NeighbourhoodSummary summary;
  NRS_RETURN_IF_ERROR(app.store().Write([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(summary, app::CreateNeighbourhood(tx, options, app.clock()));
    return app::RecordAudit(tx, options.actor, app.clock(),
                            {.action = "neighbourhood.create",
                             .target = "neighbourhood:" + summary.slug,
                             .after = {{"name", summary.name},
                                       {"class", summary.klass},
                                       {"council", summary.council},
                                       {"lsoas", summary.lsoas},
                                       {"wards", options.wards},
                                       {"lsoa_codes", options.lsoas},
                                       {"outline", options.polygon.empty() ? "" : "drawn outline"},
                                       {"description", options.description}}});
  }));
  return summary;
}

namespace {

core::Table NeighbourhoodTable() {
  return core::Table({{"name", core::CellType::kText},
                      {"slug", core::CellType::kText},
                      {"class", core::CellType::kText},
                      {"council", core::CellType::kText},
                      {"lsoas", core::CellType::kInteger},
                      {"population", core::CellType::kInteger},
                      {"definition", core::CellType::kText},
                      {"description", core::CellType::kText}});
}

Status AddNeighbourhoodRow(store::Transaction& tx, const store::NeighbourhoodRow& n, core::Table& table) {
  NRS_ASSIGN_OR_RETURN(const auto population, LatestPopulation(tx, n.members));
  NRS_ASSIGN_OR_RETURN(const std::string council, AreaLabel(tx, n.council_area_id));
  const double people = PopulationOf(n.members, population);
  table.AddRow({n.name, n.slug, std::string(geo::NeighbourhoodClassKey(n.klass)), council,
                static_cast<std::int64_t>(n.members.size()),
                people > 0 ? core::Cell(static_cast<std::int64_t>(std::llround(people))) : core::Cell(),
                fmt::format("{}: {}", geo::DefinitionKey(n.definition), n.definition_codes), n.description});
  return Status::Ok();
}

}  // namespace

Result<core::Table> ListNeighbourhoods(App& app) {
  core::Table table = NeighbourhoodTable();
  NRS_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const auto rows, store::ListNeighbourhoods(tx));
    for (const store::NeighbourhoodRow& n : rows) NRS_RETURN_IF_ERROR(AddNeighbourhoodRow(tx, n, table));
    return Status::Ok();
  }));
  return table;
}

Result<core::Table> GetNeighbourhood(App& app, const std::string& name) {
  core::Table table = NeighbourhoodTable();
  NRS_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const auto n, store::FindNeighbourhood(tx, name));
    if (!n) return Status::NotFound("no neighbourhood called '{}'", name);
    return AddNeighbourhoodRow(tx, *n, table);
  }));
  return table;
}

namespace {

// The features ExportNeighbourhood writes and NeighbourhoodGeoJson returns: the outline, then (with_areas)
// each small area, with the same properties.
Result<std::vector<io::OutputFeature>> NeighbourhoodFeatures(App& app, const std::string& name, bool with_areas) {
  std::vector<io::OutputFeature> features;
  NRS_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const auto n, store::FindNeighbourhood(tx, name));
    if (!n) return Status::NotFound("no neighbourhood called '{}'", name);
    if (n->boundary.empty()) {
      return Status::NotFound("'{}' has no boundary: import the boundaries of its areas first", n->name);
    }
    NRS_ASSIGN_OR_RETURN(const auto population, LatestPopulation(tx, n->members));
    NRS_ASSIGN_OR_RETURN(const std::string council, AreaLabel(tx, n->council_area_id));
    const double people = PopulationOf(n->members, population);
    features.push_back({n->boundary,
                        {{"feature", std::string("neighbourhood")},
                         {"name", n->name},
                         {"code", n->slug},
                         {"class", std::string(geo::NeighbourhoodClassKey(n->klass))},
                         {"council", council},
                         {"lsoas", static_cast<std::int64_t>(n->members.size())},
                         {"population", people}}});
    if (with_areas) {
      NRS_ASSIGN_OR_RETURN(const auto boundaries, store::LoadBoundaries(tx, n->members));
      for (const store::BoundaryRow& b : boundaries) {
        NRS_ASSIGN_OR_RETURN(const auto a, store::GetArea(tx, b.area_id));
        if (!a) return Status::Internal("area {} vanished", b.area_id);
        const auto p = population.find(b.area_id);
        features.push_back({b.wkb,
                            {{"feature", std::string("area")},
                             {"name", a->name},
                             {"code", a->code},
                             {"class", a->type.Key()},
                             {"council", council},
                             {"lsoas", std::int64_t{1}},
                             {"population", p == population.end() ? core::Cell() : core::Cell(p->second)}}});
      }
    }
    return Status::Ok();
  }));
  return features;
}

}  // namespace

Status ExportNeighbourhood(App& app, const ExportOptions& options) {
  if (options.path.empty()) return Status::InvalidArgument("give the file to write with --to");
  NRS_ASSIGN_OR_RETURN(const std::vector<io::OutputFeature> features,
                       NeighbourhoodFeatures(app, options.neighbourhood, options.with_areas));
  return io::WriteFeatures(options.path, "neighbourhood", features);
}

Status GeoJsonOptions::Validate() const {
  if (neighbourhood.empty()) return Status::InvalidArgument("name the neighbourhood");
  if (decimals < 0 || decimals > 15) return Status::InvalidArgument("decimals must be from 0 to 15, not {}", decimals);
  return Status::Ok();
}

Result<std::string> NeighbourhoodGeoJson(App& app, const GeoJsonOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  NRS_ASSIGN_OR_RETURN(const std::vector<io::OutputFeature> features,
                       NeighbourhoodFeatures(app, options.neighbourhood, options.with_areas));
  return io::FeatureCollectionJson(features, options.decimals);
}

Result<core::Table> ListIndicators(App& app) {
  core::Table table({{"key", core::CellType::kText},
                     {"name", core::CellType::kText},
                     {"domains", core::CellType::kText},
                     {"value_type", core::CellType::kText},
                     {"polarity", core::CellType::kText},
                     {"unit", core::CellType::kText},
                     {"periods", core::CellType::kText},
                     {"areas", core::CellType::kInteger},
                     {"source", core::CellType::kText}});
  NRS_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const auto catalogue, store::LoadCatalogue(tx));
    std::unordered_map<std::string, std::int64_t> ids;
    for (const auto& s : catalogue) ids[s.indicator.key] = s.id;
    for (const auto& s : catalogue) {
      const indicators::Indicator& i = s.indicator;
      // A computed indicator has the periods and areas of its numerator.
      const std::int64_t source_id = i.computed() ? ids[i.numerator] : s.id;
      NRS_ASSIGN_OR_RETURN(const auto periods, store::ValuePeriods(tx, source_id));
      NRS_ASSIGN_OR_RETURN(const auto areas,
                           tx.QueryInt("SELECT max(areas) FROM indicator_period WHERE indicator_id = ?", {source_id}));
      table.AddRow({i.key, i.name, fmt::format("{}", fmt::join(i.domains, "; ")),
                    std::string(indicators::ValueTypeKey(i.value_type)),
                    std::string(indicators::PolarityKey(i.polarity)), i.unit,
                    fmt::format("{}", fmt::join(periods, ", ")), areas.value_or(0), i.source});
    }
    return Status::Ok();
  }));
  return table;
}

Result<core::Table> ListAreas(App& app, const std::string& type) {
  std::optional<geo::AreaType> only;
  if (!type.empty()) {
    NRS_ASSIGN_OR_RETURN(only, geo::ParseAreaType(type));
  }
  core::Table table({{"type", core::CellType::kText},
                     {"code", core::CellType::kText},
                     {"name", core::CellType::kText},
                     {"parents", core::CellType::kText}});
  NRS_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const geo::Hierarchy h, store::LoadHierarchy(tx));
    std::vector<const geo::Area*> areas;
    for (const geo::Area& a : h.areas()) {
      if (!only || a.type == *only) areas.push_back(&a);
    }
    std::sort(areas.begin(), areas.end(), [](const geo::Area* a, const geo::Area* b) {
      return std::tie(a->type.kind, a->type.vintage, a->code) < std::tie(b->type.kind, b->type.vintage, b->code);
    });
    for (const geo::Area* a : areas) {
      std::vector<std::string> parents;
      for (const std::int64_t p : h.Parents(a->id)) parents.push_back(h.Get(p)->code);
      std::sort(parents.begin(), parents.end());
      table.AddRow({a->type.Key(), a->code, a->name, fmt::format("{}", fmt::join(parents, ";"))});
    }
    return Status::Ok();
  }));
  return table;
}

}  // namespace nrs
