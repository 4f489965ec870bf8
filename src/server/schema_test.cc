#include "server/schema.h"

#include <gtest/gtest.h>

namespace nrs::server {
namespace {

const Json kUser = schema::Object({{"username", schema::String("", 8)},
                                   {"age", schema::Integer("", 0, 150)},
                                   {"role", schema::Enum({"analyst", "administrator"})},
                                   {"tags", schema::Array(schema::String(), "", 2)},
                                   {"ok", schema::Boolean()},
                                   {"note", schema::Nullable(schema::String())}},
                                  {"username"});

std::vector<std::string> Problems(const std::string& json) {
  std::vector<std::string> out;
  for (const Diagnostic& d : ValidateJson(kUser, Json::parse(json))) out.push_back(d.column + ": " + d.reason);
  return out;
}

TEST(Schema, AcceptsWhatItDescribes) {
  EXPECT_TRUE(Problems(R"({"username":"amira","age":30,"role":"analyst","tags":["a"],"ok":true,"note":null})").empty());
  EXPECT_TRUE(Problems(R"({"username":"amira","age":30.0})").empty());  // 30.0 is an integer
}

TEST(Schema, NamesEachProblemByItsPointer) {
  EXPECT_EQ(Problems(R"({})"), (std::vector<std::string>{"/username: is required"}));
  EXPECT_EQ(Problems(R"({"username":"a","extra":1})"),
            (std::vector<std::string>{"/extra: is not a known field; expected username, age, role, tags, ok, note"}));
  EXPECT_EQ(Problems(R"({"username":7})"), (std::vector<std::string>{"/username: must be a string, not an integer"}));
  EXPECT_EQ(Problems(R"({"username":"a","age":2.5})"),
            (std::vector<std::string>{"/age: must be an integer, not a number"}));
  EXPECT_EQ(Problems(R"({"username":"a","age":-1})"), (std::vector<std::string>{"/age: must be at least 0"}));
  EXPECT_EQ(Problems(R"({"username":"a","role":"root"})"),
            (std::vector<std::string>{R"(/role: must be one of "analyst", "administrator")"}));
  EXPECT_EQ(Problems(R"({"username":"a","tags":["x",3]})"),
            (std::vector<std::string>{"/tags/1: must be a string, not an integer"}));
  EXPECT_EQ(Problems(R"({"username":"a","tags":["x","y","z"]})"),
            (std::vector<std::string>{"/tags: must have at most 2 items"}));
  EXPECT_EQ(Problems(R"({"username":"toolongname"})"),
            (std::vector<std::string>{"/username: must have at most 8 characters"}));
  EXPECT_EQ(Problems(R"({"username":null})"), (std::vector<std::string>{"/username: must not be null"}));
  EXPECT_EQ(Problems(R"([1])"), (std::vector<std::string>{"/: must be an object, not an array"}));
  EXPECT_EQ(Problems(R"({"username":"a","ok":"yes"})"),
            (std::vector<std::string>{"/ok: must be a boolean, not a string"}));
}

TEST(Schema, CountsCharactersNotBytes) { EXPECT_TRUE(Problems(R"({"username":"éééééééé"})").empty()); }

TEST(Schema, EscapesPointerSegments) {
  const Json s = schema::Object({});
  const auto problems = ValidateJson(s, Json::parse(R"({"a/b~c":1})"));
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].column, "/a~1b~0c");
}

TEST(Schema, StopsAtTheLimit) {
  Json many = Json::object();
  for (int i = 0; i < 500; ++i) many["f" + std::to_string(i)] = i;
  EXPECT_EQ(ValidateJson(schema::Object({}), many, 100).size(), 100U);
}

TEST(Schema, TablesDescribeTheirColumns) {
  const Json t = schema::Table({{"name", core::CellType::kText}, {"n", core::CellType::kInteger}}, true);
  const Json good = Json::parse(R"({"columns":[{"name":"name","type":"text"},{"name":"n","type":"integer"}],
      "rows":[{"name":"x","n":1},{"name":null,"n":null}],"total":2,"offset":0,"limit":100})");
  EXPECT_TRUE(ValidateJson(t, good).empty());
  Json extra = good;
  extra["rows"][0]["other"] = 1;
  EXPECT_FALSE(ValidateJson(t, extra).empty());
  Json wrong = good;
  wrong["rows"][0]["n"] = "one";
  EXPECT_FALSE(ValidateJson(t, wrong).empty());
}

}  // namespace
}  // namespace nrs::server
