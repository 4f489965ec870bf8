// `nrs serve` end to end: the real binary over real HTTP on loopback, on a small database — sign-in, sessions,
// CSRF and roles; imports as jobs; statistics and maps; and every bad input and fault the server must survive
// (malformed JSON, unknown fields, wrong types, oversized bodies and headers, path traversal, slow clients,
// clients that vanish mid-request, a thousand connections at once, SIGTERM with a request in flight, SIGKILL
// during a write).

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "core/test_support.h"
#include "server_support.h"

namespace nrs::e2e {
namespace {

const std::string kSource = NRS_SOURCE_DIR;
const std::string kPassword = "a long password";

std::string Read(const std::string& path) { return nrs::testing::ReadBytes(path); }

// A database with an administrator, an analyst and a facilitator.
void CreateDatabase(const std::string& db) {
  ASSERT_EQ(RunNrs({"--db", db, "init"}).exit_code, 0);
  for (const auto& [name, role] : std::vector<std::pair<std::string, std::string>>{
           {"root", "administrator"}, {"ana", "analyst"}, {"fay", "facilitator"}}) {
    const RunResult added =
        RunNrs({"--db", db, "user", "add", name, "--role", role, "--password-stdin"}, kPassword + "\n");
    ASSERT_EQ(added.exit_code, 0) << added.err;
  }
}

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    shared_dir = new nrs::testing::TempDir();
    shared_db = shared_dir->File("nrs.db");
    shared_uploads = shared_dir->File("uploads");
    std::filesystem::create_directories(shared_uploads);
    CreateDatabase(shared_db);
    shared_server = new ServerProcess(shared_db, {"--header-timeout", "1", "--idle-timeout", "3", "--upload-dir",
                                                  shared_uploads, "--max-upload-mb", "2"});
    ASSERT_TRUE(shared_server->WaitUntilListening()) << shared_server->Log();
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(shared_server->Stop(SIGTERM), 0) << shared_server->Log();
    delete shared_server;
    delete shared_dir;
  }
  void TearDown() override {
    // Whatever a test did, the server is still up and answering.
    ASSERT_TRUE(shared_server->running()) << shared_server->Log();
    Client c(port());
    EXPECT_EQ(c.Get("/api/v1/health").status, 200);
  }

  static int port() { return shared_server->port(); }

  // A request as raw bytes; the reply as raw bytes (until the server closes or a second passes).
  static std::string Raw(const std::string& request, std::chrono::milliseconds wait = std::chrono::milliseconds(2000)) {
    RawSocket s(port());
    EXPECT_TRUE(s.connected());
    s.Send(request);
    return s.ReadAll(wait);
  }

  static int StatusOf(const std::string& reply) {
    if (!reply.starts_with("HTTP/1.1 ")) return 0;
    return std::stoi(reply.substr(9, 3));
  }

  static inline nrs::testing::TempDir* shared_dir = nullptr;
  static inline std::string shared_db;
  static inline std::string shared_uploads;
  static inline ServerProcess* shared_server = nullptr;
};

TEST_F(ServerTest, ServesTheApiItsDocumentAndTheWebPage) {
  Client c(port());
  EXPECT_EQ(c.Get("/api/v1/health").json()["status"], "ok");
  EXPECT_EQ(c.Get("/api/v1/ready").json()["status"], "ready");
  const Response doc = c.Get("/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  EXPECT_GE(doc.json()["paths"].size(), 20U);
  const Response page = c.Get("/");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<script"), std::string::npos);
  EXPECT_NE(page.header("content-security-policy").find("default-src 'self'"), std::string::npos);
  const Response missing = c.Get("/api/v1/does-not-exist");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.json()["error"]["code"], "not_found");
  const Response head = c.Send("HEAD", "/api/v1/health");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(c.Send("PUT", "/api/v1/neighbourhoods").status, 405);
}

