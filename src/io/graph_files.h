#pragma once

// Network files, so that maps move between NRS and the tools facilitators use:
//   - CSV tables: an edge table and an optional node table, as PRSM and Kumu import and export them in
//     Excel/CSV (Kumu: "From", "To", "Type", "Strength", "Direction"; elements "Label"/"ID", "Type"), or with
//     the plain names "source", "target", "node", "sector" of R and the reference data;
//   - GraphML (yEd, Gephi, igraph, networkx) and GEXF 1.3 (Gephi), parsed with libxml2.
// Readers check everything and refuse the whole input with file:line: column: reason diagnostics (kInvalidInput);
// they never return half a network.
//
// Edge table columns (header names match case-insensitively; only the first two are required):
//   source | from          the node a tie starts from
//   target | to            the node it goes to
//   weight | strength      a number ≥ 0 (default 1)
//   sign | polarity        + or − (causal links); also +1/−1, positive/negative
//   type                   relationship type (information, money, …)
//   direction              directed | mutual | undirected (a mutual tie runs both ways in a directed map)
//   valid_from, valid_to   dates YYYY-MM-DD; recorded_by
// Node table columns: node | id | label (the id; Kumu's "Label" when there is no "ID"), sector | group, kind,
//   role, label, influence, domains (separated by |), indicator.

#include <string>

#include "nrs/result.h"
#include "systems/network.h"

namespace nrs::io {

enum class GraphFormat { kCsv, kGraphMl, kGexf };

// From the file name: .csv (or .csv.gz), .graphml, .gexf. Errors: kInvalidArgument.
Result<GraphFormat> GraphFormatOf(const std::string& path);

struct GraphReadOptions {
  bool directed = false;          // CSV only (GraphML and GEXF state it themselves)
  systems::NetworkRules rules{};  // self-loops, required signs
  // CSV node table: refuse it unless it gives a row to every node of the edge table (a groups file for
  // brokerage), besides refusing rows for nodes that no edge names.
  bool node_table_complete = false;
};

// Reads an edge table and, when `nodes_path` is not empty, a node table. Errors: kNotFound, kIoError,
// kInvalidInput (missing columns, non-numeric weights, bad signs or dates, self-loops, repeated ties, unknown
// or repeated nodes in the node table, …, each with its file and line).
Result<systems::Network> ReadCsvNetwork(const std::string& edges_path, const std::string& nodes_path,
                                        const GraphReadOptions& options);

// GraphML or GEXF. Errors as above, lines being those of the XML elements.
Result<systems::Network> ReadGraphMl(const std::string& path, const systems::NetworkRules& rules = {});
Result<systems::Network> ReadGexf(const std::string& path, const systems::NetworkRules& rules = {});

// By GraphFormatOf(path); `nodes_path` applies to CSV only (kInvalidArgument otherwise).
Result<systems::Network> ReadNetwork(const std::string& path, const std::string& nodes_path,
                                     const GraphReadOptions& options);

// Documents. The CSV tables use Kumu's column names (From, To, Type, Strength, Sign, Direction, …; Label, …)
// plus ours, and only the columns some node or edge fills.
std::string EdgeTableCsv(const systems::Network& network);
std::string NodeTableCsv(const systems::Network& network);
std::string GraphMlText(const systems::Network& network);
std::string GexfText(const systems::Network& network);

// Writes `text` to `path` through a temporary file renamed into place. Errors: kIoError.
Status WriteTextFile(const std::string& path, const std::string& text);

}  // namespace nrs::io
