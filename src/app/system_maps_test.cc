// Stored system maps and the register, through the facade on a real database: the stored map must give the
// same measures as the reference files it was imported from.

#include "nrs/system_maps.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "app/test_support.h"
#include "core/test_support.h"
#include "io/csv_reader.h"
#include "nrs/audit.h"

namespace nrs {
namespace {

const std::string kRef = std::string(NRS_SOURCE_DIR) + "/tests/reference/";

class SystemMapsTest : public nrs::testing::LiverpoolTest {
 protected:
  void SetUp() override {
    LiverpoolTest::SetUp();
    if (HasFatalFailure()) return;
    AddWardNeighbourhood("Old Swan", "E05000904");
    AddWardNeighbourhood("Anfield", "E05000886");
    if (HasFatalFailure()) return;
    // The reference actors with the kind and role every stored actor needs, and their sectors.
    auto sectors = io::CsvReader::Open(kRef + "network/actors_sectors.csv");
    ASSERT_TRUE(sectors.ok());
    std::ofstream nodes(dir_.File("actors.csv"));
    nodes << "node,kind,sector,role\n";
    while (*sectors->Next()) {
      nodes << sectors->field(0) << ",organisation," << sectors->field(1) << ",partner\n";
    }
  }

  SystemMapImportOptions ActorImport() {
    SystemMapImportOptions o;
    o.neighbourhood = "Old Swan";
    o.input.path = kRef + "network/actors_directed_edges.csv";
    o.input.nodes_path = dir_.File("actors.csv");
    o.input.directed = true;
    return o;
  }
};

std::map<std::string, std::map<std::string, std::string>> ByNode(const core::Table& t) {
  std::map<std::string, std::map<std::string, std::string>> out;
  for (const auto& row : t.rows()) {
    auto& m = out[std::get<std::string>(row[0])];
    for (std::size_t c = 0; c < t.columns().size(); ++c) {
      if (const auto* i = std::get_if<std::int64_t>(&row[c])) m[t.columns()[c].name] = std::to_string(*i);
      if (const auto* d = std::get_if<double>(&row[c])) m[t.columns()[c].name] = fmt::format("{}", *d);
    }
  }
  return out;
}

TEST_F(SystemMapsTest, StoredActorMapMeasuresLikeItsReference) {
  const auto imported = ImportSystemMap(*app_, ActorImport());
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_EQ(imported->records, 71);
  const auto measures = MapMeasures(*app_, StoredMap{"Old Swan", ""}, MapMeasuresOptions{});
  ASSERT_TRUE(measures.ok()) << measures.status().ToString();
  const auto got = ByNode(measures->table);
  auto reference = io::CsvReader::Open(kRef + "network/actors_directed_measures.csv");
  ASSERT_TRUE(reference.ok());
  int nodes = 0;
  while (*reference->Next()) {
    const std::string node(reference->field(0));
    ASSERT_TRUE(got.contains(node)) << node;
    const auto& m = got.at(node);
    EXPECT_EQ(m.at("in_degree"), reference->field(1)) << node;
    EXPECT_EQ(m.at("out_degree"), reference->field(2)) << node;
    EXPECT_NEAR(std::stod(m.at("betweenness")), std::stod(std::string(reference->field(3))), 1e-9) << node;
    EXPECT_EQ(m.at("brokerage_total"), reference->field(9)) << node;
    ++nodes;
  }
  EXPECT_EQ(nodes, 30);
}

TEST_F(SystemMapsTest, ActorsNeedKindAndRole) {
  std::ofstream(dir_.File("bare.csv")) << "node,sector\n1,council\n";
  SystemMapImportOptions o = ActorImport();
  o.input.nodes_path = dir_.File("bare.csv");
  EXPECT_FALSE(ImportSystemMap(*app_, o).ok());
  const auto none = MapMeasures(*app_, StoredMap{"Old Swan", ""}, MapMeasuresOptions{});
  EXPECT_EQ(none.status().code(), ErrorCode::kNotFound);  // nothing was stored
}

TEST_F(SystemMapsTest, StoredFactorMapHasTheReferenceLoops) {
  SystemMapImportOptions o;
  o.neighbourhood = "Old Swan";
  o.kind = MapKind::kFactors;
  o.input.path = kRef + "network/factor_links.csv";
  ASSERT_TRUE(ImportSystemMap(*app_, o).ok());
  const auto loops = MapLoops(*app_, StoredMap{"old-swan", ""}, MapLoopsOptions{});
  ASSERT_TRUE(loops.ok()) << loops.status().ToString();
  auto reference = io::CsvReader::Open(kRef + "network/factor_loops.csv");
  ASSERT_TRUE(reference.ok());
  std::set<std::string> expected;
  while (*reference->Next()) {
    expected.insert(fmt::format("{}|{}", reference->field(static_cast<std::size_t>(reference->ColumnIndex("polarity"))),
                                reference->field(static_cast<std::size_t>(reference->ColumnIndex("factors")))));
  }
  std::set<std::string> got;
  for (const auto& row : loops->table.rows()) {
    got.insert(fmt::format("{}|{}", std::get<std::string>(row[1]), std::get<std::string>(row[2])));
  }
  EXPECT_EQ(got, expected);
  EXPECT_EQ(got.size(), 29U);
}

TEST_F(SystemMapsTest, PublishedMeasuresAppearInTheProfile) {
  ASSERT_TRUE(ImportSystemMap(*app_, ActorImport()).ok());
  const auto published = PublishMapIndicators(*app_, {"Old Swan", "", "2020"});
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  ASSERT_EQ(published->size(), 4U);  // only Old Swan has a map
  // Density of the reference map: 71 arcs among 30 actors, directed.
  EXPECT_EQ(std::get<std::string>(published->rows()[0][1]), "actor-map-density");
  EXPECT_NEAR(std::get<double>(published->rows()[0][3]), 71.0 / (30 * 29), 1e-12);
  ProfileOptions profile;
  profile.neighbourhood = "Old Swan";
  profile.indicators = {"actor-map-density"};
  const auto table = Profile(*app_, profile);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->size(), 1U);
  EXPECT_NEAR(std::get<double>(table->rows()[0][4]), 71.0 / (30 * 29), 1e-12);
}

TEST_F(SystemMapsTest, RegisterAndCoverage) {
  ASSERT_TRUE(ImportSystemMap(*app_, ActorImport()).ok());
  ActivityOptions club;
  club.title = "Lunch club for older people";
  club.neighbourhoods = {"Old Swan"};
  club.domains = {"social relationships"};
  club.lead = "2";
  const auto id = AddActivity(*app_, club);
  ASSERT_TRUE(id.ok()) << id.status().ToString();

  ActivityOptions tweak;
  tweak.kind = "action";
  tweak.title = "Community transport to the lunch club";
  tweak.neighbourhoods = {"Old Swan", "Anfield"};
  tweak.domains = {"social relationships"};
  tweak.affects = {"living environment"};
  tweak.tweak_of = *id;
  tweak.status = "planned";
  tweak.cost = 2500;
  ASSERT_TRUE(AddActivity(*app_, tweak).ok());

  ActivityOptions bad = club;
  bad.domains = {"health"};
  EXPECT_EQ(AddActivity(*app_, bad).status().code(), ErrorCode::kInvalidArgument);
  bad = club;
  bad.lead = "no-such-actor";
  EXPECT_EQ(AddActivity(*app_, bad).status().code(), ErrorCode::kInvalidArgument);
  bad = tweak;
  bad.tweak_of = *id + 1;  // an action, not an activity
  EXPECT_EQ(AddActivity(*app_, bad).status().code(), ErrorCode::kInvalidArgument);
  bad = club;
  bad.start_date = "2020-02-30x";
  EXPECT_EQ(AddActivity(*app_, bad).status().code(), ErrorCode::kInvalidArgument);

  const auto list = ListActivities(*app_, {.neighbourhood = "Anfield", .domain = "", .kind = ""});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1U);
  EXPECT_EQ(std::get<std::string>(list->rows()[0][2]), "Community transport to the lunch club");
  EXPECT_EQ(std::get<std::int64_t>(list->rows()[0][7]), *id);

