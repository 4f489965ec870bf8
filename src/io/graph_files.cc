#include "io/graph_files.h"

#include <fmt/format.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/text.h"
#include "io/csv_reader.h"
#include "io/table_writer.h"

namespace nrs::io {
namespace {

using systems::Edge;
using systems::Network;
using systems::NetworkProblem;
using systems::Node;

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && core::ToLower(text.substr(text.size() - suffix.size())) == suffix;
}

// Where each edge and node of a Network came from, so that the engine's problems get file lines.
struct Origins {
  std::vector<std::int64_t> edge_lines;
  std::vector<std::int64_t> node_lines;
  std::string edge_file;
  std::string node_file;
};

// Adds the engine's problems of `network` (FindProblems) to `problems` with their lines. `column_names` maps
// the engine's column names to the input's.
void AddNetworkProblems(const Network& network, const systems::NetworkRules& rules, const Origins& origins,
                        const std::map<std::string, std::string>& column_names, DiagnosticList* problems) {
  for (const NetworkProblem& p : systems::FindProblems(network, rules)) {
    const auto named = column_names.find(p.column);
    const std::string column = named != column_names.end() ? named->second : p.column;
    if (p.edge != NetworkProblem::kNowhere) {
      problems->Add({origins.edge_file, origins.edge_lines[p.edge], column, p.reason});
    } else {
      problems->Add({origins.node_file, origins.node_lines[p.node], column, p.reason});
    }
  }
}

// A value of an edge or node field given as text, into the struct; false with a reason when it is not valid.
bool SetEdgeField(Edge* e, std::string_view field, std::string_view raw, std::string* reason) {
  const std::string_view value = core::Trim(raw);
  if (field == "source") {
    e->source = std::string(value);
  } else if (field == "target") {
    e->target = std::string(value);
  } else if (field == "weight") {
    if (value.empty()) return true;
    const auto w = core::ParseDouble(value);
    if (!w) {
      *reason = fmt::format("'{}' is not a number", value);
      return false;
    }
    e->weight = *w;
  } else if (field == "sign") {
    const auto s = systems::ParseSign(value);
    if (!s) {
      *reason = fmt::format("'{}' is not a sign; expected + or -", value);
      return false;
    }
    e->sign = *s;
  } else if (field == "type") {
    e->type = std::string(value);
  } else if (field == "direction") {
    const std::string d = core::ToLower(value);
    if (d == "mutual" || d == "undirected") {
      e->mutual = true;
    } else if (!d.empty() && d != "directed") {
      *reason = fmt::format("'{}' is not a direction; expected directed, mutual or undirected", value);
      return false;
    }
  } else if (field == "valid_from") {
    e->valid_from = std::string(value);
  } else if (field == "valid_to") {
    e->valid_to = std::string(value);
  } else if (field == "recorded_by") {
    e->recorded_by = std::string(value);
  }
  return true;
}

bool SetNodeField(Node* n, std::string_view field, std::string_view raw, std::string* reason) {
  const std::string_view value = core::Trim(raw);
  if (field == "id") {
    n->id = std::string(value);
  } else if (field == "group") {
    n->group = std::string(value);
  } else if (field == "kind") {
    n->kind = std::string(value);
  } else if (field == "role") {
    n->role = std::string(value);
  } else if (field == "label") {
    n->label = std::string(value);
  } else if (field == "influence") {
    if (value.empty()) return true;
    const auto x = core::ParseDouble(value);
    if (!x) {
      *reason = fmt::format("'{}' is not a number", value);
      return false;
    }
    n->influence = *x;
  } else if (field == "domains") {
    n->domains = core::SplitList(value, '|');
  } else if (field == "indicator") {
    n->indicator = std::string(value);
  }
  return true;
}

// The columns of a CSV header that carry our fields: field → column index.
std::map<std::string, int> MatchColumns(const CsvReader& reader,
                                        const std::vector<std::pair<std::string, std::vector<std::string>>>& fields) {
  std::map<std::string, int> found;
  for (const auto& [field, aliases] : fields) {
    for (const std::string& alias : aliases) {
      for (std::size_t i = 0; i < reader.header().size(); ++i) {
        if (found.contains(field)) break;
        if (core::ToLower(core::Trim(reader.header()[i])) == alias) found[field] = static_cast<int>(i);
      }
    }
  }
  return found;
}

const std::vector<std::pair<std::string, std::vector<std::string>>>& EdgeColumns() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kColumns = {
      {"source", {"source", "from"}},
      {"target", {"target", "to"}},
      {"weight", {"weight", "strength"}},
      {"sign", {"sign", "polarity"}},
      {"type", {"type"}},
      {"direction", {"direction"}},
      {"valid_from", {"valid_from", "valid from", "from_date"}},
      {"valid_to", {"valid_to", "valid to", "to_date"}},
      {"recorded_by", {"recorded_by", "recorded by"}},
  };
  return kColumns;
}

