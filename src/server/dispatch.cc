// The request pipeline (state.h): what happens to a request between its bytes arriving and its reply leaving,
// independent of the HTTP library.

#include <algorithm>
#include <set>

#include "core/log.h"
#include "core/text.h"
#include "server/openapi.h"
#include "server/replies.h"
#include "server/state.h"

namespace nrs::server {
namespace {

constexpr std::size_t kMaxJsonDepth = 64;

// The deepest nesting of arrays and objects in `text` (outside strings), counted without parsing: a parser
// that recursed into a million '[' would run out of stack.
std::size_t JsonDepth(std::string_view text) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

Result<Json> ParseBody(const std::string& body) {
  if (JsonDepth(body) > kMaxJsonDepth) {
    return Status::InvalidInput("the request body nests arrays and objects deeper than {} levels", kMaxJsonDepth);
  }
  try {
    return Json::parse(body);
  } catch (const Json::parse_error& e) {
    // "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error …": keep what follows the id.
    std::string what = e.what();
    if (const auto at = what.find("] "); at != std::string::npos) what = what.substr(at + 2);
    return Status(ErrorCode::kInvalidInput, "the request body is not valid JSON", {{"", 0, "", what}});
  }
}

// Whether a query parameter's text fits its declared schema; the reason when not.
std::string CheckQueryValue(const Json& schema, const std::string& value) {
  const std::string type = schema.value("type", "string");
  if (type == "integer") {
    const auto n = core::ParseInt(value);
    if (!n) return "must be a whole number";
    if (schema.contains("minimum") && *n < schema["minimum"].get<std::int64_t>()) {
      return fmt::format("must be at least {}", schema["minimum"].dump());
    }
    if (schema.contains("maximum") && *n > schema["maximum"].get<std::int64_t>()) {
      return fmt::format("must be at most {}", schema["maximum"].dump());
    }
  } else if (type == "number") {
    if (!core::ParseDouble(value)) return "must be a number";
  } else if (type == "boolean") {
    if (value != "true" && value != "false" && value != "1" && value != "0") return "must be true or false";
  } else if (schema.contains("enum")) {
    for (const auto& option : schema["enum"]) {
      if (option == value) return {};
    }
    std::vector<std::string> options;
    for (const auto& option : schema["enum"]) options.push_back(option.get<std::string>());
    return fmt::format("must be one of {}", fmt::join(options, ", "));
  }
  if (value.size() > 1000) return "is longer than 1000 characters";
  return {};
}

Status CheckQuery(const Route& route, const Request& request) {
  std::vector<Parameter> declared = route.query;
  if (route.paginated) {
    declared.push_back({"limit", schema::Integer("", 1, 1000), "", false, ""});
    declared.push_back({"offset", schema::Integer("", 0), "", false, ""});
  }
  DiagnosticList problems("");
  std::set<std::string> seen;
  for (const auto& [query_name, value] : request.query) {
    const std::string& name = query_name;  // clang-tidy (clang 14) cannot capture a structured binding
    const auto it = std::find_if(declared.begin(), declared.end(), [&](const Parameter& p) { return p.name == name; });
    if (it == declared.end()) {
      std::vector<std::string> names;
      names.reserve(declared.size());
      for (const Parameter& p : declared) names.push_back(p.name);
      problems.AddReason(0, name,
                         names.empty()
                             ? std::string("is not a parameter of this request; it takes none")
                             : fmt::format("is not a parameter of this request; it takes {}", fmt::join(names, ", ")));
      continue;
    }
    const bool list = it->schema.value("type", "") == "array";
    if (!list && !seen.insert(name).second) {
      problems.AddReason(0, name, "is given more than once");
      continue;
    }
    const Json& item = list ? it->schema["items"] : it->schema;
    const std::string reason = CheckQueryValue(item, value);
    if (!reason.empty()) problems.AddReason(0, name, reason);
  }
  for (const Parameter& p : declared) {
    if (!p.required) continue;
    const bool given =
        std::any_of(request.query.begin(), request.query.end(), [&](const auto& kv) { return kv.first == p.name; });
    if (!given) problems.AddReason(0, p.name, "is required");
  }
  if (problems.empty()) return Status::Ok();
  const Status refused = problems.ToStatus();
  return {ErrorCode::kInvalidArgument,
          fmt::format("the request's parameters were refused: {}", refused.diagnostics().front().ToString()),
          refused.diagnostics(), refused.diagnostic_count()};
}

bool HasBody(const Request& header) {
  if (const auto length = header.headers.Get("Content-Length")) return *length != "0";
  return header.headers.Get("Transfer-Encoding").has_value();
}

bool IsJson(const Request& header) {
  const auto type = header.headers.Get("Content-Type");
  if (!type) return false;
  const std::string lower = core::ToLower(core::Trim(type->substr(0, type->find(';'))));
  return lower == "application/json";
}

// The host and port of an Origin ("https://nrs.example.org:8443" → "nrs.example.org:8443").
std::string_view OriginHost(std::string_view origin) {
  const std::size_t scheme = origin.find("://");
  return scheme == std::string_view::npos ? origin : origin.substr(scheme + 3);
}

Reply Refuse(const Status& status) { return ErrorReply(status); }

}  // namespace

ServerState::ServerState(App& app, const ServerOptions& options)
    : app_(app),
      options_(options),
      routes_(AllRoutes()),
      router_(routes_),
      jobs_(options.job_threads),
      address_failures_(options.login_failures_per_address, options.login_window),
      user_failures_(options.login_failures_per_user, options.login_window),
      replies_(options.cache_bytes),
      tables_(options.cache_bytes),
      static_files_(options.web_root, BuiltInWebFiles()),
      openapi_(MakeCachedBody(OpenApiDocument(routes_).dump(), "application/json", 0)) {}

bool ServerState::NeedsDatabase(const Request& header) {
  const auto cookie = header.headers.Get("Cookie");
  return cookie && !CookieValue(*cookie, kSessionCookie).empty();
}

Prepared ServerState::Prepare(const Request& header) {
  Prepared p;
  const std::string_view raw_path = std::string_view(header.target).substr(0, header.target.find('?'));
  const bool api = header.path == "/api" || header.path.starts_with("/api/");
  if (draining()) {
    p.reply = Refuse(Status::Unavailable("the server is shutting down; retry in a moment"));
    return p;
  }
  if (!api) {
    if (header.method != Method::kGet && header.method != Method::kHead) {
      p.reply = Refuse(
          Status::MethodNotAllowed("{} is not allowed here; files are read with GET", MethodName(header.method)));
      p.reply->headers.emplace_back("Allow", "GET, HEAD");
    } else if (HasBody(header)) {
      p.reply = Refuse(Status::InvalidArgument("a request for a file takes no body"));
    }
    return p;
  }
  Router::Match match = router_.Find(header.method, raw_path);
  switch (match.outcome) {
    case Router::Outcome::kFound:
      break;
    case Router::Outcome::kNoPath:
      p.reply = Refuse(Status::NotFound("no API route {} {}; GET /api/v1/openapi.json lists them",
                                        MethodName(header.method), header.path));
      return p;
    case Router::Outcome::kBadPath:
      p.reply = Refuse(Status::InvalidArgument("the path {} has a malformed segment", header.path));
      return p;
    case Router::Outcome::kWrongMethod: {
      std::vector<std::string_view> names;
      for (const Method m : match.allowed) names.push_back(MethodName(m));
      p.reply = Refuse(Status::MethodNotAllowed("{} takes {}, not {}", header.path, fmt::join(names, ", "),
                                                MethodName(header.method)));
      p.reply->headers.emplace_back("Allow", fmt::format("{}", fmt::join(names, ", ")));
      return p;
    }
  }
  const Route& route = *match.route;
  p.route = &route;
  p.parameters = std::move(match.parameters);

  // Who asks. A cookie that no longer opens a session is cleared, and the request goes on as the public's.
  Status session_problem;
  if (const auto cookie = header.headers.Get("Cookie")) {
    p.token = CookieValue(*cookie, kSessionCookie);
    if (!p.token.empty()) {
      auto user = Authenticate(app_, p.token, options_.sessions);
      if (user.ok()) {
        p.user = std::move(user).value();
      } else {
        session_problem = user.status();
        p.token.clear();
      }
    }
  }
  const auto clear_stale = [&](Reply& reply) {
    if (!session_problem.ok()) reply.headers.emplace_back("Set-Cookie", SessionCookie(header, "", 0));
  };

  // May they.
  const std::optional<Role> role = p.user ? std::optional(p.user->user.role) : std::nullopt;
  if (!Allows(role, route.permission)) {
    if (!p.user) {
      p.reply = Refuse(session_problem.ok()
                           ? Status::Unauthenticated("sign in to {} {}", MethodName(header.method), route.path)
                           : session_problem);
    } else {
      p.reply = Refuse(Status::PermissionDenied("a {} may not {} ({})", RoleName(*role), route.summary,
                                                PolicyOf(route.permission).name));
    }
    clear_stale(*p.reply);
    return p;
  }
  if (!route.scope_parameter.empty() && p.user) {
    const auto it = std::find_if(p.parameters.begin(), p.parameters.end(),
                                 [&](const auto& kv) { return kv.first == route.scope_parameter; });
    if (it != p.parameters.end() && !InScope(p.user->user.neighbourhoods, it->second)) {
      p.reply =
          Refuse(Status::PermissionDenied("your role is limited to {}", fmt::join(p.user->user.neighbourhoods, ", ")));
      return p;
    }
  }

  // Changes need a page of ours behind them: the CSRF token of the session, and no foreign Origin.
  if (ChangesState(header.method)) {
    const auto origin = header.headers.Get("Origin");
    const auto host = header.headers.Get("Host");
    if (origin && *origin != "null" && (!host || OriginHost(*origin) != *host)) {
      p.reply = Refuse(Status::PermissionDenied("requests from another site ({}) may not change anything", *origin));
      return p;
    }
    if (p.user) {
      const auto presented = header.headers.Get(kCsrfHeader);
      if (!presented || !SecretsEqual(*presented, p.user->csrf_token)) {
        p.reply = Refuse(Status::PermissionDenied(
            "missing or wrong {} header: send the csrf_token of your session (GET /api/v1/auth/session)", kCsrfHeader));
        return p;
      }
    }
  }

  // What may come in.
  if (route.body == BodyKind::kNone && HasBody(header)) {
    p.reply = Refuse(Status::InvalidArgument("{} {} takes no body", MethodName(header.method), route.path));
  } else if (route.body == BodyKind::kJson && !IsJson(header)) {
    p.reply = Refuse(Status::InvalidArgument("send the body as JSON, with Content-Type: application/json"));
  } else if (route.body != BodyKind::kNone) {
    if (const auto length = header.headers.Get("Content-Length")) {
      const auto n = core::ParseInt(*length);
      if (n && static_cast<std::size_t>(*n) > BodyLimit(p)) {
        p.reply =
            Refuse(Status::PayloadTooLarge("the body has {} bytes; this request takes at most {}", *n, BodyLimit(p)));
      }
    }
  }
  if (p.reply) clear_stale(*p.reply);
  return p;
}

std::size_t ServerState::BodyLimit(const Prepared& prepared) const {
  if (prepared.route == nullptr || prepared.route->body == BodyKind::kNone) return 0;
  if (prepared.route->body_limit > 0) return prepared.route->body_limit;
  return prepared.route->body == BodyKind::kUpload ? options_.max_upload_bytes : options_.max_json_bytes;
}

std::string ServerState::CacheKey(const Request& request) const { return request.target; }

std::optional<Reply> ServerState::FromCache(const Prepared& prepared, const Request& request) {
  if (prepared.route == nullptr || prepared.route->caching != Caching::kByDataVersion) return std::nullopt;
  const auto kept = replies_.Find(app_.DataVersion(), CacheKey(request));
  if (!kept) return std::nullopt;
  Reply reply = Reply::Shared(std::shared_ptr<const std::string>(kept, &kept->body), kept->content_type);
  if (!kept->gzip.empty()) reply.gzip = std::shared_ptr<const std::string>(kept, &kept->gzip);
  reply.etag = kept->etag;
  return reply;
}

Reply ServerState::Handle(const Prepared& prepared, const Request& request) {
  if (prepared.route == nullptr) return Static(request);
  const Route& route = *prepared.route;
  Call call(*this, route, request, prepared.parameters, prepared.user, prepared.token);
  if (const Status query = CheckQuery(route, request); !query.ok()) return ErrorReply(query);
  if (route.body == BodyKind::kJson) {
    auto body = ParseBody(request.body);
    if (!body.ok()) return ErrorReply(body.status());
    std::vector<Diagnostic> problems = ValidateJson(route.request_schema, *body);
    if (!problems.empty()) {
      const std::size_t count = problems.size();
      std::string message = fmt::format("the request body was refused: {}", problems.front().ToString());
      return ErrorReply({ErrorCode::kInvalidInput, std::move(message), std::move(problems), count});
    }
    call.set_body(std::move(body).value());
  }
  const bool keep = route.caching == Caching::kByDataVersion;
  // The version is read before the data: a reply is never kept under a newer version than its data.
  const std::uint64_t version = keep ? app_.DataVersion() : 0;
  Result<Reply> result = Status::Internal("the handler did not run");
  try {
    result = route.handler(call);
  } catch (const std::exception& e) {
    // Only a bug or exhausted memory gets here: the request fails, the server carries on.
    spdlog::error("{} {}: {}", MethodName(request.method), request.path, e.what());
    result = Status::Internal("the request failed unexpectedly: {}", e.what());
  }
  if (!result.ok()) {
    if (result.status().code() == ErrorCode::kInternal) {
      spdlog::error("{} {}: {}", MethodName(request.method), request.path, result.status().ToString());
    }
    return ErrorReply(result.status());
  }
  Reply reply = std::move(result).value();
  if (keep && reply.status == 200 && reply.body && !reply.next) {
    auto kept = MakeCachedBody(*reply.body, reply.content_type, version);
    replies_.Put(version, CacheKey(request), kept, kept->body.size() + kept->gzip.size() + request.target.size());
    reply.body = std::shared_ptr<const std::string>(kept, &kept->body);
    if (!kept->gzip.empty()) reply.gzip = std::shared_ptr<const std::string>(kept, &kept->gzip);
    reply.etag = kept->etag;
  }
  return reply;
}

Reply ServerState::Static(const Request& request) const {
  auto relative = StaticPath(request.path);
  if (!relative.ok()) return ErrorReply(relative.status());
  std::optional<StaticFile> file = static_files_.Find(*relative);
  if (!file) {
    // A path of the web application's own (no file extension), asked for by a browser: the application's page,
    // which routes it itself.
    const std::string_view last = std::string_view(*relative).substr(relative->rfind('/') + 1);
    const auto accept = request.headers.Get("Accept");
    if (last.find('.') == std::string_view::npos && accept && accept->find("text/html") != std::string_view::npos) {
      file = static_files_.Find("index.html");
    }
  }
  if (!file) return ErrorReply(Status::NotFound("no file {}", request.path));
  Reply reply = Reply::Shared(file->body, file->content_type);
  reply.etag = file->etag;
  reply.headers.emplace_back("Cache-Control", file->immutable ? "public, max-age=31536000, immutable" : "no-cache");
  return reply;
}

std::string ServerState::SessionCookie(const Request& request, const std::string& token, std::int64_t max_age) const {
  const bool secure = options_.secure_cookies == SecureCookies::kAlways ||
                      (options_.secure_cookies == SecureCookies::kAuto && request.secure);
  return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{}", kSessionCookie, token, max_age,
                     secure ? "; Secure" : "");
}