TEST_F(ServerTest, PathTraversalNeverServesAFile) {
  for (const std::string target : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd",
                                   "/.%2e/.%2e/etc/passwd", "//etc/passwd", "/api/v1/../../../etc/passwd",
                                   "/%2fetc%2fpasswd", "/..\\..\\etc\\passwd", "/.git/config", "/index.html%00.js"}) {
    const std::string reply = Raw("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_NE(StatusOf(reply), 200) << target << "\n" << reply;
    EXPECT_EQ(reply.find("root:"), std::string::npos) << target;
    EXPECT_GT(StatusOf(reply), 0) << target;  // answered, not dropped
  }
}

TEST_F(ServerTest, MalformedJsonUnknownFieldsAndWrongTypesAreRefusedWithDetails) {
  Client c(port());
  ASSERT_TRUE(c.SignIn("root", kPassword));
  const auto post = [&](const std::string& body) {
    return c.Send("POST", "/api/v1/users", body, {{"Content-Type", "application/json"}});
  };
  const Response malformed = post(R"({"username": "x", "role": )");
  EXPECT_EQ(malformed.status, 422);
  EXPECT_EQ(malformed.json()["error"]["code"], "invalid_input");
  EXPECT_NE(malformed.json()["error"]["details"][0]["reason"].get<std::string>().find("column"), std::string::npos);
  const Response not_json = post("username=x&role=analyst");
  EXPECT_EQ(not_json.status, 422);
  const Response unknown = post(R"({"username": "x", "role": "analyst", "isAdmin": true})");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.json()["error"]["details"][0]["column"], "/isAdmin");
  const Response types = post(R"({"username": ["x"], "role": 3, "neighbourhoods": "Old Swan"})");
  EXPECT_EQ(types.status, 422);
  EXPECT_EQ(types.json()["error"]["details"].size(), 3U);
  const Response wrong_type =
      c.Send("POST", "/api/v1/users", R"({"username":"x","role":"analyst"})", {{"Content-Type", "text/plain"}});
  EXPECT_EQ(wrong_type.status, 400);
  const Response deep = post(std::string(20000, '[') + std::string(20000, ']'));
  EXPECT_EQ(deep.status, 422);
  // Nothing of it was stored.
  EXPECT_EQ(c.Get("/api/v1/users/x").status, 404);
}

TEST_F(ServerTest, OversizedBodiesAndHeadersAreRefused) {
  // Declared too large: refused before a byte of the body is read.
  const std::string declared =
      Raw("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
          "104857600\r\n\r\n{");
  EXPECT_EQ(StatusOf(declared), 413) << declared;
  // Sent chunked, without a length: refused when it passes the limit (16 KiB for a sign-in).
  std::string chunked =
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 40; ++i) chunked += "400\r\n" + std::string(1024, ' ') + "\r\n";
  chunked += "0\r\n\r\n";
  EXPECT_EQ(StatusOf(Raw(chunked)), 413);
  // A header too large.
  const std::string header =
      Raw("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Padding: " + std::string(20000, 'a') + "\r\n\r\n");
  EXPECT_EQ(StatusOf(header), 413);
  // An upload larger than --max-upload-mb (2).
  Client c(port());
  ASSERT_TRUE(c.SignIn("ana", kPassword));
  const Response upload =
      c.Send("POST", "/api/v1/imports/lookup", std::string(3 << 20, 'x'), {{"Content-Type", "text/csv"}});
  EXPECT_EQ(upload.status, 413);
  EXPECT_EQ(upload.json()["error"]["code"], "payload_too_large");
}

TEST_F(ServerTest, MalformedHttpIsAnsweredAndClosed) {
  EXPECT_EQ(StatusOf(Raw("HELLO\r\n\r\n")), 400);
  EXPECT_EQ(StatusOf(Raw("GET /api/v1/health HTTP/1.1\r\nBad Header Line\r\n\r\n")), 400);
  EXPECT_EQ(StatusOf(Raw("GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n")), 400);
}

