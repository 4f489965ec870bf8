#include "store/places.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "core/text.h"

namespace nrs::store {
namespace {

// Area ids as a JSON array, for `json_each(?)`: one statement for any number of ids.
std::string IdList(const std::vector<std::int64_t>& ids) { return fmt::format("[{}]", fmt::join(ids, ",")); }

std::optional<double> Opt(const Row& r, int c) { return r.OptionalReal(c); }

}  // namespace

Result<geo::Hierarchy> LoadHierarchy(Transaction& tx) {
  geo::Hierarchy h;
  Status bad;
  NRS_RETURN_IF_ERROR(tx.Query("SELECT id, type, code, name FROM area", {}, [&](const Row& r) -> Status {
    auto type = geo::ParseAreaType(r.Text(1));
    if (!type.ok()) return Status::DatabaseCorrupt("area {} has an unknown type '{}'", r.Int(0), r.Text(1));
    h.AddArea({r.Int(0), *type, std::string(r.Text(2)), std::string(r.Text(3))});
    return Status::Ok();
  }));
  NRS_RETURN_IF_ERROR(tx.Query("SELECT area_id, parent_id FROM area_parent", {}, [&](const Row& r) {
    h.AddLink(r.Int(0), r.Int(1));
    return Status::Ok();
  }));
  return h;
}

Result<std::int64_t> InsertArea(Transaction& tx, const geo::AreaType& type, std::string_view code,
                                std::string_view name) {
  NRS_RETURN_IF_ERROR(tx.Execute("INSERT INTO area(type, code, name) VALUES (?, ?, ?)", {type.Key(), code, name}));
  return tx.LastInsertId();
}

Status InsertAreaParent(Transaction& tx, std::int64_t child, const geo::AreaType& parent_type, std::int64_t parent) {
  return tx.Execute("INSERT INTO area_parent(area_id, parent_type, parent_id) VALUES (?, ?, ?)",
                    {child, parent_type.Key(), parent});
}

Result<std::optional<geo::Area>> GetArea(Transaction& tx, std::int64_t id) {
  std::optional<geo::Area> area;
  NRS_RETURN_IF_ERROR(tx.Query("SELECT type, code, name FROM area WHERE id = ?", {id}, [&](const Row& r) -> Status {
    NRS_ASSIGN_OR_RETURN(const geo::AreaType type, geo::ParseAreaType(r.Text(0)));
    area = geo::Area{id, type, std::string(r.Text(1)), std::string(r.Text(2))};
    return Status::Ok();
  }));
  return area;
}

Result<std::int64_t> AncestorOfType(Transaction& tx, std::int64_t area, const geo::AreaType& type) {
  NRS_ASSIGN_OR_RETURN(
      const auto ancestor,
      tx.QueryInt("WITH RECURSIVE up(id, depth) AS (SELECT ?, 0 UNION SELECT p.parent_id, up.depth + 1 "
                  "FROM area_parent AS p JOIN up ON p.area_id = up.id) "
                  "SELECT up.id FROM up JOIN area AS a ON a.id = up.id WHERE a.type = ? "
                  "ORDER BY up.depth LIMIT 1",
                  {area, type.Key()}));
  return ancestor.value_or(0);
}

Result<std::vector<std::pair<std::string, std::int64_t>>> CountAreasByType(Transaction& tx) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  NRS_RETURN_IF_ERROR(tx.Query("SELECT type, count(*) FROM area GROUP BY type ORDER BY type", {}, [&](const Row& r) {
    out.emplace_back(std::string(r.Text(0)), r.Int(1));
    return Status::Ok();
  }));
  return out;
}

Status PutPopulation(Transaction& tx, const std::vector<PopulationCount>& counts) {
  NRS_ASSIGN_OR_RETURN(Statement * put, tx.Prepare("INSERT OR REPLACE INTO population(area_id, period, sex, age_from, "
                                                   "age_to, count) VALUES (?, ?, ?, ?, ?, ?)"));
  std::map<std::string, std::set<std::int64_t>> areas_by_period;
  for (const PopulationCount& c : counts) {
    NRS_RETURN_IF_ERROR(put->Execute({c.area_id, c.period, c.sex, c.age_from, c.age_to, c.count}));
    areas_by_period[c.period].insert(c.area_id);
  }
  for (const auto& [period, areas] : areas_by_period) {
    // Rows by sex are summed; an "all" row stands for both sexes, so it counts only where no split exists.
    NRS_RETURN_IF_ERROR(tx.Execute(
        "INSERT OR REPLACE INTO population_total(period, area_id, count) SELECT period, area_id, "
        "CASE WHEN sum(sex <> 'all') > 0 THEN sum(CASE WHEN sex <> 'all' THEN count END) ELSE sum(count) END "
        "FROM population WHERE period = ? GROUP BY area_id",
        {period}));
    NRS_RETURN_IF_ERROR(
        tx.Execute("INSERT OR REPLACE INTO population_period(period, areas) SELECT ?1, count(*) "
                   "FROM population_total WHERE period = ?1",
                   {period}));
  }
  return Status::Ok();
}

