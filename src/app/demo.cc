#include "app/demo.h"

#include "app/embedded.h"
#include "app/index_internal.h"
#include "app/places_internal.h"
#include "app/survey_internal.h"
#include "app/systems_internal.h"
#include "core/text.h"
#include "io/csv_reader.h"
#include "store/meta.h"

namespace nrs::app {

std::optional<std::string_view> FindDemoFile(std::string_view name) {
  for (const EmbeddedFile& file : DemoFiles()) {
    if (file.name == name) return file.data;
  }
  return std::nullopt;
}

namespace {

constexpr std::string_view kOns = "Office for National Statistics";
constexpr std::string_view kMhclg = "Ministry of Housing, Communities and Local Government";
constexpr std::string_view kOgl = "Open Government Licence v3.0";

Result<std::string_view> DemoBytes(std::string_view name) {
  const auto data = FindDemoFile(name);
  if (!data) return Status::Internal("demo file '{}' is not compiled into this program", name);
  return *data;
}

Result<io::CsvReader> OpenDemoCsv(std::string_view name) {
  NRS_ASSIGN_OR_RETURN(const std::string_view bytes, DemoBytes(name));
  NRS_ASSIGN_OR_RETURN(std::string text, io::DecompressIfGzip(bytes, name));
  return io::CsvReader::FromText(std::string(name), std::move(text));
}

}  // namespace

Status LoadDemo(store::Transaction& tx, core::Progress& progress, const core::Clock& clock) {
  const auto facts = [](std::string kind, std::string name, std::string_view file, std::string_view publisher) {
    return DatasetFacts{std::move(kind), std::move(name), std::string(file), std::string(publisher), std::string(kOgl)};
  };
  // Geography first: every later file refers to these areas.
  for (const auto& [file, name] :
       {std::pair{"LSOA11_WD19_LAD19_lookup_EW.csv.gz", "LSOA (2011) to ward and council (2019)"},
        std::pair{"WD19_LAD19_CTY19_RGN19_CTRY19_lookup_UK.csv.gz",
                  "Ward to council, county, region and country (2019)"}}) {
    progress.Start(fmt::format("demo: {}", name), 0);
    NRS_ASSIGN_OR_RETURN(io::CsvReader reader, OpenDemoCsv(file));
    NRS_ASSIGN_OR_RETURN(const ImportReport report, LoadLookup(tx, reader));
    NRS_RETURN_IF_ERROR(RecordImport(tx, facts("lookup", name, file, kOns), report.records, clock));
  }
  {
    progress.Start("demo: indicator catalogue", 0);
    NRS_ASSIGN_OR_RETURN(io::CsvReader reader, OpenDemoCsv("iod2019.csv"));
    NRS_ASSIGN_OR_RETURN(const ImportReport report, LoadCatalogue(tx, reader));
    NRS_RETURN_IF_ERROR(RecordImport(
        tx,
        DatasetFacts{"catalogue", "Indicator catalogue: English Indices of Deprivation 2019", "iod2019.csv",
                     "NRS (definitions from MHCLG's IoD 2019 technical report)", "GPL-3.0-or-later"},
        report.records, clock));
  }
  std::set<std::string> touched;
  std::vector<store::ValueBatch> complete;
  for (const auto& [file, name] : {std::pair{"iod2019_lsoa11_combined.csv.gz",
                                             "English Indices of Deprivation 2019: scores, ranks, deciles, population"},
                                   std::pair{"imd2019_lsoa11_underlying_indicators.csv.gz",
                                             "English Indices of Deprivation 2019: underlying indicators"}}) {
    progress.Start(fmt::format("demo: {}", name), 0);
    NRS_ASSIGN_OR_RETURN(io::CsvReader reader, OpenDemoCsv(file));
    NRS_ASSIGN_OR_RETURN(const ImportReport report, LoadIndicators(tx, reader, {}, &touched, &complete));
    NRS_RETURN_IF_ERROR(RecordImport(tx, facts("indicators", name, file, kMhclg), report.records, clock));
  }
  {
    progress.Start("demo: population mid-2019", 0);
    constexpr std::string_view kFile = "lsoa11_mid2019_population_5yr_bands_by_sex_EW.csv.gz";
    NRS_ASSIGN_OR_RETURN(io::CsvReader reader, OpenDemoCsv(kFile));
    NRS_ASSIGN_OR_RETURN(const ImportReport report, LoadPopulation(tx, reader, "mid-2019"));
    NRS_RETURN_IF_ERROR(
        RecordImport(tx, facts("population", "LSOA population mid-2019 by sex and five-year age band", kFile, kOns),
                     report.records, clock));
  }
  // Boundaries: the North West's LSOAs, and its councils (whose 2013 codes are the 2019 codes there) for the
  // overview map's outlines.
  for (const auto& [file_name, name, reader_options] :
       {std::tuple{"lsoa2011_north_west_generalised.geojson.gz", "LSOA (2011) boundaries, North West, generalised",
                   io::BoundaryReadOptions{}},
        std::tuple{"lad2013_north_west_generalised.geojson.gz", "Council (2013) boundaries, North West, generalised",
                   io::BoundaryReadOptions{.code_field = "LAD13CD",
                   .area_type = geo::AreaType{geo::AreaKind::kLocalAuthority, 19},
                   .assume_crs = ""}}}) {
    progress.Start(fmt::format("demo: {}", name), 0);
    NRS_ASSIGN_OR_RETURN(const std::string_view bytes, DemoBytes(file_name));
    const io::MemoryFile file(file_name, bytes);
    NRS_ASSIGN_OR_RETURN(const io::Boundaries boundaries, io::ReadBoundaries(file.path(), reader_options));
    NRS_ASSIGN_OR_RETURN(const ImportReport report, LoadBoundaries(tx, boundaries));
    NRS_RETURN_IF_ERROR(RecordImport(
        tx, DatasetFacts{"boundaries", name, file_name, std::string(kOns), "Open Government Licence v3.0; OS OpenData"},
        report.records, clock));
  }
  NRS_RETURN_IF_ERROR(RefreshAggregates(tx, {}, progress, &complete));
  {
    progress.Start("demo: Neighbourhoods for Learning", 7);
    NRS_ASSIGN_OR_RETURN(io::CsvReader nfl, OpenDemoCsv("nfl_wards.csv"));
    std::int64_t count = 0;
    while (true) {
      NRS_ASSIGN_OR_RETURN(const bool more, nfl.Next());
      if (!more) break;
      const auto field = [&](const char* column) {
        return std::string(nfl.field(static_cast<std::size_t>(nfl.ColumnIndex(column))));
      };
      NeighbourhoodOptions n;
      n.name = field("neighbourhood");
      n.wards = core::SplitList(field("ward_codes_2019"), ';');
      n.council = field("local_authority_code");
      n.klass = "programme";
      n.description = fmt::format("Topic for action: {} ({}). Wards: {}.", field("topic_for_action"),
                                  field("domain_of_topic"), field("boundary_basis"));
      NRS_RETURN_IF_ERROR(CreateNeighbourhood(tx, n, clock).status());
      progress.Update(++count);
    }
    NRS_RETURN_IF_ERROR(
        RecordImport(tx,
                     DatasetFacts{"neighbourhoods", "Neighbourhoods for Learning (demo)", "nfl_wards.csv",
                                  "Neighbourhood Resilience Programme public pages, mapped to ONS 2019 wards",
                                  "OGL v3 (ward codes); programme facts from public pages"},
                     count, clock));
  }
  progress.Start("demo: system maps and activity registers", 0);
  NRS_RETURN_IF_ERROR(LoadDemoSystems(tx, clock));
  progress.Start("demo: resident survey (synthetic)", 0);
  NRS_RETURN_IF_ERROR(survey_app::LoadDemoSurvey(tx, clock));
  {
    // One run of the programme's resilience framework over the Neighbourhoods for Learning, with its uncertainty
    // analysis (the framework's own [uncertainty] settings), for the server and web application to show.
    progress.Start("demo: resilience index", 0);
    constexpr std::string_view kFile = "resilience-4-domains.toml";
    NRS_ASSIGN_OR_RETURN(const std::string_view bytes, DemoBytes(kFile));
    NRS_ASSIGN_OR_RETURN(const io::FrameworkFile framework,
                         io::ParseFrameworkToml(std::string(bytes), std::string("frameworks/") + std::string(kFile)));
    NRS_RETURN_IF_ERROR(StoreNeighbourhoodIndex(tx, framework, std::string("frameworks/") + std::string(kFile),
                                                framework.analysis.uncertainty, clock)
                            .status());
  }
  progress.Finish();
  return Status::Ok();
}

}  // namespace nrs::app
