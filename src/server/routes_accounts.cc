// Signing in and out, one's own session and password; users and roles; the audit trail.

#include "core/text.h"
#include "nrs/audit.h"
#include "server/replies.h"
#include "server/state.h"

namespace nrs::server {
namespace {

Json UserJson(const User& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"email", u.email},
          {"role", RoleName(u.role)},
          {"neighbourhoods", u.neighbourhoods},
          {"disabled", u.disabled},
          {"demo", u.demo},
          {"created_at", u.created_at},
          {"updated_at", u.updated_at},
          {"password_changed_at", u.password_changed_at}};
}

std::vector<std::string> RoleNames() {
  std::vector<std::string> names;
  names.reserve(kRoles.size());
  for (const Role r : kRoles) names.emplace_back(RoleName(r));
  return names;
}

Json UserSchema() {
  return schema::Object({{"id", schema::Integer()},
                         {"username", schema::String()},
                         {"display_name", schema::String()},
                         {"email", schema::String()},
                         {"role", schema::Enum(RoleNames())},
                         {"neighbourhoods", schema::Array(schema::String())},
                         {"disabled", schema::Boolean()},
                         {"demo", schema::Boolean()},
                         {"created_at", schema::String()},
                         {"updated_at", schema::String()},
                         {"password_changed_at", schema::String()}},
                        {"id", "username", "display_name", "email", "role", "neighbourhoods", "disabled", "demo",
                         "created_at", "updated_at", "password_changed_at"});
}

// The permissions `role` holds (nullopt: the public's).
std::vector<std::string> PermissionsOf(std::optional<Role> role) {
  std::vector<std::string> names;
  for (const PolicyEntry& p : Policy()) {
    if (Allows(role, p.permission)) names.emplace_back(p.name);
  }
  return names;
}

Json SessionJson(const User& user, const std::string& csrf, std::int64_t expires_at) {
  return {{"signed_in", true},
          {"user", UserJson(user)},
          {"csrf_token", csrf},
          {"expires_at", expires_at},
          {"permissions", PermissionsOf(user.role)}};
}

Json SessionSchema() {
  return schema::Object({{"signed_in", schema::Boolean()},
                         {"user", UserSchema()},
                         {"csrf_token", schema::String("Send it back in the X-CSRF-Token header of every change")},
                         {"expires_at", schema::Integer("When the session ends at the latest (seconds since 1970)")},
                         {"permissions", schema::Array(schema::String())}},
                        {"signed_in", "permissions"});
}

Json UserWithPasswordSchema() {
  return schema::Object({{"user", UserSchema()},
                         {"password", schema::Nullable(schema::String("The generated password, shown this once"))}},
                        {"user", "password"});
}

Json UserWithPasswordJson(const UserWithPassword& u) {
  return {{"user", UserJson(u.user)}, {"password", u.password.empty() ? Json(nullptr) : Json(u.password)}};
}

Result<Role> RoleFrom(const Json& body) { return ParseRole(body["role"].get<std::string>()); }

const Parameter kUsername{"username", schema::String("", 64), "The user's name", true, "demo-analyst"};

}  // namespace