Result<std::optional<std::string>> LatestPopulationPeriod(Transaction& tx) {
  std::optional<std::string> period;
  NRS_RETURN_IF_ERROR(tx.Query("SELECT max(period) FROM population_period", {}, [&](const Row& r) {
    if (!r.IsNull(0)) period = std::string(r.Text(0));
    return Status::Ok();
  }));
  return period;
}

Result<std::unordered_map<std::int64_t, double>> PopulationTotals(Transaction& tx, std::string_view period) {
  std::unordered_map<std::int64_t, double> totals;
  NRS_RETURN_IF_ERROR(
      tx.Query("SELECT area_id, count FROM population_total WHERE period = ?", {period}, [&](const Row& r) {
        totals[r.Int(0)] = r.Real(1);
        return Status::Ok();
      }));
  return totals;
}

Result<std::unordered_map<std::int64_t, double>> PopulationTotals(Transaction& tx, std::string_view period,
                                                                  const std::vector<std::int64_t>& area_ids) {
  std::unordered_map<std::int64_t, double> totals;
  const std::string ids = IdList(area_ids);
  NRS_RETURN_IF_ERROR(
      tx.Query("SELECT t.area_id, t.count FROM json_each(?) AS j CROSS JOIN population_total AS t "
               "ON t.period = ? AND t.area_id = j.value",
               {ids, period}, [&](const Row& r) {
                 totals[r.Int(0)] = r.Real(1);
                 return Status::Ok();
               }));
  return totals;
}

Result<std::vector<PopulationCount>> PopulationBands(Transaction& tx, std::string_view period,
                                                     const std::vector<std::int64_t>& area_ids) {
  std::vector<PopulationCount> out;
  const std::string ids = IdList(area_ids);
  NRS_RETURN_IF_ERROR(
      tx.Query("SELECT p.sex, p.age_from, max(p.age_to), sum(p.count) FROM json_each(?) AS j CROSS JOIN population "
               "AS p ON p.area_id = j.value AND p.period = ? WHERE p.sex <> 'all' GROUP BY p.sex, p.age_from "
               "ORDER BY p.sex, p.age_from",
               {ids, period}, [&](const Row& r) {
                 PopulationCount c;
                 c.period = std::string(period);
                 c.sex = r.Text(0);
                 c.age_from = static_cast<int>(r.Int(1));
                 if (!r.IsNull(2)) c.age_to = static_cast<int>(r.Int(2));
                 c.count = r.Real(3);
                 out.push_back(std::move(c));
                 return Status::Ok();
               }));
  return out;
}

