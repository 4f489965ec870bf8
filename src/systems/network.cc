#include "systems/network.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>
#include <utility>

#include "core/text.h"

namespace nrs::systems {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The run of digits at the start of `s` without leading zeros (at least one digit kept).
std::string_view DigitRun(std::string_view s, std::size_t* length) {
  std::size_t n = 0;
  while (n < s.size() && IsDigit(s[n])) ++n;
  *length = n;
  std::size_t z = 0;
  while (z + 1 < n && s[z] == '0') ++z;
  return s.substr(z, n - z);
}

}  // namespace

bool NaturalLess(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (IsDigit(a[i]) && IsDigit(b[j])) {
      std::size_t la = 0;
      std::size_t lb = 0;
      const std::string_view da = DigitRun(a.substr(i), &la);
      const std::string_view db = DigitRun(b.substr(j), &lb);
      // Without leading zeros, the longer run is the larger number; equal lengths compare as text.
      if (da.size() != db.size()) return da.size() < db.size();
      if (da != db) return da < db;
      i += la;
      j += lb;
      continue;
    }
    if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
    ++i;
    ++j;
  }
  if ((i < a.size()) != (j < b.size())) return i >= a.size();
  return a < b;  // equal under the natural order ("01" and "1"): a total order still needs a tie-break
}

bool IsIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsDigit(text[i])) return false;
  }
  const int month = (text[5] - '0') * 10 + (text[6] - '0');
  const int day = (text[8] - '0') * 10 + (text[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::optional<int> ParseSign(std::string_view text) {
  const std::string t = core::ToLower(core::Trim(text));
  if (t.empty()) return 0;
  if (t == "+" || t == "+1" || t == "1" || t == "positive" || t == "same") return 1;
  if (t == "-" || t == "\xE2\x88\x92" || t == "-1" || t == "negative" || t == "opposite") return -1;
  return std::nullopt;
}

std::vector<NetworkProblem> FindProblems(const Network& network, const NetworkRules& rules) {
  std::vector<NetworkProblem> problems;
  const auto add_node = [&](std::size_t node, std::string column, std::string reason) {
    problems.push_back({NetworkProblem::kNowhere, node, std::move(column), std::move(reason)});
  };
  const auto add_edge = [&](std::size_t edge, std::string column, std::string reason) {
    problems.push_back({edge, NetworkProblem::kNowhere, std::move(column), std::move(reason)});
  };
  std::unordered_map<std::string, std::size_t> first_node;
  for (std::size_t i = 0; i < network.nodes.size(); ++i) {
    const Node& node = network.nodes[i];
    if (node.id.empty()) {
      add_node(i, "id", "the node has no id");
      continue;
    }
    const auto [at, inserted] = first_node.emplace(node.id, i);
    if (!inserted) add_node(i, "id", fmt::format("node '{}' is listed twice", node.id));
    if (node.influence && !std::isfinite(*node.influence)) add_node(i, "influence", "not a finite number");
  }
  // An arc (or, undirected, an unordered pair) and the edge that first named it.
  std::unordered_map<std::string, std::size_t> first_arc;
  const auto arc_key = [&](const std::string& from, const std::string& to) {
    if (!network.directed && to < from) return fmt::format("{}\x1f{}", to, from);
    return fmt::format("{}\x1f{}", from, to);
  };
  for (std::size_t i = 0; i < network.edges.size(); ++i) {
    const Edge& e = network.edges[i];
    if (e.source.empty()) add_edge(i, "source", "empty; expected a node id");
    if (e.target.empty()) add_edge(i, "target", "empty; expected a node id");
    if (!std::isfinite(e.weight) || e.weight < 0) {
      add_edge(i, "weight", "expected a number of zero or more");
    }
    if (e.sign < -1 || e.sign > 1) add_edge(i, "sign", "expected + or -");
    if (rules.require_sign && e.sign == 0) add_edge(i, "sign", "a causal link needs a sign, + or -");
    const bool from_ok = e.valid_from.empty() || IsIsoDate(e.valid_from);
    const bool to_ok = e.valid_to.empty() || IsIsoDate(e.valid_to);
    if (!from_ok) add_edge(i, "valid_from", fmt::format("'{}' is not a date YYYY-MM-DD", e.valid_from));
    if (!to_ok) add_edge(i, "valid_to", fmt::format("'{}' is not a date YYYY-MM-DD", e.valid_to));
    if (from_ok && to_ok && !e.valid_from.empty() && !e.valid_to.empty() && e.valid_to < e.valid_from) {
      add_edge(i, "valid_to", fmt::format("{} is before valid_from {}", e.valid_to, e.valid_from));
    }
    if (e.source.empty() || e.target.empty()) continue;
    if (e.source == e.target && !rules.allow_self_loops) {
      add_edge(i, "target", fmt::format("a tie from '{}' to itself is not allowed", e.source));
      continue;
    }
    std::vector<std::string> keys = {arc_key(e.source, e.target)};
    if (network.directed && e.mutual && e.source != e.target) keys.push_back(arc_key(e.target, e.source));
    for (const std::string& key : keys) {
      const auto [at, inserted] = first_arc.emplace(key, i);
      if (!inserted && at->second != i) {
        add_edge(
            i, "target",
            fmt::format("the tie {} {} {} repeats an earlier row", e.source, network.directed ? "->" : "--", e.target));
        break;
      }
    }
  }
  return problems;
}

int Graph::Find(std::string_view id) const {
  const auto at = std::lower_bound(ids.begin(), ids.end(), id,
                                   [](const std::string& a, std::string_view b) { return NaturalLess(a, b); });
  return at != ids.end() && *at == id ? static_cast<int>(at - ids.begin()) : -1;
}

bool Graph::HasGroups() const {
  return !groups.empty() && std::none_of(groups.begin(), groups.end(), [](const std::string& g) { return g.empty(); });
}

Result<Graph> BuildGraph(const Network& network, const NetworkRules& rules) {
  const std::vector<NetworkProblem> problems = FindProblems(network, rules);
  if (!problems.empty()) {
    DiagnosticList list("network");
    for (const NetworkProblem& p : problems) {
      const std::string where = p.edge != NetworkProblem::kNowhere ? fmt::format("edge {} {}", p.edge + 1, p.column)
                                                                   : fmt::format("node {} {}", p.node + 1, p.column);
      list.AddReason(0, where, p.reason);
    }
    return list.ToStatus();
  }
  Graph graph;
  graph.directed = network.directed;
  std::set<std::string, decltype([](const std::string& a, const std::string& b) { return NaturalLess(a, b); })> ids;
  for (const Node& n : network.nodes) ids.insert(n.id);
  for (const Edge& e : network.edges) {
    ids.insert(e.source);
    ids.insert(e.target);
  }
  graph.ids.assign(ids.begin(), ids.end());
  graph.groups.assign(graph.ids.size(), "");
  graph.roles.assign(graph.ids.size(), "");
  for (const Node& n : network.nodes) {
    const auto at = static_cast<std::size_t>(graph.Find(n.id));
    graph.groups[at] = n.group;
    graph.roles[at] = n.role;
  }
  graph.arcs.reserve(network.edges.size());
  for (std::size_t i = 0; i < network.edges.size(); ++i) {
    const Edge& e = network.edges[i];
    const int from = graph.Find(e.source);
    const int to = graph.Find(e.target);
    graph.arcs.push_back({from, to, e.sign, i});
    if (network.directed && e.mutual && from != to) graph.arcs.push_back({to, from, e.sign, i});
  }
  return graph;
}

}  // namespace nrs::systems
