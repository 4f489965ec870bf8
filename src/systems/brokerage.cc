#include "systems/brokerage.h"

#include <algorithm>
#include <unordered_map>

namespace nrs::systems {

std::vector<BrokerageCounts> Brokerage(const Graph& graph) {
  const auto n = static_cast<std::size_t>(graph.size());
  // Groups as small integers, and the out- and in-neighbours of each node (both ways when undirected), sorted
  // so that "is there a tie a → c" is a binary search.
  std::unordered_map<std::string, int> group_ids;
  std::vector<int> group(n);
  for (std::size_t i = 0; i < n; ++i) {
    group[i] = group_ids.emplace(graph.groups[i], static_cast<int>(group_ids.size())).first->second;
  }
  std::vector<std::vector<int>> out(n);
  std::vector<std::vector<int>> in(n);
  for (const Graph::Arc& arc : graph.arcs) {
    out[static_cast<std::size_t>(arc.from)].push_back(arc.to);
    in[static_cast<std::size_t>(arc.to)].push_back(arc.from);
    if (!graph.directed) {
      out[static_cast<std::size_t>(arc.to)].push_back(arc.from);
      in[static_cast<std::size_t>(arc.from)].push_back(arc.to);
    }
  }
  for (auto& list : out) std::sort(list.begin(), list.end());
  const auto tied = [&](int a, int c) {
    const auto& list = out[static_cast<std::size_t>(a)];
    return std::binary_search(list.begin(), list.end(), c);
  };
  std::vector<BrokerageCounts> counts(n);
  for (std::size_t v = 0; v < n; ++v) {
    const int gv = group[v];
    for (const int a : in[v]) {
      for (const int c : out[v]) {
        if (a == c || tied(a, c)) continue;
        const int ga = group[static_cast<std::size_t>(a)];
        const int gc = group[static_cast<std::size_t>(c)];
        BrokerageCounts& k = counts[v];
        if (ga == gv && gv == gc) {
          ++k.coordinator;
        } else if (ga == gc) {
          ++k.itinerant;
        } else if (ga == gv) {
          ++k.gatekeeper;
        } else if (gv == gc) {
          ++k.representative;
        } else {
          ++k.liaison;
        }
      }
    }
  }
  return counts;
}

}  // namespace nrs::systems
