#include "io/graph_files.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "core/test_support.h"

namespace nrs::io {
namespace {

using systems::Edge;
using systems::Network;
using systems::Node;
using ::testing::HasSubstr;

void Write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

std::vector<std::string> Problems(const Status& status) {
  std::vector<std::string> out;
  for (const Diagnostic& d : status.diagnostics()) out.push_back(d.ToString());
  return out;
}

// A directed actor map using every field.
Network Rich() {
  Network network;
  network.directed = true;
  network.nodes = {{.id = "r1",
                    .kind = "person",
                    .label = "Resident A",
                    .group = "resident",
                    .role = "Resident Adviser",
                    .influence = 2.5,
                    .domains = {"social relationships", "governance"}},
                   {.id = "c", .kind = "organisation", .label = "Council & partners <east>", .group = "council"},
                   {.id = "v", .group = "voluntary", .indicator = "trust_in_council"}};
  network.edges = {
      {.source = "r1", .target = "c", .weight = 3, .type = "information", .valid_from = "2023-01-01"},
      {.source = "c", .target = "v", .sign = -1, .mutual = true, .type = "money, grants", .recorded_by = "Ann"},
      {.source = "v", .target = "r1", .weight = 0.5, .sign = 1, .valid_to = "2024-12-31"}};
  return network;
}

void ExpectSame(const Network& a, const Network& b) {
  EXPECT_EQ(a.directed, b.directed);
  ASSERT_EQ(a.nodes.size(), b.nodes.size());
  for (std::size_t i = 0; i < a.nodes.size(); ++i) {
    const Node& x = a.nodes[i];
    const Node& y = b.nodes[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.kind, y.kind) << x.id;
    EXPECT_EQ(x.label, y.label) << x.id;
    EXPECT_EQ(x.group, y.group) << x.id;
    EXPECT_EQ(x.role, y.role) << x.id;
    EXPECT_EQ(x.influence, y.influence) << x.id;
    EXPECT_EQ(x.domains, y.domains) << x.id;
    EXPECT_EQ(x.indicator, y.indicator) << x.id;
  }
  ASSERT_EQ(a.edges.size(), b.edges.size());
  for (std::size_t i = 0; i < a.edges.size(); ++i) {
    const Edge& x = a.edges[i];
    const Edge& y = b.edges[i];
    EXPECT_EQ(x.source, y.source);
    EXPECT_EQ(x.target, y.target);
    EXPECT_EQ(x.weight, y.weight);
    EXPECT_EQ(x.sign, y.sign);
    EXPECT_EQ(x.mutual, y.mutual);
    EXPECT_EQ(x.type, y.type);
    EXPECT_EQ(x.valid_from, y.valid_from);
    EXPECT_EQ(x.valid_to, y.valid_to);
    EXPECT_EQ(x.recorded_by, y.recorded_by);
  }
}

TEST(GraphFiles, CsvRoundTrip) {
  nrs::testing::TempDir dir;
  Write(dir.File("e.csv"), EdgeTableCsv(Rich()));
  Write(dir.File("n.csv"), NodeTableCsv(Rich()));
  EXPECT_THAT(EdgeTableCsv(Rich()), HasSubstr("From,To,Type,Strength,Sign,Direction"));
  auto back = ReadCsvNetwork(dir.File("e.csv"), dir.File("n.csv"), {.directed = true});
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ExpectSame(Rich(), *back);
}

TEST(GraphFiles, GraphMlRoundTrip) {
  nrs::testing::TempDir dir;
  const std::string text = GraphMlText(Rich());
  EXPECT_THAT(text, HasSubstr("edgedefault=\"directed\""));
  EXPECT_THAT(text, HasSubstr("Council &amp; partners &lt;east&gt;"));
  Write(dir.File("m.graphml"), text);
  auto back = ReadGraphMl(dir.File("m.graphml"));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ExpectSame(Rich(), *back);
}

TEST(GraphFiles, GexfRoundTrip) {
  nrs::testing::TempDir dir;
  const std::string text = GexfText(Rich());
  EXPECT_THAT(text, HasSubstr("type=\"mutual\""));
  Write(dir.File("m.gexf"), text);
  auto back = ReadNetwork(dir.File("m.gexf"), "", {});
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ExpectSame(Rich(), *back);
}

TEST(GraphFiles, UndirectedNetworksRoundTripInEveryFormat) {
  nrs::testing::TempDir dir;
  Network network;
  network.edges = {{.source = "1", .target = "2"}, {.source = "2", .target = "3"}};
  for (const char* name : {"u.graphml", "u.gexf"}) {
    Write(dir.File(name), std::string(name).ends_with("gexf") ? GexfText(network) : GraphMlText(network));
    auto back = ReadNetwork(dir.File(name), "", {.directed = true});  // the file's own direction wins
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_FALSE(back->directed);
    EXPECT_EQ(back->edges.size(), 2u);
    EXPECT_EQ(back->nodes.size(), 3u);
  }
}

TEST(GraphFiles, KumuAndReferenceColumnNamesAreAccepted) {
  nrs::testing::TempDir dir;
  Write(dir.File("kumu.csv"), "From,To,Type,Strength\nAnn,Council,information,2\n");
  Write(dir.File("elements.csv"), "Label,Type,Sector\nAnn,person,resident\nCouncil,organisation,council\n");
  auto kumu = ReadCsvNetwork(dir.File("kumu.csv"), dir.File("elements.csv"), {});
  ASSERT_TRUE(kumu.ok()) << kumu.status().ToString();
  EXPECT_EQ(kumu->edges[0].weight, 2);
  EXPECT_EQ(kumu->nodes[0].kind, "person");
  EXPECT_EQ(kumu->nodes[1].group, "council");
  Write(dir.File("ref.csv"), "\"source\",\"target\"\n1,19\n1,26\n");
  Write(dir.File("groups.csv"), "\"node\",\"sector\"\n1,\"council\"\n19,\"health\"\n26,\"resident\"\n");
  auto reference = ReadCsvNetwork(dir.File("ref.csv"), dir.File("groups.csv"), {.node_table_complete = true});
  ASSERT_TRUE(reference.ok()) << reference.status().ToString();
  EXPECT_EQ(reference->nodes[2].group, "resident");
}

TEST(GraphFiles, BadEdgeTablesAreRefusedWithLines) {
  nrs::testing::TempDir dir;
  Write(dir.File("bad.csv"),
        "source,target,weight\n"
        "a,b,1\n"
        "b,a,2\n"      // repeats a–b in an undirected map
        "c,c,1\n"      // self-loop
        "c,d,heavy\n"  // not a number
        "d,e,-1\n");   // negative
  auto network = ReadCsvNetwork(dir.File("bad.csv"), "", {});
  ASSERT_EQ(network.status().code(), ErrorCode::kInvalidInput);
  // The unreadable weight is reported first and alone: the engine's checks run on values that could be read.
  EXPECT_EQ(Problems(network.status()),
            (std::vector<std::string>{dir.File("bad.csv") + ":5: weight: 'heavy' is not a number"}));
  Write(dir.File("bad.csv"), "source,target,weight\na,b,1\nb,a,2\nc,c,1\nd,e,-1\n");
  network = ReadCsvNetwork(dir.File("bad.csv"), "", {});
  ASSERT_EQ(network.status().code(), ErrorCode::kInvalidInput);
  const std::string f = dir.File("bad.csv");
  EXPECT_EQ(Problems(network.status()),
            (std::vector<std::string>{f + ":3: target: the tie b -- a repeats an earlier row",
                                      f + ":4: target: a tie from 'c' to itself is not allowed",
                                      f + ":5: weight: expected a number of zero or more"}));
}

TEST(GraphFiles, MissingColumnsAndSignsAreRefused) {
  nrs::testing::TempDir dir;
  Write(dir.File("e.csv"), "from,weight\na,1\n");
  auto network = ReadCsvNetwork(dir.File("e.csv"), "", {});
  ASSERT_EQ(network.status().code(), ErrorCode::kInvalidInput);
  EXPECT_THAT(Problems(network.status())[0], HasSubstr(":1: target: missing column"));
  Write(dir.File("l.csv"), "source,target,sign\nF1,F2,+\nF2,F1,maybe\nF2,F3,\n");
  network = ReadCsvNetwork(dir.File("l.csv"), "", {.directed = true, .rules = {.require_sign = true}});
  ASSERT_EQ(network.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(Problems(network.status()),
            (std::vector<std::string>{dir.File("l.csv") + ":3: sign: 'maybe' is not a sign; expected + or -"}));
  Write(dir.File("l.csv"), "source,target,sign\nF1,F2,+\nF2,F3,\n");
  network = ReadCsvNetwork(dir.File("l.csv"), "", {.directed = true, .rules = {.require_sign = true}});
  EXPECT_EQ(Problems(network.status()),
            (std::vector<std::string>{dir.File("l.csv") + ":3: sign: a causal link needs a sign, + or -"}));
}

TEST(GraphFiles, NodeTablesNameOnlyKnownNodesOnce) {
  nrs::testing::TempDir dir;
  Write(dir.File("e.csv"), "source,target\n1,2\n2,3\n");
  Write(dir.File("g.csv"), "node,sector\n1,council\n2,health\n2,police\n9,resident\n");
  auto network = ReadCsvNetwork(dir.File("e.csv"), dir.File("g.csv"), {.node_table_complete = true});
  ASSERT_EQ(network.status().code(), ErrorCode::kInvalidInput);
  const std::string g = dir.File("g.csv");
  EXPECT_EQ(Problems(network.status()),
            (std::vector<std::string>{g + ":5: node: unknown node '9': no tie of the edge table names it",
                                      g + ": node: no row for 1 node of the edge table: 3"}));
  Write(dir.File("g.csv"), "node,sector\n1,council\n2,health\n2,police\n3,resident\n");
  network = ReadCsvNetwork(dir.File("e.csv"), dir.File("g.csv"), {.node_table_complete = true});
  EXPECT_EQ(Problems(network.status()), (std::vector<std::string>{g + ":4: node: node '2' is listed twice"}));
}

TEST(GraphFiles, XmlProblemsCarryLines) {
  nrs::testing::TempDir dir;
  Write(dir.File("broken.graphml"), "<graphml><graph>\n<node id=\"a\">\n</graph>");
  auto network = ReadGraphMl(dir.File("broken.graphml"));
  ASSERT_EQ(network.status().code(), ErrorCode::kInvalidInput);
  EXPECT_THAT(Problems(network.status())[0], HasSubstr("not well-formed XML"));
  Write(dir.File("m.graphml"),
        "<graphml>\n<key id=\"w\" for=\"edge\" attr.name=\"weight\"/>\n<graph edgedefault=\"undirected\">\n"
        "<node id=\"a\"/>\n<node id=\"b\"/>\n<edge source=\"a\" target=\"b\"><data key=\"w\">x</data></edge>\n"
        "<edge source=\"a\" target=\"z\"/>\n</graph>\n</graphml>\n");
  network = ReadGraphMl(dir.File("m.graphml"));
  ASSERT_EQ(network.status().code(), ErrorCode::kInvalidInput);
  const std::string m = dir.File("m.graphml");
  EXPECT_EQ(Problems(network.status()),
            (std::vector<std::string>{m + ":6: w: 'x' is not a number",
                                      m + ":7: target: unknown node 'z': no <node> declares it"}));
  Write(dir.File("other.xml.graphml"), "<svg/>");
  EXPECT_EQ(ReadGraphMl(dir.File("other.xml.graphml")).status().code(), ErrorCode::kInvalidInput);
}

TEST(GraphFiles, FormatsFollowTheFileName) {
  EXPECT_EQ(*GraphFormatOf("a/b.CSV"), GraphFormat::kCsv);
  EXPECT_EQ(*GraphFormatOf("m.graphml"), GraphFormat::kGraphMl);
  EXPECT_EQ(*GraphFormatOf("m.gexf"), GraphFormat::kGexf);
  EXPECT_EQ(GraphFormatOf("m.json").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(ReadNetwork("m.graphml", "nodes.csv", {}).status().code(), ErrorCode::kInvalidArgument);
}

TEST(GraphFiles, WriteTextFileReplacesAtomically) {
  nrs::testing::TempDir dir;
  ASSERT_TRUE(WriteTextFile(dir.File("out.csv"), "a\n").ok());
  ASSERT_TRUE(WriteTextFile(dir.File("out.csv"), "b\n").ok());
  std::ifstream in(dir.File("out.csv"));
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "b");
  EXPECT_EQ(WriteTextFile(dir.File("no/such/dir.csv"), "x").code(), ErrorCode::kIoError);
}

}  // namespace
}  // namespace nrs::io
