// Accounts, sessions and demo accounts (include/nrs/accounts.h).

#include "nrs/accounts.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "app/audit.h"
#include "app/passwords.h"
#include "core/log.h"
#include "store/accounts.h"
#include "store/meta.h"
#include "store/places.h"

namespace nrs {
namespace {

struct RoleInfo {
  Role role;
  std::string_view name;
  std::string_view title;
  std::string_view demo_username;
  bool demo_scoped;  // the demo account is limited to one neighbourhood
};

constexpr std::array<RoleInfo, kRoles.size()> kRoleInfo = {{
    {Role::kAdministrator, "administrator", "Administrator", "demo-admin", false},
    {Role::kProgrammeLead, "programme_lead", "Programme lead (council officer)", "demo-lead", false},
    {Role::kAnalyst, "analyst", "Analyst", "demo-analyst", false},
    {Role::kFacilitator, "facilitator", "CoReN facilitator", "demo-facilitator", true},
    {Role::kResidentAdviser, "resident_adviser", "Resident Adviser", "demo-adviser", true},
    {Role::kOversightMember, "oversight_member", "Oversight-group member", "demo-oversight", true},
}};

const RoleInfo& InfoOf(Role role) { return kRoleInfo[static_cast<std::size_t>(role)]; }

// How often a session's last request is written back: idle expiry is exact to this much, and an active user
// costs one write per interval rather than one per request.
constexpr std::int64_t kTouchEverySeconds = 300;

const std::string kWrongCredentials = "wrong username or password, or the account is disabled";

std::int64_t Seconds(const core::Clock& clock) {
  return std::chrono::duration_cast<std::chrono::seconds>(clock.Now().time_since_epoch()).count();
}

bool ValidUsername(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
           c == '_' || c == '@';
  });
}

Status CheckUsername(std::string_view name) {
  if (ValidUsername(name)) return Status::Ok();
  return Status::InvalidArgument("username '{}' is not valid: use 1 to 64 letters, digits, '.', '-', '_' or '@'", name);
}

Status CheckEmail(std::string_view email) {
  if (email.empty()) return Status::Ok();
  const auto at = email.find('@');
  if (email.size() > 254 || at == std::string_view::npos || at == 0 || at + 1 == email.size() ||
      email.find_first_of(" \t\r\n<>,;") != std::string_view::npos) {
    return Status::InvalidArgument("'{}' is not an email address", email);
  }
  return Status::Ok();
}

Status CheckText(std::string_view what, std::string_view text) {
  if (text.size() > 200) return Status::InvalidArgument("{} is longer than 200 characters", what);
  if (text.find_first_of("\r\n") != std::string_view::npos) {
    return Status::InvalidArgument("{} must be one line", what);
  }
  return Status::Ok();
}

User ToUser(const store::UserRow& row) {
  User u;
  u.id = row.id;
  u.username = row.username;
  u.display_name = row.display_name;
  u.email = row.email;
  // The schema allows only known roles; should one ever be unknown, it gets the least of them.
  const auto role = ParseRole(row.role);
  u.role = role.ok() ? *role : Role::kResidentAdviser;
  u.neighbourhoods = row.neighbourhood_names;
  u.disabled = row.disabled;
  u.demo = row.demo;
  u.created_at = row.created_at;
  u.updated_at = row.updated_at;
  u.password_changed_at = row.password_changed_at;
  return u;
}

// What the audit trail shows of a user: never the password hash.
nlohmann::ordered_json UserJson(const store::UserRow& row) {
  return {{"username", row.username}, {"display_name", row.display_name},          {"email", row.email},
          {"role", row.role},         {"neighbourhoods", row.neighbourhood_names}, {"disabled", row.disabled}};
}

