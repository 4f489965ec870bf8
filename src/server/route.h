#pragma once

// The route table: one entry per operation of the API — method, path pattern, the permission it needs, its
// parameters and body and response schemas, a summary, and its handler. From this one table come the router,
// the policy check and the OpenAPI document. Each capability adds its routes in its own file
// (routes_<capability>.cc).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/table.h"
#include "nrs/accounts.h"
#include "nrs/app.h"
#include "server/http.h"
#include "server/policy.h"
#include "server/schema.h"

namespace nrs::server {

class ServerState;

enum class BodyKind : std::uint8_t {
  kNone,    // no body
  kJson,    // a JSON document, validated against Route::request_schema before the handler runs
  kUpload,  // a file (CSV, GeoJSON, an archive …), saved to a private temporary file as it arrives
};

enum class Caching : std::uint8_t {
  kNone,
  // The reply depends only on the request target and the data: kept until the next change to the database.
  kByDataVersion,
};

enum class Execution : std::uint8_t {
  kInline,  // cheap and never blocking: runs on the connection's thread
  kWorker,  // reads the database or computes: runs on the worker threads
};

struct Parameter {
  std::string name;
  Json schema;  // a string (possibly an enum), integer, boolean, or an array of strings (repeated or a,b,c)
  std::string description;
  bool required = false;
  std::string example;  // for path parameters: a value that exists in the demo database
};

class Call;
using Handler = std::function<Result<Reply>(Call&)>;

struct Route {
  Method method = Method::kGet;
  std::string path;  // "/api/v1/neighbourhoods/{name}/profile"
  std::string operation_id;
  std::string tag;
  std::string summary;
  std::string description;
  Permission permission = Permission::kPublic;
  // A path parameter naming a neighbourhood: a user whose role is limited to some neighbourhoods may use the
  // route only for those ("" when the route is not about one neighbourhood).
  std::string scope_parameter;
  std::vector<Parameter> path_parameters;
  std::vector<Parameter> query;
  bool paginated = false;  // adds limit (1–1,000, default 100) and offset
  BodyKind body = BodyKind::kNone;
  Json request_schema;         // kJson
  std::string upload_media;    // kUpload: what the body may be, for the document
  std::size_t body_limit = 0;  // bytes; 0 = the server's limit for the body kind
  int status = 200;            // on success
  std::string response_media = "application/json";
  Json response_schema;
  std::vector<ErrorCode> errors;  // the errors this route can answer, besides those every route can
  Caching caching = Caching::kNone;
  Execution execution = Execution::kWorker;
  Handler handler;
};

// What a handler is given: the request, its validated parameters and body, who asks, and the server's state.
class Call {
 public:
  Call(ServerState& state, const Route& route, const Request& request,
       std::vector<std::pair<std::string, std::string>> path_parameters, std::optional<SessionUser> user,
       std::string session_token);

  App& app() const;
  ServerState& state() const { return state_; }
  const Route& route() const { return route_; }
  const Request& request() const { return request_; }

  // A path parameter's decoded value ("" when the route has none of that name).
  const std::string& Path(std::string_view name) const;
  // Query parameters, already checked against the route's declarations.
  std::optional<std::string> Query(std::string_view name) const;
  std::string QueryOr(std::string_view name, std::string fallback) const;
  std::int64_t QueryInt(std::string_view name, std::int64_t fallback) const;
  bool QueryBool(std::string_view name, bool fallback) const;
  // Every value of a repeated parameter, also split at commas ("a,b" and "…=a&…=b" are the same).
  std::vector<std::string> QueryList(std::string_view name) const;

  // The JSON body (kJson routes), already validated against the route's schema.
  const Json& body() const { return body_; }
  void set_body(Json body) { body_ = std::move(body); }

  const std::optional<SessionUser>& user() const { return user_; }
  const std::string& session_token() const { return session_token_; }
  std::optional<Role> role() const;
  bool Allowed(Permission permission) const;
  // Who makes the change, for the audit trail.
  Actor actor() const;

  // A table reply: {"columns", "rows", "total"} (and "offset", "limit" on paginated routes, which serve the
  // page the query asks for). Large tables stream.
  Reply Table(const std::shared_ptr<const core::Table>& table) const;
  Reply Table(core::Table table) const;

  // The table `make` gives, kept under `key` until the data change (for lists served a page at a time).
  Result<std::shared_ptr<const core::Table>> KeptTable(const std::string& key,
                                                       const std::function<Result<core::Table>()>& make) const;

 private:
  ServerState& state_;
  const Route& route_;
  const Request& request_;
  std::vector<std::pair<std::string, std::string>> path_parameters_;
  std::optional<SessionUser> user_;
  std::string session_token_;
  Json body_;
};

// The routes of each capability.
void AddSystemRoutes(std::vector<Route>& routes);
void AddPlacesRoutes(std::vector<Route>& routes);
void AddStatisticsRoutes(std::vector<Route>& routes);
void AddMapsRoutes(std::vector<Route>& routes);
void AddSystemsRoutes(std::vector<Route>& routes);
void AddIndexRoutes(
    std::vector<Route>& routes);  // composite indices' stored runs  // stored maps, the register, surveys
// A stored map itself, for drawing and download.
void AddMapExportRoutes(std::vector<Route>& routes);
void AddAccountsRoutes(std::vector<Route>& routes);
void AddJobsRoutes(std::vector<Route>& routes);

// Every route, in the order the OpenAPI document lists them.
std::vector<Route> AllRoutes();

}  // namespace nrs::server