Status PutBoundaries(Transaction& tx, const std::vector<BoundaryRow>& rows) {
  NRS_ASSIGN_OR_RETURN(Statement * put,
                       tx.Prepare("INSERT OR REPLACE INTO area_boundary(area_id, geometry, min_x, min_y, max_x, max_y, "
                                  "anchor_x, anchor_y, anchor_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  for (const BoundaryRow& b : rows) {
    NRS_RETURN_IF_ERROR(put->Execute(
        {b.area_id, Blob{b.wkb}, b.min_x, b.min_y, b.max_x, b.max_y, b.anchor_x, b.anchor_y, b.anchor_source}));
  }
  return Status::Ok();
}

Result<std::vector<BoundaryRow>> LoadBoundaries(Transaction& tx, const std::vector<std::int64_t>& area_ids) {
  std::vector<BoundaryRow> out;
  const std::string ids = IdList(area_ids);
  NRS_RETURN_IF_ERROR(tx.Query(
      "SELECT b.area_id, b.geometry, b.min_x, b.min_y, b.max_x, b.max_y, b.anchor_x, b.anchor_y, b.anchor_source "
      "FROM json_each(?) AS j JOIN area_boundary AS b ON b.area_id = j.value ORDER BY j.key",
      {ids}, [&](const Row& r) {
        out.push_back({r.Int(0), std::string(r.Text(1)), r.Real(2), r.Real(3), r.Real(4), r.Real(5), r.Real(6),
                       r.Real(7), std::string(r.Text(8))});
        return Status::Ok();
      }));
  return out;
}

Result<std::vector<MappedArea>> LoadMappedAreas(Transaction& tx, const geo::AreaType& type, bool with_geometry) {
  const std::string council = geo::AreaType{geo::AreaKind::kLocalAuthority, 19}.Key();
  const std::string ward = geo::AreaType{geo::AreaKind::kWard, 19}.Key();
  std::vector<MappedArea> out;
  // An LSOA's council is its ward's council (the lookup links each area to the next level up); a ward's is its
  // own parent.
  NRS_RETURN_IF_ERROR(tx.Query(
      fmt::format("SELECT a.id, a.code, a.name, coalesce(l1.code, l2.code, ''), coalesce(l1.name, l2.name, ''), {}, "
                  "b.anchor_x, b.anchor_y "
                  "FROM area AS a JOIN area_boundary AS b ON b.area_id = a.id "
                  "LEFT JOIN area_parent AS p1 ON p1.area_id = a.id AND p1.parent_type = ?2 "
                  "LEFT JOIN area AS l1 ON l1.id = p1.parent_id "
                  "LEFT JOIN area_parent AS pw ON pw.area_id = a.id AND pw.parent_type = ?3 "
                  "LEFT JOIN area_parent AS p2 ON p2.area_id = pw.parent_id AND p2.parent_type = ?2 "
                  "LEFT JOIN area AS l2 ON l2.id = p2.parent_id "
                  "WHERE a.type = ?1 ORDER BY a.code",
                  with_geometry ? "b.geometry" : "''"),
      {type.Key(), council, ward}, [&](const Row& r) {
        out.push_back({r.Int(0), std::string(r.Text(1)), std::string(r.Text(2)), std::string(r.Text(3)),
                       std::string(r.Text(4)), std::string(r.Text(5)), r.Real(6), r.Real(7)});
        return Status::Ok();
      }));
  return out;
}

Result<std::vector<BoundaryRow>> AnchorsInBox(Transaction& tx, const geo::AreaType& type, double min_x, double min_y,
                                              double max_x, double max_y) {
  std::vector<BoundaryRow> out;
  NRS_RETURN_IF_ERROR(
      tx.Query("SELECT b.area_id, b.anchor_x, b.anchor_y, b.anchor_source FROM area_boundary AS b JOIN area AS a "
               "ON a.id = b.area_id WHERE a.type = ? AND b.anchor_x BETWEEN ? AND ? AND b.anchor_y BETWEEN ? AND ? "
               "ORDER BY a.code",
               {type.Key(), min_x, max_x, min_y, max_y}, [&](const Row& r) {
                 BoundaryRow row;
                 row.area_id = r.Int(0);
                 row.anchor_x = r.Real(1);
                 row.anchor_y = r.Real(2);
                 row.anchor_source = std::string(r.Text(3));
                 out.push_back(std::move(row));
                 return Status::Ok();
               }));
  return out;
}

Status PutCentroids(Transaction& tx, const std::vector<std::pair<std::int64_t, std::pair<double, double>>>& points) {
  NRS_ASSIGN_OR_RETURN(Statement * put,
                       tx.Prepare("UPDATE area_boundary SET anchor_x = ?, anchor_y = ?, anchor_source = "
                                  "'population_weighted_centroid' WHERE area_id = ?"));
  for (const auto& [area, xy] : points) NRS_RETURN_IF_ERROR(put->Execute({xy.first, xy.second, area}));
  return Status::Ok();
}

Result<std::vector<StoredIndicator>> LoadCatalogue(Transaction& tx) {
  std::vector<StoredIndicator> out;
  NRS_RETURN_IF_ERROR(
      tx.Query("SELECT id, key, name, description, domains, unit, value_type, multiplier, polarity, source, period, "
               "area_type, columns, numerator, denominator, weight, rank_count, profile FROM indicator ORDER BY id",
               {}, [&](const Row& r) -> Status {
                 StoredIndicator s;
                 s.id = r.Int(0);
                 indicators::Indicator& i = s.indicator;
                 i.key = r.Text(1);
                 i.name = r.Text(2);
                 i.description = r.Text(3);
                 i.domains = core::SplitList(r.Text(4), ';');
                 i.unit = r.Text(5);
                 auto type = indicators::ParseValueType(r.Text(6));
                 auto polarity = indicators::ParsePolarity(r.Text(8));
                 if (!type.ok() || !polarity.ok()) return Status::DatabaseCorrupt("indicator {} is damaged", i.key);
                 i.value_type = *type;
                 i.multiplier = r.Real(7);
                 i.polarity = *polarity;
                 i.source = r.Text(9);
                 i.period = r.Text(10);
                 i.area_type = r.Text(11);
                 i.columns = core::SplitList(r.Text(12), '|');
                 i.numerator = r.Text(13);
                 i.denominator = r.Text(14);
                 i.weight = r.Text(15);
                 i.rank_count = r.Int(16);
                 i.profile = r.Int(17) != 0;
                 out.push_back(std::move(s));
                 return Status::Ok();
               }));
  return out;
}

Result<std::int64_t> PutIndicator(Transaction& tx, const indicators::Indicator& i) {
  const std::string domains = fmt::format("{}", fmt::join(i.domains, ";"));
  const std::string columns = fmt::format("{}", fmt::join(i.columns, "|"));
  NRS_RETURN_IF_ERROR(tx.Execute(
      "INSERT INTO indicator(key, name, description, domains, unit, value_type, multiplier, polarity, source, "
      "period, area_type, columns, numerator, denominator, weight, rank_count, profile) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
      "name = excluded.name, description = excluded.description, domains = excluded.domains, unit = excluded.unit, "
      "value_type = excluded.value_type, multiplier = excluded.multiplier, polarity = excluded.polarity, "
      "source = excluded.source, period = excluded.period, area_type = excluded.area_type, columns = "
      "excluded.columns, numerator = excluded.numerator, denominator = excluded.denominator, weight = "
      "excluded.weight, rank_count = excluded.rank_count, profile = excluded.profile",
      {i.key, i.name, i.description, domains, i.unit, indicators::ValueTypeKey(i.value_type), i.multiplier,
       indicators::PolarityKey(i.polarity), i.source, i.period, i.area_type, columns, i.numerator, i.denominator,
       i.weight, i.rank_count, i.profile}));
  NRS_ASSIGN_OR_RETURN(const auto id, tx.QueryInt("SELECT id FROM indicator WHERE key = ?", {i.key}));
  if (!id) return Status::Internal("indicator '{}' vanished after it was stored", i.key);
  return *id;
}

Result<std::vector<std::int64_t>> PutValues(Transaction& tx, const std::vector<ValueBatch>& batches) {
  // Rows go in groups of kRows per statement: a million values cost a million binds but only a few thousand
  // statement executions.
  constexpr std::size_t kRows = 256;
  const auto sql = [](std::size_t rows) {
    std::string text =
        "INSERT OR REPLACE INTO indicator_value(indicator_id, area_id, period, value, numerator, "
        "denominator) VALUES ";
    for (std::size_t r = 0; r < rows; ++r) text += r == 0 ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)";
    return text;
  };
  NRS_ASSIGN_OR_RETURN(Statement * full, tx.Prepare(sql(kRows)));
  NRS_ASSIGN_OR_RETURN(
      Statement * count,
      tx.Prepare("INSERT OR REPLACE INTO indicator_period(indicator_id, period, areas) "
                 "SELECT ?1, ?2, count(*) FROM indicator_value WHERE indicator_id = ?1 AND period = ?2"));
  std::vector<Param> params;
  params.reserve(kRows * 6);
  std::vector<std::int64_t> areas;
  for (const ValueBatch& batch : batches) {
    for (std::size_t start = 0; start < batch.values.size(); start += kRows) {
      const std::size_t n = std::min(kRows, batch.values.size() - start);
      params.clear();
      for (std::size_t i = start; i < start + n; ++i) {
        const ValueBatch::Value& v = batch.values[i];
        params.insert(params.end(), {batch.indicator_id, v.area_id, batch.period, v.value, v.numerator, v.denominator});
      }
      if (n == kRows) {
        NRS_RETURN_IF_ERROR(full->Execute(params));
      } else {
        NRS_ASSIGN_OR_RETURN(Statement * tail, tx.Prepare(sql(n)));
        NRS_RETURN_IF_ERROR(tail->Execute(params));
      }
    }
    NRS_RETURN_IF_ERROR(count->Execute({batch.indicator_id, batch.period}));
    NRS_ASSIGN_OR_RETURN(const auto stored, tx.QueryInt("SELECT areas FROM indicator_period WHERE indicator_id = ? "
                                                        "AND period = ?",
                                                        {batch.indicator_id, batch.period}));
    areas.push_back(stored.value_or(0));
  }
  return areas;
}

