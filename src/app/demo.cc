#include "app/demo.h"

#include "app/embedded.h"
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

Result<io::CsvReader> OpenDemoCsv(std::string_view name) {
  const auto data = FindDemoFile(name);
  if (!data) return Status::Internal("demo file '{}' is not compiled into this program", name);
  return io::CsvReader::FromText(std::string(name), std::string(*data));
}

// Counts the records of a demo CSV, validating its shape on the way.
Result<std::int64_t> CountRecords(io::CsvReader& reader) {
  std::int64_t rows = 0;
  while (true) {
    NRS_ASSIGN_OR_RETURN(const bool more, reader.Next());
    if (!more) return rows;
    ++rows;
  }
}

}  // namespace

Status LoadDemo(store::Transaction& tx, core::Progress& progress, const core::Clock& clock) {
  progress.Start("demo: Neighbourhoods for Learning", 1);
  NRS_ASSIGN_OR_RETURN(io::CsvReader nfl, OpenDemoCsv("nfl_wards.csv"));
  NRS_ASSIGN_OR_RETURN(const std::int64_t rows, CountRecords(nfl));
  store::DatasetRecord dataset;
  dataset.kind = "neighbourhoods";
  dataset.name = "Neighbourhoods for Learning (demo)";
  dataset.source = "nfl_wards.csv";
  dataset.publisher = "Neighbourhood Resilience Programme public pages, mapped to ONS 2019 wards";
  dataset.licence = "OGL v3 (ward codes); programme facts from public pages";
  dataset.rows = rows;
  dataset.imported_at = core::FormatUtc(clock.Now());
  NRS_RETURN_IF_ERROR(store::RecordDataset(tx, dataset).status());
  progress.Update(1);
  progress.Finish();
  return Status::Ok();
}

}  // namespace nrs::app
