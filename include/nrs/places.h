#pragma once

// Places and small-area evidence: importing geography (lookups, population, boundaries) and indicators,
// defining neighbourhoods as sets of small areas, and profiling them against their council, region and
// England. Every import is one transaction: refused as a whole with every problem listed, or stored whole.

#include <cstdint>
#include <string>
#include <vector>

#include "core/progress.h"
#include "core/table.h"
#include "nrs/app.h"

namespace nrs {

struct ImportOptions {
  std::string path;
  std::string name;       // the dataset's name in the database; default: the file name
  std::string publisher;  // recorded with the dataset
  std::string licence;
  core::Progress* progress = &core::NoProgress();
  Actor actor = Actor::CommandLine();  // recorded in the audit trail with the import

  Status Validate() const;
};

struct ImportReport {
  std::string dataset;
  std::int64_t records = 0;        // rows or features read
  std::vector<std::string> notes;  // what changed, one sentence each
};

// ONS-style lookup (LSOA11CD, WD19CD, LAD19CD … detected from the header): adds the areas and best-fit links
// it names. Refused (kInvalidInput) when it contradicts itself or the database (another name or parent for a
// stored area) or names parents without a name column that the database does not know.
Result<ImportReport> ImportLookup(App& app, const ImportOptions& options);

struct PopulationImportOptions : ImportOptions {
  std::string period;  // e.g. "mid-2019" (required)
};
// Population by sex and age band for areas already in the database (unknown codes refuse the file).
Result<ImportReport> ImportPopulation(App& app, const PopulationImportOptions& options);

struct BoundaryImportOptions : ImportOptions {
  std::string code_field;  // property with the area code ("" = detect, e.g. LSOA11CD)
  std::string area_type;   // when the property's name does not say (e.g. "lsoa11")
  std::string crs;         // for files that do not say their coordinate system, e.g. "EPSG:27700"
};
// Boundaries (GeoJSON, TopoJSON, GeoPackage, Shapefile, a folder or archive of them), reprojected to WGS84.
Result<ImportReport> ImportBoundaries(App& app, const BoundaryImportOptions& options);

struct CentroidImportOptions : ImportOptions {
  std::string area_type = "lsoa11";
  std::string crs = "EPSG:4326";  // of the x/y columns; ONS population-weighted centroids come in EPSG:27700
};
// Population-weighted centroids (CSV: a code column, then x and y — or X/Y, lon/lat, long/lat), used to assign
// small areas to drawn neighbourhoods. Areas must have boundaries already.
Result<ImportReport> ImportCentroids(App& app, const CentroidImportOptions& options);

// Indicator definitions (see io/indicator_reader.h for the columns); existing keys are updated.
Result<ImportReport> ImportCatalogue(App& app, const ImportOptions& options);

struct IndicatorImportOptions : ImportOptions {
  std::string layout = "auto";  // auto, wide or long
  std::string period;           // overrides the catalogue's period
  std::string area_type;        // when the code column's header does not say
  std::string source;           // recorded on indicators new to the catalogue
};
// Indicator values; council, region and England aggregates are brought up to date in the same transaction.
Result<ImportReport> ImportIndicators(App& app, const IndicatorImportOptions& options);

struct NeighbourhoodOptions {
  std::string name;
  std::vector<std::string> wards;   // ward (2019) codes, expanded to their LSOAs through the lookup
  std::vector<std::string> lsoas;   // or LSOA (2011) codes
  std::string polygon;              // or an outline file: LSOAs whose anchor point lies inside
  std::string crs;                  // of the outline file when it does not say
  std::string klass = "programme";  // programme, comparison or better_off
  std::string council;              // council code; default: the council holding most of its LSOAs
  std::string description;
  std::string comparison;              // name of its comparison neighbourhood, if any
  Actor actor = Actor::CommandLine();  // recorded in the audit trail

  Status Validate() const;
};

struct NeighbourhoodSummary {
  std::string name;
  std::string slug;
  std::string klass;
  std::string council;  // "Liverpool (E08000012)"
  std::int64_t lsoas = 0;
  double population = 0;  // latest period, 0 when unknown
  bool boundary = false;
};

Result<NeighbourhoodSummary> AddNeighbourhood(App& app, const NeighbourhoodOptions& options);
// name, slug, class, council, lsoas, population, definition, description — one row per neighbourhood.
Result<core::Table> ListNeighbourhoods(App& app);
// The same columns for one neighbourhood (by name or slug). Errors: kNotFound.
Result<core::Table> GetNeighbourhood(App& app, const std::string& name);

struct ExportOptions {
  std::string neighbourhood;
  std::string path;         // .gpkg or .geojson
  bool with_areas = false;  // also each small area, with its code and name
};
// Writes the neighbourhood's outline (and optionally its areas) with its name, class, council and size.
Status ExportNeighbourhood(App& app, const ExportOptions& options);

struct GeoJsonOptions {
  std::string neighbourhood;  // name or slug
  bool with_areas = false;    // also each small area
  int decimals = 6;           // of the coordinates (6 ≈ 0.1 m)