// The ids and names of the named neighbourhoods. kInvalidArgument naming the first unknown one.
Status ResolveNeighbourhoods(store::Transaction& tx, const std::vector<std::string>& names, store::UserRow& row) {
  row.neighbourhood_ids.clear();
  row.neighbourhood_names.clear();
  for (const std::string& name : names) {
    NRS_ASSIGN_OR_RETURN(const auto n, store::FindNeighbourhood(tx, name));
    if (!n) return Status::InvalidArgument("no neighbourhood called '{}'", name);
    if (std::find(row.neighbourhood_ids.begin(), row.neighbourhood_ids.end(), n->id) != row.neighbourhood_ids.end()) {
      continue;
    }
    row.neighbourhood_ids.push_back(n->id);
    row.neighbourhood_names.push_back(n->name);
  }
  return Status::Ok();
}

Status CheckScope(Role role, const std::vector<std::string>& neighbourhoods) {
  if (role == Role::kAdministrator && !neighbourhoods.empty()) {
    return Status::InvalidArgument("an administrator's role cannot be limited to neighbourhoods");
  }
  return Status::Ok();
}

Result<store::UserRow> RequireUser(store::Transaction& tx, std::string_view username) {
  NRS_ASSIGN_OR_RETURN(auto row, store::FindUser(tx, username));
  if (!row) return Status::NotFound("no user called '{}'", username);
  return std::move(*row);
}

// The password to set: the caller's (checked) or a generated one (returned in `generated`).
Result<std::string> ChoosePassword(const std::string& given, std::string* generated) {
  if (!given.empty()) {
    NRS_RETURN_IF_ERROR(CheckPassword(given));
    return given;
  }
  *generated = app::GeneratePassword();
  return *generated;
}

// A hash to verify against when the user does not exist, so that an unknown name costs the same time as a
// wrong password.
const std::string& DummyHash() {
  static const std::string kHash = app::HashPassword(app::RandomToken()).value();
  return kHash;
}

Status RecordLoginFailure(App& app, const LoginOptions& options, std::optional<std::int64_t> user_id) {
  Actor actor;
  actor.user_id = user_id.value_or(0);
  actor.name = options.username.size() <= 64 ? options.username : options.username.substr(0, 64);
  actor.via = "api";
  actor.address = options.address;
  return app.store().Write([&](store::Transaction& tx) {
    return app::RecordAudit(tx, actor, app.clock(),
                            {.action = "session.login_failed",
                             .target = fmt::format("user:{}", actor.name),
                             .after = {{"address", options.address}}});
  });
}

}  // namespace

std::string_view RoleName(Role role) { return InfoOf(role).name; }
std::string_view RoleTitle(Role role) { return InfoOf(role).title; }

Result<Role> ParseRole(std::string_view name) {
  for (const RoleInfo& info : kRoleInfo) {
    if (info.name == name) return info.role;
  }
  std::vector<std::string_view> names;
  names.reserve(std::size(kRoleInfo));
  for (const RoleInfo& info : kRoleInfo) names.push_back(info.name);
  return Status::InvalidArgument("unknown role '{}'; the roles are {}", name, fmt::join(names, ", "));
}

