// `nrs serve --demo` end to end (slow: the demo database is built first): every route as every role against the
// policy table, every documented operation's reply against the OpenAPI document, the profile against the
// command line's, the demo accounts and the built-in page.

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <set>
#include <sstream>

#include "core/test_support.h"
#include "server/schema.h"
#include "server_support.h"

namespace nrs::e2e {
namespace {

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// The role each demo account has (README: the demo accounts).
std::string RoleOf(const std::string& account) {
  static const std::map<std::string, std::string> kRoles = {
      {"demo-admin", "administrator"},      {"demo-lead", "programme_lead"},
      {"demo-analyst", "analyst"},          {"demo-facilitator", "facilitator"},
      {"demo-adviser", "resident_adviser"}, {"demo-oversight", "oversight_member"}};
  return kRoles.at(account);
}

const std::vector<std::string> kIdentities = {"public",           "demo-admin",   "demo-lead",     "demo-analyst",
                                              "demo-facilitator", "demo-adviser", "demo-oversight"};

class DemoServer : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    shared_dir = new nrs::testing::TempDir();
    shared_db = shared_dir->File("demo.db");
    // An empty folder as the web application's: the built-in page, whether or not web/dist has been built.
    std::filesystem::create_directory(shared_dir->File("web"));
    shared_server = new ServerProcess(shared_db, {"--demo", "--web-root", shared_dir->File("web")});
    ASSERT_TRUE(shared_server->WaitUntilListening(std::chrono::seconds(600))) << shared_server->Log();
    shared_passwords = DemoPasswords(shared_server->Log());
    ASSERT_EQ(shared_passwords.size(), 6U) << shared_server->Log();
    const Json doc = Client(shared_server->port()).Get("/api/v1/openapi.json").json();
    shared_document = new Json(doc);
    // A synthetic household survey (never real people) for the survey routes.
    const RunResult generated = RunNrs({"survey", "generate", "--output", shared_dir->File("survey.csv")});
    ASSERT_EQ(generated.exit_code, 0) << generated.err;
    std::ifstream in(shared_dir->File("survey.csv"));
    std::ostringstream text;
    text << in.rdbuf();
    shared_survey = new std::string(std::move(text).str());
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(shared_server->Stop(SIGTERM), 0) << shared_server->Log();
    delete shared_server;
    delete shared_document;
    delete shared_survey;
    delete shared_dir;
  }

  static int port() { return shared_server->port(); }

  // A client signed in as `who` ("public": not signed in).
  static std::unique_ptr<Client> As(const std::string& who) {
    auto c = std::make_unique<Client>(port());
    if (who != "public") {
      EXPECT_TRUE(c->SignIn(who, shared_passwords.at(who))) << who;
    }
    return c;
  }

  // The path with each {parameter} replaced by the document's example.
  static std::string ExampleTarget(const std::string& path, const Json& operation) {
    std::string target = path;
    for (const Json& p : operation.value("parameters", Json::array())) {
      if (p["in"] != "path") continue;
      const std::string name = p["name"];
      // Percent-encoded as a client would send it (a stored survey's name has spaces and brackets).
      std::string value;
      for (const char c : p.value("example", std::string("x"))) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == '~') {
          value += c;
        } else {
          value += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        }
      }
      target.replace(target.find("{" + name + "}"), name.size() + 2, value);
    }
    return target;
  }

  static inline nrs::testing::TempDir* shared_dir = nullptr;
  static inline std::string shared_db;
  static inline ServerProcess* shared_server = nullptr;
  static inline std::map<std::string, std::string> shared_passwords;
  static inline Json* shared_document = nullptr;
  static inline std::string* shared_survey = nullptr;
};

