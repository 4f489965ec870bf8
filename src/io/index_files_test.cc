#include "io/index_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace nrs::io {
namespace {

TEST(IndexFiles, ReadsAPipelineAndRefusesUnknownKeys) {
  const auto p = ParsePipelineToml(R"(
[impute]
method = "group_mean"
group = "region"
[treat]
method = "winsorise"
winmax = "auto"
[aggregate]
method = "arithmetic"
by_level = { "3" = "geometric" }
)",
                                   "p.toml");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->impute.method, index::ImputeMethod::kGroupMean);
  EXPECT_EQ(p->treat.winmax, -1);
  ASSERT_EQ(p->aggregate.by_level.size(), 1U);
  EXPECT_EQ(p->aggregate.by_level[0].second, index::AggregateMethod::kGeometric);

  const auto bad = ParsePipelineToml("[normalise]\nmethod = \"minmax\"\nhihg = 5\n", "p.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().ToString().find("p.toml:3: normalise.hihg: unknown key"), std::string::npos)
      << bad.status().ToString();
  const auto method = ParsePipelineToml("[normalise]\nmethod = \"minmix\"\n", "p.toml");
  EXPECT_NE(method.status().ToString().find("unknown normalisation 'minmix'"), std::string::npos);
}

TEST(IndexFiles, ReadsAFrameworkAndItsData) {
  const auto dir = std::filesystem::temp_directory_path() / "nrs_index_files_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "d.csv") << "code,label,x,y,text\nA,Alpha,1,NA,a\nB,Beta,2,5,b\n";
  const auto f = ParseFrameworkToml(R"(
name = "Tiny"
[data]
file = "d.csv"
unit = "code"
name = "label"
[[aggregate]]
code = "Index"
[[indicator]]
code = "x"
parent = "Index"
[[indicator]]
code = "y"
parent = "Index"
direction = -1
[[indicator]]
code = "z"
parent = "Index"
slot = true
)",
                                    (dir / "f.toml").string());
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->framework.nodes.size(), 4U);
  EXPECT_EQ(f->data.file, (dir / "d.csv").string());
  const auto d = ReadIndexData(f->data, NeededColumns(f->framework, f->pipeline));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->units, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(d->names, (std::vector<std::string>{"Alpha", "Beta"}));
  EXPECT_EQ(d->Column("text"), -1);
  EXPECT_TRUE(std::isnan(d->columns[static_cast<std::size_t>(d->Column("y"))][0]));

  std::ofstream(dir / "bad.csv") << "code,label,x,y\nA,Alpha,1,oops\n";
  IndexDataSpec spec = f->data;
  spec.file = (dir / "bad.csv").string();
  const auto bad = ReadIndexData(spec, {"x", "y"});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().ToString().find("bad.csv:2: y: 'oops' is not a number"), std::string::npos)
      << bad.status().ToString();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace nrs::io