Status CheckPassword(std::string_view password) {
  if (password.size() > kMaxPasswordLength) {
    return Status::InvalidArgument("the password is longer than {} bytes", kMaxPasswordLength);
  }
  // Characters, not bytes: a UTF-8 continuation byte does not start one.
  const auto characters = std::count_if(password.begin(), password.end(),
                                        [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
  if (static_cast<std::size_t>(characters) < kMinPasswordLength) {
    return Status::InvalidArgument("the password must have at least {} characters", kMinPasswordLength);
  }
  return Status::Ok();
}

Status AddUserOptions::Validate() const {
  NRS_RETURN_IF_ERROR(CheckUsername(username));
  NRS_RETURN_IF_ERROR(CheckText("the display name", display_name));
  NRS_RETURN_IF_ERROR(CheckEmail(email));
  NRS_RETURN_IF_ERROR(CheckScope(role, neighbourhoods));
  if (!password.empty()) NRS_RETURN_IF_ERROR(CheckPassword(password));
  return Status::Ok();
}

Status UpdateUserOptions::Validate() const {
  if (username.empty()) return Status::InvalidArgument("name the user to change");
  if (display_name) NRS_RETURN_IF_ERROR(CheckText("the display name", *display_name));
  if (email) NRS_RETURN_IF_ERROR(CheckEmail(*email));
  return Status::Ok();
}

Status ResetPasswordOptions::Validate() const {
  if (username.empty()) return Status::InvalidArgument("name the user whose password to reset");
  if (!password.empty()) NRS_RETURN_IF_ERROR(CheckPassword(password));
  return Status::Ok();
}

Status ChangePasswordOptions::Validate() const {
  if (user_id <= 0) return Status::InvalidArgument("no user to change the password of");
  return CheckPassword(new_password);
}

Status SessionPolicy::Validate() const {
  if (lifetime.count() <= 0 || idle.count() <= 0) {
    return Status::InvalidArgument("session lifetime and idle timeout must be positive");
  }
  return Status::Ok();
}

Status LoginOptions::Validate() const {
  if (username.empty() || password.empty()) return Status::InvalidArgument("give a username and a password");
  return policy.Validate();
}

Result<UserWithPassword> AddUser(App& app, const AddUserOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  UserWithPassword out;
  NRS_ASSIGN_OR_RETURN(const std::string password, ChoosePassword(options.password, &out.password));
  // Hashing takes a tenth of a second: done before the write lock is taken.
  NRS_ASSIGN_OR_RETURN(const std::string hash, app::HashPassword(password));
  store::UserRow row;
  row.username = options.username;
  row.display_name = options.display_name;
  row.email = options.email;
  row.role = std::string(RoleName(options.role));
  row.password_hash = hash;
  row.created_at = row.updated_at = row.password_changed_at = core::FormatUtc(app.clock().Now());
  NRS_RETURN_IF_ERROR(app.store().Write([&](store::Transaction& tx) -> Status {
    NRS_RETURN_IF_ERROR(ResolveNeighbourhoods(tx, options.neighbourhoods, row));
    NRS_ASSIGN_OR_RETURN(row.id, store::InsertUser(tx, row));
    return app::RecordAudit(tx, options.actor, app.clock(),
                            {.action = "user.create", .target = "user:" + row.username, .after = UserJson(row)});
  }));
  out.user = ToUser(row);
  spdlog::info("added user {} ({})", row.username, row.role);
  return out;
}

Result<std::vector<User>> ListUsers(App& app) {
  std::vector<User> users;
  NRS_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const std::vector<store::UserRow> rows, store::ListUsers(tx));
    for (const store::UserRow& r : rows) users.push_back(ToUser(r));
    return Status::Ok();
  }));
  return users;
}

Result<User> GetUser(App& app, std::string_view username) {
  User user;
  NRS_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const store::UserRow row, RequireUser(tx, username));
    user = ToUser(row);
    return Status::Ok();
  }));
  return user;
}