// Every route × every role (and the public) against the policy table the document states for each operation
// (x-roles): exactly those roles get past sign-in and permission; the others get 401 (public) or 403.
TEST_F(DemoServer, EveryRouteAsEveryRoleFollowsThePolicy) {
  std::map<std::string, std::unique_ptr<Client>> clients;
  for (const std::string& who : kIdentities) clients[who] = As(who);
  int checked = 0;
  std::vector<std::pair<std::string, std::string>> last;  // signing out goes last
  for (const auto& [path, operations] : shared_document->at("paths").items()) {
    for (const auto& [method, operation] : operations.items()) {
      if (path == "/api/v1/auth/logout") {
        last.emplace_back(method, path);
        continue;
      }
      std::set<std::string> allowed;
      for (const Json& r : operation["x-roles"]) allowed.insert(r.get<std::string>());
      const std::string target = ExampleTarget(path, operation);
      for (const std::string& who : kIdentities) {
        const std::string role = who == "public" ? "public" : RoleOf(who);
        Client& c = *clients[who];
        Response r;
        const std::string verb = Upper(method);
        if (operation.contains("requestBody") && operation["requestBody"]["content"].contains("application/json")) {
          // A body the schema refuses: an allowed caller gets 422, after sign-in and permission were checked.
          r = c.Send(verb, target, R"({"probe_field_no_route_takes": true})", {{"Content-Type", "application/json"}});
        } else if (operation.contains("requestBody")) {
          // An upload under a file name no import takes: refused (400) once allowed.
          r = c.Send(verb, target + "?filename=not%20a%20name", "x", {{"Content-Type", "text/csv"}});
        } else {
          r = c.Send(verb, target);
        }
        ++checked;
        EXPECT_LT(r.status, 500) << verb << " " << target << " as " << who << ": " << r.body;
        if (allowed.count(role) > 0) {
          EXPECT_NE(r.status, 401) << verb << " " << target << " as " << who << ": " << r.body;
          EXPECT_NE(r.status, 403) << verb << " " << target << " as " << who << ": " << r.body;
        } else {
          EXPECT_EQ(r.status, who == "public" ? 401 : 403) << verb << " " << target << " as " << who << ": " << r.body;
        }
      }
    }
  }
  for (const auto& [method, path] : last) {
    for (const std::string& who : kIdentities) {
      const Response r = clients[who]->Send("POST", path);
      EXPECT_EQ(r.status, who == "public" ? 401 : 204) << who;
      ++checked;
    }
  }
  EXPECT_GE(checked, 40 * 7);
}

