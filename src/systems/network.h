#pragma once

// The network model every analysis in this folder takes: nodes (actors of an actor map, factors of a causal
// factor map) and edges (relationships, causal links) as plain structs, so that files (io/) and the store fill
// them alike. `BuildGraph` checks a Network and indexes it; the analyses take the indexed `Graph`.
//
// Node order: everywhere in this folder nodes are listed in natural order of their ids (digit runs compare as
// numbers: "F2" < "F11", "9" < "10"), so results do not depend on the order of the input rows.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nrs/result.h"

namespace nrs::systems {

struct Node {
  std::string id{};     // unique, not empty
  std::string kind{};   // "person" or "organisation" for an actor; "" when not stated
  std::string label{};  // display name (optional; people are recorded with the least personal data that serves)
  std::string group{};  // an actor's sector (brokerage, bridging ties); "" when not known
  std::string role{};   // role in the programme, e.g. "oversight group member", "Resident Adviser"
  std::optional<double> influence{};
  std::vector<std::string> domains{};  // framework domains the node belongs to
  std::string indicator{};             // a factor's indicator of the catalogue ("" when none)
};

struct Edge {
  std::string source{};
  std::string target{};
  double weight = 1;          // strength; carried through, not used by the standard measures (which are unweighted)
  int sign = 0;               // +1 or -1 for a causal link; 0 when the edge is not signed
  bool mutual = false;        // in a directed network: the tie runs both ways (two arcs)
  std::string type{};         // information, money, service delivery, partnership, …
  std::string valid_from{};   // ISO date YYYY-MM-DD, "" when open
  std::string valid_to{};     // ISO date YYYY-MM-DD (inclusive), "" when open
  std::string recorded_by{};  // who recorded the relationship
};

struct Network {
  bool directed = false;
  // Nodes with their attributes. Ids named by edges but absent here are added without attributes; a node here
  // that no edge names is an isolate.
  std::vector<Node> nodes;
  std::vector<Edge> edges;
};

struct NetworkRules {
  bool allow_self_loops = false;
  bool require_sign = false;  // causal factor maps: every link is + or −
};

// One problem of a Network. `edge` or `node` (indices into Network::edges / nodes) says where, or is kNowhere.
struct NetworkProblem {
  static constexpr std::size_t kNowhere = static_cast<std::size_t>(-1);
  std::size_t edge = kNowhere;
  std::size_t node = kNowhere;
  std::string column;  // "source", "target", "weight", "sign", "valid_from", "valid_to", "id"
  std::string reason;
};

// Every problem of `network` under `rules`: empty or repeated node ids, empty endpoints, self-loops (unless
// allowed), repeated edges (the same arc twice; in an undirected network A–B and B–A are the same tie; a
// mutual tie is both arcs), non-finite or negative weights, signs other than −1, 0, +1 (0 refused when
// require_sign), dates that are not YYYY-MM-DD or run backwards. io/ reports these with file lines.
std::vector<NetworkProblem> FindProblems(const Network& network, const NetworkRules& rules = {});

// A checked, indexed network. Node i is ids[i] (natural order); arcs hold node indices.
struct Graph {
  bool directed = false;
  std::vector<std::string> ids;
  std::vector<std::string> groups;  // per node, "" when not known
  std::vector<std::string> roles;   // per node, "" when not known
  struct Arc {
    int from = 0;
    int to = 0;
    int sign = 0;
    std::size_t edge = 0;  // index into Network::edges
  };
  // Directed: one per arc (a mutual tie gives two). Undirected: one per tie, from < to not implied.
  std::vector<Arc> arcs;

  int size() const { return static_cast<int>(ids.size()); }
  // Index of node `id`, or -1.
  int Find(std::string_view id) const;
  // True when every node has a group.
  bool HasGroups() const;
};

// Checks `network` (FindProblems) and indexes it. Errors: kInvalidInput listing each problem.
Result<Graph> BuildGraph(const Network& network, const NetworkRules& rules = {});

// Natural order of ids: runs of digits compare by value, other characters by byte; ties broken by the bytes.
bool NaturalLess(std::string_view a, std::string_view b);

// True when `text` is an ISO date YYYY-MM-DD (month 1–12, day 1–31).
bool IsIsoDate(std::string_view text);

// Sign from text: "+", "+1", "1", "positive", "same" → +1; "-", "−", "-1", "negative", "opposite" → -1;
// "" → 0 (unsigned). nullopt for anything else.
std::optional<int> ParseSign(std::string_view text);

}  // namespace nrs::systems
