// Survey benchmark: 100,000 respondents × 20 variables, means with Taylor-linearised standard errors (and design
// effects) for 28 areas × 2 waves, in a design stratified by area with households as PSUs — on one core.
// bench/run times R survey's svydesign + svyby(…, svymean) on the same file (bench/survey_reference.R).
//
// The data: NRS_BENCH_SURVEY names the CSV bench/run wrote for both tools (complete cases of the synthetic
// survey); without it, a synthetic survey of the same size is generated here (seeded).

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "io/survey_data.h"
#include "survey/design.h"
#include "survey/estimate.h"
#include "survey/generator.h"

namespace {

constexpr const char* kVariables[20] = {"swemwbs1",
                                        "swemwbs2",
                                        "swemwbs3",
                                        "swemwbs4",
                                        "swemwbs5",
                                        "swemwbs6",
                                        "swemwbs7",
                                        "gad1",
                                        "gad2",
                                        "gad3",
                                        "gad4",
                                        "gad5",
                                        "gad6",
                                        "gad7",
                                        "influence",
                                        "cohesion1",
                                        "cohesion2",
                                        "cohesion3",
                                        "housing_condition",
                                        "finance"};

struct BenchData {
  std::vector<std::string> area;
  std::vector<std::string> wave;
  std::vector<std::string> household;
  std::vector<double> weight;
  std::vector<std::vector<double>> variables;
};

BenchData Load() {
  BenchData data;
  const char* path = std::getenv("NRS_BENCH_SURVEY");
  if (path != nullptr) {
    std::vector<std::string> columns = {"area", "wave", "household", "weight"};
    columns.insert(columns.end(), std::begin(kVariables), std::end(kVariables));
    auto read = nrs::io::ReadSurveyColumns(path, columns);
    if (!read.ok()) std::abort();
    data.area = read->text[0];
    data.wave = read->text[1];
    data.household = read->text[2];
    data.weight = *nrs::io::NumericColumn(*read, "weight", false);
    for (const char* v : kVariables) data.variables.push_back(*nrs::io::NumericColumn(*read, v, true));
    return data;
  }
  nrs::survey::GeneratorOptions options;
  options.respondents_per_area = 1786;
  auto survey = nrs::survey::GenerateSyntheticSurvey(options);
  data.variables.resize(20);
  for (const auto& r : survey->respondents) {
    data.area.push_back(survey->areas[static_cast<std::size_t>(r.area)].code);
    data.wave.push_back(std::to_string(r.wave));
    data.household.push_back(r.household);
    data.weight.push_back(r.weight);
    const int answers[20] = {r.swemwbs[0],  r.swemwbs[1],  r.swemwbs[2],  r.swemwbs[3], r.swemwbs[4],
                             r.swemwbs[5],  r.swemwbs[6],  r.gad7[0],     r.gad7[1],    r.gad7[2],
                             r.gad7[3],     r.gad7[4],     r.gad7[5],     r.gad7[6],    r.influence,
                             r.cohesion[0], r.cohesion[1], r.cohesion[2], r.housing,    r.finance};
    for (int k = 0; k < 20; ++k) data.variables[k].push_back(answers[k] < 0 ? std::nan("") : answers[k]);
  }
  return data;
}

const BenchData& Data() {
  static const BenchData kData = Load();
  return kData;
}

// Design (strata, PSUs), the 56 domains and 20 × 56 estimates: what svydesign + svyby do in R.
void BM_SurveyMeans100k(benchmark::State& state) {
  const BenchData& data = Data();
  for (auto _ : state) {
    auto design =
        nrs::survey::Design::Make({.weights = data.weight, .strata = data.area, .clusters = data.household, .fpc = {}});
    if (!design.ok()) state.SkipWithError("design");
    nrs::survey::Domains domains{std::vector<std::int32_t>(data.area.size()), 0};
    std::map<std::pair<std::string_view, std::string_view>, std::int32_t> ids;
    for (std::size_t i = 0; i < data.area.size(); ++i) {
      const auto [it, added] =
          ids.emplace(std::make_pair(std::string_view(data.area[i]), std::string_view(data.wave[i])),
                      static_cast<std::int32_t>(ids.size()));
      domains.of_row[i] = it->second;
    }
    domains.count = ids.size();
    double checksum = 0;
    for (const std::vector<double>& v : data.variables) {
      auto estimates = nrs::survey::Estimate(*design, v, {}, domains, {});
      if (!estimates.ok()) state.SkipWithError("estimate");
      checksum += (*estimates)[0].se;
    }
    benchmark::DoNotOptimize(checksum);
  }
  state.counters["respondents"] = static_cast<double>(data.area.size());
}
BENCHMARK(BM_SurveyMeans100k)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
