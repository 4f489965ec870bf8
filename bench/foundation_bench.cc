// Foundation benchmarks: how fast the store takes rows and the CSV reader reads them, on the all-England
// IoD 2019 file (32,844 rows × 38 columns). bench/run times `sqlite3 .import` of the same file as the
// reference.

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "io/csv_reader.h"
#include "store/sqlite_store.h"

namespace {

std::string DataFile(const char* relative) {
  const char* root = std::getenv("NRS_BENCH_DATA");
  return std::string(root != nullptr ? root : "../shared/data") + "/" + relative;
}

const std::string& IodText() {
  static const std::string kText = [] {
    auto t = nrs::io::ReadFileText(DataFile("iod2019_lsoa11/iod2019_lsoa11_combined.csv"));
    if (!t.ok()) {
      std::fprintf(stderr, "%s\n", t.status().ToString().c_str());
      std::exit(1);
    }
    return std::move(*t);
  }();
  return kText;
}

void BM_CsvReadIod(benchmark::State& state) {
  const std::string& text = IodText();
  for (auto _ : state) {
    auto reader = nrs::io::CsvReader::FromText("iod.csv", text);
    std::int64_t fields = 0;
    while (*reader->Next()) fields += static_cast<std::int64_t>(reader->fields().size());
    benchmark::DoNotOptimize(fields);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_CsvReadIod)->Unit(benchmark::kMillisecond);

// Parse the file and store every row (all columns as text) in one transaction of a new file database, the
// same work as `sqlite3 new.db ".import --csv file t"`.
void BM_ImportIodIntoStore(benchmark::State& state) {
  const std::string& text = IodText();
  const std::string path = std::filesystem::temp_directory_path() / "nrs_bench_import.db";
  for (auto _ : state) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    nrs::store::SqliteOptions options;
    options.path = path;
    options.create_if_missing = true;
    auto store = nrs::store::OpenSqliteStore(options);
    auto reader = nrs::io::CsvReader::FromText("iod.csv", text);
    const std::size_t width = reader->header().size();
    std::string create = "CREATE TABLE t (";
    std::string insert = "INSERT INTO t VALUES (";
    for (std::size_t i = 0; i < width; ++i) {
      create += (i ? ", c" : "c") + std::to_string(i) + " TEXT";
      insert += i ? ", ?" : "?";
    }
    create += ")";
    insert += ")";
    const nrs::Status s = (*store)->Write([&](nrs::store::Transaction& tx) -> nrs::Status {
      NRS_RETURN_IF_ERROR(tx.Execute(create));
      NRS_ASSIGN_OR_RETURN(nrs::store::Statement * statement, tx.Prepare(insert));
      std::vector<nrs::store::Param> params;
      while (*reader->Next()) {
        params.assign(reader->fields().begin(), reader->fields().end());
        NRS_RETURN_IF_ERROR(statement->Execute(params));
      }
      return nrs::Status::Ok();
    });
    if (!s.ok()) state.SkipWithError(s.ToString().c_str());
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}
BENCHMARK(BM_ImportIodIntoStore)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
