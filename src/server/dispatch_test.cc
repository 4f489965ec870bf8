// The request pipeline without the network: sessions, the policy, CSRF, body and parameter checks, sign-in
// limits and kept replies, on a real database file.

#include <gtest/gtest.h>

#include "core/test_support.h"
#include "server/replies.h"
#include "server/state.h"

namespace nrs::server {
namespace {

class Dispatch : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = dir_.File("nrs.db");
    InitOptions init;
    init.db_path = path;
    ASSERT_TRUE(CreateDatabase(init).ok());
    app_ = std::move(App::Open({.db_path = path})).value();
    for (const auto& [name, role] : {std::pair{"root", Role::kAdministrator}, std::pair{"ana", Role::kAnalyst}}) {
      AddUserOptions o;
      o.username = name;
      o.role = role;
      o.password = "a long password";
      ASSERT_TRUE(AddUser(*app_, o).ok());
    }
    options_.login_failures_per_user = 3;
    state_ = std::make_unique<ServerState>(*app_, options_);
  }

  Session SignIn(const std::string& name) {
    LoginOptions o;
    o.username = name;
    o.password = "a long password";
    return std::move(Login(*app_, o)).value();
  }

  static Request Make(Method method, const std::string& target, const std::string& body = "") {
    Request r;
    r.method = method;
    r.target = target;
    EXPECT_TRUE(ParseTarget(target, &r.path, &r.query).ok());
    r.headers.Add("Host", "127.0.0.1:8080");
    if (!body.empty()) {
      r.body = body;
      r.headers.Add("Content-Type", "application/json");
      r.headers.Add("Content-Length", std::to_string(body.size()));
    }
    r.client_address = "127.0.0.1";
    return r;
  }

  static void As(Request& r, const Session& s, bool csrf = true) {
    r.headers.Add("Cookie", "nrs_session=" + s.token);
    if (csrf) r.headers.Add("X-CSRF-Token", s.csrf_token);
  }

  // The reply, whether it came before the body (refused) or from the handler.
  Reply Send(const Request& r) {
    Prepared p = state_->Prepare(r);
    if (p.reply) return *p.reply;
    if (auto kept = state_->FromCache(p, r)) return *kept;
    return state_->Handle(p, r);
  }

  static Json Body(const Reply& reply) { return Json::parse(*reply.body); }
  static std::string Code(const Reply& reply) { return Body(reply)["error"]["code"]; }

  nrs::testing::TempDir dir_;
  std::unique_ptr<App> app_;
  ServerOptions options_;
  std::unique_ptr<ServerState> state_;
};

TEST_F(Dispatch, ThePublicReadsPublishedDataButMayNotWrite) {
  const Reply list = Send(Make(Method::kGet, "/api/v1/neighbourhoods"));
  EXPECT_EQ(list.status, 200);
  EXPECT_EQ(Body(list)["total"], 0);
  const Reply write = Send(Make(Method::kPost, "/api/v1/neighbourhoods", R"({"name":"x"})"));
  EXPECT_EQ(write.status, 401);
  EXPECT_EQ(Code(write), "unauthenticated");
  EXPECT_EQ(Send(Make(Method::kGet, "/api/v1/users")).status, 401);
}

TEST_F(Dispatch, RolesAreCheckedAgainstThePolicy) {
  const Session ana = SignIn("ana");
  Request users = Make(Method::kGet, "/api/v1/users");
  As(users, ana);
  const Reply refused = Send(users);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(Code(refused), "permission_denied");
  Request database = Make(Method::kGet, "/api/v1/database");
  As(database, ana);
  EXPECT_EQ(Send(database).status, 200);
}

TEST_F(Dispatch, ChangesNeedTheSessionsCsrfToken) {
  const Session root = SignIn("root");
  const std::string body = R"({"username":"new.user","role":"facilitator","password":"another long one"})";
  Request none = Make(Method::kPost, "/api/v1/users", body);
  As(none, root, /*csrf=*/false);
  const Reply missing = Send(none);
  EXPECT_EQ(missing.status, 403);
  EXPECT_NE(Body(missing)["error"]["message"].get<std::string>().find("X-CSRF-Token"), std::string::npos);
  Request wrong = Make(Method::kPost, "/api/v1/users", body);
  As(wrong, root, false);
  wrong.headers.Add("X-CSRF-Token", root.csrf_token.substr(1) + "x");
  EXPECT_EQ(Send(wrong).status, 403);
  Request foreign = Make(Method::kPost, "/api/v1/users", body);
  As(foreign, root);
  foreign.headers.Add("Origin", "https://evil.example");
  EXPECT_EQ(Send(foreign).status, 403);
  Request good = Make(Method::kPost, "/api/v1/users", body);
  As(good, root);
  good.headers.Add("Origin", "http://127.0.0.1:8080");
  const Reply added = Send(good);
  EXPECT_EQ(added.status, 201) << *added.body;
  EXPECT_EQ(Body(added)["user"]["username"], "new.user");
  EXPECT_TRUE(Body(added)["password"].is_null());
}

TEST_F(Dispatch, AnEndedSessionIsTheCallersAndTheCookieIsCleared) {
  const Session ana = SignIn("ana");
  ASSERT_TRUE(Logout(*app_, ana.token, {}).ok());
  Request r = Make(Method::kGet, "/api/v1/database");
  As(r, ana);
  const Reply reply = Send(r);
  EXPECT_EQ(reply.status, 401);
  const auto cookie =
      std::find_if(reply.headers.begin(), reply.headers.end(), [](const auto& h) { return h.first == "Set-Cookie"; });
  ASSERT_NE(cookie, reply.headers.end());
  EXPECT_NE(cookie->second.find("Max-Age=0"), std::string::npos);
}