Result<User> UpdateUser(App& app, const UpdateUserOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  User user;
  NRS_RETURN_IF_ERROR(app.store().Write([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(store::UserRow row, RequireUser(tx, options.username));
    const nlohmann::ordered_json before = UserJson(row);
    const bool was_admin = row.role == RoleName(Role::kAdministrator) && !row.disabled;
    if (options.display_name) row.display_name = *options.display_name;
    if (options.email) row.email = *options.email;
    if (options.role) row.role = std::string(RoleName(*options.role));
    if (options.disabled) row.disabled = *options.disabled;
    NRS_ASSIGN_OR_RETURN(const Role role, ParseRole(row.role));
    if (options.neighbourhoods) {
      NRS_RETURN_IF_ERROR(ResolveNeighbourhoods(tx, *options.neighbourhoods, row));
    }
    NRS_RETURN_IF_ERROR(CheckScope(role, row.neighbourhood_names));
    const bool is_admin = role == Role::kAdministrator && !row.disabled;
    if (was_admin && !is_admin) {
      NRS_ASSIGN_OR_RETURN(const auto admins,
                           tx.QueryInt("SELECT count(*) FROM app_user WHERE role = 'administrator' AND disabled = 0"));
      if (admins.value_or(0) <= 1) {
        return Status::Conflict("'{}' is the last enabled administrator; make another administrator first",
                                row.username);
      }
    }
    row.updated_at = core::FormatUtc(app.clock().Now());
    NRS_RETURN_IF_ERROR(store::UpdateUser(tx, row));
    if (row.disabled) NRS_RETURN_IF_ERROR(store::DeleteSessionsOfUser(tx, row.id).status());
    user = ToUser(row);
    return app::RecordAudit(
        tx, options.actor, app.clock(),
        {.action = "user.update", .target = "user:" + row.username, .before = before, .after = UserJson(row)});
  }));
  return user;
}

Result<UserWithPassword> ResetPassword(App& app, const ResetPasswordOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  UserWithPassword out;
  NRS_ASSIGN_OR_RETURN(const std::string password, ChoosePassword(options.password, &out.password));
  NRS_ASSIGN_OR_RETURN(const std::string hash, app::HashPassword(password));
  NRS_RETURN_IF_ERROR(app.store().Write([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(store::UserRow row, RequireUser(tx, options.username));
    row.password_hash = hash;
    row.updated_at = row.password_changed_at = core::FormatUtc(app.clock().Now());
    NRS_RETURN_IF_ERROR(store::UpdateUser(tx, row));
    NRS_ASSIGN_OR_RETURN(const std::int64_t ended, store::DeleteSessionsOfUser(tx, row.id));
    out.user = ToUser(row);
    return app::RecordAudit(tx, options.actor, app.clock(),
                            {.action = "user.password_reset",
                             .target = "user:" + row.username,
                             .after = {{"password_changed_at", row.password_changed_at}, {"sessions_ended", ended}}});
  }));
  return out;
}

Status ChangePassword(App& app, const ChangePasswordOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  std::string current_hash;
  NRS_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const auto row, store::GetUser(tx, options.user_id));
    if (!row) return Status::NotFound("no user with id {}", options.user_id);
    current_hash = row->password_hash;
    return Status::Ok();
  }));
  if (!app::VerifyPassword(current_hash, options.current_password)) {
    return Status::Unauthenticated("the current password is wrong");
  }
  NRS_ASSIGN_OR_RETURN(const std::string hash, app::HashPassword(options.new_password));
  const std::string keep = options.keep_session.empty() ? std::string() : app::TokenDigest(options.keep_session);
  return app.store().Write([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(auto row, store::GetUser(tx, options.user_id));
    if (!row) return Status::NotFound("no user with id {}", options.user_id);
    // Compare-and-set: a password changed meanwhile (another session) wins, and this one is refused.
    if (row->password_hash != current_hash)
      return Status::Conflict("the password was changed meanwhile; sign in again");
    row->password_hash = hash;
    row->updated_at = row->password_changed_at = core::FormatUtc(app.clock().Now());
    NRS_RETURN_IF_ERROR(store::UpdateUser(tx, *row));
    NRS_ASSIGN_OR_RETURN(const std::int64_t ended, store::DeleteSessionsOfUser(tx, row->id, keep));
    return app::RecordAudit(tx, options.actor, app.clock(),
                            {.action = "user.password_change",
                             .target = "user:" + row->username,
                             .after = {{"password_changed_at", row->password_changed_at}, {"sessions_ended", ended}}});
  });
}