// ---- Call -----------------------------------------------------------------------------------------------

Call::Call(ServerState& state, const Route& route, const Request& request,
           std::vector<std::pair<std::string, std::string>> path_parameters, std::optional<SessionUser> user,
           std::string session_token)
    : state_(state),
      route_(route),
      request_(request),
      path_parameters_(std::move(path_parameters)),
      user_(std::move(user)),
      session_token_(std::move(session_token)) {}

App& Call::app() const { return state_.app(); }

const std::string& Call::Path(std::string_view name) const {
  static const std::string kNone;
  for (const auto& [key, value] : path_parameters_) {
    if (key == name) return value;
  }
  return kNone;
}

std::optional<std::string> Call::Query(std::string_view name) const {
  for (const auto& [key, value] : request_.query) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::string Call::QueryOr(std::string_view name, std::string fallback) const {
  auto value = Query(name);
  return value ? *value : std::move(fallback);
}

std::int64_t Call::QueryInt(std::string_view name, std::int64_t fallback) const {
  const auto value = Query(name);
  if (!value) return fallback;
  return core::ParseInt(*value).value_or(fallback);
}

bool Call::QueryBool(std::string_view name, bool fallback) const {
  const auto value = Query(name);
  if (!value) return fallback;
  return *value == "true" || *value == "1";
}

std::vector<std::string> Call::QueryList(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [key, value] : request_.query) {
    if (key != name) continue;
    for (std::string& part : core::SplitList(value, ',')) out.push_back(std::move(part));
  }
  return out;
}

