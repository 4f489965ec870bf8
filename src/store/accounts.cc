#include "store/accounts.h"

namespace nrs::store {
namespace {

constexpr std::string_view kUserColumns =
    "id, username, display_name, email, role, password_hash, disabled, demo, created_at, updated_at, "
    "password_changed_at";

UserRow ReadUser(const Row& r) {
  UserRow u;
  u.id = r.Int(0);
  u.username = r.Text(1);
  u.display_name = r.Text(2);
  u.email = r.Text(3);
  u.role = r.Text(4);
  u.password_hash = r.Text(5);
  u.disabled = r.Int(6) != 0;
  u.demo = r.Int(7) != 0;
  u.created_at = r.Text(8);
  u.updated_at = r.Text(9);
  u.password_changed_at = r.Text(10);
  return u;
}

Status LoadNeighbourhoods(Transaction& tx, UserRow& user) {
  user.neighbourhood_ids.clear();
  user.neighbourhood_names.clear();
  return tx.Query(
      "SELECT n.id, n.name FROM user_neighbourhood un JOIN neighbourhood n ON n.id = un.neighbourhood_id "
      "WHERE un.user_id = ? ORDER BY n.name",
      {user.id}, [&](const Row& r) {
        user.neighbourhood_ids.push_back(r.Int(0));
        user.neighbourhood_names.emplace_back(r.Text(1));
        return Status::Ok();
      });
}

Status PutNeighbourhoods(Transaction& tx, const UserRow& user, std::int64_t id) {
  NRS_RETURN_IF_ERROR(tx.Execute("DELETE FROM user_neighbourhood WHERE user_id = ?", {id}));
  NRS_ASSIGN_OR_RETURN(Statement * insert,
                       tx.Prepare("INSERT OR IGNORE INTO user_neighbourhood(user_id, neighbourhood_id) VALUES (?, ?)"));
  for (const std::int64_t n : user.neighbourhood_ids) NRS_RETURN_IF_ERROR(insert->Execute({id, n}));
  return Status::Ok();
}

Result<std::optional<UserRow>> QueryOneUser(Transaction& tx, const std::string& sql, const Param& key) {
  std::optional<UserRow> user;
  NRS_RETURN_IF_ERROR(tx.Query(sql, {key}, [&](const Row& r) {
    user = ReadUser(r);
    return Status::Ok();
  }));
  if (user) NRS_RETURN_IF_ERROR(LoadNeighbourhoods(tx, *user));
  return user;
}

// The WHERE clause of an audit filter and the parameters it binds (views of `filter`'s strings).
struct AuditWhere {
  std::string sql;
  std::vector<Param> params;
};

AuditWhere WhereOf(const AuditFilter& filter, const std::string& prefix_pattern) {
  AuditWhere w;
  std::vector<std::string> terms;
  if (!filter.action_prefix.empty()) {
    terms.emplace_back("action LIKE ? ESCAPE '\\'");
    w.params.emplace_back(prefix_pattern);
  }
  if (!filter.actor.empty()) {
    terms.emplace_back("actor = ?");
    w.params.emplace_back(filter.actor);
  }
  if (!filter.target.empty()) {
    terms.emplace_back("target = ?");
    w.params.emplace_back(filter.target);
  }
  if (filter.public_only) terms.emplace_back("public = 1");
  if (!terms.empty()) w.sql = fmt::format(" WHERE {}", fmt::join(terms, " AND "));
  return w;
}

// `prefix` as a LIKE pattern matching it literally at the start.
std::string PrefixPattern(std::string_view prefix) {
  std::string pattern;
  for (const char c : prefix) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
}

}  // namespace

Result<std::int64_t> InsertUser(Transaction& tx, const UserRow& u) {
  NRS_ASSIGN_OR_RETURN(const auto existing,
                       tx.QueryInt("SELECT id FROM app_user WHERE username = ? COLLATE NOCASE", {u.username}));
  if (existing) return Status::AlreadyExists("a user named '{}' exists already", u.username);
  NRS_RETURN_IF_ERROR(
      tx.Execute("INSERT INTO app_user(username, display_name, email, role, password_hash, disabled, demo, created_at, "
                 "updated_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 {u.username, u.display_name, u.email, u.role, u.password_hash, u.disabled, u.demo, u.created_at,
                  u.updated_at, u.password_changed_at}));
  const std::int64_t id = tx.LastInsertId();
  NRS_RETURN_IF_ERROR(PutNeighbourhoods(tx, u, id));
  return id;
}

Status UpdateUser(Transaction& tx, const UserRow& u) {
  NRS_ASSIGN_OR_RETURN(Statement * update,
                       tx.Prepare("UPDATE app_user SET username = ?, display_name = ?, email = ?, role = ?, "
                                  "password_hash = ?, disabled = ?, demo = ?, updated_at = ?, password_changed_at = ? "
                                  "WHERE id = ?"));
  NRS_RETURN_IF_ERROR(update->Execute({u.username, u.display_name, u.email, u.role, u.password_hash, u.disabled, u.demo,
                                       u.updated_at, u.password_changed_at, u.id}));
  if (update->changes() == 0) return Status::NotFound("no user with id {}", u.id);
  return PutNeighbourhoods(tx, u, u.id);
}

Result<std::optional<UserRow>> FindUser(Transaction& tx, std::string_view username) {
  return QueryOneUser(tx, fmt::format("SELECT {} FROM app_user WHERE username = ? COLLATE NOCASE", kUserColumns),
                      username);
}