core::Table UserTable(const std::vector<User>& users) {
  core::Table table({{"username", core::CellType::kText},
                     {"display_name", core::CellType::kText},
                     {"email", core::CellType::kText},
                     {"role", core::CellType::kText},
                     {"neighbourhoods", core::CellType::kText},
                     {"disabled", core::CellType::kText},
                     {"demo", core::CellType::kText},
                     {"created_at", core::CellType::kText},
                     {"password_changed_at", core::CellType::kText}});
  for (const User& u : users) {
    table.AddRow({u.username, u.display_name, u.email, std::string(RoleName(u.role)),
                  fmt::format("{}", fmt::join(u.neighbourhoods, "; ")), std::string(u.disabled ? "yes" : "no"),
                  std::string(u.demo ? "yes" : "no"), u.created_at, u.password_changed_at});
  }
  return table;
}

Result<Session> Login(App& app, const LoginOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  if (options.password.size() > kMaxPasswordLength) return Status::Unauthenticated("{}", kWrongCredentials);
  std::optional<store::UserRow> row;
  NRS_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& tx) -> Status {
    if (ValidUsername(options.username)) {
      NRS_ASSIGN_OR_RETURN(row, store::FindUser(tx, options.username));
    }
    return Status::Ok();
  }));
  const bool matches = app::VerifyPassword(row ? row->password_hash : DummyHash(), options.password);
  if (!row || !matches || row->disabled) {
    NRS_RETURN_IF_ERROR(RecordLoginFailure(app, options, row ? std::optional(row->id) : std::nullopt));
    return Status::Unauthenticated("{}", kWrongCredentials);
  }
  std::optional<std::string> rehashed;
  if (app::NeedsRehash(row->password_hash)) {
    NRS_ASSIGN_OR_RETURN(rehashed, app::HashPassword(options.password));
  }
  Session session;
  session.token = app::RandomToken();
  session.csrf_token = app::RandomToken();
  const std::int64_t now = Seconds(app.clock());
  session.expires_at = now + options.policy.lifetime.count();
  NRS_RETURN_IF_ERROR(app.store().Write([&](store::Transaction& tx) -> Status {
    NRS_RETURN_IF_ERROR(store::DeleteStaleSessions(tx, now, now - options.policy.idle.count()).status());
    NRS_ASSIGN_OR_RETURN(auto current, store::GetUser(tx, row->id));
    if (!current || current->disabled || current->password_hash != row->password_hash) {
      return Status::Unauthenticated("{}", kWrongCredentials);  // changed between the check and now
    }
    if (rehashed) {
      current->password_hash = *rehashed;
      NRS_RETURN_IF_ERROR(store::UpdateUser(tx, *current));
    }
    NRS_RETURN_IF_ERROR(
        store::InsertSession(tx, {app::TokenDigest(session.token), row->id, session.csrf_token, now, now,
                                  session.expires_at, options.address, options.user_agent.substr(0, 200)}));
    Actor actor{row->id, row->username, "api", options.address};
    session.user = ToUser(*current);
    return app::RecordAudit(
        tx, actor, app.clock(),
        {.action = "session.login",
         .target = "user:" + row->username,
         .after = {{"address", options.address}, {"user_agent", options.user_agent.substr(0, 200)}}});
  }));
  return session;
}

Result<SessionUser> Authenticate(App& app, std::string_view token, const SessionPolicy& policy) {
  if (token.empty() || token.size() > 128) return Status::Unauthenticated("not signed in");
  const std::string digest = app::TokenDigest(token);
  const std::int64_t now = Seconds(app.clock());
  SessionUser out;
  std::int64_t last_seen = 0;
  NRS_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const auto session, store::FindSession(tx, digest));
    if (!session) return Status::Unauthenticated("the session has ended; sign in again");
    if (session->expires_at <= now || session->last_seen_at < now - policy.idle.count()) {
      return Status::Unauthenticated("the session has expired; sign in again");
    }
    NRS_ASSIGN_OR_RETURN(const auto user, store::GetUser(tx, session->user_id));
    if (!user || user->disabled) return Status::Unauthenticated("the account is disabled");
    out.user = ToUser(*user);
    out.csrf_token = session->csrf_token;
    out.expires_at = session->expires_at;
    last_seen = session->last_seen_at;
    return Status::Ok();
  }));
  if (now - last_seen >= kTouchEverySeconds) {
    NRS_RETURN_IF_ERROR(
        app.store().Write([&](store::Transaction& tx) { return store::TouchSession(tx, digest, now); }));
  }
  return out;
}