Status ReadEdgeTable(const std::string& path, const GraphReadOptions& options, Network* network, Origins* origins,
                     std::map<std::string, std::string>* names, DiagnosticList* problems) {
  NRS_ASSIGN_OR_RETURN(CsvReader reader, CsvReader::Open(path));
  const std::map<std::string, int> columns = MatchColumns(reader, EdgeColumns());
  for (const auto& [field, at] : columns) (*names)[field] = reader.header()[static_cast<std::size_t>(at)];
  for (const char* required : {"source", "target"}) {
    if (!columns.contains(required)) {
      problems->Add(1, required, "missing column; expected '{}' (or '{}')", required,
                    std::string(required) == "source" ? "From" : "To");
    }
  }
  if (options.rules.require_sign && !columns.contains("sign")) {
    problems->Add(1, "sign", "missing column; a causal map needs the sign (+ or -) of every link");
  }
  if (!problems->empty()) return Status::Ok();
  network->directed = options.directed;
  while (true) {
    NRS_ASSIGN_OR_RETURN(const bool more, reader.NextRecord(*problems));
    if (!more) break;
    Edge edge;
    for (const auto& [field, at] : columns) {
      std::string reason;
      if (!SetEdgeField(&edge, field, reader.field(static_cast<std::size_t>(at)), &reason)) {
        problems->AddReason(reader.line(), (*names)[field], reason);
      }
    }
    network->edges.push_back(std::move(edge));
    origins->edge_lines.push_back(reader.line());
  }
  return Status::Ok();
}

Status ReadNodeTable(const std::string& path, const GraphReadOptions& options, Network* network, Origins* origins,
                     std::map<std::string, std::string>* names, DiagnosticList* problems) {
  NRS_ASSIGN_OR_RETURN(CsvReader reader, CsvReader::Open(path));
  // The id is "id", else "node", else Kumu's "Label"; a display label is then "label" or "name".
  std::vector<std::pair<std::string, std::vector<std::string>>> fields = {
      {"id", {"id", "node", "label"}}, {"group", {"sector", "group"}},
      {"kind", {"kind", "type"}},      {"role", {"role"}},
      {"influence", {"influence"}},    {"domains", {"domains", "domain"}},
      {"indicator", {"indicator"}}};
  std::map<std::string, int> columns = MatchColumns(reader, fields);
  const auto label = MatchColumns(reader, {{"label", {"label", "name"}}});
  if (label.contains("label") && (!columns.contains("id") || label.at("label") != columns.at("id"))) {
    columns["label"] = label.at("label");
  } else if (const auto name = MatchColumns(reader, {{"label", {"name"}}}); name.contains("label")) {
    columns["label"] = name.at("label");
  }
  if (!columns.contains("id")) {
    problems->Add({reader.name(), 1, "node", "missing column; expected 'node', 'id' or 'label'"});
    return Status::Ok();
  }
  std::map<std::string, std::string> node_names;
  for (const auto& [field, at] : columns) node_names[field] = reader.header()[static_cast<std::size_t>(at)];
  (*names)["id"] = node_names["id"];
  (*names)["influence"] = node_names.contains("influence") ? node_names["influence"] : "influence";
  std::set<std::string> named;
  for (const Edge& e : network->edges) {
    named.insert(e.source);
    named.insert(e.target);
  }
  std::set<std::string> listed;
  while (true) {
    NRS_ASSIGN_OR_RETURN(const bool more, reader.NextRecord(*problems));
    if (!more) break;
    Node node;
    for (const auto& [field, at] : columns) {
      std::string reason;
      if (!SetNodeField(&node, field, reader.field(static_cast<std::size_t>(at)), &reason)) {
        problems->Add({reader.name(), reader.line(), node_names[field], reason});
      }
    }
    if (!node.id.empty() && !named.contains(node.id)) {
      problems->Add({reader.name(), reader.line(), node_names["id"],
                     fmt::format("unknown node '{}': no tie of the edge table names it", node.id)});
    }
    listed.insert(node.id);
    network->nodes.push_back(std::move(node));
    origins->node_lines.push_back(reader.line());
  }
  if (options.node_table_complete) {
    std::vector<std::string> missing;
    for (const std::string& id : named) {
      if (!listed.contains(id)) missing.push_back(id);
    }
    std::sort(missing.begin(), missing.end(), [](const auto& a, const auto& b) { return systems::NaturalLess(a, b); });
    if (!missing.empty()) {
      problems->Add({reader.name(), 0, node_names["id"],
                     fmt::format("no row for {} node{} of the edge table: {}", missing.size(),
                                 missing.size() == 1 ? "" : "s", fmt::join(missing, ", "))});
    }
  }
  return Status::Ok();
}