void AddAccountsRoutes(std::vector<Route>& routes) {
  {
    Route r;
    r.method = Method::kPost;
    r.path = "/api/v1/auth/login";
    r.operation_id = "login";
    r.tag = "accounts";
    r.summary = "sign in";
    r.description =
        "Checks the password (Argon2id) and starts a session: the reply sets the session cookie "
        "(HttpOnly, SameSite=Strict; Secure behind TLS) and gives the CSRF token. Failed attempts are "
        "limited per client address and per username (429 with Retry-After).";
    r.body = BodyKind::kJson;
    r.body_limit = std::size_t{16} << 10;
    r.request_schema =
        schema::Object({{"username", schema::String("", 64)}, {"password", schema::String("", kMaxPasswordLength)}},
                       {"username", "password"});
    r.response_schema = SessionSchema();
    r.errors = {ErrorCode::kRateLimited};
    r.handler = [](Call& call) -> Result<Reply> {
      ServerState& state = call.state();
      const std::string address = call.request().client_address;
      LoginOptions o;
      o.username = call.body()["username"];
      o.password = call.body()["password"];
      o.address = address;
      o.user_agent = std::string(call.request().headers.Get("User-Agent").value_or(""));
      o.policy = state.options().sessions;
      const std::string user_key = core::ToLower(o.username);
      const auto wait =
          std::max(state.address_failures().RetryAfter(address), state.user_failures().RetryAfter(user_key));
      if (wait.count() > 0) {
        Reply reply =
            ErrorReply(Status::RateLimited("too many failed sign-ins; try again in {} seconds", wait.count()));
        reply.headers.emplace_back("Retry-After", std::to_string(wait.count()));
        return reply;
      }
      auto session = Login(call.app(), o);
      if (!session.ok()) {
        if (session.status().code() == ErrorCode::kUnauthenticated) {
          state.address_failures().RecordFailure(address);
          state.user_failures().RecordFailure(user_key);
        }
        return session.status();
      }
      state.user_failures().Reset(user_key);
      Reply reply = Reply::Json(SessionJson(session->user, session->csrf_token, session->expires_at).dump());
      reply.headers.emplace_back(
          "Set-Cookie", state.SessionCookie(call.request(), session->token, state.options().sessions.lifetime.count()));
      return reply;
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.method = Method::kPost;
    r.path = "/api/v1/auth/logout";
    r.operation_id = "logout";
    r.tag = "accounts";
    r.summary = "sign out";
    r.permission = Permission::kSignedIn;
    r.status = 204;
    r.handler = [](Call& call) -> Result<Reply> {
      NRS_RETURN_IF_ERROR(Logout(call.app(), call.session_token(), call.actor()));
      Reply reply = Reply::Empty(204);
      reply.headers.emplace_back("Set-Cookie", call.state().SessionCookie(call.request(), "", 0));
      return reply;
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/auth/session";
    r.operation_id = "getSession";
    r.tag = "accounts";
    r.summary = "say who is signed in";
    r.description =
        "The signed-in user, the session's CSRF token and the permissions held; for the public, "
        "signed_in false and the public's permissions.";
    r.response_schema = SessionSchema();
    r.execution = Execution::kInline;
    r.handler = [](Call& call) -> Result<Reply> {
      if (!call.user()) {
        return Reply::Json(Json{{"signed_in", false}, {"permissions", PermissionsOf(std::nullopt)}}.dump());
      }
      return Reply::Json(SessionJson(call.user()->user, call.user()->csrf_token, call.user()->expires_at).dump());
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.method = Method::kPost;
    r.path = "/api/v1/auth/password";
    r.operation_id = "changePassword";
    r.tag = "accounts";
    r.summary = "change your password";
    r.description = "Your other sessions end; this one stays.";
    r.permission = Permission::kSignedIn;
    r.body = BodyKind::kJson;
    r.body_limit = std::size_t{16} << 10;
    r.request_schema = schema::Object({{"current_password", schema::String("", kMaxPasswordLength)},
                                       {"new_password", schema::String("", kMaxPasswordLength)}},
                                      {"current_password", "new_password"});
    r.status = 204;
    r.errors = {ErrorCode::kConflict};
    r.handler = [](Call& call) -> Result<Reply> {
      ChangePasswordOptions o;
      o.user_id = call.user()->user.id;
      o.current_password = call.body()["current_password"];
      o.new_password = call.body()["new_password"];
      o.keep_session = call.session_token();
      o.actor = call.actor();
      NRS_RETURN_IF_ERROR(ChangePassword(call.app(), o));
      return Reply::Empty(204);
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/users";
    r.operation_id = "listUsers";
    r.tag = "accounts";
    r.summary = "list the users";
    r.permission = Permission::kManageUsers;
    r.paginated = true;
    r.response_schema = schema::Table({{"username", core::CellType::kText},
                                       {"display_name", core::CellType::kText},
                                       {"email", core::CellType::kText},
                                       {"role", core::CellType::kText},
                                       {"neighbourhoods", core::CellType::kText},
                                       {"disabled", core::CellType::kText},
                                       {"demo", core::CellType::kText},
                                       {"created_at", core::CellType::kText},
                                       {"password_changed_at", core::CellType::kText}},
                                      true);
    r.handler = [](Call& call) -> Result<Reply> {
      NRS_ASSIGN_OR_RETURN(const std::vector<User> users, ListUsers(call.app()));
      return call.Table(UserTable(users));
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.method = Method::kPost;
    r.path = "/api/v1/users";
    r.operation_id = "addUser";
    r.tag = "accounts";
    r.summary = "add a user";
    r.description = "Without a password, one is generated and returned this once.";
    r.permission = Permission::kManageUsers;
    r.body = BodyKind::kJson;
    r.body_limit = std::size_t{64} << 10;
    r.request_schema = schema::Object(
        {{"username", schema::String("Letters, digits, '.', '-', '_', '@'", 64)},
         {"display_name", schema::String("", 200)},
         {"email", schema::String("", 254)},
         {"role", schema::Enum(RoleNames())},
         {"neighbourhoods", schema::Array(schema::String("", 200), "Limit the role to these neighbourhoods", 100)},
         {"password", schema::String("At least 10 characters", kMaxPasswordLength)}},
        {"username", "role"});
    r.status = 201;
    r.response_schema = UserWithPasswordSchema();
    r.errors = {ErrorCode::kAlreadyExists};
    r.handler = [](Call& call) -> Result<Reply> {
      const Json& b = call.body();
      AddUserOptions o;
      o.username = b["username"];
      o.display_name = b.value("display_name", "");
      o.email = b.value("email", "");
      NRS_ASSIGN_OR_RETURN(o.role, RoleFrom(b));
      o.neighbourhoods = b.value("neighbourhoods", std::vector<std::string>{});
      o.password = b.value("password", "");
      o.actor = call.actor();
      NRS_ASSIGN_OR_RETURN(const UserWithPassword added, AddUser(call.app(), o));
      Reply reply = Reply::Json(UserWithPasswordJson(added).dump(), 201);
      reply.headers.emplace_back("Location", "/api/v1/users/" + added.user.username);
      return reply;
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/users/{username}";
    r.operation_id = "getUser";
    r.tag = "accounts";
    r.summary = "describe a user";
    r.permission = Permission::kManageUsers;
    r.path_parameters = {kUsername};
    r.response_schema = UserSchema();
    r.errors = {ErrorCode::kNotFound};
    r.handler = [](Call& call) -> Result<Reply> {
      NRS_ASSIGN_OR_RETURN(const User user, GetUser(call.app(), call.Path("username")));
      return Reply::Json(UserJson(user).dump());
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.method = Method::kPatch;
    r.path = "/api/v1/users/{username}";
    r.operation_id = "updateUser";
    r.tag = "accounts";
    r.summary = "change a user's role, neighbourhoods, details, or disable them";
    r.description =
        "Only the fields given change. Disabling a user ends their sessions; the last enabled "
        "administrator cannot be disabled or demoted (409).";
    r.permission = Permission::kManageUsers;
    r.path_parameters = {kUsername};
    r.body = BodyKind::kJson;
    r.body_limit = std::size_t{64} << 10;
    r.request_schema = schema::Object({{"display_name", schema::String("", 200)},
                                       {"email", schema::String("", 254)},
                                       {"role", schema::Enum(RoleNames())},
                                       {"neighbourhoods", schema::Array(schema::String("", 200), "", 100)},
                                       {"disabled", schema::Boolean()}});
    r.response_schema = UserSchema();
    r.errors = {ErrorCode::kNotFound, ErrorCode::kConflict};
    r.handler = [](Call& call) -> Result<Reply> {
      const Json& b = call.body();
      UpdateUserOptions o;
      o.username = call.Path("username");
      if (b.contains("display_name")) o.display_name = b["display_name"].get<std::string>();
      if (b.contains("email")) o.email = b["email"].get<std::string>();
      if (b.contains("role")) {
        NRS_ASSIGN_OR_RETURN(o.role, RoleFrom(b));
      }
      if (b.contains("neighbourhoods")) o.neighbourhoods = b["neighbourhoods"].get<std::vector<std::string>>();
      if (b.contains("disabled")) o.disabled = b["disabled"].get<bool>();
      o.actor = call.actor();
      NRS_ASSIGN_OR_RETURN(const User user, UpdateUser(call.app(), o));
      return Reply::Json(UserJson(user).dump());
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.method = Method::kPost;
    r.path = "/api/v1/users/{username}/password";
    r.operation_id = "resetPassword";
    r.tag = "accounts";
    r.summary = "reset a user's password";
    r.description = "Without a password, one is generated and returned this once. The user's sessions end.";
    r.permission = Permission::kManageUsers;
    r.path_parameters = {kUsername};
    r.body = BodyKind::kJson;
    r.body_limit = std::size_t{16} << 10;
    r.request_schema = schema::Object({{"password", schema::String("At least 10 characters", kMaxPasswordLength)}});
    r.response_schema = UserWithPasswordSchema();
    r.errors = {ErrorCode::kNotFound};
    r.handler = [](Call& call) -> Result<Reply> {
      ResetPasswordOptions o;
      o.username = call.Path("username");
      o.password = call.body().value("password", "");
      o.actor = call.actor();
      NRS_ASSIGN_OR_RETURN(const UserWithPassword reset, ResetPassword(call.app(), o));
      return Reply::Json(UserWithPasswordJson(reset).dump());
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/audit";
    r.operation_id = "listAudit";
    r.tag = "accounts";
    r.summary = "read the audit trail";
    r.description =
        "Every change — who (a user, or the command line), when, what, and the item before and after — "
        "newest first.";
    r.permission = Permission::kReadAudit;
    r.query = {{"action", schema::String("", 100), "Only actions starting with this, e.g. user. or import.", false, ""},
               {"actor", schema::String("", 200), "Only this actor", false, ""},
               {"target", schema::String("", 300), "Only this target, e.g. user:alice", false, ""},
               {"limit", schema::Integer("", 1, 1000), "Most events in the page (default 100)", false, ""},
               {"offset", schema::Integer("", 0), "Events to skip (default 0)", false, ""}};
    const Json before_after = schema::Nullable(schema::AnyObject());
    r.response_schema = schema::Object(
        {{"events", schema::Array(schema::Object(
                        {{"id", schema::Integer()},
                         {"at", schema::String()},
                         {"actor", schema::String()},
                         {"via", schema::Enum({"cli", "api"})},
                         {"address", schema::String()},
                         {"action", schema::String()},
                         {"target", schema::String()},
                         {"before", before_after},
                         {"after", before_after},
                         {"public", schema::Boolean()}},
                        {"id", "at", "actor", "via", "address", "action", "target", "before", "after", "public"}))},
         {"total", schema::Integer()},
         {"offset", schema::Integer()},
         {"limit", schema::Integer()}},
        {"events", "total", "offset", "limit"});
    r.handler = [](Call& call) -> Result<Reply> {
      AuditQuery q;
      q.action = call.QueryOr("action", "");
      q.actor = call.QueryOr("actor", "");
      q.target = call.QueryOr("target", "");
      q.limit = call.QueryInt("limit", 100);
      q.offset = call.QueryInt("offset", 0);
      NRS_ASSIGN_OR_RETURN(const AuditPage page, ListAudit(call.app(), q));
      const auto parsed = [](const std::string& text) {
        return text.empty() ? Json(nullptr) : Json::parse(text, nullptr, false);
      };
      Json events = Json::array();
      for (const AuditEvent& e : page.events) {
        events.push_back({{"id", e.id},
                          {"at", e.at},
                          {"actor", e.actor},
                          {"via", e.via},
                          {"address", e.address},
                          {"action", e.action},
                          {"target", e.target},
                          {"before", parsed(e.before)},
                          {"after", parsed(e.after)},
                          {"public", e.is_public}});
      }
      return Reply::Json(
          Json{{"events", std::move(events)}, {"total", page.total}, {"offset", q.offset}, {"limit", q.limit}}.dump(
              -1, ' ', false, Json::error_handler_t::replace));
    };
    routes.push_back(std::move(r));
  }
}

}  // namespace nrs::server