Status Logout(App& app, std::string_view token, const Actor& actor) {
  if (token.empty() || token.size() > 128) return Status::Ok();
  const std::string digest = app::TokenDigest(token);
  return app.store().Write([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const auto session, store::FindSession(tx, digest));
    if (!session) return Status::Ok();
    NRS_RETURN_IF_ERROR(store::DeleteSession(tx, digest).status());
    NRS_ASSIGN_OR_RETURN(const auto user, store::GetUser(tx, session->user_id));
    return app::RecordAudit(tx, actor, app.clock(),
                            {.action = "session.logout", .target = "user:" + (user ? user->username : std::string())});
  });
}

Result<std::vector<DemoAccount>> PrepareDemoAccounts(App& app, const Actor& actor) {
  std::string scope;
  NRS_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const auto demo, store::GetMeta(tx, "demo"));
    if (demo.value_or("no") != "yes") {
      return Status::InvalidArgument("demo accounts are for demo databases only (created with `nrs init --demo`)");
    }
    NRS_ASSIGN_OR_RETURN(const auto neighbourhoods, store::ListNeighbourhoods(tx));
    for (const store::NeighbourhoodRow& n : neighbourhoods) {
      if (n.klass == geo::NeighbourhoodClass::kProgramme) {
        scope = n.name;
        break;
      }
    }
    return Status::Ok();
  }));
  std::vector<DemoAccount> accounts;
  std::vector<std::string> hashes;
  for (const RoleInfo& info : kRoleInfo) {
    DemoAccount a;
    a.username = info.demo_username;
    a.role = info.role;
    if (info.demo_scoped && !scope.empty()) a.neighbourhoods = {scope};
    a.password = app::GeneratePassword();
    NRS_ASSIGN_OR_RETURN(std::string hash, app::HashPassword(a.password));
    hashes.push_back(std::move(hash));
    accounts.push_back(std::move(a));
  }
  NRS_RETURN_IF_ERROR(app.store().Write([&](store::Transaction& tx) -> Status {
    const std::string now = core::FormatUtc(app.clock().Now());
    std::vector<std::string> names;
    for (std::size_t i = 0; i < accounts.size(); ++i) {
      const DemoAccount& a = accounts[i];
      NRS_ASSIGN_OR_RETURN(auto existing, store::FindUser(tx, a.username));
      store::UserRow row = existing ? *existing : store::UserRow{};
      if (existing && !existing->demo) {
        return Status::Conflict("'{}' is a user of this database, not a demo account; rename it first", a.username);
      }
      row.username = a.username;
      row.display_name = fmt::format("Demo {}", RoleTitle(a.role));
      row.role = std::string(RoleName(a.role));
      row.password_hash = hashes[i];
      row.disabled = false;
      row.demo = true;
      row.updated_at = row.password_changed_at = now;
      if (!existing) row.created_at = now;
      NRS_RETURN_IF_ERROR(ResolveNeighbourhoods(tx, a.neighbourhoods, row));
      if (existing) {
        NRS_RETURN_IF_ERROR(store::UpdateUser(tx, row));
        NRS_RETURN_IF_ERROR(store::DeleteSessionsOfUser(tx, row.id).status());
      } else {
        NRS_RETURN_IF_ERROR(store::InsertUser(tx, row).status());
      }
      names.push_back(a.username);
    }
    return app::RecordAudit(tx, actor, app.clock(),
                            {.action = "user.demo_accounts", .target = "demo", .after = {{"usernames", names}}});
  }));
  return accounts;
}

}  // namespace nrs
