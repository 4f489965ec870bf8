// Composite-index benchmarks. bench/run times the same pipeline arithmetic written plainly in R
// (bench/index_reference.R) on the same data and prints the ratios recorded in docs/performance.md.
//
//   Build28:        one build of a 32,844 LSOA × 28 indicator framework (the IoD 2019 underlying indicators in
//                   four domains of seven): winsorising treatment, min–max, arithmetic means, ranks; one core
//   Uncertainty:    1,000 Monte Carlo runs of it (weights; min–max or percentile ranks; treatment or none), two
//                   threads
//   Sensitivity:    5 factors (those, arithmetic or geometric means, no or mean imputation), N = 1,000: 7,000
//                   builds, two threads
//   Asem:           COINr's ASEM example (51 × 49), the whole legacy pipeline, one build
//
// The two threaded benchmarks report wall time and the CPU time of the whole process (all threads): on a shared
// machine the wall time depends on the other load, the CPU time much less.

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "index/analysis.h"
#include "io/index_files.h"

namespace {

std::string Data(const char* env, const std::string& fallback) {
  const char* root = std::getenv(env);
  return root != nullptr ? std::string(root) : fallback;
}

const nrs::index::Prepared& Lsoa28() {
  static const nrs::index::Prepared kPrepared = [] {
    nrs::io::IndexDataSpec spec;
    spec.file =
        Data("NRS_BENCH_DATA", "../shared/data") + "/iod2019_lsoa11/imd2019_lsoa11_underlying_indicators.csv.gz";
    spec.unit = "lsoa11_code";
    auto data = nrs::io::ReadIndexData(spec, {});
    if (!data.ok()) std::abort();
    nrs::index::Framework f;
    f.name = "bench";
    nrs::index::Node root;
    root.code = "Index";
    root.kind = nrs::index::NodeKind::kAggregate;
    f.nodes.push_back(root);
    for (int d = 0; d < 4; ++d) {
      nrs::index::Node domain;
      domain.code = "D" + std::to_string(d);
      domain.parent = "Index";
      domain.kind = nrs::index::NodeKind::kAggregate;
      f.nodes.push_back(domain);
    }
    for (std::size_t c = 0; c < 28; ++c) {
      nrs::index::Node n;
      n.code = data->column_names[c];
      n.parent = "D" + std::to_string(c / 7);
      n.direction = -1;
      f.nodes.push_back(n);
    }
    nrs::index::PipelineOptions o;
    o.treat.method = nrs::index::TreatMethod::kWinsorise;
    o.treat.winmax = 5;
    o.screen.enabled = true;  // 0 of the 32,844 LSOAs fall below 66% availability
    auto p = nrs::index::Prepare(f, *data, o);
    if (!p.ok()) std::abort();
    return *p;
  }();
  return kPrepared;
}

void BM_Build28(benchmark::State& state) {
  const nrs::index::Prepared& p = Lsoa28();
  for (auto _ : state) {
    auto b = nrs::index::Build(p, p.options, nrs::index::Detail::kScores);
    benchmark::DoNotOptimize(b);
  }
}
BENCHMARK(BM_Build28)->Unit(benchmark::kMillisecond);

nrs::index::UncertaintyOptions Space() {
  nrs::index::UncertaintyOptions o;
  o.threads = 2;
  o.normalisations = {nrs::index::NormaliseMethod::kMinMax, nrs::index::NormaliseMethod::kPercentileRank};
  o.treatments = {nrs::index::TreatMethod::kWinsorise, nrs::index::TreatMethod::kNone};
  return o;
}

void BM_Uncertainty1000(benchmark::State& state) {
  const nrs::index::Prepared& p = Lsoa28();
  nrs::index::UncertaintyOptions o = Space();
  o.runs = 1000;
  for (auto _ : state) {
    auto r = nrs::index::Uncertainty(p, o);
    if (!r.ok()) state.SkipWithError("uncertainty failed");
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_Uncertainty1000)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime()->MeasureProcessCPUTime();

void BM_Sensitivity5x1000(benchmark::State& state) {
  const nrs::index::Prepared& p = Lsoa28();
  nrs::index::SensitivityOptions o;
  o.space = Space();
  o.space.aggregations = {nrs::index::AggregateMethod::kArithmetic, nrs::index::AggregateMethod::kGeometric};
  o.space.imputations = {nrs::index::ImputeMethod::kNone, nrs::index::ImputeMethod::kMean};
  o.sobol.n = 1000;
  o.sobol.threads = 2;
  for (auto _ : state) {
    auto r = nrs::index::Sensitivity(p, o);
    if (!r.ok() || r->factors.size() != 5) state.SkipWithError("sensitivity failed");
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_Sensitivity5x1000)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime()->MeasureProcessCPUTime();

void BM_AsemBuild(benchmark::State& state) {
  static const nrs::index::Prepared kAsem = [] {
    const std::string root = Data("NRS_SOURCE_DIR", ".");
    auto f = nrs::io::ReadFrameworkFile(root + "/frameworks/asem-coinr-example.toml");
    if (!f.ok()) std::abort();
    auto d = nrs::io::ReadIndexData(f->data, nrs::io::NeededColumns(f->framework, f->pipeline));
    if (!d.ok()) std::abort();
    auto p = nrs::index::Prepare(f->framework, *d, f->pipeline);
    if (!p.ok()) std::abort();
    return *p;
  }();
  for (auto _ : state) {
    auto b = nrs::index::Build(kAsem, kAsem.options, nrs::index::Detail::kFull);
    benchmark::DoNotOptimize(b);
  }
}
BENCHMARK(BM_AsemBuild)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