  Status Validate() const;
};
// The features ExportNeighbourhood writes, as a GeoJSON FeatureCollection (WGS84 longitude/latitude).
// Errors: kNotFound (no such neighbourhood, or no boundary), kInvalidArgument.
Result<std::string> NeighbourhoodGeoJson(App& app, const GeoJsonOptions& options);

// The catalogue: key, name, domains, value_type, polarity, unit, period(s), areas with values, source.
Result<core::Table> ListIndicators(App& app);

// Areas of one type (or every type when empty): type, code, name, parent codes.
Result<core::Table> ListAreas(App& app, const std::string& type);

// ---- small-area maps: the overview's layers ------------------------------------------------------------

struct AreaMapOptions {
  std::string type = "lsoa11";  // area type key: lsoa11, wd19, lad19, ...
  int decimals = 5;             // of the coordinates (5 ≈ 1 m, finer than generalised boundaries)

  Status Validate() const;
};
// Every area of `type` that has a boundary, as a GeoJSON FeatureCollection (WGS84 longitude/latitude), ordered
// by code; properties code, name, council and council_name (empty for a council itself), and anchor_lon and
// anchor_lat: a point inside the area (the point on its surface found at import, or its population-weighted
// centroid when those were imported), for a label or a marker. No values: a map draws these once and colours
// them by AreaValues, so that changing the measure fetches numbers, not shapes.
// Errors: kInvalidArgument (unknown type or decimals out of 0..15).
Result<std::string> AreasGeoJson(App& app, const AreaMapOptions& options);

struct AreaValuesOptions {
  std::string indicator;        // catalogue key (required)
  std::string type = "lsoa11";  // area type key
  std::string period;           // default: the indicator's latest
  bool mapped_only = false;     // only areas that have a boundary (those AreasGeoJson returns)

  Status Validate() const;
};
// One indicator in every area of `type` that has a value for it, ordered by code: columns code, period, value.
// A computed indicator (a share or rate of two others) is computed per area, as the profile does. Errors:
// kNotFound (no such indicator, or no such period of it), kInvalidArgument.
Result<core::Table> AreaValues(App& app, const AreaValuesOptions& options);

}  // namespace nrs

namespace nrs {

struct ProfileOptions {
  std::string neighbourhood;            // name or slug
  std::vector<std::string> domains;     // only indicators tagged with one of these ("" = all)
  std::vector<std::string> indicators;  // only these keys ("" = all shown in profiles)

  Status Validate() const;
};

// A neighbourhood's profile: each indicator (latest period) aggregated over its small areas, with its 95% and
// 99.8% confidence interval where the value type allows one (Wilson for proportions, exact Poisson or Byar for
// rates), against its council, region, England and comparison area: one row per indicator measure and
// comparator. Columns: indicator_id, indicator_name, domain, period, value, lower_95, upper_95, lower_998,
// upper_998, method, unit, polarity, areas, comparator, comparator_type (council, region, country, comparison
// area), comparator_code, comparator_value, significance, significance_95, significance_998.
Result<core::Table> Profile(App& app, const ProfileOptions& options);

struct TrendOptions {
  std::string neighbourhood;            // name or slug
  std::vector<std::string> indicators;  // only these keys ("" = every indicator with more than one period)

  Status Validate() const;
};

// A neighbourhood's trends: every indicator measured in more than one period, each period's value with its 95%
// interval, for the neighbourhood and each comparator that has the value in that period (the comparison area
// for values measured over the neighbourhood as a whole, such as survey estimates; the council, region and
// England for values summarised from small areas). Oldest period first. Columns: indicator_id, indicator_name,
// unit, polarity, series (neighbourhood, council, region, country or comparison area), series_name, period,
// value, lower_95, upper_95, method. Errors: kNotFound, kInvalidArgument.
Result<core::Table> Trends(App& app, const TrendOptions& options);

}  // namespace nrs