Result<std::vector<std::string>> ValuePeriods(Transaction& tx, std::int64_t indicator_id) {
  std::vector<std::string> out;
  NRS_RETURN_IF_ERROR(tx.Query("SELECT period FROM indicator_period WHERE indicator_id = ? ORDER BY period",
                               {indicator_id}, [&](const Row& r) {
                                 out.emplace_back(r.Text(0));
                                 return Status::Ok();
                               }));
  return out;
}

Result<std::vector<ValueBatch::Value>> LoadValues(Transaction& tx, std::int64_t indicator_id, std::string_view period) {
  std::vector<ValueBatch::Value> out;
  NRS_RETURN_IF_ERROR(
      tx.Query("SELECT area_id, value, numerator, denominator FROM indicator_value "
               "WHERE indicator_id = ? AND period = ? ORDER BY area_id",
               {indicator_id, period}, [&](const Row& r) {
                 out.push_back({r.Int(0), Opt(r, 1), Opt(r, 2), Opt(r, 3)});
                 return Status::Ok();
               }));
  return out;
}

Result<std::vector<ValueRow>> LoadValuesOfAreas(Transaction& tx, const std::vector<std::int64_t>& area_ids) {
  std::vector<ValueRow> out;
  const std::string ids = IdList(area_ids);
  // The primary key leads with the indicator, so the areas are looked up per (indicator, period): a few
  // hundred index probes, where an index by area would slow every import. CROSS JOIN fixes that order (the
  // planner would otherwise scan every value).
  NRS_RETURN_IF_ERROR(
      tx.Query("SELECT v.indicator_id, v.area_id, v.period, v.value, v.numerator, v.denominator "
               "FROM indicator_period AS k CROSS JOIN json_each(?) AS j "
               "CROSS JOIN indicator_value AS v ON v.indicator_id = k.indicator_id "
               "AND v.period = k.period AND v.area_id = j.value",
               {ids}, [&](const Row& r) {
                 out.push_back({r.Int(0), r.Int(1), std::string(r.Text(2)), Opt(r, 3), Opt(r, 4), Opt(r, 5)});
                 return Status::Ok();
               }));
  return out;
}