// Every operation the document lists is sent a well-formed request; its reply's status must be one the document
// gives for it, and its body must match that response's schema.
TEST_F(DemoServer, TheDocumentDescribesEveryReply) {
  Client admin(port());
  ASSERT_TRUE(admin.SignIn("demo-admin", shared_passwords.at("demo-admin")));
  // Someone whose own password may change.
  const Response probe = admin.Post(
      "/api/v1/users", {{"username", "probe.admin"}, {"role", "administrator"}, {"password", "probe password 1"}});
  ASSERT_EQ(probe.status, 201) << probe.body;
  Client c(port());
  ASSERT_TRUE(c.SignIn("probe.admin", "probe password 1"));
  std::string job_id;

  struct Example {
    std::string target{};  // "" = the path with its examples
    std::string body{};
    std::string content_type = "application/json";
  };
  const std::string edges =
      "source,target,sign,valid_from,valid_to\nA,B,+,2020-01-01,\nB,C,-,2020-01-01,\n"
      "C,A,+,2021-06-01,\n";
  const auto map = [&](Json extra) {
    extra["edges"] = edges;
    extra["directed"] = true;
    return extra.dump();
  };
  const std::map<std::string, Example> examples = {
      {"health", {}},
      {"ready", {}},
      {"openapi", {}},
      {"version", {}},
      {"mapSettings", {}},
      {"listSurveys", {}},
      {"estimateStoredSurvey", {"", R"({"variable":"swemwbs","by":["wave"]})"}},
      {"storedSurveyDifferenceInDifferences", {"", R"({"variable":"swemwbs"})"}},
      {"listErrors", {}},
      {"listRoles", {}},
      {"describeDatabase", {}},
      {"listDatasets", {"/api/v1/datasets?limit=2"}},
      {"listNeighbourhoods", {}},
      {"addNeighbourhood",
       {"", Json{{"name", "Probe area"}, {"lsoas", {"E01006566", "E01006567"}}, {"class", "comparison"}}.dump()}},
      {"getNeighbourhood", {}},
      {"getProfile", {"/api/v1/neighbourhoods/old-swan/profile?domain=income"}},
      {"getBoundary", {"/api/v1/neighbourhoods/old-swan/boundary?areas=true"}},
      {"listIndicators", {}},
      {"listAreas", {"/api/v1/areas?type=lad19&limit=3&offset=1"}},
      {"getAreaBoundaries", {"/api/v1/areas/boundaries?type=lad19&decimals=2"}},
      {"getAreaValues", {"/api/v1/areas/values?indicator=idaci-rate"}},
      {"getTrends", {"/api/v1/neighbourhoods/old-swan/trends?indicator=survey-gad7-score"}},
      {"importLookup", {"/api/v1/imports/lookup?filename=lookup.csv", "LSOA11CD,WD19CD\n", "text/csv"}},
      {"importPopulation", {"/api/v1/imports/population?period=mid-2019", "x\n", "text/csv"}},
      {"importBoundaries", {"", "{}", "application/geo+json"}},
      {"importCentroids", {"", "code,x,y\n", "text/csv"}},
      {"importCatalogue", {"", "key\n", "text/csv"}},
      {"importIndicators", {"/api/v1/imports/indicators?layout=long", "area_code,indicator,value\n", "text/csv"}},
      {"computeStatistic",
       {"/api/v1/statistics/rate",
        Json{{"csv", "area,deaths,pop\nA,12,10000\n"}, {"x", "deaths"}, {"n", "pop"}}.dump()}},
      {"mapMeasures", {"", map(Json::object())}},
      {"mapSummary", {"", map(Json::object())}},
      {"mapLoops", {"", map({{"max_length", 5}})}},
      {"mapFactors", {"", map(Json::object())}},
      {"mapReach", {"", map({{"factor", "A"}})}},
      {"mapPaths", {"", map({{"from", "A"}, {"to", "C"}})}},
      {"mapChange", {"", map({{"before", "2020-06-01"}, {"after", "2021-12-31"}})}},
      {"mapConvert", {"", map({{"to", "gexf"}})}},
      {"neighbourhoodMapMeasures", {}},
      {"neighbourhoodMapSummary", {"/api/v1/neighbourhoods/central-southport/maps/summary?date=2021-03-31"}},
      {"neighbourhoodMapLoops", {"/api/v1/neighbourhoods/central-southport/maps/loops?max_length=6"}},
      {"neighbourhoodMapFactors", {}},
      {"neighbourhoodMapExport", {"/api/v1/neighbourhoods/central-southport/maps/export?kind=factors&format=graphml"}},
      {"listActivities", {"/api/v1/activities?neighbourhood=old-swan&limit=5"}},
      {"activityCoverage", {}},
      {"listIndexRuns", {}},
      {"getIndexRun", {}},
      {"addActivity",
       {"", Json{{"title", "Probe activity"},
                 {"neighbourhoods", {"Old Swan"}},
                 {"domains", {"community governance"}},
                 {"cost", 150}}
                .dump()}},
      {"estimateSurvey",
       {"", Json{{"data", *shared_survey},
                 {"weight", "weight"},
                 {"strata", "area"},
                 {"cluster", "household"},
                 {"variable", "cohesion1"},
                 {"by", {"area_class"}}}
                .dump()}},
      {"surveyDifferenceInDifferences",
       {"", Json{{"data", *shared_survey},
                 {"weight", "weight"},
                 {"strata", "area"},
                 {"cluster", "household"},
                 {"condition", "influence <= 2"}}
                .dump()}},
      {"listJobs", {}},
      {"getJob", {"job"}},
      {"cancelJob", {"job"}},
      {"login", {"", Json{{"username", "demo-lead"}, {"password", shared_passwords.at("demo-lead")}}.dump()}},
      {"getSession", {}},
      {"changePassword",
       {"", Json{{"current_password", "probe password 1"}, {"new_password", "probe password 2"}}.dump()}},
      {"listUsers", {}},
      {"addUser",
       {"", Json{{"username", "probe.user"}, {"role", "facilitator"}, {"neighbourhoods", {"old-swan"}}}.dump()}},
      {"getUser", {}},
      {"updateUser",
       {"/api/v1/users/probe.user", Json{{"display_name", "Probe"}, {"email", "probe@example.org"}}.dump()}},
      {"resetPassword", {"/api/v1/users/probe.user/password", "{}"}},
      {"listAudit", {"/api/v1/audit?action=user.&limit=5"}},
      {"logout", {}},
  };
  // The order of the document, but imports first (a job for getJob) and signing out last.
  std::vector<std::tuple<std::string, std::string, Json>> operations;
  std::tuple<std::string, std::string, Json> logout;
  for (const auto& [path, ops] : shared_document->at("paths").items()) {
    for (const auto& [method, op] : ops.items()) {
      if (op["operationId"] == "logout") {
        logout = {path, method, op};
      } else if (path.starts_with("/api/v1/imports/")) {
        operations.insert(operations.begin(), {path, method, op});
      } else {
        operations.emplace_back(path, method, op);
      }
    }
  }
  operations.push_back(logout);
  const auto resolve = [&](Json schema) {
    if (schema.contains("$ref")) {
      const std::string ref = schema["$ref"];
      return shared_document->at("components").at("schemas").at(ref.substr(ref.rfind('/') + 1));
    }
    return schema;
  };
  for (const auto& [path, method, op] : operations) {
    const std::string id = op["operationId"];
    const auto example = examples.find(id);
    ASSERT_NE(example, examples.end()) << "no example request for " << id;
    std::string target = example->second.target.empty() ? ExampleTarget(path, op) : example->second.target;
    if (target == "job") target = "/api/v1/jobs/" + job_id;
    std::vector<std::pair<std::string, std::string>> headers;
    if (!example->second.body.empty()) headers.emplace_back("Content-Type", example->second.content_type);
    const std::string verb = Upper(method);
    const Response r = c.Send(verb, target, example->second.body, headers);
    const std::string status = std::to_string(r.status);
    ASSERT_TRUE(op["responses"].contains(status)) << verb << " " << target << " answered " << status << ": " << r.body;
    const Json& response = op["responses"][status];
    if (id == "importLookup" && r.status == 202) job_id = r.json()["id"];
    if (!response.contains("content")) {
      EXPECT_TRUE(r.body.empty()) << id;
      continue;
    }
    const Json& contents = response["content"];
    const std::string media = contents.begin().key();
    const Json& content = contents.begin().value();
    EXPECT_EQ(r.header("content-type").substr(0, media.size()), media) << id;
    const Json body = r.json();
    ASSERT_FALSE(body.is_discarded()) << id << ": " << r.body.substr(0, 200);
    const auto problems = server::ValidateJson(resolve(content["schema"]), body);
    for (const Diagnostic& d : problems) ADD_FAILURE() << verb << " " << target << ": " << d.ToString();
  }
  EXPECT_FALSE(job_id.empty());
}

