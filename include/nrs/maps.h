#pragma once

// System maps from files (`nrs map …`): actor maps (who works with whom) and causal factor maps (what drives
// what), read from CSV edge and node tables (as PRSM and Kumu export them), GraphML or GEXF; measured by the
// network engine (src/systems/); returned as tables. Methods: docs/methods.md, "Network analysis of system
// maps". None of these use a database.
//
//   MapMeasuresOptions options;
//   options.input = {.path = "ties.csv", .nodes_path = "sectors.csv", .directed = true};
//   NRS_ASSIGN_OR_RETURN(MapOutput out, MapMeasures(options));

#include <cstdint>
#include <string>
#include <vector>

#include "core/table.h"
#include "nrs/result.h"

namespace nrs {

namespace systems {
struct Network;
}

struct MapInput {
  // The edges: a CSV edge table (source/From, target/To, …), a .graphml or a .gexf file.
  std::string path;
  // A CSV node table (node/ID/Label, sector, kind, role, …) for a CSV edge table; "" when none.
  std::string nodes_path;
  // With a node table: every node of the edge table must have a row (a groups file for brokerage).
  bool nodes_complete = false;
  // CSV only: the ties are directed (GraphML and GEXF say so themselves).
  bool directed = false;
  // Instead of a file: a map already loaded (a neighbourhood's stored map, see nrs/system_maps.h). Not owned.
  const systems::Network* network = nullptr;

  Status Validate() const;
};

// A table and the notes that qualify it (a sampled measure, a cap that cut results), for stderr.
struct MapOutput {
  core::Table table;
  std::vector<std::string> notes;
};

struct MapMeasuresOptions {
  MapInput input;
  int threads = 0;                           // betweenness threads; 0 = every core
  int exact_betweenness_max_nodes = 25'000;  // above: betweenness estimated from a sample of sources
  int betweenness_sample_sources = 2'500;
  std::uint64_t seed = 42;  // Louvain and sampling

  Status Validate() const;
};

// One row per node (natural order of ids): node, degree, in_degree, out_degree, betweenness,
// betweenness_normalised, closeness, eigenvector, constraint, clustering, coordinator, itinerant, gatekeeper,
// representative, liaison, brokerage_total (empty without a complete node table with sectors), community.
// Errors: kInvalidArgument, kNotFound, kIoError, kInvalidInput (the file's problems with their lines).
Result<MapOutput> MapMeasures(const MapMeasuresOptions& options);

// Graph-level measures as (measure, value) rows: nodes, ties, density, transitivity, components,
// largest_component, diameter, mean_distance, communities, modularity, and with sectors bridging_ties,
// bridging_share, resident_ties, residents_reach, residents_in_oversight.
Result<MapOutput> MapSummary(const MapMeasuresOptions& options);

struct MapLoopsOptions {
  MapInput input;                    // a causal factor map: directed, every link signed
  int max_length = 12;               // links per loop (0 = no bound)
  std::int64_t max_loops = 100'000;  // loops listed; the rest are counted in a note

  Status Validate() const;
};

// Every feedback loop: length, polarity (reinforcing | balancing), factors (space-separated, from the smallest
// id), by length then factors.
Result<MapOutput> MapLoops(const MapLoopsOptions& options);

// One row per factor: factor, in_degree, out_degree, leverage, upstream, downstream, loops (through it, up to
// max_length).
Result<MapOutput> MapFactors(const MapLoopsOptions& options);

struct MapReachOptions {
  MapInput input;
  std::string factor;

  Status Validate() const;
};

// What acts on the factor and what it acts on: factor, direction (upstream | downstream), distance.
// Errors also kNotFound (no such factor).
Result<MapOutput> MapReach(const MapReachOptions& options);

struct MapPathsOptions {
  MapInput input;
  std::string from;
  std::string to;
  int max_length = 8;  // links per path (0 = no bound)
  std::int64_t max_paths = 10'000;

  Status Validate() const;
};

// Every simple path: length, polarity (same | opposite: the product of its signs), factors.
Result<MapOutput> MapPaths(const MapPathsOptions& options);

struct MapChangeOptions {
  MapMeasuresOptions measures;  // its input's edges carry valid_from / valid_to
  std::string before;           // YYYY-MM-DD
  std::string after;            // YYYY-MM-DD
  bool ties = false;            // list the ties added and lost instead of the actors' measures

  Status Validate() const;
};

// Per actor present at either date: node, change (added | lost | kept), then degree, betweenness, closeness,
// eigenvector and constraint _before and _after. With `ties`: change (added | lost), source, target, type.
Result<MapOutput> MapChange(const MapChangeOptions& options);

struct MapConvertOptions {
  MapInput input;
  std::string output_path;        // .csv (edge table), .graphml or .gexf
  std::string output_nodes_path;  // .csv node table, for a .csv output ("" = none)

  Status Validate() const;
};

// Writes the map in another format: (item, value) rows naming what was written. Errors also kIoError.
Result<MapOutput> ConvertMap(const MapConvertOptions& options);

}  // namespace nrs