Status ReplaceAggregates(Transaction& tx, std::int64_t indicator_id, std::string_view period,
                         const std::vector<AggregateRow>& rows) {
  NRS_RETURN_IF_ERROR(
      tx.Execute("DELETE FROM indicator_aggregate WHERE indicator_id = ? AND period = ?", {indicator_id, period}));
  NRS_ASSIGN_OR_RETURN(Statement * put,
                       tx.Prepare("INSERT INTO indicator_aggregate(indicator_id, area_id, period, measure, value, "
                                  "numerator, denominator, areas, missing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  for (const AggregateRow& a : rows) {
    NRS_RETURN_IF_ERROR(put->Execute({a.indicator_id, a.area_id, a.period, indicators::MeasureKey(a.measure), a.value,
                                      a.numerator, a.denominator, a.areas, a.missing}));
  }
  return Status::Ok();
}

Result<std::vector<AggregateRow>> LoadAggregates(Transaction& tx, const std::vector<std::int64_t>& area_ids) {
  std::vector<AggregateRow> out;
  const std::string ids = IdList(area_ids);
  NRS_RETURN_IF_ERROR(
      tx.Query("SELECT a.indicator_id, a.area_id, a.period, a.measure, a.value, a.numerator, a.denominator, a.areas, "
               "a.missing FROM json_each(?) AS j JOIN indicator_aggregate AS a ON a.area_id = j.value",
               {ids}, [&](const Row& r) -> Status {
                 NRS_ASSIGN_OR_RETURN(const indicators::Measure measure, indicators::ParseMeasure(r.Text(3)));
                 out.push_back({r.Int(0), r.Int(1), std::string(r.Text(2)), measure, Opt(r, 4), Opt(r, 5), Opt(r, 6),
                                r.Int(7), r.Int(8)});
                 return Status::Ok();
               }));
  return out;
}

Result<std::int64_t> InsertNeighbourhood(Transaction& tx, const NeighbourhoodRow& n) {
  NRS_ASSIGN_OR_RETURN(const auto existing,
                       tx.QueryInt("SELECT id FROM neighbourhood WHERE name = ? OR slug = ?", {n.name, n.slug}));
  if (existing) return Status::AlreadyExists("a neighbourhood called '{}' exists already", n.name);
  const std::optional<std::int64_t> council =
      n.council_area_id > 0 ? std::optional<std::int64_t>(n.council_area_id) : std::nullopt;
  const std::optional<std::int64_t> comparison =
      n.comparison_id > 0 ? std::optional<std::int64_t>(n.comparison_id) : std::nullopt;
  const std::optional<Blob> boundary = n.boundary.empty() ? std::nullopt : std::optional<Blob>(Blob{n.boundary});
  NRS_RETURN_IF_ERROR(tx.Execute(
      "INSERT INTO neighbourhood(name, slug, council_area_id, class, description, definition, definition_codes, "
      "comparison_id, boundary, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {n.name, n.slug, council, geo::NeighbourhoodClassKey(n.klass), n.description, geo::DefinitionKey(n.definition),
       n.definition_codes, comparison, boundary, n.created_at}));
  const std::int64_t id = tx.LastInsertId();
  NRS_ASSIGN_OR_RETURN(Statement * member,
                       tx.Prepare("INSERT INTO neighbourhood_area(neighbourhood_id, area_id) VALUES (?, ?)"));
  for (const std::int64_t area : n.members) NRS_RETURN_IF_ERROR(member->Execute({id, area}));
  return id;
}