// ---- XML ----------------------------------------------------------------------------------------------------

struct XmlDocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDoc = std::unique_ptr<xmlDoc, XmlDocFree>;

std::string_view Name(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

std::optional<std::string> Attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return std::nullopt;
  std::string text(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return text;
}

std::string Content(const xmlNode* node) {
  xmlChar* value = xmlNodeGetContent(node);
  if (value == nullptr) return {};
  std::string text(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return text;
}

std::vector<const xmlNode*> Children(const xmlNode* node, std::string_view name) {
  std::vector<const xmlNode*> out;
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && Name(c) == name) out.push_back(c);
  }
  return out;
}

std::int64_t LineOf(const xmlNode* node) { return static_cast<std::int64_t>(xmlGetLineNo(node)); }

// Parses `path` without network access or entity expansion. Errors: kNotFound, kIoError, kInvalidInput.
Result<XmlDoc> ParseXml(const std::string& path) {
  NRS_ASSIGN_OR_RETURN(const std::string text, ReadFileText(path));
  xmlResetLastError();
  XmlDoc doc(xmlReadMemory(text.data(), static_cast<int>(text.size()), path.c_str(), nullptr,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc) {
    DiagnosticList problems(path);
    const xmlError* error = xmlGetLastError();
    problems.AddReason(error != nullptr ? error->line : 0, "",
                       fmt::format("not well-formed XML: {}", error != nullptr && error->message != nullptr
                                                                  ? std::string(core::Trim(error->message))
                                                                  : std::string("parse error")));
    return problems.ToStatus();
  }
  return doc;
}

// The field of ours that a GraphML key or GEXF attribute of this name carries ("" when none).
std::string NodeFieldOf(std::string_view name) {
  std::string n = core::ToLower(name);
  if (n == "label" || n == "name") return "label";
  if (n == "sector" || n == "group") return "group";
  if (n == "kind" || n == "type") return "kind";
  if (n == "role" || n == "influence" || n == "domains" || n == "indicator") return n;
  return "";
}

std::string EdgeFieldOf(std::string_view name) {
  std::string n = core::ToLower(name);
  if (n == "weight" || n == "strength") return "weight";
  if (n == "sign" || n == "polarity") return "sign";
  if (n == "type" || n == "direction" || n == "valid_from" || n == "valid_to" || n == "recorded_by") return n;
  return "";
}

Result<Network> Finish(Network network, const systems::NetworkRules& rules, const Origins& origins,
                       DiagnosticList* problems) {
  // Nodes named by edges must be declared in GraphML and GEXF.
  std::set<std::string> declared;
  for (const Node& n : network.nodes) declared.insert(n.id);
  for (std::size_t i = 0; i < network.edges.size(); ++i) {
    for (const std::string* end : {&network.edges[i].source, &network.edges[i].target}) {
      if (!end->empty() && !declared.contains(*end)) {
        problems->Add({origins.edge_file, origins.edge_lines[i], end == &network.edges[i].source ? "source" : "target",
                       fmt::format("unknown node '{}': no <node> declares it", *end)});
      }
    }
  }
  if (problems->empty()) AddNetworkProblems(network, rules, origins, {}, problems);
  NRS_RETURN_IF_ERROR(problems->ToStatus());
  return network;
}

// xmlTextWriter to a string; each call's failure is checked once at the end (the writer latches errors).
class XmlOut {
 public:
  XmlOut() : buffer_(xmlBufferCreate()), writer_(xmlNewTextWriterMemory(buffer_, 0)) {
    xmlTextWriterSetIndent(writer_, 1);
    xmlTextWriterSetIndentString(writer_, reinterpret_cast<const xmlChar*>("  "));
    Check(xmlTextWriterStartDocument(writer_, nullptr, "UTF-8", nullptr));
  }
  ~XmlOut() {
    if (writer_ != nullptr) xmlFreeTextWriter(writer_);
    xmlBufferFree(buffer_);
  }
  XmlOut(const XmlOut&) = delete;
  XmlOut& operator=(const XmlOut&) = delete;

  void Start(const char* element) { Check(xmlTextWriterStartElement(writer_, X(element))); }
  void End() { Check(xmlTextWriterEndElement(writer_)); }
  void Attr(const char* name, const std::string& value) {
    Check(xmlTextWriterWriteAttribute(writer_, X(name), X(value.c_str())));
  }
  void Text(const std::string& value) { Check(xmlTextWriterWriteString(writer_, X(value.c_str()))); }
  std::string Finish() {
    Check(xmlTextWriterEndDocument(writer_));
    xmlFreeTextWriter(writer_);
    writer_ = nullptr;
    return ok_ ? std::string(reinterpret_cast<const char*>(xmlBufferContent(buffer_))) : std::string();
  }

 private:
  static const xmlChar* X(const char* s) { return reinterpret_cast<const xmlChar*>(s); }
  void Check(int rc) { ok_ = ok_ && rc >= 0; }
  xmlBuffer* buffer_;
  xmlTextWriter* writer_;
  bool ok_ = true;
};

std::string Number(double x) { return fmt::format("{}", x); }

std::string SignText(int sign) { return sign > 0 ? "+" : sign < 0 ? "-" : ""; }

// The node and edge fields that some node or edge of `network` fills, in a fixed order: (field, name).
std::vector<std::pair<std::string, std::string>> UsedNodeFields(const Network& network) {
  std::vector<std::pair<std::string, std::string>> used;
  const auto any = [&](auto has) { return std::any_of(network.nodes.begin(), network.nodes.end(), has); };
  if (any([](const Node& n) { return !n.label.empty(); })) used.emplace_back("label", "label");
  if (any([](const Node& n) { return !n.kind.empty(); })) used.emplace_back("kind", "kind");
  if (any([](const Node& n) { return !n.group.empty(); })) used.emplace_back("group", "sector");
  if (any([](const Node& n) { return !n.role.empty(); })) used.emplace_back("role", "role");
  if (any([](const Node& n) { return n.influence.has_value(); })) used.emplace_back("influence", "influence");
  if (any([](const Node& n) { return !n.domains.empty(); })) used.emplace_back("domains", "domains");
  if (any([](const Node& n) { return !n.indicator.empty(); })) used.emplace_back("indicator", "indicator");
  return used;
}

std::vector<std::pair<std::string, std::string>> UsedEdgeFields(const Network& network) {
  std::vector<std::pair<std::string, std::string>> used;
  const auto any = [&](auto has) { return std::any_of(network.edges.begin(), network.edges.end(), has); };
  if (any([](const Edge& e) { return !e.type.empty(); })) used.emplace_back("type", "type");
  if (any([](const Edge& e) { return e.weight != 1; })) used.emplace_back("weight", "weight");
  if (any([](const Edge& e) { return e.sign != 0; })) used.emplace_back("sign", "sign");
  if (network.directed && any([](const Edge& e) { return e.mutual; })) used.emplace_back("direction", "direction");
  if (any([](const Edge& e) { return !e.valid_from.empty(); })) used.emplace_back("valid_from", "valid_from");
  if (any([](const Edge& e) { return !e.valid_to.empty(); })) used.emplace_back("valid_to", "valid_to");
  if (any([](const Edge& e) { return !e.recorded_by.empty(); })) used.emplace_back("recorded_by", "recorded_by");
  return used;
}

std::string NodeValue(const Node& n, std::string_view field) {
  if (field == "label") return n.label;
  if (field == "kind") return n.kind;
  if (field == "group") return n.group;
  if (field == "role") return n.role;
  if (field == "influence") return n.influence ? Number(*n.influence) : "";
  if (field == "domains") return fmt::format("{}", fmt::join(n.domains, "|"));
  if (field == "indicator") return n.indicator;
  return "";
}

std::string EdgeValue(const Edge& e, std::string_view field) {
  if (field == "type") return e.type;
  if (field == "weight") return Number(e.weight);
  if (field == "sign") return SignText(e.sign);
  if (field == "direction") return e.mutual ? "mutual" : "directed";
  if (field == "valid_from") return e.valid_from;
  if (field == "valid_to") return e.valid_to;
  if (field == "recorded_by") return e.recorded_by;
  return "";
}

bool IsNumericField(std::string_view field) { return field == "weight" || field == "influence"; }

// Every node: those listed, then those only edges name, in order of first mention.
std::vector<Node> AllNodes(const Network& network) {
  std::vector<Node> nodes = network.nodes;
  std::set<std::string> seen;
  for (const Node& n : nodes) seen.insert(n.id);
  for (const Edge& e : network.edges) {
    for (const std::string* id : {&e.source, &e.target}) {
      if (seen.insert(*id).second) nodes.push_back({.id = *id});
    }
  }
  return nodes;
}

}  // namespace

