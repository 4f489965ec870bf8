// Statistics benchmarks: the throughput of the interval kernels and the time of the grouped statistics at
// national scale. bench/run times the same work written plainly in R (bench/stats_reference.R) on the same
// sizes and prints the ratios recorded in docs/performance.md.
//
//   Wilson:  1,000,000 proportions, 95% and 99.8% limits (2 intervals each)
//   Byar:    1,000,000 counts of 10 or more, 95% and 99.8% limits
//   DSR:     32,844 areas (the LSOAs of England) × 19 age bands, ESP 2013, Dobson limits
//   LE:      7,000 areas × 20 age bands, Chiang II with Silcocks, 95% and 99.8%

#include <benchmark/benchmark.h>

#include <random>

#include "stats/life_expectancy.h"
#include "stats/proportion.h"
#include "stats/rate.h"
#include "stats/standardisation.h"

namespace {

constexpr std::size_t kRows = 1000000;
constexpr std::size_t kLsoas = 32844;
constexpr std::size_t kLifeTables = 7000;

struct Counts {
  std::vector<double> x, n;
};

// Proportions of populations from 100 to 10,000; counts of 10 to 5,000 events.
const Counts& Proportions() {
  static const Counts kData = [] {
    std::mt19937_64 engine(1);
    std::uniform_real_distribution<double> size(100, 10000), share(0, 1);
    Counts c;
    for (std::size_t i = 0; i < kRows; ++i) {
      c.n.push_back(std::floor(size(engine)));
      c.x.push_back(std::floor(c.n.back() * share(engine)));
    }
    return c;
  }();
  return kData;
}

const Counts& Events() {
  static const Counts kData = [] {
    std::mt19937_64 engine(2);
    std::uniform_int_distribution<int> events(10, 5000);
    Counts c;
    for (std::size_t i = 0; i < kRows; ++i) {
      c.x.push_back(events(engine));
      c.n.push_back(100000);
    }
    return c;
  }();
  return kData;
}

void BM_Wilson(benchmark::State& state) {
  const Counts& data = Proportions();
  for (auto _ : state) {
    auto e = nrs::stats::Proportions(data.x, data.n, {});
    benchmark::DoNotOptimize(e->lower[1].back());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(2 * kRows));  // intervals
}
BENCHMARK(BM_Wilson)->Unit(benchmark::kMillisecond);

void BM_Byar(benchmark::State& state) {
  const Counts& data = Events();
  for (auto _ : state) {
    auto e = nrs::stats::Rates(data.x, data.n, {});
    benchmark::DoNotOptimize(e->upper[1].back());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(2 * kRows));
}
BENCHMARK(BM_Byar)->Unit(benchmark::kMillisecond);

// One row per LSOA and age band, bands in ESP 2013 order; 0–60 deaths over 20–400 people per band.
struct Bands {
  std::vector<double> x, n, age;
  nrs::stats::Groups groups;
};

const Bands& Lsoas() {
  static const Bands kData = [] {
    std::mt19937_64 engine(3);
    std::uniform_real_distribution<double> people(20, 400), rate(0, 0.15);
    Bands b;
    for (std::size_t area = 0; area < kLsoas; ++area) {
      for (std::size_t band = 0; band < nrs::stats::kEsp2013.size(); ++band) {
        b.n.push_back(std::floor(people(engine)));
        b.x.push_back(std::floor(b.n.back() * rate(engine) * static_cast<double>(band + 1) / 19));
        b.groups.group_of_row.push_back(area);
      }
    }
    b.groups.count = kLsoas;
    return b;
  }();
  return kData;
}

void BM_Dsr(benchmark::State& state) {
  const Bands& data = Lsoas();
  nrs::stats::DsrInput input;
  input.x = data.x;
  input.n = data.n;
  input.standard = nrs::stats::kEsp2013;
  input.standard_by_position = true;
  for (auto _ : state) {
    auto r = nrs::stats::DirectlyStandardisedRates(input, data.groups, {});
    benchmark::DoNotOptimize(r->estimates.value.back());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kLsoas));  // DSRs
}
BENCHMARK(BM_Dsr)->Unit(benchmark::kMillisecond);

// Life tables of middle-sized areas: 2,000–6,000 people per band, mortality rising with age.
const Bands& LifeTables() {
  static const Bands kData = [] {
    std::mt19937_64 engine(4);
    std::uniform_real_distribution<double> people(2000, 6000), noise(0.8, 1.2);
    Bands b;
    for (std::size_t area = 0; area < kLifeTables; ++area) {
      for (std::size_t band = 0; band < nrs::stats::kLifeTableStartAges.size(); ++band) {
        const double age = nrs::stats::kLifeTableStartAges[band];
        const double mortality = (band == 0 ? 0.004 : 0.00005 * std::exp(age / 11.0)) * noise(engine);
        b.n.push_back(std::floor(people(engine)));
        b.x.push_back(std::max(1.0, std::floor(b.n.back() * std::min(mortality, 0.3))));
        b.age.push_back(age);
        b.groups.group_of_row.push_back(area);
      }
    }
    b.groups.count = kLifeTables;
    return b;
  }();
  return kData;
}

void BM_LifeExpectancy(benchmark::State& state) {
  const Bands& data = LifeTables();
  for (auto _ : state) {
    auto e = nrs::stats::LifeExpectancy({data.x, data.n, data.age}, data.groups, {});
    benchmark::DoNotOptimize(e->value.front());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kLifeTables));  // life tables
}
BENCHMARK(BM_LifeExpectancy)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
