#include "nrs/maps.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "core/test_support.h"

namespace nrs {
namespace {

using ::testing::HasSubstr;

void Write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

TEST(Maps, MeasuresTableHasOneRowPerNodeAndSaysWhenBrokerageIsMissing) {
  nrs::testing::TempDir dir;
  Write(dir.File("e.csv"), "source,target\n1,2\n2,3\n3,1\n3,4\n");
  MapMeasuresOptions options;
  options.input.path = dir.File("e.csv");
  auto out = MapMeasures(options);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->table.size(), 4u);
  EXPECT_EQ(out->table.ColumnIndex("brokerage_total"), 15);
  ASSERT_EQ(out->notes.size(), 1u);
  EXPECT_THAT(out->notes[0], HasSubstr("--groups"));
}

TEST(Maps, SampledBetweennessIsNoted) {
  nrs::testing::TempDir dir;
  Write(dir.File("e.csv"), "source,target\n1,2\n2,3\n3,4\n4,5\n5,6\n");
  Write(dir.File("g.csv"), "node,sector\n1,a\n2,a\n3,b\n4,b\n5,c\n6,c\n");
  MapMeasuresOptions options;
  options.input = {.path = dir.File("e.csv"), .nodes_path = dir.File("g.csv"), .nodes_complete = true};
  options.exact_betweenness_max_nodes = 4;
  options.betweenness_sample_sources = 3;
  auto out = MapMeasures(options);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->notes.size(), 1u);
  EXPECT_THAT(out->notes[0], HasSubstr("estimated from 3 of 6 nodes"));
}

TEST(Maps, LoopsNeedSignedDirectedLinks) {
  nrs::testing::TempDir dir;
  Write(dir.File("l.csv"), "source,target,sign\nA,B,+\nB,A,-\nB,C,+\nC,A,+\n");
  MapLoopsOptions options;
  options.input.path = dir.File("l.csv");
  auto out = MapLoops(options);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->table.size(), 2u);
  EXPECT_EQ(std::get<std::string>(out->table.rows()[0][1]), "balancing");
  EXPECT_EQ(std::get<std::string>(out->table.rows()[1][2]), "A B C");
  options.max_loops = 1;
  out = MapLoops(options);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->notes.size(), 1u);
  EXPECT_THAT(out->notes[0], HasSubstr("2 loops found; 1 beyond the cap of 1"));
  Write(dir.File("unsigned.csv"), "source,target\nA,B\n");
  options.input.path = dir.File("unsigned.csv");
  EXPECT_EQ(MapLoops(options).status().code(), ErrorCode::kInvalidInput);
}

TEST(Maps, ReachAndPathsNameUnknownFactors) {
  nrs::testing::TempDir dir;
  Write(dir.File("l.csv"), "source,target,sign\nA,B,+\nB,C,-\n");
  MapReachOptions reach;
  reach.input.path = dir.File("l.csv");
  reach.factor = "Z";
  EXPECT_EQ(MapReach(reach).status().code(), ErrorCode::kNotFound);
  MapPathsOptions paths;
  paths.input.path = dir.File("l.csv");
  paths.from = "A";
  paths.to = "C";
  auto out = MapPaths(paths);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->table.size(), 1u);
  EXPECT_EQ(std::get<std::string>(out->table.rows()[0][1]), "opposite");
}

TEST(Maps, ConvertWritesEveryFormat) {
  nrs::testing::TempDir dir;
  Write(dir.File("e.csv"), "From,To,Type\nAnn,Council,information\n");
  for (const char* name : {"m.graphml", "m.gexf", "m.csv"}) {
    MapConvertOptions options;
    options.input.path = dir.File("e.csv");
    options.output_path = dir.File(name);
    auto out = ConvertMap(options);
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    EXPECT_TRUE(std::filesystem::exists(dir.File(name)));
  }
  MapConvertOptions bad;
  bad.input.path = dir.File("e.csv");
  bad.output_path = dir.File("m.json");
  EXPECT_EQ(ConvertMap(bad).status().code(), ErrorCode::kInvalidArgument);
}

TEST(Maps, OptionsAreValidated) {
  MapChangeOptions change;
  change.measures.input.path = "x.csv";
  change.before = "2024-01-01";
  change.after = "2023-01-01";
  EXPECT_EQ(change.Validate().code(), ErrorCode::kInvalidArgument);
  MapPathsOptions paths;
  paths.input.path = "x.csv";
  paths.from = paths.to = "A";
  EXPECT_EQ(paths.Validate().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(MapInput{}.Validate().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace nrs