Result<GraphFormat> GraphFormatOf(const std::string& path) {
  if (EndsWith(path, ".csv") || EndsWith(path, ".csv.gz")) return GraphFormat::kCsv;
  if (EndsWith(path, ".graphml")) return GraphFormat::kGraphMl;
  if (EndsWith(path, ".gexf")) return GraphFormat::kGexf;
  return Status::InvalidArgument("'{}': unknown network format; name the file .csv, .graphml or .gexf", path);
}

Result<Network> ReadCsvNetwork(const std::string& edges_path, const std::string& nodes_path,
                               const GraphReadOptions& options) {
  Network network;
  Origins origins;
  origins.edge_file = edges_path;
  origins.node_file = nodes_path;
  std::map<std::string, std::string> names;
  DiagnosticList problems(edges_path);
  NRS_RETURN_IF_ERROR(ReadEdgeTable(edges_path, options, &network, &origins, &names, &problems));
  if (!nodes_path.empty() && problems.empty()) {
    NRS_RETURN_IF_ERROR(ReadNodeTable(nodes_path, options, &network, &origins, &names, &problems));
  }
  // Field problems (a weight that is not a number) already stand; the engine's checks come on top only when
  // the values could be read, so that one bad cell is reported once.
  if (problems.empty()) AddNetworkProblems(network, options.rules, origins, names, &problems);
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  return network;
}

