// nrs import …, nrs neighbourhood …, nrs profile, nrs trends, nrs indicator list, nrs area …: the places
// capability.

#include <cstdio>

#include "cli/command.h"
#include "cli/progress_bar.h"
#include "nrs/places.h"

namespace nrs::cli {
namespace {

// Options every import shares.
void AddImportOptions(CLI::App* command, ImportOptions* options, const char* what) {
  command->add_option("file", options->path, what)->required();
  command->add_option("--name", options->name, "Name of the dataset in the database (default: the file name)");
  command->add_option("--publisher", options->publisher, "Who published the data (recorded as provenance)");
  command->add_option("--licence", options->licence, "Its licence, e.g. \"OGL v3\" (recorded as provenance)");
}

Status PrintReport(Context& ctx, const std::string& kind, const ImportReport& report) {
  *ctx.out << fmt::format("Imported {} '{}' ({} records).\n", kind, report.dataset, report.records);
  for (const std::string& note : report.notes) *ctx.out << "  " << note << '\n';
  return Status::Ok();
}

// Registers `nrs import <name>`: parse into `options`, then open the database and run `import`.
template <typename Options, typename ImportFn>
void AddImport(CLI::App* parent, Context& ctx, const char* name, const char* help, const char* file_help,
               std::shared_ptr<Options> options, ImportFn import,
               const std::function<void(CLI::App*, Options*)>& extra = nullptr) {
  CLI::App* command = parent->add_subcommand(name, help);
  AddImportOptions(command, options.get(), file_help);
  if (extra) extra(command, options.get());
  command->callback([&ctx, options, import, kind = std::string(name)] {
    ctx.run = [&ctx, options, import, kind]() -> Status {
      NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
      ProgressBar progress(stderr);
      options->progress = &progress;
      NRS_ASSIGN_OR_RETURN(const ImportReport report, import(*app, *options));
      return PrintReport(ctx, kind, report);
    };
  });
}

}  // namespace

void AddPlacesCommands(CLI::App& cli, Context& ctx) {
  CLI::App* import = cli.add_subcommand("import", "Import geography, population, boundaries or indicators");
  import->require_subcommand(1);
  AddImport(import, ctx, "lookup", "Areas and how they nest, from an ONS lookup (LSOA11CD, WD19CD, LAD19CD …)",
            "Lookup CSV (plain or .gz)", std::make_shared<ImportOptions>(), &ImportLookup);
  AddImport<PopulationImportOptions>(
      import, ctx, "population", "Population by sex and age band (age_0_4 … age_90_plus columns)",
      "Population CSV (plain or .gz)", std::make_shared<PopulationImportOptions>(), &ImportPopulation,
      [](CLI::App* c, PopulationImportOptions* o) {
        c->add_option("--period", o->period, "The estimates' period, e.g. mid-2019")->required();
      });
  AddImport<BoundaryImportOptions>(
      import, ctx, "boundaries",
      "Area boundaries from GeoJSON, TopoJSON, GeoPackage or Shapefile (or a folder or archive of them)",
      "Boundary file, folder, .zip or .tar.gz", std::make_shared<BoundaryImportOptions>(), &ImportBoundaries,
      [](CLI::App* c, BoundaryImportOptions* o) {
        c->add_option("--code-field", o->code_field, "Property holding the area code (default: e.g. LSOA11CD)");
        c->add_option("--area-type", o->area_type, "Area type when the property's name does not say, e.g. lsoa11");
        c->add_option("--crs", o->crs, "Coordinate system of files that do not say, e.g. EPSG:27700");
      });
  AddImport<CentroidImportOptions>(
      import, ctx, "centroids", "Population-weighted centroids (code, x, y), used to assign areas to drawn outlines",
      "Centroid CSV", std::make_shared<CentroidImportOptions>(), &ImportCentroids,
      [](CLI::App* c, CentroidImportOptions* o) {
        c->add_option("--area-type", o->area_type, "Area type of the codes")->capture_default_str();
        c->add_option("--crs", o->crs, "Coordinate system of x and y (ONS publishes EPSG:27700)")
            ->capture_default_str();
      });
  AddImport(import, ctx, "catalogue", "Indicator definitions (key, name, domains, value_type, polarity …)",
            "Catalogue CSV", std::make_shared<ImportOptions>(), &ImportCatalogue);
  AddImport<IndicatorImportOptions>(
      import, ctx, "indicators",
      "Indicator values, wide (one column per indicator) or long (area_code, indicator, value)",
      "Values CSV (plain or .gz)", std::make_shared<IndicatorImportOptions>(), &ImportIndicators,
      [](CLI::App* c, IndicatorImportOptions* o) {
        c->add_option("--layout", o->layout, "wide, long or auto")
            ->check(CLI::IsMember({"auto", "wide", "long"}))
            ->capture_default_str();
        c->add_option("--period", o->period, "Period of the values (overrides the catalogue's)");
        c->add_option("--area-type", o->area_type, "Area type when the code column's header does not say, e.g. lsoa11");
        c->add_option("--source", o->source, "Source recorded on indicators new to the catalogue");
      });

  CLI::App* neighbourhood = cli.add_subcommand("neighbourhood", "Define, list and export neighbourhoods");
  neighbourhood->require_subcommand(1);
  {
    auto o = std::make_shared<NeighbourhoodOptions>();
    CLI::App* add = neighbourhood->add_subcommand("add", "Define a neighbourhood as a set of small areas");
    add->add_option("name", o->name, "Its name, e.g. \"Old Swan\"")->required();
    add->add_option("--wards", o->wards, "Ward (2019) codes; their LSOAs through the lookup")->delimiter(',');
    add->add_option("--lsoas", o->lsoas, "LSOA (2011) codes")->delimiter(',');
    add->add_option("--polygon", o->polygon, "An outline file: the LSOAs whose centroid lies inside");
    add->add_option("--crs", o->crs, "Coordinate system of the outline when the file does not say");
    add->add_option("--class", o->klass, "programme, comparison or better_off")->capture_default_str();
    add->add_option("--council", o->council, "Council code (default: the council of most of its LSOAs)");
    add->add_option("--description", o->description, "Free text");
    add->add_option("--comparison", o->comparison, "Its comparison area (another neighbourhood's name)");
    add->callback([&ctx, o] {
      ctx.run = [&ctx, o]() -> Status {
        NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
        NRS_ASSIGN_OR_RETURN(const NeighbourhoodSummary s, AddNeighbourhood(*app, *o));
        *ctx.out << fmt::format("Added {} ({}): {} LSOAs{}{}, council {}.\n", s.name, s.klass, s.lsoas,
                                s.population > 0 ? fmt::format(", population {:.0f}", s.population) : "",
                                s.boundary ? ", boundary derived" : ", no boundary (import the LSOA boundaries)",
                                s.council.empty() ? "unknown" : s.council);
        return Status::Ok();
      };
    });
  }
  {
    auto format = std::make_shared<std::string>("table");
    CLI::App* list = neighbourhood->add_subcommand("list", "List the neighbourhoods");
    AddFormatOption(list, format.get());
    list->callback([&ctx, format] {
      ctx.run = [&ctx, format]() -> Status {
        NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
        NRS_ASSIGN_OR_RETURN(const core::Table table, ListNeighbourhoods(*app));
        return PrintTable(ctx, table, *format);
      };
    });
  }
  {
    auto o = std::make_shared<ExportOptions>();
    CLI::App* exp = neighbourhood->add_subcommand("export", "Write a neighbourhood's outline to GeoPackage or GeoJSON");
    exp->add_option("name", o->neighbourhood, "The neighbourhood")->required();
    exp->add_option("--to", o->path, "The file to write: .gpkg or .geojson")->required();
    exp->add_flag("--with-areas", o->with_areas, "Also write each of its small areas");
    exp->callback([&ctx, o] {
      ctx.run = [&ctx, o]() -> Status {
        NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
        NRS_RETURN_IF_ERROR(ExportNeighbourhood(*app, *o));
        *ctx.out << fmt::format("Wrote {}.\n", o->path);
        return Status::Ok();
      };
    });
  }

  {
    auto o = std::make_shared<ProfileOptions>();
    auto format = std::make_shared<std::string>("table");
    CLI::App* profile = cli.add_subcommand(
        "profile", "A neighbourhood's indicators with confidence intervals, against its council, region and England");
    profile->add_option("name", o->neighbourhood, "The neighbourhood (name or slug)")->required();
    profile->add_option("--domain", o->domains, "Only indicators of this framework domain (repeatable)");
    profile->add_option("--indicator", o->indicators, "Only this indicator key (repeatable)");
    AddFormatOption(profile, format.get());
    profile->callback([&ctx, o, format] {
      ctx.run = [&ctx, o, format]() -> Status {
        NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
        NRS_ASSIGN_OR_RETURN(const core::Table table, Profile(*app, *o));
        return PrintTable(ctx, table, *format);
      };
    });
  }

  {
    auto o = std::make_shared<TrendOptions>();
    auto format = std::make_shared<std::string>("table");
    CLI::App* trends = cli.add_subcommand(
        "trends", "A neighbourhood's indicators over time: every period's value and interval, with its comparators");
    trends->add_option("name", o->neighbourhood, "The neighbourhood (name or slug)")->required();
    trends->add_option("--indicator", o->indicators, "Only this indicator key (repeatable)");
    AddFormatOption(trends, format.get());
    trends->callback([&ctx, o, format] {
      ctx.run = [&ctx, o, format]() -> Status {
        NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
        NRS_ASSIGN_OR_RETURN(const core::Table table, Trends(*app, *o));
        return PrintTable(ctx, table, *format);
      };
    });
  }

  CLI::App* indicator = cli.add_subcommand("indicator", "The indicator catalogue");
  indicator->require_subcommand(1);
  {
    auto format = std::make_shared<std::string>("table");
    CLI::App* list = indicator->add_subcommand("list", "List the indicators with their periods and coverage");
    AddFormatOption(list, format.get());
    list->callback([&ctx, format] {
      ctx.run = [&ctx, format]() -> Status {
        NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
        NRS_ASSIGN_OR_RETURN(const core::Table table, ListIndicators(*app));
        return PrintTable(ctx, table, *format);
      };
    });
  }

  CLI::App* area = cli.add_subcommand("area", "Areas of the geography");
  area->require_subcommand(1);
  {
    auto format = std::make_shared<std::string>("table");
    auto type = std::make_shared<std::string>();
    CLI::App* list = area->add_subcommand("list", "List areas with their parents");
    list->add_option("--type", *type, "Only this area type, e.g. lad19, wd19, lsoa11");
    AddFormatOption(list, format.get());
    list->callback([&ctx, format, type] {
      ctx.run = [&ctx, format, type]() -> Status {
        NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
        NRS_ASSIGN_OR_RETURN(const core::Table table, ListAreas(*app, *type));
        return PrintTable(ctx, table, *format);
      };
    });
  }
  {
    auto o = std::make_shared<AreaValuesOptions>();
    auto format = std::make_shared<std::string>("table");
    CLI::App* values = area->add_subcommand("values", "One indicator's value in every area of a type");
    values->add_option("--indicator", o->indicator, "The indicator's key (see `nrs indicator list`)")->required();
    values->add_option("--type", o->type, "Area type")->capture_default_str();
    values->add_option("--period", o->period, "Period (default: the latest)");
    values->add_flag("--mapped", o->mapped_only, "Only areas that have a boundary");
    AddFormatOption(values, format.get());
    values->callback([&ctx, o, format] {
      ctx.run = [&ctx, o, format]() -> Status {
        NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
        NRS_ASSIGN_OR_RETURN(const core::Table table, AreaValues(*app, *o));
        return PrintTable(ctx, table, *format);
      };
    });
  }
  {
    auto o = std::make_shared<AreaMapOptions>();
    CLI::App* map = area->add_subcommand("map", "Every area of a type that has a boundary, as GeoJSON on stdout");
    map->add_option("--type", o->type, "Area type, e.g. lsoa11 or lad19")->capture_default_str();
    map->add_option("--decimals", o->decimals, "Decimals of the coordinates")->capture_default_str();
    map->callback([&ctx, o] {
      ctx.run = [&ctx, o]() -> Status {
        NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
        NRS_ASSIGN_OR_RETURN(const std::string geojson, AreasGeoJson(*app, *o));
        *ctx.out << geojson << '\n';
        return Status::Ok();
      };
    });
  }
}

}  // namespace nrs::cli