namespace {

constexpr std::string_view kNeighbourhoodColumns =
    "SELECT id, name, slug, coalesce(council_area_id, 0), class, description, definition, definition_codes, "
    "coalesce(comparison_id, 0), boundary, created_at FROM neighbourhood";

Result<NeighbourhoodRow> ReadNeighbourhood(const Row& r) {
  NeighbourhoodRow n;
  n.id = r.Int(0);
  n.name = r.Text(1);
  n.slug = r.Text(2);
  n.council_area_id = r.Int(3);
  NRS_ASSIGN_OR_RETURN(n.klass, geo::ParseNeighbourhoodClass(r.Text(4)));
  n.description = r.Text(5);
  const std::string_view definition = r.Text(6);
  n.definition = definition == "wards"     ? geo::Definition::kWards
                 : definition == "polygon" ? geo::Definition::kPolygon
                                           : geo::Definition::kLsoas;
  n.definition_codes = r.Text(7);
  n.comparison_id = r.Int(8);
  if (!r.IsNull(9)) n.boundary = r.Text(9);
  n.created_at = r.Text(10);
  return n;
}

Status LoadMembers(Transaction& tx, NeighbourhoodRow& n) {
  return tx.Query(
      "SELECT m.area_id FROM neighbourhood_area AS m JOIN area AS a ON a.id = m.area_id "
      "WHERE m.neighbourhood_id = ? ORDER BY a.code",
      {n.id}, [&](const Row& r) {
        n.members.push_back(r.Int(0));
        return Status::Ok();
      });
}

}  // namespace

Result<std::vector<NeighbourhoodRow>> ListNeighbourhoods(Transaction& tx) {
  std::vector<NeighbourhoodRow> out;
  NRS_RETURN_IF_ERROR(tx.Query(std::string(kNeighbourhoodColumns) + " ORDER BY name", {}, [&](const Row& r) -> Status {
    NRS_ASSIGN_OR_RETURN(NeighbourhoodRow n, ReadNeighbourhood(r));
    out.push_back(std::move(n));
    return Status::Ok();
  }));
  for (NeighbourhoodRow& n : out) NRS_RETURN_IF_ERROR(LoadMembers(tx, n));
  return out;
}

Result<std::optional<NeighbourhoodRow>> FindNeighbourhood(Transaction& tx, std::string_view name_or_slug) {
  std::optional<NeighbourhoodRow> found;
  NRS_RETURN_IF_ERROR(tx.Query(std::string(kNeighbourhoodColumns) +
                                   " WHERE name = ?1 OR slug = ?1 OR lower(name) = lower(?1) OR CAST(id AS TEXT) = ?1 "
                                   "ORDER BY name = ?1 DESC LIMIT 1",
                               {name_or_slug}, [&](const Row& r) -> Status {
                                 NRS_ASSIGN_OR_RETURN(NeighbourhoodRow n, ReadNeighbourhood(r));
                                 found = std::move(n);
                                 return Status::Ok();
                               }));
  if (found) NRS_RETURN_IF_ERROR(LoadMembers(tx, *found));
  return found;
}

}  // namespace nrs::store