TEST_F(DemoServer, TheProfileIsTheCommandLines) {
  const Response profile = Client(port()).Get("/api/v1/neighbourhoods/Old%20Swan/profile");
  ASSERT_EQ(profile.status, 200);
  const RunResult cli = RunNrs({"--db", shared_db, "profile", "Old Swan", "--format", "json"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(profile.json()["rows"], Json::parse(cli.out));
  EXPECT_GT(profile.json()["total"].get<int>(), 50);
  const Response list = Client(port()).Get("/api/v1/neighbourhoods");
  EXPECT_NE(list.body.find("Old Swan"), std::string::npos);
  EXPECT_GE(list.json()["total"].get<int>(), 7);  // the seven Neighbourhoods for Learning (and any added)
}

// The overview map's layers and the trends, as the command line gives them.
TEST_F(DemoServer, TheOverviewLayersAndTrendsAreTheCommandLines) {
  Client c(port());
  const Response values = c.Get("/api/v1/areas/values?indicator=imd2019-score");
  ASSERT_EQ(values.status, 200) << values.body;
  const RunResult values_cli =
      RunNrs({"--db", shared_db, "area", "values", "--indicator", "imd2019-score", "--mapped", "--format", "json"});
  ASSERT_EQ(values_cli.exit_code, 0) << values_cli.err;
  EXPECT_EQ(values.json()["rows"], Json::parse(values_cli.out));
  EXPECT_EQ(values.json()["total"].get<int>(), 4497);  // every North West LSOA of the demo
  // A computed share, per area: Old Swan's E01006566 from the IoD's income numerator over its population.
  const Response income = c.Get("/api/v1/areas/values?indicator=income-deprivation-rate");
  ASSERT_EQ(income.status, 200);
  EXPECT_EQ(income.json()["total"].get<int>(), 4493);  // the IoD withholds the income count of 4 of them
  // Kept until the data change, the 4,497 rows are one body, sent gzipped to a client that accepts it.
  const Response zipped =
      c.Send("GET", "/api/v1/areas/values?indicator=imd2019-score", "", {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(zipped.status, 200);
  EXPECT_EQ(zipped.header("content-encoding"), "gzip");
  EXPECT_LT(zipped.body.size(), values.body.size() / 4);
  EXPECT_EQ(c.Get("/api/v1/areas/values?indicator=no-such-thing").status, 404);
  EXPECT_EQ(c.Get("/api/v1/areas/values").status, 400);  // the indicator is required

  const Response lsoas = c.Get("/api/v1/areas/boundaries");
  ASSERT_EQ(lsoas.status, 200);
  EXPECT_EQ(lsoas.header("content-type"), "application/geo+json");
  EXPECT_EQ(lsoas.json()["features"].size(), 4497U);
  const Response councils = c.Get("/api/v1/areas/boundaries?type=lad19&decimals=3");
  ASSERT_EQ(councils.status, 200);
  const Json council_document = councils.json();
  const Json& features = council_document["features"];
  ASSERT_EQ(features.size(), 39U);  // the North West's councils
  std::set<std::string> names;
  for (const Json& f : features) names.insert(f["properties"]["name"].get<std::string>());
  EXPECT_TRUE(names.contains("Liverpool") && names.contains("Eden") && names.contains("Blackpool"));
  EXPECT_EQ(c.Get("/api/v1/areas/boundaries?type=parish").status, 400);

  const Response trends = c.Get("/api/v1/neighbourhoods/old-swan/trends");
  ASSERT_EQ(trends.status, 200);
  const RunResult trends_cli = RunNrs({"--db", shared_db, "trends", "old-swan", "--format", "json"});
  ASSERT_EQ(trends_cli.exit_code, 0) << trends_cli.err;
  EXPECT_EQ(trends.json()["rows"], Json::parse(trends_cli.out));
  EXPECT_EQ(trends.json()["total"].get<int>(), 16);  // the demo survey's 8 published measures, two waves each
  EXPECT_EQ(c.Get("/api/v1/neighbourhoods/nowhere/trends").status, 404);
}

TEST_F(DemoServer, DemoAccountsHaveTheirRolesAndScopes) {
  for (const std::string& who : kIdentities) {
    if (who == "public") continue;
    auto c = As(who);
    const Json session = c->Get("/api/v1/auth/session").json();
    EXPECT_EQ(session["user"]["username"], who);
    EXPECT_EQ(session["user"]["demo"], true);
    const bool scoped = who == "demo-facilitator" || who == "demo-adviser" || who == "demo-oversight";
    EXPECT_EQ(session["user"]["neighbourhoods"].empty(), !scoped) << who;
  }
}

TEST_F(DemoServer, TheBuiltInPageAndItsFiles) {
  Client c(port());
  const Response page = c.Get("/");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<script src=\"nrs.js\""), std::string::npos);
  EXPECT_EQ(c.Get("/nrs.js").header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(c.Get("/nrs.css").status, 200);
  // A path of the web application (no extension) asked for by a browser: the page.
  EXPECT_EQ(c.Send("GET", "/neighbourhoods/old-swan", "", {{"Accept", "text/html"}}).status, 200);
  EXPECT_EQ(c.Get("/neighbourhoods/old-swan").status, 404);
}

// Rows of two tables alike: the same columns and text, numbers equal to 1e-9 (relative) — the server computes
// betweenness on one thread, the command line on all cores, and sums in another order.
void ExpectSameRows(const Json& got, const Json& want) {
  ASSERT_TRUE(got.is_array() && want.is_array());
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    ASSERT_EQ(got[i].size(), want[i].size()) << "row " << i;
    for (const auto& [key, value] : want[i].items()) {
      ASSERT_TRUE(got[i].contains(key)) << "row " << i << ": " << key;
      const Json& g = got[i][key];
      if (value.is_number() && g.is_number()) {
        const double w = value.get<double>();
        EXPECT_NEAR(g.get<double>(), w, 1e-9 * std::max(1.0, std::abs(w))) << "row " << i << ": " << key;
      } else {
        EXPECT_EQ(g, value) << "row " << i << ": " << key;
      }
    }
  }
}

// The stored maps, the register and the survey over HTTP give what the command line gives on the same data;
// a role limited to one neighbourhood reaches only that one; respondent-level data only reach the roles that may
// see them; the register's changes are audited.
TEST_F(DemoServer, SystemsRegisterAndSurveysAreTheCommandLines) {
  auto facilitator = As("demo-facilitator");
  const Response measures = facilitator->Get("/api/v1/neighbourhoods/Central%20Southport/maps/measures");
  ASSERT_EQ(measures.status, 200) << measures.body;
  const RunResult map_cli =
      RunNrs({"--db", shared_db, "map", "measures", "--neighbourhood", "Central Southport", "--format", "json"});
  ASSERT_EQ(map_cli.exit_code, 0) << map_cli.err;
  ExpectSameRows(measures.json()["table"]["rows"], Json::parse(map_cli.out));
  EXPECT_GT(measures.json()["table"]["total"].get<int>(), 20);
  EXPECT_EQ(facilitator->Get("/api/v1/neighbourhoods/old-swan/maps/measures").status, 403);
  EXPECT_EQ(As("demo-adviser")->Get("/api/v1/neighbourhoods/central-southport/maps/loops").status, 403);
  EXPECT_EQ(Client(port()).Get("/api/v1/neighbourhoods/central-southport/maps/loops").status, 401);

  const Json lunch = {{"title", "Lunch club at the library"},
                      {"neighbourhoods", {"Central Southport"}},
                      {"domains", {"social relationships"}},
                      {"status", "planned"}};
  const Response added = facilitator->Post("/api/v1/activities", lunch);
  ASSERT_EQ(added.status, 201) << added.body;
  Json elsewhere = lunch;
  elsewhere["neighbourhoods"] = {"Central Southport", "Old Swan"};
  EXPECT_EQ(facilitator->Post("/api/v1/activities", elsewhere).status, 403);
  EXPECT_EQ(As("demo-analyst")->Post("/api/v1/activities", lunch).status, 403);
  const Response listed = facilitator->Get("/api/v1/activities?neighbourhood=central-southport&kind=activity");
  ASSERT_EQ(listed.status, 200);
  const RunResult list_cli = RunNrs({"--db", shared_db, "activity", "list", "--neighbourhood", "Central Southport",
                                     "--kind", "activity", "--format", "json"});
  ASSERT_EQ(list_cli.exit_code, 0) << list_cli.err;
  EXPECT_EQ(listed.json()["rows"], Json::parse(list_cli.out));
  EXPECT_NE(listed.body.find("Lunch club at the library"), std::string::npos);
  const Json audit = As("demo-admin")->Get("/api/v1/audit?action=activity.&limit=1").json();
  ASSERT_EQ(audit["events"].size(), 1U) << audit.dump();
  EXPECT_EQ(audit["events"][0]["actor"], "demo-facilitator");
  EXPECT_EQ(audit["events"][0]["target"], fmt::format("activity:{}", added.json()["id"].get<int>()));

  const Json estimate = {{"data", *shared_survey},
                         {"weight", "weight"},
                         {"strata", "area"},
                         {"cluster", "household"},
                         {"condition", "influence <= 2"},
                         {"statistic", "proportion"},
                         {"by", {"area_class", "wave"}}};
  auto analyst = As("demo-analyst");
  const Response estimated = analyst->Post("/api/v1/surveys/estimate", estimate);
  ASSERT_EQ(estimated.status, 200) << estimated.body.substr(0, 300);
  const RunResult survey_cli =
      RunNrs({"survey", "estimate", "--data", shared_dir->File("survey.csv"), "--weight", "weight", "--strata", "area",
              "--cluster", "household", "--condition", "influence <= 2", "--statistic", "proportion", "--by",
              "area_class,wave", "--format", "json"});
  ASSERT_EQ(survey_cli.exit_code, 0) << survey_cli.err;
  EXPECT_EQ(estimated.json()["rows"], Json::parse(survey_cli.out));
  EXPECT_EQ(estimated.json()["total"], 6);  // three classes of area × two waves
  for (const std::string who : {"demo-facilitator", "demo-adviser", "demo-oversight"}) {
    EXPECT_EQ(As(who)->Post("/api/v1/surveys/estimate", estimate).status, 403) << who;
  }
  // Disclosure control holds over HTTP: a domain of fewer than ten respondents shows no estimate.
  Json tiny = estimate;
  std::istringstream lines(*shared_survey);
  std::string line;
  std::string few;
  for (int i = 0; i < 6 && std::getline(lines, line); ++i) few += line + "\n";
  tiny["data"] = few;
  tiny["by"] = Json::array();
  const Response suppressed = analyst->Post("/api/v1/surveys/estimate", tiny);
  ASSERT_EQ(suppressed.status, 200) << suppressed.body;
  ASSERT_EQ(suppressed.json()["rows"].size(), 1U);
  EXPECT_TRUE(suppressed.json()["rows"][0]["estimate"].is_null()) << suppressed.body;
  EXPECT_NE(suppressed.json()["rows"][0]["flag"].get<std::string>().find("suppressed"), std::string::npos);
  // The server's temporary files are never named in a refusal.
  Json wrong = estimate;
  wrong["weight"] = "no_such_column";
  const Response refused = analyst->Post("/api/v1/surveys/estimate", wrong);
  EXPECT_EQ(refused.status / 100, 4) << refused.body;
  EXPECT_NE(refused.body.find("no_such_column"), std::string::npos) << refused.body;
  EXPECT_EQ(refused.body.find("/tmp"), std::string::npos) << refused.body;
}

// The demo's stored index run over HTTP is the command line's, row for row.
// The stored demo survey through the API, as `nrs survey … --survey NAME` gives it; for analysts only.
TEST_F(DemoServer, StoredSurveysAreTheCommandLines) {
  const auto analyst = As("demo-analyst");
  const std::string survey = "/api/v1/surveys/Resident%20survey%20(synthetic)";
  const Response list = analyst->Get("/api/v1/surveys");
  ASSERT_EQ(list.status, 200) << list.body;
  const RunResult list_cli = RunNrs({"--db", shared_db, "survey", "list", "--format", "json"});
  ASSERT_EQ(list_cli.exit_code, 0) << list_cli.err;
  EXPECT_EQ(list.json()["rows"], Json::parse(list_cli.out));

  const Response estimate = analyst->Post(survey + "/estimate", {{"variable", "swemwbs"}, {"by", {"wave"}}});
  ASSERT_EQ(estimate.status, 200) << estimate.body;
  const RunResult estimate_cli =
      RunNrs({"--db", shared_db, "survey", "estimate", "--survey", "Resident survey (synthetic)", "--variable",
              "swemwbs", "--by", "wave", "--format", "json"});
  ASSERT_EQ(estimate_cli.exit_code, 0) << estimate_cli.err;
  EXPECT_EQ(estimate.json()["rows"], Json::parse(estimate_cli.out));
  EXPECT_EQ(estimate.json()["total"].get<int>(), 2);  // two waves

  const Response did = analyst->Post(survey + "/did", {{"variable", "swemwbs"}});
  ASSERT_EQ(did.status, 200) << did.body;
  const RunResult did_cli = RunNrs({"--db", shared_db, "survey", "did", "--survey", "Resident survey (synthetic)",
                                    "--variable", "swemwbs", "--format", "json"});
  ASSERT_EQ(did_cli.exit_code, 0) << did_cli.err;
  EXPECT_EQ(did.json()["rows"], Json::parse(did_cli.out));

  // Disclosure control: by area, wave and age band, cells of fewer than 10 respondents are withheld (and their
  // neighbours, secondarily).
  const Response small =
      analyst->Post(survey + "/estimate", {{"variable", "swemwbs"}, {"by", {"area", "wave", "age_band"}}});
  ASSERT_EQ(small.status, 200) << small.body;
  int suppressed = 0;
  const Json small_rows = small.json()["rows"];
  for (const Json& row : small_rows) {
    if (row["flag"].get<std::string>().find("suppressed") != std::string::npos) {
      ++suppressed;
      EXPECT_TRUE(row["estimate"].is_null()) << row.dump();
    }
  }
  EXPECT_EQ(suppressed, 18);  // as `nrs survey estimate … --by area --by wave --by age_band` withholds

  // Calibration to the database's population needs every area to be a neighbourhood: the demo's comparison
  // areas are not, and the refusal says so, as the command line's does.
  const Response calibrated = analyst->Post(survey + "/did", {{"variable", "swemwbs"}, {"calibrate", true}});
  EXPECT_EQ(calibrated.status, 400);
  EXPECT_NE(calibrated.body.find("needs every area to be a neighbourhood"), std::string::npos) << calibrated.body;
  EXPECT_EQ(analyst->Post("/api/v1/surveys/no%20such%20survey/estimate", {{"variable", "swemwbs"}}).status, 404);
  EXPECT_EQ(Client(port()).Get("/api/v1/surveys").status, 401);
  EXPECT_EQ(As("demo-adviser")->Post(survey + "/estimate", {{"variable", "swemwbs"}}).status, 403);
}

TEST_F(DemoServer, TheIndexRunIsTheCommandLines) {
  const Response runs = Client(port()).Get("/api/v1/index/runs");
  ASSERT_EQ(runs.status, 200) << runs.body;
  ASSERT_GE(runs.json()["total"].get<int>(), 1);
  const Response run = Client(port()).Get("/api/v1/index/runs/1");
  ASSERT_EQ(run.status, 200) << run.body.substr(0, 300);
  const RunResult cli = RunNrs({"--db", shared_db, "index", "show", "1", "--format", "json"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  ExpectSameRows(run.json()["rows"], Json::parse(cli.out));
  EXPECT_EQ(run.json()["total"].get<std::size_t>(), Json::parse(cli.out).size());
  EXPECT_EQ(Client(port()).Get("/api/v1/index/runs/999").status, 404);
  EXPECT_EQ(Client(port()).Get("/api/v1/index/runs/x").status, 404);
}

}  // namespace
}  // namespace nrs::e2e
