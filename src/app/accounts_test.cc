// Accounts through the facade on a database file: users, roles and scopes, sessions and their expiry, the
// audit trail of every change, and the demo accounts.

#include "nrs/accounts.h"

#include <gtest/gtest.h>

#include "core/test_support.h"
#include "nrs/audit.h"
#include "nrs/places.h"

namespace nrs {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("nrs.db");
    InitOptions init;
    init.db_path = path_;
    init.clock = &clock_;
    ASSERT_TRUE(CreateDatabase(init).ok());
    auto app = App::Open({.db_path = path_, .clock = &clock_});
    ASSERT_TRUE(app.ok());
    app_ = std::move(app).value();
  }

  UserWithPassword Add(const std::string& name, Role role, const std::string& password = "a long password") {
    AddUserOptions o;
    o.username = name;
    o.role = role;
    o.password = password;
    auto added = AddUser(*app_, o);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.ok() ? *added : UserWithPassword{};
  }

  Result<Session> SignIn(const std::string& name, const std::string& password = "a long password") {
    LoginOptions o;
    o.username = name;
    o.password = password;
    o.address = "127.0.0.1";
    return Login(*app_, o);
  }

  std::vector<std::string> Actions() {
    AuditQuery q;
    q.limit = 1000;
    auto page = ListAudit(*app_, q);
    EXPECT_TRUE(page.ok());
    std::vector<std::string> actions;
    for (auto it = page->events.rbegin(); it != page->events.rend(); ++it) actions.push_back(it->action);
    return actions;
  }

  nrs::testing::TempDir dir_;
  std::string path_;
  core::FixedClock clock_{core::TimePoint(seconds(1'800'000'000))};
  std::unique_ptr<App> app_;
};

TEST_F(AccountsTest, RolesHaveWireNames) {
  for (const Role r : kRoles) EXPECT_EQ(*ParseRole(RoleName(r)), r);
  EXPECT_EQ(ParseRole("root").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(ParseRole("root").status().message().find("resident_adviser"), std::string_view::npos);
}

TEST_F(AccountsTest, AddUserGeneratesAPasswordWhenNoneIsGiven) {
  AddUserOptions o;
  o.username = "amira";
  o.role = Role::kAnalyst;
  o.email = "amira@example.org";
  const auto added = AddUser(*app_, o);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->password.size(), 19U);
  EXPECT_TRUE(SignIn("amira", added->password).ok());
  EXPECT_EQ(AddUser(*app_, o).status().code(), ErrorCode::kAlreadyExists);
  o.username = "AMIRA";
  EXPECT_EQ(AddUser(*app_, o).status().code(), ErrorCode::kAlreadyExists);
}

TEST_F(AccountsTest, BadUserOptionsAreRefused) {
  AddUserOptions o;
  o.username = "has space";
  EXPECT_EQ(AddUser(*app_, o).status().code(), ErrorCode::kInvalidArgument);
  o.username = "ok";
  o.password = "short";
  EXPECT_EQ(AddUser(*app_, o).status().code(), ErrorCode::kInvalidArgument);
  o.password = std::string(kMaxPasswordLength + 1, 'x');
  EXPECT_EQ(AddUser(*app_, o).status().code(), ErrorCode::kInvalidArgument);
  o.password = "";
  o.email = "not an address";
  EXPECT_EQ(AddUser(*app_, o).status().code(), ErrorCode::kInvalidArgument);
  o.email = "";
  o.role = Role::kAdministrator;
  o.neighbourhoods = {"anywhere"};
  EXPECT_EQ(AddUser(*app_, o).status().code(), ErrorCode::kInvalidArgument);
  o.role = Role::kFacilitator;
  EXPECT_EQ(AddUser(*app_, o).status().code(), ErrorCode::kInvalidArgument);  // no such neighbourhood
  // Ten characters, counted as characters: "é" is two bytes but one character.
  o.neighbourhoods = {};
  o.password = "ééééééééé";
  EXPECT_EQ(AddUser(*app_, o).status().code(), ErrorCode::kInvalidArgument);
}

TEST_F(AccountsTest, LoginGivesOneAnswerForEveryFailure) {
  Add("bea", Role::kFacilitator);
  const auto wrong = SignIn("bea", "not the password");
  const auto unknown = SignIn("nobody", "a long password");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.status().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong.status().message(), unknown.status().message());
  ASSERT_TRUE(UpdateUser(*app_, {.username = "bea", .disabled = true}).ok());
  const auto disabled = SignIn("bea");
  EXPECT_EQ(disabled.status().message(), unknown.status().message());
}

TEST_F(AccountsTest, SessionsAuthenticateUntilTheyExpireOrEnd) {
  Add("cat", Role::kAnalyst);
  const auto session = SignIn("cat");
  ASSERT_TRUE(session.ok());
  EXPECT_NE(session->token, session->csrf_token);
  SessionPolicy policy;
  auto who = Authenticate(*app_, session->token, policy);
  ASSERT_TRUE(who.ok()) << who.status().ToString();
  EXPECT_EQ(who->user.username, "cat");
  EXPECT_EQ(who->csrf_token, session->csrf_token);
  EXPECT_EQ(Authenticate(*app_, "forged", policy).status().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(Authenticate(*app_, "", policy).status().code(), ErrorCode::kUnauthenticated);

  // Active every hour: alive until its lifetime (12 h) ends.
  for (int h = 1; h < 12; ++h) {
    clock_.Set(clock_.Now() + hours(1));
    EXPECT_TRUE(Authenticate(*app_, session->token, policy).ok()) << "hour " << h;
  }
  clock_.Set(clock_.Now() + hours(1));
  EXPECT_EQ(Authenticate(*app_, session->token, policy).status().code(), ErrorCode::kUnauthenticated);

  // Idle for longer than allowed.
  const auto idle = SignIn("cat");
  clock_.Set(clock_.Now() + hours(3));
  EXPECT_EQ(Authenticate(*app_, idle->token, policy).status().code(), ErrorCode::kUnauthenticated);

  // Ended by logout.
  const auto ended = SignIn("cat");
  EXPECT_TRUE(Logout(*app_, ended->token, {}).ok());
  EXPECT_EQ(Authenticate(*app_, ended->token, policy).status().code(), ErrorCode::kUnauthenticated);
  EXPECT_TRUE(Logout(*app_, ended->token, {}).ok());  // twice is fine
}

TEST_F(AccountsTest, DisablingOrResettingEndsSessions) {
  Add("dan", Role::kResidentAdviser);
  const auto s1 = SignIn("dan");
  ASSERT_TRUE(ResetPassword(*app_, {.username = "dan", .password = "another long one"}).ok());
  EXPECT_FALSE(Authenticate(*app_, s1->token, {}).ok());
  EXPECT_FALSE(SignIn("dan").ok());
  const auto s2 = SignIn("dan", "another long one");
  ASSERT_TRUE(s2.ok());
  ASSERT_TRUE(UpdateUser(*app_, {.username = "dan", .disabled = true}).ok());
  EXPECT_FALSE(Authenticate(*app_, s2->token, {}).ok());
  EXPECT_EQ(ResetPassword(*app_, {.username = "ghost"}).status().code(), ErrorCode::kNotFound);
}

TEST_F(AccountsTest, ChangingOnesPasswordKeepsThisSessionOnly) {
  const UserWithPassword eve = Add("eve", Role::kOversightMember);
  const auto here = SignIn("eve");
  const auto elsewhere = SignIn("eve");
  ChangePasswordOptions o;
  o.user_id = eve.user.id;
  o.current_password = "wrong password";
  o.new_password = "a new long password";
  o.keep_session = here->token;
  EXPECT_EQ(ChangePassword(*app_, o).code(), ErrorCode::kUnauthenticated);
  o.current_password = "a long password";
  ASSERT_TRUE(ChangePassword(*app_, o).ok());
  EXPECT_TRUE(Authenticate(*app_, here->token, {}).ok());
  EXPECT_FALSE(Authenticate(*app_, elsewhere->token, {}).ok());
  EXPECT_TRUE(SignIn("eve", "a new long password").ok());
}

TEST_F(AccountsTest, TheLastAdministratorStays) {
  Add("root1", Role::kAdministrator);
  EXPECT_EQ(UpdateUser(*app_, {.username = "root1", .disabled = true}).status().code(), ErrorCode::kConflict);
  EXPECT_EQ(UpdateUser(*app_, {.username = "root1", .role = Role::kAnalyst}).status().code(), ErrorCode::kConflict);
  Add("root2", Role::kAdministrator);
  EXPECT_TRUE(UpdateUser(*app_, {.username = "root1", .role = Role::kAnalyst}).ok());
  EXPECT_EQ(UpdateUser(*app_, {.username = "root2", .disabled = true}).status().code(), ErrorCode::kConflict);
}

TEST_F(AccountsTest, EveryChangeIsAuditedWithoutSecrets) {
  Add("fay", Role::kAnalyst);
  ASSERT_TRUE(UpdateUser(*app_, {.username = "fay", .role = Role::kProgrammeLead}).ok());
  ASSERT_TRUE(SignIn("fay").ok());
  ASSERT_FALSE(SignIn("fay", "wrong password").ok());
  ASSERT_TRUE(ResetPassword(*app_, {.username = "fay"}).ok());
  EXPECT_EQ(Actions(), (std::vector<std::string>{"database.create", "user.create", "user.update", "session.login",
                                                 "session.login_failed", "user.password_reset"}));
  AuditQuery q;
  q.action = "user.update";
  const auto page = ListAudit(*app_, q);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 1);
  const AuditEvent& e = page->events.at(0);
  EXPECT_EQ(e.target, "user:fay");
  EXPECT_NE(e.before.find("\"role\":\"analyst\""), std::string::npos);
  EXPECT_NE(e.after.find("\"role\":\"programme_lead\""), std::string::npos);
  EXPECT_EQ(e.actor.rfind("command line (", 0), 0U);
  q.action = "";
  q.limit = 1000;
  const auto all = ListAudit(*app_, q);
  ASSERT_TRUE(all.ok());
  for (const AuditEvent& ev : all->events) {
    EXPECT_EQ(ev.before.find("argon2"), std::string::npos);
    EXPECT_EQ(ev.after.find("argon2"), std::string::npos);
  }
  AuditQuery none;
  none.limit = 0;
  EXPECT_EQ(ListAudit(*app_, none).status().code(), ErrorCode::kInvalidArgument);
}

TEST_F(AccountsTest, DemoAccountsOnlyOnDemoDatabases) {
  EXPECT_EQ(PrepareDemoAccounts(*app_, {}).status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace nrs