Result<Network> ReadGraphMl(const std::string& path, const systems::NetworkRules& rules) {
  NRS_ASSIGN_OR_RETURN(const XmlDoc doc, ParseXml(path));
  DiagnosticList problems(path);
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr || Name(root) != "graphml") {
    problems.AddReason(root != nullptr ? LineOf(root) : 1, "", "not GraphML: the root element is not <graphml>");
    return problems.ToStatus();
  }
  // key id → (the domain it is for, its attribute name)
  std::map<std::string, std::pair<std::string, std::string>> keys;
  for (const xmlNode* key : Children(root, "key")) {
    const std::string id = Attribute(key, "id").value_or("");
    keys[id] = {Attribute(key, "for").value_or("all"), Attribute(key, "attr.name").value_or(id)};
  }
  const std::vector<const xmlNode*> graphs = Children(root, "graph");
  if (graphs.size() != 1) {
    problems.AddReason(LineOf(root), "graph", fmt::format("expected one <graph>, found {}", graphs.size()));
    return problems.ToStatus();
  }
  const xmlNode* graph = graphs[0];
  Network network;
  const std::string edge_default = Attribute(graph, "edgedefault").value_or("directed");
  network.directed = edge_default == "directed";
  Origins origins{.edge_lines = {}, .node_lines = {}, .edge_file = path, .node_file = path};
  for (const xmlNode* element : Children(graph, "node")) {
    Node node;
    node.id = Attribute(element, "id").value_or("");
    for (const xmlNode* data : Children(element, "data")) {
      const auto key = keys.find(Attribute(data, "key").value_or(""));
      if (key == keys.end() || key->second.first == "edge") continue;
      std::string reason;
      if (!SetNodeField(&node, NodeFieldOf(key->second.second), Content(data), &reason)) {
        problems.AddReason(LineOf(data), key->first, reason);
      }
    }
    network.nodes.push_back(std::move(node));
    origins.node_lines.push_back(LineOf(element));
  }
  for (const xmlNode* element : Children(graph, "edge")) {
    Edge edge;
    edge.source = Attribute(element, "source").value_or("");
    edge.target = Attribute(element, "target").value_or("");
    if (const auto directed = Attribute(element, "directed"); directed && (*directed == "true") != network.directed) {
      problems.AddReason(LineOf(element), "directed", "mixed directed and undirected edges are not supported");
    }
    for (const xmlNode* data : Children(element, "data")) {
      const auto key = keys.find(Attribute(data, "key").value_or(""));
      if (key == keys.end() || key->second.first == "node") continue;
      std::string reason;
      if (!SetEdgeField(&edge, EdgeFieldOf(key->second.second), Content(data), &reason)) {
        problems.AddReason(LineOf(data), key->first, reason);
      }
    }
    network.edges.push_back(std::move(edge));
    origins.edge_lines.push_back(LineOf(element));
  }
  return Finish(std::move(network), rules, origins, &problems);
}

