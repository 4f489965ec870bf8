#include "systems/loops.h"

#include <algorithm>
#include <limits>

namespace nrs::systems {
namespace {

struct Search {
  const Graph* graph = nullptr;
  std::vector<std::vector<std::pair<int, int>>> out;  // (target, sign) per node
  std::vector<int> back;                              // links from a node back to the start; kFar if none
  std::vector<char> on_path;
  std::vector<int> path;
  std::vector<int> signs;
  int start = 0;
  int max_length = 0;
  std::int64_t steps = 0;
  const LoopOptions* options = nullptr;
  LoopReport* report = nullptr;

  static constexpr int kFar = std::numeric_limits<int>::max() / 2;

  // Extends the path ending at `u`; false when the step budget ran out.
  bool Extend(int u) {
    const int length = static_cast<int>(path.size());  // links once the next one is added
    for (const auto& [w, sign] : out[static_cast<std::size_t>(u)]) {
      if (w == start) {
        Record(sign);
        continue;
      }
      if (w < start || on_path[static_cast<std::size_t>(w)] != 0) continue;
      if (length + back[static_cast<std::size_t>(w)] > max_length) continue;
      if (++steps > options->max_steps) return false;
      on_path[static_cast<std::size_t>(w)] = 1;
      path.push_back(w);
      signs.push_back(sign);
      const bool go_on = Extend(w);
      path.pop_back();
      signs.pop_back();
      on_path[static_cast<std::size_t>(w)] = 0;
      if (!go_on) return false;
    }
    return true;
  }

  void Record(int closing_sign) {
    ++report->found;
    if (report->found > options->max_loops) {
      ++report->cut;
      return;
    }
    Loop loop;
    loop.nodes = path;
    loop.polarity = closing_sign;
    for (const int s : signs) loop.polarity *= s;
    report->loops.push_back(std::move(loop));
  }
};

}  // namespace

Status LoopOptions::Validate() const {
  if (max_length < 0)
    return Status::InvalidArgument("the loop length bound must be 0 (none) or more, not {}", max_length);
  if (max_loops < 0) return Status::InvalidArgument("the loop cap must be 0 or more, not {}", max_loops);
  if (max_steps < 1) return Status::InvalidArgument("the search budget must be at least 1 step, not {}", max_steps);
  return Status::Ok();
}

std::string_view PolarityName(int polarity) {
  if (polarity > 0) return "reinforcing";
  if (polarity < 0) return "balancing";
  return "unsigned";
}

Result<LoopReport> FindLoops(const Graph& graph, const LoopOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  if (!graph.directed) return Status::InvalidArgument("feedback loops need a directed map of causal links");
  const auto n = static_cast<std::size_t>(graph.size());
  LoopReport report;
  Search search;
  search.graph = &graph;
  search.options = &options;
  search.report = &report;
  search.max_length = options.max_length == 0 ? graph.size() : std::min(options.max_length, graph.size());
  search.out.resize(n);
  std::vector<std::vector<int>> in(n);
  for (const Graph::Arc& arc : graph.arcs) {
    if (arc.from == arc.to) continue;  // a self-link is not a loop between factors
    search.out[static_cast<std::size_t>(arc.from)].emplace_back(arc.to, arc.sign);
    in[static_cast<std::size_t>(arc.to)].push_back(arc.from);
  }
  // Neighbours in node order, so that loops are found in a stable order.
  for (auto& list : search.out) std::sort(list.begin(), list.end());
  search.on_path.assign(n, 0);
  search.back.assign(n, Search::kFar);
  std::vector<int> queue;
  for (int s = 0; s < graph.size(); ++s) {
    // Links needed to get back to s, through nodes after s only, up to the bound.
    std::fill(search.back.begin(), search.back.end(), Search::kFar);
    search.back[static_cast<std::size_t>(s)] = 0;
    queue.assign(1, s);
    for (std::size_t head = 0; head < queue.size(); ++head) {
      const int v = queue[head];
      const int d = search.back[static_cast<std::size_t>(v)];
      if (d + 1 >= search.max_length) continue;
      for (const int u : in[static_cast<std::size_t>(v)]) {
        if (u > s && search.back[static_cast<std::size_t>(u)] == Search::kFar) {
          search.back[static_cast<std::size_t>(u)] = d + 1;
          queue.push_back(u);
        }
      }
    }
    search.start = s;
    search.path.assign(1, s);
    search.signs.clear();
    search.on_path[static_cast<std::size_t>(s)] = 1;
    const bool go_on = search.Extend(s);
    search.on_path[static_cast<std::size_t>(s)] = 0;
    if (!go_on) {
      report.complete = false;
      break;
    }
  }
  std::stable_sort(report.loops.begin(), report.loops.end(), [](const Loop& a, const Loop& b) {
    if (a.nodes.size() != b.nodes.size()) return a.nodes.size() < b.nodes.size();
    return a.nodes < b.nodes;
  });
  return report;
}

}  // namespace nrs::systems
