#include "server/openapi.h"

#include <fmt/format.h>

#include <map>
#include <set>

namespace nrs::server {
namespace {

constexpr std::string_view kDescription =
    "The JSON API of NRS, the Neighbourhood Resilience System: the same engine as the `nrs` command line. Lists "
    "are paginated (limit, offset); tables come as {columns, rows, total}. Errors come as {error: {code, message, "
    "details}}, the code and HTTP status from the error table (GET /api/v1/errors). Sign in with POST "
    "/api/v1/auth/login: the session is a cookie (HttpOnly, SameSite=Strict), and every request that changes "
    "something must carry the session's CSRF token in the X-CSRF-Token header. Long work (imports) runs as a job: "
    "the reply is 202 with the job, whose progress GET /api/v1/jobs/{id} shows.";

Json ParameterJson(const Parameter& p, std::string_view in) {
  Json j = {{"name", p.name}, {"in", in}, {"required", in == "path" || p.required}, {"schema", p.schema}};
  if (!p.description.empty()) j["description"] = p.description;
  if (!p.example.empty()) j["example"] = p.example;
  if (p.schema.value("type", "") == "array") {
    j["style"] = "form";
    j["explode"] = true;
  }
  return j;
}

// The errors a route can answer, by HTTP status: those of every route, those of its kind, its own.
std::map<int, std::set<ErrorCode>> ErrorsOf(const Route& r) {
  std::set<ErrorCode> codes = {ErrorCode::kInvalidArgument, ErrorCode::kInternal, ErrorCode::kUnavailable};
  if (r.permission != Permission::kPublic) {
    codes.insert(ErrorCode::kUnauthenticated);
    codes.insert(ErrorCode::kPermissionDenied);
  }
  if (ChangesState(r.method)) codes.insert(ErrorCode::kPermissionDenied);  // the CSRF check
  if (r.body != BodyKind::kNone) {
    codes.insert(ErrorCode::kPayloadTooLarge);
    codes.insert(ErrorCode::kInvalidInput);
  }
  codes.insert(r.errors.begin(), r.errors.end());
  std::map<int, std::set<ErrorCode>> by_status;
  for (const ErrorCode c : codes) by_status[Describe(c).http_status].insert(c);
  return by_status;
}

Json Operation(const Route& r) {
  Json op = {{"operationId", r.operation_id}, {"summary", r.summary}, {"tags", {r.tag}}};
  if (!r.description.empty()) op["description"] = r.description;
  Json parameters = Json::array();
  for (const Parameter& p : r.path_parameters) parameters.push_back(ParameterJson(p, "path"));
  for (const Parameter& p : r.query) parameters.push_back(ParameterJson(p, "query"));
  if (r.paginated) {
    parameters.push_back(ParameterJson(
        Parameter{"limit", schema::Integer("", 1, 1000), "Most rows in the page (default 100)", false, ""}, "query"));
    parameters.push_back(
        ParameterJson(Parameter{"offset", schema::Integer("", 0), "Rows to skip (default 0)", false, ""}, "query"));
  }
  if (!parameters.empty()) op["parameters"] = std::move(parameters);
  if (r.body == BodyKind::kJson) {
    op["requestBody"] = {{"required", true}, {"content", {{"application/json", {{"schema", r.request_schema}}}}}};
  } else if (r.body == BodyKind::kUpload) {
    op["requestBody"] = {
        {"required", true},
        {"description", r.upload_media},
        {"content", {{"application/octet-stream", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}};
  }
  Json responses = Json::object();
  Json success = {{"description", r.status == 202 ? "Accepted: the job that does the work" : "Success"}};
  if (r.status != 204) success["content"] = {{r.response_media, {{"schema", r.response_schema}}}};
  responses[std::to_string(r.status)] = std::move(success);
  for (const auto& [status, codes] : ErrorsOf(r)) {
    std::vector<std::string> names;
    for (const ErrorCode c : codes) names.emplace_back(Describe(c).wire_name);
    responses[std::to_string(status)] = {
        {"description", fmt::format("Error: {}", fmt::join(names, ", "))},
        {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
  }
  op["responses"] = std::move(responses);
  const PolicyEntry& policy = PolicyOf(r.permission);
  if (policy.anonymous) {
    op["security"] = Json::array({Json::object()});
  } else if (ChangesState(r.method)) {
    op["security"] = Json::array({{{"session", Json::array()}, {"csrf", Json::array()}}});
  } else {
    op["security"] = Json::array({{{"session", Json::array()}}});
  }
  op["x-permission"] = policy.name;
  Json roles = Json::array();
  if (policy.anonymous) roles.push_back("public");
  for (const Role role : policy.roles) roles.push_back(RoleName(role));
  op["x-roles"] = std::move(roles);
  if (!r.scope_parameter.empty()) op["x-neighbourhood-scope"] = r.scope_parameter;
  return op;
}

}  // namespace

Json OpenApiDocument(const std::vector<Route>& routes) {
  Json doc = {{"openapi", "3.0.3"},
              {"info",
               {{"title", "NRS — Neighbourhood Resilience System API"},
                {"version", std::string(Version())},
                {"description", kDescription},
                {"license", {{"name", "GPL-3.0-or-later"}}}}},
              {"servers", Json::array({{{"url", "/"}}})}};
  Json tags = Json::array();
  std::set<std::string> seen;
  for (const Route& r : routes) {
    if (seen.insert(r.tag).second) tags.push_back({{"name", r.tag}});
  }
  doc["tags"] = std::move(tags);
  Json paths = Json::object();
  for (const Route& r : routes) paths[r.path][std::string(MethodKey(r.method))] = Operation(r);
  doc["paths"] = std::move(paths);
  doc["components"] = {
      {"schemas", {{"Error", schema::Error()}}},
      {"securitySchemes",
       {{"session",
         {{"type", "apiKey"},
          {"in", "cookie"},
          {"name", "nrs_session"},
          {"description", "Set by POST /api/v1/auth/login"}}},
        {"csrf",
         {{"type", "apiKey"},
          {"in", "header"},
          {"name", "X-CSRF-Token"},
          {"description", "The session's csrf_token (from the sign-in or GET /api/v1/auth/session)"}}}}}};
  return doc;
}

}  // namespace nrs::server
