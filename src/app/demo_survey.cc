// The demo's resident survey: the programme's household survey as the seeded generator makes it (never real
// respondents) — the seven Neighbourhoods for Learning as programme areas, fourteen comparison and seven
// better-off areas, two waves with a panel and a planted programme effect — stored like an imported survey and
// published as neighbourhood indicators, calibrated to each neighbourhood's population.

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/survey_internal.h"
#include "io/table_writer.h"
#include "survey/generator.h"

namespace nrs::survey_app {

Status LoadDemoSurvey(store::Transaction& tx, const core::Clock& clock) {
  constexpr std::uint64_t kSeed = 2019;
  survey::GeneratorOptions generator;
  generator.seed = kSeed;
  generator.programme_names = NeighbourhoodNames();
  NRS_ASSIGN_OR_RETURN(const survey::SyntheticSurvey synthetic, survey::GenerateSyntheticSurvey(generator));
  std::vector<core::TableColumn> columns;
  for (const std::string& name : survey::SyntheticHeader()) columns.push_back({name, core::CellType::kText});
  core::Table table(std::move(columns));
  for (const survey::SyntheticRespondent& r : synthetic.respondents) {
    std::vector<core::Cell> row;
    for (std::string& v : survey::SyntheticRow(synthetic, r)) row.emplace_back(std::move(v));
    table.AddRow(std::move(row));
  }
  std::ostringstream csv;
  io::WriteTable(table, io::OutputFormat::kCsv, csv);
  const std::string source = fmt::format("synthetic: nrs survey generate --seed {}", kSeed);
  // The import reads files: the generated survey goes through a private temporary file, removed afterwards.
  std::error_code error;
  const std::filesystem::path path =
      std::filesystem::temp_directory_path(error) /
      fmt::format("nrs-demo-survey-{}-{}.csv", ::getpid(), std::chrono::steady_clock::now().time_since_epoch().count());
  if (error) return Status::IoError("no temporary directory for the demo survey: {}", error.message());
  struct Remove {
    std::filesystem::path path;
    ~Remove() {
      std::error_code ignored;
      std::filesystem::remove(path, ignored);
    }
  } remove{path};
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << csv.str();
    out.flush();
    if (!out) return Status::IoError("cannot write the demo survey to {}", path.string());
  }
  SurveyImportOptions options;
  options.data = path.string();
  options.survey = kDemoSurvey;
  options.synthetic = true;
  options.licence = "synthetic data, free to use";
  NRS_RETURN_IF_ERROR(StoreSurvey(tx, options, options.data, source, clock).status());
  SurveyPublishOptions publish;
  publish.survey = kDemoSurvey;
  return PublishSurveyIndicators(tx, publish).status();
}

}  // namespace nrs::survey_app