Result<Network> ReadGexf(const std::string& path, const systems::NetworkRules& rules) {
  NRS_ASSIGN_OR_RETURN(const XmlDoc doc, ParseXml(path));
  DiagnosticList problems(path);
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr || Name(root) != "gexf") {
    problems.AddReason(root != nullptr ? LineOf(root) : 1, "", "not GEXF: the root element is not <gexf>");
    return problems.ToStatus();
  }
  const std::vector<const xmlNode*> graphs = Children(root, "graph");
  if (graphs.size() != 1) {
    problems.AddReason(LineOf(root), "graph", fmt::format("expected one <graph>, found {}", graphs.size()));
    return problems.ToStatus();
  }
  const xmlNode* graph = graphs[0];
  Network network;
  network.directed = Attribute(graph, "defaultedgetype").value_or("undirected") != "undirected";
  // attribute id → our field, per class
  std::map<std::string, std::string> node_attributes;
  std::map<std::string, std::string> edge_attributes;
  for (const xmlNode* block : Children(graph, "attributes")) {
    const bool edges = Attribute(block, "class").value_or("node") == "edge";
    for (const xmlNode* a : Children(block, "attribute")) {
      const std::string title = Attribute(a, "title").value_or("");
      (edges ? edge_attributes : node_attributes)[Attribute(a, "id").value_or("")] =
          edges ? EdgeFieldOf(title) : NodeFieldOf(title);
    }
  }
  const auto values = [&](const xmlNode* element, const std::map<std::string, std::string>& fields, auto set) {
    for (const xmlNode* block : Children(element, "attvalues")) {
      for (const xmlNode* v : Children(block, "attvalue")) {
        const auto field = fields.find(Attribute(v, "for").value_or(""));
        if (field == fields.end() || field->second.empty()) continue;
        std::string reason;
        if (!set(field->second, Attribute(v, "value").value_or(""), &reason)) {
          problems.AddReason(LineOf(v), field->first, reason);
        }
      }
    }
  };
  Origins origins{.edge_lines = {}, .node_lines = {}, .edge_file = path, .node_file = path};
  for (const xmlNode* nodes : Children(graph, "nodes")) {
    for (const xmlNode* element : Children(nodes, "node")) {
      Node node;
      node.id = Attribute(element, "id").value_or("");
      const std::string label = Attribute(element, "label").value_or("");
      if (label != node.id) node.label = label;
      values(element, node_attributes, [&](const std::string& f, const std::string& v, std::string* reason) {
        return SetNodeField(&node, f, v, reason);
      });
      network.nodes.push_back(std::move(node));
      origins.node_lines.push_back(LineOf(element));
    }
  }
  for (const xmlNode* edges : Children(graph, "edges")) {
    for (const xmlNode* element : Children(edges, "edge")) {
      Edge edge;
      edge.source = Attribute(element, "source").value_or("");
      edge.target = Attribute(element, "target").value_or("");
      std::string reason;
      if (const auto weight = Attribute(element, "weight");
          weight && !SetEdgeField(&edge, "weight", *weight, &reason)) {
        problems.AddReason(LineOf(element), "weight", reason);
      }
      if (const auto type = Attribute(element, "type")) {
        if (*type == "mutual" && network.directed) {
          edge.mutual = true;
        } else if ((*type == "directed") != network.directed && *type != "mutual") {
          problems.AddReason(LineOf(element), "type", "mixed directed and undirected edges are not supported");
        }
      }
      values(element, edge_attributes, [&](const std::string& f, const std::string& v, std::string* why) {
        return SetEdgeField(&edge, f, v, why);
      });
      network.edges.push_back(std::move(edge));
      origins.edge_lines.push_back(LineOf(element));
    }
  }
  return Finish(std::move(network), rules, origins, &problems);
}