TEST_F(Dispatch, BodiesAreCheckedBeforeTheHandlerRuns) {
  const Session root = SignIn("root");
  const auto post = [&](const std::string& body, const std::string& type = "application/json") {
    Request r = Make(Method::kPost, "/api/v1/users");
    As(r, root);
    r.body = body;
    r.headers.Add("Content-Type", type);
    r.headers.Add("Content-Length", std::to_string(body.size()));
    return Send(r);
  };
  EXPECT_EQ(post(R"({"username":"x","role":"analyst"})", "text/plain").status, 400);
  const Reply malformed = post(R"({"username": "x",)");
  EXPECT_EQ(malformed.status, 422);
  EXPECT_EQ(Code(malformed), "invalid_input");
  EXPECT_FALSE(Body(malformed)["error"]["details"].empty());
  const Reply unknown = post(R"({"username":"x","role":"analyst","colour":"red"})");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(Body(unknown)["error"]["details"][0]["column"], "/colour");
  const Reply types = post(R"({"username":7,"role":"king"})");
  EXPECT_EQ(types.status, 422);
  EXPECT_EQ(Body(types)["error"]["details"].size(), 2U);
  const Reply deep = post(std::string(10000, '[') + std::string(10000, ']'));
  EXPECT_EQ(deep.status, 422);
  // Refused by the facade after the schema: the same envelope.
  const Reply facade = post(R"({"username":"has space","role":"analyst"})");
  EXPECT_EQ(facade.status, 400);
  EXPECT_EQ(Code(facade), "invalid_argument");
}

TEST_F(Dispatch, QueryParametersAreChecked) {
  EXPECT_EQ(Send(Make(Method::kGet, "/api/v1/neighbourhoods?limit=5")).status, 200);
  const Reply unknown = Send(Make(Method::kGet, "/api/v1/neighbourhoods?colour=red"));
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(Body(unknown)["error"]["details"][0]["column"], "colour");
  EXPECT_EQ(Send(Make(Method::kGet, "/api/v1/neighbourhoods?limit=0")).status, 400);
  EXPECT_EQ(Send(Make(Method::kGet, "/api/v1/neighbourhoods?limit=ten")).status, 400);
  EXPECT_EQ(Send(Make(Method::kGet, "/api/v1/neighbourhoods?limit=1&limit=2")).status, 400);
}

TEST_F(Dispatch, UnknownRoutesAndMethods) {
  const Reply none = Send(Make(Method::kGet, "/api/v1/nothing"));
  EXPECT_EQ(none.status, 404);
  EXPECT_EQ(Code(none), "not_found");
  const Reply method = Send(Make(Method::kPut, "/api/v1/neighbourhoods"));
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(Code(method), "method_not_allowed");
  EXPECT_EQ(Send(Make(Method::kGet, "/../../etc/passwd")).status, 400);
  EXPECT_EQ(Send(Make(Method::kGet, "/missing.js")).status, 404);
  EXPECT_EQ(Send(Make(Method::kGet, "/")).content_type, "text/html; charset=utf-8");
}

TEST_F(Dispatch, FailedSignInsAreLimited) {
  const auto attempt = [&](const std::string& password) {
    return Send(Make(Method::kPost, "/api/v1/auth/login", Json{{"username", "ana"}, {"password", password}}.dump()));
  };
  for (int i = 0; i < 3; ++i) EXPECT_EQ(attempt("wrong password").status, 401);
  const Reply limited = attempt("a long password");  // even the right one, for now
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(Code(limited), "rate_limited");
  EXPECT_TRUE(std::any_of(limited.headers.begin(), limited.headers.end(),
                          [](const auto& h) { return h.first == "Retry-After"; }));
}

TEST_F(Dispatch, SignInSetsAStrictCookieAndGivesTheToken) {
  const Reply reply =
      Send(Make(Method::kPost, "/api/v1/auth/login", R"({"username":"ana","password":"a long password"})"));
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(Body(reply)["user"]["role"], "analyst");
  EXPECT_EQ(Body(reply)["csrf_token"].get<std::string>().size(), 43U);
  const auto cookie =
      std::find_if(reply.headers.begin(), reply.headers.end(), [](const auto& h) { return h.first == "Set-Cookie"; });
  ASSERT_NE(cookie, reply.headers.end());
  EXPECT_NE(cookie->second.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie->second.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookie->second.find("Secure"), std::string::npos);  // plain HTTP
  Request behind_tls = Make(Method::kPost, "/api/v1/auth/login", R"({"username":"ana","password":"a long password"})");
  behind_tls.secure = true;
  const Reply secure = Send(behind_tls);
  const auto secure_cookie =
      std::find_if(secure.headers.begin(), secure.headers.end(), [](const auto& h) { return h.first == "Set-Cookie"; });
  EXPECT_NE(secure_cookie->second.find("; Secure"), std::string::npos);
}

TEST_F(Dispatch, RepliesAreKeptUntilTheDataChange) {
  const Request r = Make(Method::kGet, "/api/v1/neighbourhoods");
  const Reply first = Send(r);
  ASSERT_FALSE(first.etag.empty());
  const Prepared p = state_->Prepare(r);
  const auto kept = state_->FromCache(p, r);
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(kept->body.get(), first.body.get());  // the same bytes, not a copy
  AddUserOptions o;
  o.username = "someone";
  o.password = "a long password";
  ASSERT_TRUE(AddUser(*app_, o).ok());  // any commit changes the data version
  EXPECT_FALSE(state_->FromCache(p, r).has_value());
}

}  // namespace
}  // namespace nrs::server
