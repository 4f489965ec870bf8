// System-map benchmarks: betweenness of a 10,000-actor / 50,000-tie map (igraph's own on one thread, ours on
// every core), and every feedback loop up to length 8 of a 200-factor / 600-link signed map. bench/run times R
// igraph's betweenness on the same graph (bench/systems_reference.R) as the reference.
//
// The graph: NRS_BENCH_NETWORK names the CSV edge table bench/run wrote for both tools; without it, the same
// kind of graph is drawn here (seeded).

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>

#include "io/graph_files.h"
#include "systems/loops.h"
#include "systems/measures.h"

namespace {

using nrs::systems::Graph;
using nrs::systems::Network;

// `n` nodes and `m` distinct links drawn uniformly (seeded), no self-links; signed at random when `sign`.
Network RandomNetwork(int n, int m, bool directed, bool sign, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<int> pick(0, n - 1);
  std::bernoulli_distribution positive(0.5);
  Network network;
  network.directed = directed;
  std::set<std::pair<int, int>> seen;
  while (static_cast<int>(network.edges.size()) < m) {
    int a = pick(random);
    int b = pick(random);
    if (a == b) continue;
    if (!directed && b < a) std::swap(a, b);
    if (!seen.insert({a, b}).second) continue;
    network.edges.push_back(
        {.source = std::to_string(a), .target = std::to_string(b), .sign = sign ? (positive(random) ? 1 : -1) : 0});
  }
  return network;
}

const Graph& ActorGraph() {
  static const Graph kGraph = [] {
    Network network;
    if (const char* path = std::getenv("NRS_BENCH_NETWORK")) {
      auto read = nrs::io::ReadCsvNetwork(path, "", {});
      if (!read.ok()) {
        std::fprintf(stderr, "%s\n", read.status().ToString().c_str());
        std::exit(1);
      }
      network = std::move(*read);
    } else {
      network = RandomNetwork(10'000, 50'000, false, false, 20240601);
    }
    auto graph = nrs::systems::BuildGraph(network);
    if (!graph.ok()) std::exit(1);
    return std::move(*graph);
  }();
  return kGraph;
}

void BM_Betweenness10k(benchmark::State& state) {
  const Graph& graph = ActorGraph();
  nrs::systems::MeasureOptions options;
  options.threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    auto result = nrs::systems::Betweenness(graph, options);
    if (!result.ok()) state.SkipWithError(result.status().ToString().c_str());
    benchmark::DoNotOptimize(result);
  }
  state.counters["nodes"] = graph.size();
  state.counters["arcs"] = static_cast<double>(graph.arcs.size());
}
BENCHMARK(BM_Betweenness10k)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kSecond)->Iterations(1);

void BM_Loops200(benchmark::State& state) {
  auto graph = nrs::systems::BuildGraph(RandomNetwork(200, 600, true, true, 7));
  if (!graph.ok()) std::exit(1);
  nrs::systems::LoopOptions options;
  options.max_length = 8;
  options.max_loops = 1'000'000;
  std::int64_t found = 0;
  for (auto _ : state) {
    auto report = nrs::systems::FindLoops(*graph, options);
    if (!report.ok() || !report->complete) state.SkipWithError("loop search failed or was cut");
    found = report->found;
    benchmark::DoNotOptimize(report);
  }
  state.counters["loops"] = static_cast<double>(found);
}
BENCHMARK(BM_Loops200)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
