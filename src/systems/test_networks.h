#pragma once

// The reference networks of tests/reference/network/ (see PROVENANCE.md there), for unit tests only.

#include <string>
#include <utility>
#include <vector>

#include "systems/network.h"

namespace nrs::systems::testing {

// Zachary's karate club: 34 members, 78 ties, undirected.
inline Network Karate() {
  const std::vector<std::pair<std::string, std::string>> ties = {
      {"1", "2"},   {"1", "3"},   {"1", "4"},   {"1", "5"},   {"1", "6"},   {"1", "7"},   {"1", "8"},   {"1", "9"},
      {"1", "11"},  {"1", "12"},  {"1", "13"},  {"1", "14"},  {"1", "18"},  {"1", "20"},  {"1", "22"},  {"1", "32"},
      {"2", "3"},   {"2", "4"},   {"2", "8"},   {"2", "14"},  {"2", "18"},  {"2", "20"},  {"2", "22"},  {"2", "31"},
      {"3", "4"},   {"3", "8"},   {"3", "28"},  {"3", "29"},  {"3", "33"},  {"3", "10"},  {"3", "9"},   {"3", "14"},
      {"4", "8"},   {"4", "13"},  {"4", "14"},  {"5", "7"},   {"5", "11"},  {"6", "7"},   {"6", "11"},  {"6", "17"},
      {"7", "17"},  {"9", "31"},  {"9", "33"},  {"9", "34"},  {"10", "34"}, {"14", "34"}, {"15", "33"}, {"15", "34"},
      {"16", "33"}, {"16", "34"}, {"19", "33"}, {"19", "34"}, {"20", "34"}, {"21", "33"}, {"21", "34"}, {"23", "33"},
      {"23", "34"}, {"24", "26"}, {"24", "28"}, {"24", "33"}, {"24", "34"}, {"24", "30"}, {"25", "26"}, {"25", "28"},
      {"25", "32"}, {"26", "32"}, {"27", "30"}, {"27", "34"}, {"28", "34"}, {"29", "32"}, {"29", "34"}, {"30", "33"},
      {"30", "34"}, {"31", "33"}, {"31", "34"}, {"32", "33"}, {"32", "34"}, {"33", "34"}};
  Network network;
  for (const auto& [a, b] : ties) network.edges.push_back({.source = a, .target = b});
  return network;
}

// The directed actor map: 30 actors in five sectors, 71 ties.
inline Network ActorMap() {
  const std::vector<std::pair<std::string, std::string>> ties = {
      {"1", "19"},  {"1", "26"},  {"2", "27"},  {"3", "24"},  {"3", "25"},  {"4", "10"},  {"4", "19"},  {"4", "20"},
      {"4", "21"},  {"5", "9"},   {"5", "15"},  {"6", "18"},  {"6", "26"},  {"6", "28"},  {"7", "3"},   {"7", "16"},
      {"8", "20"},  {"8", "21"},  {"11", "7"},  {"11", "12"}, {"11", "18"}, {"11", "25"}, {"12", "6"},  {"12", "16"},
      {"12", "21"}, {"13", "3"},  {"13", "12"}, {"13", "29"}, {"14", "7"},  {"14", "18"}, {"14", "26"}, {"15", "17"},
      {"15", "18"}, {"15", "23"}, {"16", "6"},  {"16", "8"},  {"16", "23"}, {"17", "19"}, {"17", "25"}, {"17", "29"},
      {"18", "22"}, {"18", "24"}, {"18", "26"}, {"19", "11"}, {"19", "13"}, {"19", "15"}, {"19", "26"}, {"20", "13"},
      {"20", "14"}, {"20", "28"}, {"21", "3"},  {"21", "7"},  {"22", "6"},  {"22", "13"}, {"22", "28"}, {"23", "6"},
      {"23", "9"},  {"23", "12"}, {"24", "5"},  {"24", "18"}, {"25", "1"},  {"25", "9"},  {"25", "26"}, {"26", "25"},
      {"27", "5"},  {"27", "19"}, {"27", "21"}, {"29", "4"},  {"30", "3"},  {"30", "15"}, {"30", "18"}};
  const std::vector<std::string> sectors = {"council",  "council",   "resident", "resident",  "business",  "health",
                                            "health",   "business",  "business", "voluntary", "business",  "voluntary",
                                            "business", "council",   "resident", "voluntary", "voluntary", "voluntary",
                                            "council",  "health",    "business", "council",   "voluntary", "council",
                                            "council",  "voluntary", "council",  "resident",  "health",    "resident"};
  Network network;
  network.directed = true;
  for (const auto& [a, b] : ties) network.edges.push_back({.source = a, .target = b});
  for (std::size_t i = 0; i < sectors.size(); ++i) {
    network.nodes.push_back({.id = std::to_string(i + 1), .group = sectors[i]});
  }
  return network;
}

// The signed causal factor map: 14 factors, 30 links.
inline Network FactorMap() {
  struct Link {
    std::string source;
    std::string target;
    int sign;
  };
  const std::vector<Link> links = {
      {"F0", "F5", -1},  {"F0", "F11", +1}, {"F0", "F13", +1}, {"F1", "F4", -1},  {"F1", "F5", -1},
      {"F2", "F9", -1},  {"F2", "F11", +1}, {"F2", "F12", +1}, {"F2", "F13", +1}, {"F3", "F12", +1},
      {"F4", "F0", -1},  {"F4", "F1", -1},  {"F4", "F5", +1},  {"F4", "F13", +1}, {"F5", "F6", +1},
      {"F6", "F4", +1},  {"F8", "F1", +1},  {"F8", "F10", +1}, {"F8", "F12", -1}, {"F9", "F4", -1},
      {"F9", "F10", -1}, {"F10", "F0", +1}, {"F11", "F2", +1}, {"F11", "F5", +1}, {"F12", "F11", +1},
      {"F13", "F3", -1}, {"F13", "F4", -1}, {"F13", "F6", +1}, {"F13", "F7", +1}, {"F13", "F12", -1}};
  Network network;
  network.directed = true;
  for (const Link& l : links) network.edges.push_back({.source = l.source, .target = l.target, .sign = l.sign});
  return network;
}

}  // namespace nrs::systems::testing