std::optional<Role> Call::role() const { return user_ ? std::optional(user_->user.role) : std::nullopt; }

bool Call::Allowed(Permission permission) const { return Allows(role(), permission); }

Actor Call::actor() const {
  Actor a;
  a.via = "api";
  a.address = request_.client_address;
  if (user_) {
    a.user_id = user_->user.id;
    a.name = user_->user.username;
  } else {
    a.name = "public";
  }
  return a;
}

Reply Call::Table(const std::shared_ptr<const core::Table>& table) const {
  std::size_t offset = 0;
  std::optional<std::size_t> limit;
  if (route_.paginated) {
    limit = static_cast<std::size_t>(QueryInt("limit", 100));
    offset = static_cast<std::size_t>(QueryInt("offset", 0));
  }
  // A reply kept until the data change is rendered whole when it is not huge: kept, it is also sent gzipped
  // (a map's 4,497 values: 230 kB, or about 50 kB gzipped). A streamed reply is neither kept nor compressed.
  const std::size_t rows = limit ? std::min(*limit, table->size() - std::min(offset, table->size())) : table->size();
  if (route_.caching == Caching::kByDataVersion && rows <= kKeepRowsUpTo) {
    return Reply::Json(TableJson(*table, offset, limit));
  }
  return TableReply(table, offset, limit);
}

Reply Call::Table(core::Table table) const { return Table(std::make_shared<const core::Table>(std::move(table))); }

Result<std::shared_ptr<const core::Table>> Call::KeptTable(const std::string& key,
                                                           const std::function<Result<core::Table>()>& make) const {
  const std::uint64_t version = app().DataVersion();
  if (auto kept = state_.tables().Find(version, key)) return kept;
  NRS_ASSIGN_OR_RETURN(core::Table table, make());
  auto shared = std::make_shared<const core::Table>(std::move(table));
  // About 32 bytes a cell: enough to keep the cache's total within its budget.
  const std::size_t bytes = 32 * shared->size() * std::max<std::size_t>(1, shared->columns().size());
  state_.tables().Put(version, key, shared, bytes);
  return shared;
}

}  // namespace nrs::server