  const auto coverage = ActivityCoverage(*app_);
  ASSERT_TRUE(coverage.ok());
  ASSERT_EQ(coverage->size(), 8U);  // 2 neighbourhoods × 4 domains
  std::map<std::string, std::vector<std::string>> cells;
  for (const auto& row : coverage->rows()) {
    cells[std::get<std::string>(row[0]) + "/" + std::get<std::string>(row[1])] = {
        std::to_string(std::get<std::int64_t>(row[2])), std::to_string(std::get<std::int64_t>(row[3])),
        std::to_string(std::get<std::int64_t>(row[4])), std::get<std::string>(row[5])};
  }
  EXPECT_EQ(cells["Old Swan/social relationships"], (std::vector<std::string>{"1", "1", "0", "no"}));
  EXPECT_EQ(cells["Anfield/living environment"], (std::vector<std::string>{"0", "0", "1", "yes"}));
  EXPECT_EQ(cells["Anfield/community governance"], (std::vector<std::string>{"0", "0", "0", "yes"}));
}

// Each change to the stored maps, their published measures and the register is in the audit trail, made in the
// same transaction and naming who made it.
TEST_F(SystemMapsTest, ChangesAreAudited) {
  SystemMapImportOptions import = ActorImport();
  import.actor = Actor{.user_id = 0, .name = "someone", .via = "api", .address = "192.0.2.1"};
  ASSERT_TRUE(ImportSystemMap(*app_, import).ok());
  MapIndicatorOptions publish{"Old Swan", "", "2020"};
  publish.actor = import.actor;
  ASSERT_TRUE(PublishMapIndicators(*app_, publish).ok());
  ActivityOptions club;
  club.title = "Lunch club for older people";
  club.neighbourhoods = {"Old Swan"};
  club.domains = {"social relationships"};
  club.actor = import.actor;
  const auto id = AddActivity(*app_, club);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  ActivityOptions refused = club;
  refused.lead = "no-such-actor";
  ASSERT_FALSE(AddActivity(*app_, refused).ok());

  AuditQuery q;
  q.actor = "someone";
  const auto page = ListAudit(*app_, q);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->total, 3);  // the refused activity left no record
  const AuditEvent& added = page->events[0];
  EXPECT_EQ(added.action, "activity.add");
  EXPECT_EQ(added.target, fmt::format("activity:{}", *id));
  EXPECT_EQ(added.via, "api");
  EXPECT_EQ(added.address, "192.0.2.1");
  EXPECT_NE(added.after.find("Lunch club for older people"), std::string::npos);
  EXPECT_EQ(page->events[1].action, "map.publish");
  EXPECT_NE(page->events[1].after.find(R"("values":4)"), std::string::npos) << page->events[1].after;
  EXPECT_EQ(page->events[2].action, "map.actors.import");
  EXPECT_EQ(page->events[2].target, "neighbourhood:old-swan");
  EXPECT_NE(page->events[2].after.find(R"("edges":71)"), std::string::npos) << page->events[2].after;
}

}  // namespace
}  // namespace nrs
