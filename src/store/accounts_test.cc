#include "store/accounts.h"

#include <gtest/gtest.h>

#include "store/sqlite_store.h"

namespace nrs::store {
namespace {

class AccountsStore : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = OpenMemoryStore();
    ASSERT_TRUE(store.ok());
    store_ = std::move(store).value();
    ASSERT_TRUE(store_
                    ->Write([](Transaction& tx) -> Status {
                      NRS_RETURN_IF_ERROR(
                          tx.Execute("INSERT INTO neighbourhood(id, name, slug, class, definition, created_at) VALUES "
                                     "(1, 'Old Swan', 'old-swan', 'programme', 'lsoas', 'now'), "
                                     "(2, 'Bidston', 'bidston', 'programme', 'lsoas', 'now')"));
                      return Status::Ok();
                    })
                    .ok());
  }

  static UserRow Alice() {
    UserRow u;
    u.username = "alice";
    u.display_name = "Alice";
    u.email = "alice@example.org";
    u.role = "facilitator";
    u.password_hash = "$argon2id$...";
    u.created_at = u.updated_at = u.password_changed_at = "2026-01-01T00:00:00Z";
    u.neighbourhood_ids = {2, 1};
    return u;
  }

  template <typename Fn>
  Status Write(Fn fn) {
    return store_->Write([&](Transaction& tx) { return fn(tx); });
  }

  std::unique_ptr<Store> store_;
};

TEST_F(AccountsStore, UsersRoundTripWithTheirNeighbourhoods) {
  std::int64_t id = 0;
  ASSERT_TRUE(Write([&](Transaction& tx) -> Status {
                NRS_ASSIGN_OR_RETURN(id, InsertUser(tx, Alice()));
                return Status::Ok();
              }).ok());
  ASSERT_TRUE(store_
                  ->Read([&](Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(const auto found, FindUser(tx, "ALICE"));
                    EXPECT_TRUE(found.has_value());
                    if (!found) return Status::Ok();
                    EXPECT_EQ(found->id, id);
                    EXPECT_EQ(found->email, "alice@example.org");
                    EXPECT_EQ(found->neighbourhood_names, (std::vector<std::string>{"Bidston", "Old Swan"}));
                    NRS_ASSIGN_OR_RETURN(const auto by_id, GetUser(tx, id));
                    EXPECT_EQ(by_id->username, "alice");
                    NRS_ASSIGN_OR_RETURN(const auto nobody, FindUser(tx, "bob"));
                    EXPECT_FALSE(nobody.has_value());
                    return Status::Ok();
                  })
                  .ok());
}

TEST_F(AccountsStore, UsernamesAreUniqueWithoutRegardToCase) {
  ASSERT_TRUE(Write([&](Transaction& tx) { return InsertUser(tx, Alice()).status(); }).ok());
  UserRow again = Alice();
  again.username = "Alice";
  EXPECT_EQ(Write([&](Transaction& tx) { return InsertUser(tx, again).status(); }).code(), ErrorCode::kAlreadyExists);
}

TEST_F(AccountsStore, UpdateReplacesFieldsAndNeighbourhoods) {
  std::int64_t id = 0;
  ASSERT_TRUE(Write([&](Transaction& tx) -> Status {
                NRS_ASSIGN_OR_RETURN(id, InsertUser(tx, Alice()));
                UserRow u = Alice();
                u.id = id;
                u.role = "analyst";
                u.disabled = true;
                u.neighbourhood_ids = {};
                return UpdateUser(tx, u);
              }).ok());
  ASSERT_TRUE(store_
                  ->Read([&](Transaction& tx) -> Status {
                    NRS_ASSIGN_OR_RETURN(const auto u, GetUser(tx, id));
                    EXPECT_EQ(u->role, "analyst");
                    EXPECT_TRUE(u->disabled);
                    EXPECT_TRUE(u->neighbourhood_ids.empty());
                    return Status::Ok();
                  })
                  .ok());
  UserRow ghost = Alice();
  ghost.id = 99;
  EXPECT_EQ(Write([&](Transaction& tx) { return UpdateUser(tx, ghost); }).code(), ErrorCode::kNotFound);
}