Result<std::optional<UserRow>> GetUser(Transaction& tx, std::int64_t id) {
  return QueryOneUser(tx, fmt::format("SELECT {} FROM app_user WHERE id = ?", kUserColumns), id);
}

Result<std::vector<UserRow>> ListUsers(Transaction& tx) {
  std::vector<UserRow> users;
  NRS_RETURN_IF_ERROR(tx.Query(fmt::format("SELECT {} FROM app_user ORDER BY username COLLATE NOCASE", kUserColumns),
                               {}, [&](const Row& r) {
                                 users.push_back(ReadUser(r));
                                 return Status::Ok();
                               }));
  for (UserRow& u : users) NRS_RETURN_IF_ERROR(LoadNeighbourhoods(tx, u));
  return users;
}

Status InsertSession(Transaction& tx, const SessionRow& s) {
  return tx.Execute(
      "INSERT INTO session(token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, address, "
      "user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, s.address, s.user_agent});
}

Result<std::optional<SessionRow>> FindSession(Transaction& tx, std::string_view token_hash) {
  std::optional<SessionRow> session;
  NRS_RETURN_IF_ERROR(
      tx.Query("SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, address, user_agent "
               "FROM session WHERE token_hash = ?",
               {token_hash}, [&](const Row& r) {
                 session = SessionRow{std::string(r.Text(0)),
                                      r.Int(1),
                                      std::string(r.Text(2)),
                                      r.Int(3),
                                      r.Int(4),
                                      r.Int(5),
                                      std::string(r.Text(6)),
                                      std::string(r.Text(7))};
                 return Status::Ok();
               }));
  return session;
}

Status TouchSession(Transaction& tx, std::string_view token_hash, std::int64_t last_seen_at) {
  return tx.Execute("UPDATE session SET last_seen_at = ? WHERE token_hash = ?", {last_seen_at, token_hash});
}

Result<std::int64_t> DeleteSession(Transaction& tx, std::string_view token_hash) {
  NRS_ASSIGN_OR_RETURN(Statement * del, tx.Prepare("DELETE FROM session WHERE token_hash = ?"));
  NRS_RETURN_IF_ERROR(del->Execute({token_hash}));
  return del->changes();
}

Result<std::int64_t> DeleteSessionsOfUser(Transaction& tx, std::int64_t user_id, std::string_view except) {
  NRS_ASSIGN_OR_RETURN(Statement * del, tx.Prepare("DELETE FROM session WHERE user_id = ? AND token_hash != ?"));
  NRS_RETURN_IF_ERROR(del->Execute({user_id, except}));
  return del->changes();
}

Result<std::int64_t> DeleteStaleSessions(Transaction& tx, std::int64_t now, std::int64_t idle_before) {
  NRS_ASSIGN_OR_RETURN(Statement * del, tx.Prepare("DELETE FROM session WHERE expires_at <= ? OR last_seen_at < ?"));
  NRS_RETURN_IF_ERROR(del->Execute({now, idle_before}));
  return del->changes();
}

Result<std::int64_t> InsertAudit(Transaction& tx, const AuditRow& e) {
  NRS_RETURN_IF_ERROR(
      tx.Execute("INSERT INTO audit_event(at, user_id, actor, via, address, action, target, before, after, public) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 {e.at, e.user_id, e.actor, e.via, e.address, e.action, e.target, e.before, e.after, e.is_public}));
  return tx.LastInsertId();
}

Result<std::vector<AuditRow>> ListAudit(Transaction& tx, const AuditFilter& filter) {
  const std::string pattern = PrefixPattern(filter.action_prefix);
  AuditWhere where = WhereOf(filter, pattern);
  where.params.emplace_back(filter.limit);
  where.params.emplace_back(filter.offset);
  NRS_ASSIGN_OR_RETURN(Statement * query,
                       tx.Prepare(fmt::format("SELECT id, at, user_id, actor, via, address, action, target, before, "
                                              "after, public FROM audit_event{} ORDER BY id DESC LIMIT ? OFFSET ?",
                                              where.sql)));
  std::vector<AuditRow> events;
  NRS_RETURN_IF_ERROR(query->Query(where.params, [&](const Row& r) {
    AuditRow e;
    e.id = r.Int(0);
    e.at = r.Text(1);
    if (!r.IsNull(2)) e.user_id = r.Int(2);
    e.actor = r.Text(3);
    e.via = r.Text(4);
    e.address = r.Text(5);
    e.action = r.Text(6);
    e.target = r.Text(7);
    if (!r.IsNull(8)) e.before = std::string(r.Text(8));
    if (!r.IsNull(9)) e.after = std::string(r.Text(9));
    e.is_public = r.Int(10) != 0;
    events.push_back(std::move(e));
    return Status::Ok();
  }));
  return events;
}

Result<std::int64_t> CountAudit(Transaction& tx, const AuditFilter& filter) {
  const std::string pattern = PrefixPattern(filter.action_prefix);
  const AuditWhere where = WhereOf(filter, pattern);
  NRS_ASSIGN_OR_RETURN(Statement * query, tx.Prepare(fmt::format("SELECT count(*) FROM audit_event{}", where.sql)));
  std::int64_t count = 0;
  NRS_RETURN_IF_ERROR(query->Query(where.params, [&](const Row& r) {
    count = r.Int(0);
    return Status::Ok();
  }));
  return count;
}

}  // namespace nrs::store