Result<Network> ReadNetwork(const std::string& path, const std::string& nodes_path, const GraphReadOptions& options) {
  NRS_ASSIGN_OR_RETURN(const GraphFormat format, GraphFormatOf(path));
  if (format == GraphFormat::kCsv) return ReadCsvNetwork(path, nodes_path, options);
  if (!nodes_path.empty()) {
    return Status::InvalidArgument("a node table goes with a CSV edge table; '{}' carries its nodes itself", path);
  }
  return format == GraphFormat::kGraphMl ? ReadGraphMl(path, options.rules) : ReadGexf(path, options.rules);
}

std::string EdgeTableCsv(const Network& network) {
  const auto fields = UsedEdgeFields(network);
  // Kumu reads "From" and "To" from the first two columns.
  std::string out = "From,To";
  for (const auto& [field, name] : fields) {
    out += ",";
    out += field == "type"        ? "Type"
           : field == "weight"    ? "Strength"
           : field == "sign"      ? "Sign"
           : field == "direction" ? "Direction"
                                  : name;
  }
  out += "\n";
  for (const Edge& e : network.edges) {
    out += CsvField(e.source) + "," + CsvField(e.target);
    for (const auto& [field, name] : fields) out += "," + CsvField(EdgeValue(e, field));
    out += "\n";
  }
  return out;
}

std::string NodeTableCsv(const Network& network) {
  const auto fields = UsedNodeFields(network);
  // Kumu's element sheets start with "Label"; our display label goes in "Name" so that it reads back.
  std::string out = "Label";
  for (const auto& [field, name] : fields) {
    out += ",";
    out += field == "label" ? "Name" : field == "kind" ? "Type" : field == "group" ? "Sector" : name;
  }
  out += "\n";
  for (const Node& n : AllNodes(network)) {
    out += CsvField(n.id);
    for (const auto& [field, name] : fields) out += "," + CsvField(NodeValue(n, field));
    out += "\n";
  }
  return out;
}

