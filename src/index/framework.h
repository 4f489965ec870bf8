#pragma once

// A composite indicator's framework: a tree whose leaves are indicators (columns of a dataset) and whose inner
// nodes are aggregates (sub-domains, domains, the index). Each node has a direction (+1: higher is better for
// the index, −1: higher is worse) and a weight within its parent. Frameworks are data: loaded from TOML or
// from COINr's iMeta table by io/, checked here.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "nrs/result.h"

namespace nrs::index {

enum class NodeKind { kIndicator, kAggregate };

struct Node {
  std::string code;    // unique; an indicator's code names its column unless `column` is set
  std::string name;    // for people; the code when empty
  std::string parent;  // code of the parent aggregate; empty for the root
  NodeKind kind = NodeKind::kIndicator;
  double direction = 1;  // +1 or −1 (indicators; aggregates keep +1)
  double weight = 1;     // within the parent; ≥ 0
  std::string unit;
  std::optional<double> target;         // for distance-to-target normalisation
  std::optional<double> goalpost_low;   // for goalpost normalisation
  std::optional<double> goalpost_high;  //
  std::string denominator;              // column that divides this indicator when denominating ("" = none)
  std::string column;                   // data column ("" = code)
  std::string lower;                    // columns holding a 95% interval of the value (input uncertainty)
  std::string upper;
  // A slot for an indicator that a later source fills (a survey estimate, a system-map measure): left out,
  // with a note, while the data have no such column; aggregates left without children go with it.
  bool slot = false;

  const std::string& DataColumn() const { return column.empty() ? code : column; }
};

struct Framework {
  std::string name;
  std::string description;
  std::vector<Node> nodes;  // in any order; indicators keep their order in outputs
};

// The checked tree: indices into Framework::nodes.
struct Structure {
  std::vector<std::size_t> indicators;             // indicator nodes, in framework order
  std::vector<std::size_t> aggregates;             // aggregate nodes, children before parents (bottom-up)
  std::vector<std::vector<std::size_t>> children;  // per node
  std::vector<int> level;                          // per node: 1 for indicators, 1 + max child level above
  std::vector<int> parent;                         // per node: parent index or −1
  std::size_t root = 0;
  int levels = 0;
};

// Checks the tree and orders it. Errors (kInvalidInput, each naming the node): an empty or repeated code, a
// parent that does not exist or is an indicator, a cycle, more than one root (an orphan subtree), an aggregate
// without children, a direction other than ±1, a negative or non-finite weight, an aggregate whose children's
// weights are all zero.
Result<Structure> Analyse(const Framework& framework);

// Each indicator's effective weight in the root: the product, down its path, of its weight divided by the sum of
// its siblings' weights (COINr's effective weights). Per indicator, in Structure::indicators order.
std::vector<double> EffectiveWeights(const Structure& structure, const std::vector<double>& weights);

}  // namespace nrs::index