TEST_F(AccountsStore, RolesOutsideTheListAreRefusedByTheSchema) {
  UserRow u = Alice();
  u.role = "superuser";
  EXPECT_FALSE(Write([&](Transaction& tx) { return InsertUser(tx, u).status(); }).ok());
}

TEST_F(AccountsStore, SessionsAreFoundTouchedAndRemoved) {
  std::int64_t id = 0;
  ASSERT_TRUE(Write([&](Transaction& tx) -> Status {
                NRS_ASSIGN_OR_RETURN(id, InsertUser(tx, Alice()));
                NRS_RETURN_IF_ERROR(InsertSession(tx, {"h1", id, "c1", 100, 100, 1000, "127.0.0.1", "test"}));
                NRS_RETURN_IF_ERROR(InsertSession(tx, {"h2", id, "c2", 100, 100, 150, "", ""}));
                return InsertSession(tx, {"h3", id, "c3", 100, 10, 1000, "", ""});
              }).ok());
  ASSERT_TRUE(Write([&](Transaction& tx) -> Status {
                NRS_RETURN_IF_ERROR(TouchSession(tx, "h1", 200));
                NRS_ASSIGN_OR_RETURN(const auto s, FindSession(tx, "h1"));
                if (!s) return Status::Internal("session h1 not found");
                EXPECT_EQ(s->last_seen_at, 200);
                EXPECT_EQ(s->csrf_token, "c1");
                // h2 has expired at 150; h3 has been idle since 10.
                NRS_ASSIGN_OR_RETURN(const std::int64_t stale, DeleteStaleSessions(tx, 160, 50));
                EXPECT_EQ(stale, 2);
                NRS_ASSIGN_OR_RETURN(const std::int64_t removed, DeleteSession(tx, "h1"));
                EXPECT_EQ(removed, 1);
                NRS_ASSIGN_OR_RETURN(const auto gone, FindSession(tx, "h1"));
                EXPECT_FALSE(gone.has_value());
                return Status::Ok();
              }).ok());
}

TEST_F(AccountsStore, TheAuditTrailIsAppendOnlyAndFiltered) {
  ASSERT_TRUE(Write([&](Transaction& tx) -> Status {
                for (const char* action : {"user.create", "user.update", "import.lookup", "user_x"}) {
                  AuditRow e;
                  e.at = "2026-01-01T00:00:00Z";
                  e.actor = "admin";
                  e.via = "api";
                  e.action = action;
                  e.after = R"({"a":1})";
                  NRS_RETURN_IF_ERROR(InsertAudit(tx, e).status());
                }
                return Status::Ok();
              }).ok());
  EXPECT_FALSE(Write([](Transaction& tx) { return tx.Execute("UPDATE audit_event SET actor = 'x'"); }).ok());
  EXPECT_FALSE(Write([](Transaction& tx) { return tx.Execute("DELETE FROM audit_event"); }).ok());
  ASSERT_TRUE(store_
                  ->Read([&](Transaction& tx) -> Status {
                    AuditFilter users;
                    users.action_prefix = "user.";
                    NRS_ASSIGN_OR_RETURN(const auto events, ListAudit(tx, users));
                    EXPECT_EQ(events.size(), 2U);                     // "user_x" does not match: '_' is literal
                    EXPECT_EQ(events.front().action, "user.update");  // newest first
                    NRS_ASSIGN_OR_RETURN(const std::int64_t all, CountAudit(tx, {}));
                    EXPECT_EQ(all, 4);
                    AuditFilter page;
                    page.limit = 1;
                    page.offset = 3;
                    NRS_ASSIGN_OR_RETURN(const auto last, ListAudit(tx, page));
                    EXPECT_EQ(last.at(0).action, "user.create");
                    EXPECT_EQ(last.at(0).after, R"({"a":1})");
                    EXPECT_FALSE(last.at(0).before.has_value());
                    return Status::Ok();
                  })
                  .ok());
}

}  // namespace
}  // namespace nrs::store
