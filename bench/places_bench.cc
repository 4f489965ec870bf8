// Places benchmarks (docs/performance.md): importing the all-England IoD 2019 combined CSV into a database
// that holds the geography; importing all-England LSOA boundaries (326 TopoJSON files); a neighbourhood
// profile from a warm database. bench/run times the reference tools on the same inputs.

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "core/log.h"
#include "nrs/places.h"

namespace {

namespace fs = std::filesystem;

std::string Shared(const char* relative) {
  const char* root = std::getenv("NRS_BENCH_DATA");
  return std::string(root != nullptr ? root : "../shared/data") + "/" + relative;
}

std::string Repo(const char* relative) {
  const char* root = std::getenv("NRS_SOURCE_DIR");
  return std::string(root != nullptr ? root : ".") + "/" + relative;
}

void Check(const nrs::Status& s) {
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    std::exit(1);
  }
}

fs::path Temp(const char* name) { return fs::temp_directory_path() / name; }

// A database holding the all-England lookups and the IoD catalogue, made once and copied per iteration.
const std::string& GeographyTemplate() {
  static const std::string kPath = [] {
    std::string path = Temp("nrs_bench_geography.db");
    fs::remove(path);
    nrs::InitOptions init;
    init.db_path = path;
    Check(nrs::CreateDatabase(init).status());
    auto app = nrs::App::Open({.db_path = path});
    Check(app.status());
    for (const char* lookup :
         {"data/demo/LSOA11_WD19_LAD19_lookup_EW.csv.gz", "data/demo/WD19_LAD19_CTY19_RGN19_CTRY19_lookup_UK.csv.gz"}) {
      nrs::ImportOptions o;
      o.path = Repo(lookup);
      Check(nrs::ImportLookup(**app, o).status());
    }
    nrs::ImportOptions catalogue;
    catalogue.path = Repo("data/catalogue/iod2019.csv");
    Check(nrs::ImportCatalogue(**app, catalogue).status());
    return path;
  }();
  return kPath;
}

std::string FreshCopy(const char* name) {
  std::string path = Temp(name);
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
  fs::copy_file(GeographyTemplate(), path);
  return path;
}

void BM_ImportIodEngland(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    const std::string path = FreshCopy("nrs_bench_iod.db");
    state.ResumeTiming();
    // Opening the database and closing it (the WAL checkpoint) are part of an import as a user runs it.
    auto app = nrs::App::Open({.db_path = path});
    nrs::IndicatorImportOptions o;
    o.path = Shared("iod2019_lsoa11/iod2019_lsoa11_combined.csv");
    const auto report = nrs::ImportIndicators(**app, o);
    if (!report.ok()) state.SkipWithError(report.status().ToString().c_str());
    app->reset();
  }
}
BENCHMARK(BM_ImportIodEngland)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ImportBoundariesEngland(benchmark::State& state) {
  const char* folder = std::getenv("NRS_BENCH_TOPOJSON");  // the tar unpacked by bench/run
  if (folder == nullptr) {
    state.SkipWithError("NRS_BENCH_TOPOJSON is not set");
    return;
  }
  for (auto _ : state) {
    state.PauseTiming();
    const std::string path = FreshCopy("nrs_bench_boundaries.db");
    state.ResumeTiming();
    auto app = nrs::App::Open({.db_path = path});
    nrs::BoundaryImportOptions o;
    o.path = folder;
    const auto report = nrs::ImportBoundaries(**app, o);
    if (!report.ok()) state.SkipWithError(report.status().ToString().c_str());
    app->reset();
  }
}
BENCHMARK(BM_ImportBoundariesEngland)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// The demo database with one more neighbourhood paired with a comparison area, so the profile has four
// comparators (council, region, England, comparison area).
nrs::App& WarmDemo() {
  static std::unique_ptr<nrs::App> app = [] {
    const std::string path = Temp("nrs_bench_demo.db");
    nrs::InitOptions init;
    init.db_path = path;
    init.demo = true;
    init.force = true;
    Check(nrs::CreateDatabase(init).status());
    auto opened = nrs::App::Open({.db_path = path});
    Check(opened.status());
    nrs::NeighbourhoodOptions n;
    n.name = "Old Swan paired";
    n.wards = {"E05000904"};
    n.comparison = "Claremont";
    Check(nrs::AddNeighbourhood(**opened, n).status());
    return std::move(*opened);
  }();
  return *app;
}

void BM_ProfileWarm(benchmark::State& state) {
  nrs::App& app = WarmDemo();
  nrs::ProfileOptions options;
  options.neighbourhood = "Old Swan paired";
  std::size_t rows = 0;
  for (auto _ : state) {
    auto table = nrs::Profile(app, options);
    if (!table.ok()) state.SkipWithError(table.status().ToString().c_str());
    rows = table->size();
  }
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_ProfileWarm)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  // Library logging goes to stderr and only warnings, so that stdout carries nothing but the results.
  nrs::core::InitLogging(nrs::core::LogLevel::kWarn);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