TEST_F(ServerTest, ASlowClientIsCutOffAndOthersAreServedMeanwhile) {
  RawSocket slow(port());
  ASSERT_TRUE(slow.Send("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n"));  // and never the blank line
  Client c(port());
  EXPECT_EQ(c.Get("/api/v1/health").status, 200);
  // --header-timeout 1: the header must be complete within a second.
  EXPECT_TRUE(slow.ClosedWithin(std::chrono::seconds(5)));
  // One byte at a time, slower than the header may take.
  RawSocket trickle(port());
  const std::string request = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n";
  bool closed = false;
  for (const char ch : request) {
    if (!trickle.Send(std::string(1, ch))) {
      closed = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
  }
  EXPECT_TRUE(closed || trickle.ClosedWithin(std::chrono::seconds(2)) ||
              StatusOf(trickle.ReadAll(std::chrono::milliseconds(100))) == 0);
  // A connected client that sends nothing is closed too.
  RawSocket silent(port());
  EXPECT_TRUE(silent.ClosedWithin(std::chrono::seconds(5)));
}

TEST_F(ServerTest, AClientThatDisconnectsMidRequestLeavesNothingBehind) {
  Client c(port());
  ASSERT_TRUE(c.SignIn("ana", kPassword));
  for (int round = 0; round < 5; ++round) {
    RawSocket s(port());
    s.Send("POST /api/v1/imports/lookup HTTP/1.1\r\nHost: x\r\nCookie: " + c.cookie() +
           "\r\nX-CSRF-Token: " + c.csrf() + "\r\nContent-Length: 1000000\r\n\r\n" + std::string(20000, 'a'));
    s.Close();
    RawSocket j(port());
    j.Send(
        "POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"us");
    j.Close();
  }
  // The half-received uploads are gone, and no job was started.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!std::filesystem::is_empty(shared_uploads) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(std::filesystem::is_empty(shared_uploads));
  EXPECT_TRUE(c.Get("/api/v1/jobs").json()["jobs"].empty());
}

TEST_F(ServerTest, AThousandConnectionsAtOnce) {
  constexpr int kConnections = 1000;
  std::vector<std::unique_ptr<RawSocket>> sockets;
  for (int i = 0; i < kConnections; ++i) {
    sockets.push_back(std::make_unique<RawSocket>(port()));
    ASSERT_TRUE(sockets.back()->connected()) << i;
  }
  for (auto& s : sockets) ASSERT_TRUE(s->Send("GET /api/v1/neighbourhoods HTTP/1.1\r\nHost: x\r\n\r\n"));
  int ok = 0;
  for (auto& s : sockets) {
    const std::string reply = s->ReadAll(std::chrono::milliseconds(3000));
    // Read until the whole (small) reply is in: the status line is enough to count.
    if (StatusOf(reply) == 200) ++ok;
  }
  EXPECT_EQ(ok, kConnections);
  sockets.clear();
}

TEST_F(ServerTest, SignInSessionsCsrfAndSignOut) {
  Client c(port());
  EXPECT_FALSE(c.SignIn("ana", "wrong password"));
  const Response anonymous = c.Get("/api/v1/auth/session");
  EXPECT_EQ(anonymous.json()["signed_in"], false);
  const Response login = c.Post("/api/v1/auth/login", {{"username", "ana"}, {"password", kPassword}});
  ASSERT_EQ(login.status, 200);
  const std::string cookie = login.header("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  ASSERT_TRUE(c.SignIn("ana", kPassword));
  const Response session = c.Get("/api/v1/auth/session");
  EXPECT_EQ(session.json()["user"]["username"], "ana");
  EXPECT_EQ(session.json()["csrf_token"], c.csrf());
  // Without the token, a change is refused even with the session.
  const Response no_csrf = c.Send("POST", "/api/v1/auth/logout", "", {{"X-CSRF-Token", ""}});
  EXPECT_EQ(no_csrf.status, 403);
  const Response out = c.Send("POST", "/api/v1/auth/logout");
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.header("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(c.Get("/api/v1/jobs").status, 401);  // the old cookie opens nothing
}

TEST_F(ServerTest, RolesAreEnforcedAndUsersManaged) {
  Client fay(port());
  ASSERT_TRUE(fay.SignIn("fay", kPassword));
  EXPECT_EQ(fay.Post("/api/v1/users", {{"username", "x"}, {"role", "analyst"}}).status, 403);
  EXPECT_EQ(fay.Get("/api/v1/audit").status, 403);
  EXPECT_EQ(fay.Get("/api/v1/database").status, 403);
  Client root(port());
  ASSERT_TRUE(root.SignIn("root", kPassword));
  const Response added = root.Post("/api/v1/users", {{"username", "bea"}, {"role", "resident_adviser"}});
  ASSERT_EQ(added.status, 201);
  const std::string generated = added.json()["password"];
  Client bea(port());
  ASSERT_TRUE(bea.SignIn("bea", generated));
  EXPECT_EQ(root.Post("/api/v1/users/bea", {{"disabled", true}}, "PATCH").status, 200);
  EXPECT_EQ(bea.Get("/api/v1/jobs").status, 401);  // disabled: the session ended
  EXPECT_FALSE(bea.SignIn("bea", generated));
  EXPECT_EQ(root.Post("/api/v1/users/root", {{"role", "analyst"}}, "PATCH").status, 409);  // the last administrator
  const Response audit = root.Get("/api/v1/audit?action=user.");
  ASSERT_EQ(audit.status, 200);
  EXPECT_EQ(audit.json()["events"][0]["action"], "user.update");
  EXPECT_EQ(audit.json()["events"][0]["actor"], "root");
  EXPECT_EQ(audit.json()["events"][0]["before"]["disabled"], false);
  EXPECT_EQ(audit.json()["events"][0]["after"]["disabled"], true);
}

TEST_F(ServerTest, ImportsRunAsJobsWithProgressAndAreAudited) {
  Client ana(port());
  ASSERT_TRUE(ana.SignIn("ana", kPassword));
  const std::string lookup = Read(kSource + "/tests/reference/places/lookup_lsoa_ward_liverpool.csv");
  const Response started = ana.Send("POST", "/api/v1/imports/lookup?filename=liverpool.csv&name=Liverpool%20lookup",
                                    lookup, {{"Content-Type", "text/csv"}});
  ASSERT_EQ(started.status, 202) << started.body;
  const std::string id = started.json()["id"];
  EXPECT_EQ(started.header("location"), "/api/v1/jobs/" + id);
  Json job;
  for (int i = 0; i < 500; ++i) {
    job = ana.Get("/api/v1/jobs/" + id).json();
    if (job["state"] != "queued" && job["state"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["result"]["dataset"], "Liverpool lookup");
  EXPECT_EQ(job["progress"]["fraction"], 1.0);
  // Another user does not see it.
  Client fay(port());
  ASSERT_TRUE(fay.SignIn("fay", kPassword));
  EXPECT_EQ(fay.Get("/api/v1/jobs/" + id).status, 404);

  // A bad file: the job fails, naming the file as the client did, and nothing is stored.
  const Response bad = ana.Send("POST", "/api/v1/imports/lookup?filename=broken.csv",
                                "LSOA11CD,WD19CD\nE01,\"unclosed\n", {{"Content-Type", "text/csv"}});
  ASSERT_EQ(bad.status, 202);
  const std::string bad_id = bad.json()["id"];
  for (int i = 0; i < 500; ++i) {
    job = ana.Get("/api/v1/jobs/" + bad_id).json();
    if (job["state"] != "queued" && job["state"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(job["state"], "failed");
  const std::string error = job["error"].dump();
  EXPECT_NE(error.find("broken.csv"), std::string::npos) << error;
  EXPECT_EQ(error.find(shared_uploads), std::string::npos) << error;

  Client root(port());
  ASSERT_TRUE(root.SignIn("root", kPassword));
  const Json audit = root.Get("/api/v1/audit?action=import.").json();
  ASSERT_EQ(audit["total"], 1);
  EXPECT_EQ(audit["events"][0]["actor"], "ana");
  EXPECT_EQ(audit["events"][0]["via"], "api");
  EXPECT_EQ(audit["events"][0]["target"], "dataset:Liverpool lookup");
  const Json areas = Client(port()).Get("/api/v1/areas?type=wd19&limit=5").json();
  EXPECT_EQ(areas["rows"].size(), 5U);
  EXPECT_GT(areas["total"].get<int>(), 5);
}

TEST_F(ServerTest, StatisticsAndMapsOverHttp) {
  Client ana(port());
  ASSERT_TRUE(ana.SignIn("ana", kPassword));
  const Response proportion =
      ana.Post("/api/v1/statistics/proportion",
               {{"csv", "area,screened,eligible\nA,65,100\nB,0,10\n"}, {"x", "screened"}, {"n", "eligible"}});
  ASSERT_EQ(proportion.status, 200) << proportion.body;
  const Json rows = proportion.json()["rows"];
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_NEAR(rows[0]["value"].get<double>(), 0.65, 1e-12);
  EXPECT_NEAR(rows[0]["lower_95"].get<double>(), 0.5525444329688796, 1e-12);  // Wilson (formula evaluated apart)
  EXPECT_NEAR(rows[0]["upper_95"].get<double>(), 0.7363575175690247, 1e-12);
  const Response missing =
      ana.Post("/api/v1/statistics/proportion", {{"csv", "area,a,b\nA,1,2\n"}, {"x", "screened"}, {"n", "eligible"}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("input.csv"), std::string::npos) << missing.body;
  EXPECT_EQ(ana.Post("/api/v1/statistics/nonsense", {{"csv", "a\n1\n"}}).status, 404);

  Client fay(port());  // a facilitator maps actors but computes no statistics
  ASSERT_TRUE(fay.SignIn("fay", kPassword));
  EXPECT_EQ(fay.Post("/api/v1/statistics/proportion", {{"csv", "a\n"}}).status, 403);
  const Response measures = fay.Post("/api/v1/maps/measures", {{"edges", "source,target\nA,B\nB,C\nC,A\nC,D\n"}});
  ASSERT_EQ(measures.status, 200) << measures.body;
  EXPECT_EQ(measures.json()["table"]["rows"].size(), 4U);
  const Response loops =
      fay.Post("/api/v1/maps/loops", {{"edges", "source,target,sign\nA,B,+\nB,A,-\n"}, {"directed", true}});
  ASSERT_EQ(loops.status, 200) << loops.body;
  EXPECT_EQ(loops.json()["table"]["rows"][0]["polarity"], "balancing");
  const Response broken = fay.Post("/api/v1/maps/measures", {{"edges", "source,target\nA\n"}});
  EXPECT_EQ(broken.status, 422);
  EXPECT_EQ(broken.json()["error"]["details"][0]["file"], "edges.csv");
  const Response converted = fay.Post("/api/v1/maps/convert", {{"edges", "source,target\nA,B\n"}, {"to", "graphml"}});
  ASSERT_EQ(converted.status, 200) << converted.body;
  EXPECT_NE(converted.json()["document"].get<std::string>().find("<graphml"), std::string::npos);
}

TEST_F(ServerTest, RepliesAreKeptCompressedAndRevalidated) {
  Client c(port());
  const Response first = c.Send("GET", "/api/v1/openapi.json", "", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(first.header("content-encoding"), "gzip");
  const std::string etag = first.header("etag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(c.Send("GET", "/api/v1/openapi.json", "", {{"If-None-Match", etag}}).status, 304);
}

// SIGTERM: a request in flight is answered, then the server exits 0 and the database is closed cleanly.
TEST(ServerShutdown, SigtermFinishesTheRequestInFlight) {
  nrs::testing::TempDir dir;
  const std::string db = dir.File("nrs.db");
  CreateDatabase(db);
  ServerProcess server(db, {});
  ASSERT_TRUE(server.WaitUntilListening()) << server.Log();
  Client ana(server.port());
  ASSERT_TRUE(ana.SignIn("ana", kPassword));
  // Inequality indices of four groups with a million simulations each (over a second's work): in flight when
  // the signal comes.
  std::string csv = "quantile,value,n,se,group\n";
  for (int g = 0; g < 4; ++g) {
    for (int q = 1; q <= 10; ++q) csv += fmt::format("{},{},{},{},g{}\n", q, 50 - 2 * q, 1000, 1.5, g);
  }
  Response reply;
  std::chrono::steady_clock::time_point answered;
  std::thread slow([&] {
    reply = ana.Post("/api/v1/statistics/sii",
                     {{"csv", csv},
                      {"n", "n"},
                      {"group", {"group"}},
                      {"sii", {{"quantile", "quantile"}, {"value", "value"}, {"se", "se"}, {"repetitions", 1000000}}}});
    answered = std::chrono::steady_clock::now();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto stopped = std::chrono::steady_clock::now();
  ::kill(server.pid(), SIGTERM);
  slow.join();
  EXPECT_GT(answered, stopped);  // it was in flight
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(server.Stop(SIGTERM), 0) << server.Log();
  EXPECT_LT(std::chrono::steady_clock::now() - stopped, std::chrono::seconds(20));
  // Closed cleanly: no write-ahead log left, and the database checks out.
  EXPECT_FALSE(std::filesystem::exists(db + "-wal"));
  const RunResult check = RunNrs({"--db", db, "info", "--check", "--format", "csv"});
  EXPECT_EQ(check.exit_code, 0);
  EXPECT_NE(check.out.find("check,ok"), std::string::npos) << check.out;
}

// SIGKILL in the middle of an import (one transaction writing millions of rows): the database opens, passes its
// consistency check, and holds the import either whole (with its audit event) or not at all.
TEST(ServerCrash, SigkillDuringAWriteLeavesAConsistentDatabase) {
  nrs::testing::TempDir dir;
  const std::string db = dir.File("nrs.db");
  CreateDatabase(db);
  ASSERT_EQ(
      RunNrs({"--db", db, "import", "lookup", kSource + "/data/demo/LSOA11_WD19_LAD19_lookup_EW.csv.gz"}).exit_code, 0);
  const std::string population = Read(kSource + "/data/demo/lsoa11_mid2019_population_5yr_bands_by_sex_EW.csv.gz");
  std::mt19937 random(20261129);
  int killed_mid_write = 0;
  for (int round = 0; round < 3; ++round) {
    ServerProcess server(db, {"--max-upload-mb", "16"});
    ASSERT_TRUE(server.WaitUntilListening()) << server.Log();
    Client ana(server.port());
    ASSERT_TRUE(ana.SignIn("ana", kPassword));
    const Response started = ana.Send(
        "POST",
        fmt::format("/api/v1/imports/population?filename=population.csv.gz&period=mid-2019&name=round{}", round),
        population, {{"Content-Type", "application/gzip"}});
    ASSERT_EQ(started.status, 202) << started.body;
    const std::string id = started.json()["id"];
    Json job;
    for (int i = 0; i < 1000; ++i) {
      job = ana.Get("/api/v1/jobs/" + id).json();
      if (job["state"] != "queued") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    // The import takes seconds; kill it somewhere inside.
    std::this_thread::sleep_for(std::chrono::milliseconds(200 + random() % 800));
    job = ana.Get("/api/v1/jobs/" + id).json();
    if (job["state"] == "running") ++killed_mid_write;
    EXPECT_EQ(server.Stop(SIGKILL), 128 + SIGKILL);

    const RunResult check = RunNrs({"--db", db, "info", "--check", "--format", "csv"});
    ASSERT_EQ(check.exit_code, 0) << check.err;
    EXPECT_NE(check.out.find("check,ok"), std::string::npos) << check.out;
    const bool stored = check.out.find(fmt::format("dataset.round{}", round)) != std::string::npos;
    const RunResult audit = RunNrs({"--db", db, "audit", "--action", "import.population", "--format", "csv"});
    ASSERT_EQ(audit.exit_code, 0);
    EXPECT_EQ(stored, audit.out.find(fmt::format("dataset:round{}", round)) != std::string::npos);
  }
  EXPECT_GE(killed_mid_write, 1);
  // And the server starts again on it.
  ServerProcess again(db, {});
  ASSERT_TRUE(again.WaitUntilListening()) << again.Log();
  EXPECT_EQ(Client(again.port()).Get("/api/v1/ready").status, 200);
  EXPECT_EQ(again.Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace nrs::e2e