std::string GraphMlText(const Network& network) {
  const auto node_fields = UsedNodeFields(network);
  const auto edge_fields = UsedEdgeFields(network);
  XmlOut x;
  x.Start("graphml");
  x.Attr("xmlns", "http://graphml.graphdrawing.org/xmlns");
  for (const auto& [fields, domain] : {std::pair{&node_fields, "node"}, std::pair{&edge_fields, "edge"}}) {
    for (const auto& [field, name] : *fields) {
      x.Start("key");
      x.Attr("id", fmt::format("{}_{}", domain, name));
      x.Attr("for", domain);
      x.Attr("attr.name", name);
      x.Attr("attr.type", IsNumericField(field) ? "double" : "string");
      x.End();
    }
  }
  x.Start("graph");
  x.Attr("id", "G");
  x.Attr("edgedefault", network.directed ? "directed" : "undirected");
  for (const Node& n : AllNodes(network)) {
    x.Start("node");
    x.Attr("id", n.id);
    for (const auto& [field, name] : node_fields) {
      const std::string value = NodeValue(n, field);
      if (value.empty()) continue;
      x.Start("data");
      x.Attr("key", "node_" + name);
      x.Text(value);
      x.End();
    }
    x.End();
  }
  for (const Edge& e : network.edges) {
    x.Start("edge");
    x.Attr("source", e.source);
    x.Attr("target", e.target);
    for (const auto& [field, name] : edge_fields) {
      const std::string value = EdgeValue(e, field);
      if (value.empty()) continue;
      x.Start("data");
      x.Attr("key", "edge_" + name);
      x.Text(value);
      x.End();
    }
    x.End();
  }
  x.End();
  x.End();
  return x.Finish();
}

std::string GexfText(const Network& network) {
  const auto node_fields = UsedNodeFields(network);
  auto edge_fields = UsedEdgeFields(network);
  // GEXF carries weight and direction natively.
  std::erase_if(edge_fields, [](const auto& f) { return f.first == "weight" || f.first == "direction"; });
  XmlOut x;
  x.Start("gexf");
  x.Attr("xmlns", "http://gexf.net/1.3");
  x.Attr("version", "1.3");
  x.Start("graph");
  x.Attr("defaultedgetype", network.directed ? "directed" : "undirected");
  const auto& gexf_edge_fields = edge_fields;
  for (const auto& [fields, klass] : {std::pair{&node_fields, "node"}, std::pair{&gexf_edge_fields, "edge"}}) {
    std::vector<std::pair<std::string, std::string>> declared = *fields;
    if (std::string_view(klass) == "node") std::erase_if(declared, [](const auto& f) { return f.first == "label"; });
    if (declared.empty()) continue;
    x.Start("attributes");
    x.Attr("class", klass);
    for (const auto& [field, name] : declared) {
      x.Start("attribute");
      x.Attr("id", name);
      x.Attr("title", name);
      x.Attr("type", IsNumericField(field) ? "double" : "string");
      x.End();
    }
    x.End();
  }
  const auto write_values = [&](const auto& fields, auto value_of) {
    bool open = false;
    for (const auto& [field, name] : fields) {
      const std::string value = value_of(field);
      if (value.empty() || field == "label") continue;
      if (!open) x.Start("attvalues");
      open = true;
      x.Start("attvalue");
      x.Attr("for", name);
      x.Attr("value", value);
      x.End();
    }
    if (open) x.End();
  };
  x.Start("nodes");
  for (const Node& n : AllNodes(network)) {
    x.Start("node");
    x.Attr("id", n.id);
    x.Attr("label", n.label.empty() ? n.id : n.label);
    write_values(node_fields, [&](const std::string& f) { return NodeValue(n, f); });
    x.End();
  }
  x.End();
  x.Start("edges");
  for (std::size_t i = 0; i < network.edges.size(); ++i) {
    const Edge& e = network.edges[i];
    x.Start("edge");
    x.Attr("id", std::to_string(i));
    x.Attr("source", e.source);
    x.Attr("target", e.target);
    if (network.directed && e.mutual) x.Attr("type", "mutual");
    if (e.weight != 1) x.Attr("weight", Number(e.weight));
    write_values(edge_fields, [&](const std::string& f) { return EdgeValue(e, f); });
    x.End();
  }
  x.End();
  x.End();
  x.End();
  return x.Finish();
}

Status WriteTextFile(const std::string& path, const std::string& text) {
  const std::string temporary = fmt::format("{}.tmp{}", path, ::getpid());
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (file == nullptr) return Status::IoError("cannot write '{}': {}", path, std::strerror(errno));
  const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  const bool closed = std::fclose(file) == 0;
  if (!written || !closed || std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    std::remove(temporary.c_str());
    return Status::IoError("cannot write '{}': {}", path, std::strerror(error));
  }
  return Status::Ok();
}

}  // namespace nrs::io
