#include "index/framework.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <unordered_map>

namespace nrs::index {

Result<Structure> Analyse(const Framework& framework) {
  const std::vector<Node>& nodes = framework.nodes;
  DiagnosticList problems(framework.name.empty() ? "framework" : framework.name);
  if (nodes.empty()) return Status::InvalidInput("the framework has no nodes");
  std::unordered_map<std::string, std::size_t> by_code;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const Node& n = nodes[i];
    if (n.code.empty()) {
      problems.Add(0, "", "node {} has no code", i + 1);
      continue;
    }
    if (!by_code.emplace(n.code, i).second) problems.Add(0, n.code, "the code '{}' is used twice", n.code);
    if (n.direction != 1 && n.direction != -1) {
      problems.Add(0, n.code, "direction must be 1 or -1, not {}", n.direction);
    }
    if (!std::isfinite(n.weight) || n.weight < 0) {
      problems.Add(0, n.code, "weight must be a finite number ≥ 0, not {}", n.weight);
    }
  }
  if (!problems.empty()) return problems.ToStatus();

  Structure s;
  s.children.resize(nodes.size());
  s.parent.assign(nodes.size(), -1);
  s.level.assign(nodes.size(), 0);
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const Node& n = nodes[i];
    if (n.kind == NodeKind::kIndicator) s.indicators.push_back(i);
    if (n.parent.empty()) {
      roots.push_back(i);
      continue;
    }
    const auto it = by_code.find(n.parent);
    if (it == by_code.end()) {
      problems.Add(0, n.code, "parent '{}' is not a node of the framework", n.parent);
      continue;
    }
    if (nodes[it->second].kind == NodeKind::kIndicator) {
      problems.Add(0, n.code, "parent '{}' is an indicator, not an aggregate", n.parent);
      continue;
    }
    s.parent[i] = static_cast<int>(it->second);
    s.children[it->second].push_back(i);
  }
  if (!problems.empty()) return problems.ToStatus();

  // Cycles: walk up from every node; a walk longer than the number of nodes has gone round.
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    int p = s.parent[i];
    std::size_t steps = 0;
    while (p >= 0 && steps <= nodes.size()) {
      p = s.parent[static_cast<std::size_t>(p)];
      ++steps;
    }
    if (p >= 0) {
      return Status::InvalidInput("the framework has a cycle through node '{}' (a node is its own ancestor)",
                                  nodes[i].code);
    }
  }
  if (roots.empty()) return Status::InvalidInput("the framework has no root (every node has a parent)");
  if (roots.size() > 1) {
    std::vector<std::string> codes;
    codes.reserve(roots.size());
    for (const std::size_t r : roots) codes.push_back(nodes[r].code);
    return Status::InvalidInput(
        "the framework has {} nodes without a parent ({}); exactly one root is allowed: give the others a parent "
        "(an orphan is a node whose parent is missing)",
        roots.size(), fmt::join(codes, ", "));
  }
  s.root = roots.front();
  if (nodes[s.root].kind == NodeKind::kIndicator && nodes.size() > 1) {
    return Status::InvalidInput("the root '{}' is an indicator", nodes[s.root].code);
  }
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].kind != NodeKind::kAggregate) continue;
    if (s.children[i].empty()) {
      problems.Add(0, nodes[i].code, "aggregate '{}' has no children", nodes[i].code);
      continue;
    }
    double total = 0;
    for (const std::size_t c : s.children[i]) total += nodes[c].weight;
    if (total <= 0) problems.Add(0, nodes[i].code, "the weights of the children of '{}' are all zero", nodes[i].code);
  }
  if (!problems.empty()) return problems.ToStatus();

  // Levels and the bottom-up order of aggregates.
  const std::function<int(std::size_t)> level = [&](std::size_t i) -> int {
    if (s.level[i] > 0) return s.level[i];
    int l = 1;
    for (const std::size_t c : s.children[i]) l = std::max(l, level(c) + 1);
    s.level[i] = nodes[i].kind == NodeKind::kIndicator ? 1 : l;
    return s.level[i];
  };
  for (std::size_t i = 0; i < nodes.size(); ++i) level(i);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].kind == NodeKind::kAggregate) s.aggregates.push_back(i);
  }
  std::stable_sort(s.aggregates.begin(), s.aggregates.end(),
                   [&](std::size_t a, std::size_t b) { return s.level[a] < s.level[b]; });
  s.levels = s.level[s.root];
  return s;
}

std::vector<double> EffectiveWeights(const Structure& structure, const std::vector<double>& weights) {
  std::vector<double> out;
  out.reserve(structure.indicators.size());
  for (const std::size_t i : structure.indicators) {
    double w = 1;
    std::size_t node = i;
    while (structure.parent[node] >= 0) {
      const auto parent = static_cast<std::size_t>(structure.parent[node]);
      double total = 0;
      for (const std::size_t c : structure.children[parent]) total += weights[c];
      w *= total > 0 ? weights[node] / total : 0;
      node = parent;
    }
    out.push_back(w);
  }
  return out;
}

}  // namespace nrs::index
