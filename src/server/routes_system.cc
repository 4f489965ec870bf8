// Health, readiness, the API's own description, the error table and the policy; what the database holds.

#include "server/replies.h"
#include "server/state.h"

namespace nrs::server {
namespace {

Reply JsonReply(const Json& json, int status = 200) { return Reply::Json(json.dump(), status); }

const std::vector<core::TableColumn> kErrorColumns = {{"code", core::CellType::kText},
                                                      {"http_status", core::CellType::kInteger},
                                                      {"exit_code", core::CellType::kInteger},
                                                      {"description", core::CellType::kText}};

const std::vector<core::TableColumn> kItemValue = {{"item", core::CellType::kText}, {"value", core::CellType::kText}};

const std::vector<core::TableColumn> kDatasetColumns = {
    {"name", core::CellType::kText},       {"kind", core::CellType::kText},    {"source", core::CellType::kText},
    {"publisher", core::CellType::kText},  {"licence", core::CellType::kText}, {"rows", core::CellType::kInteger},
    {"imported_at", core::CellType::kText}};

}  // namespace

void AddSystemRoutes(std::vector<Route>& routes) {
  {
    Route r;
    r.path = "/api/v1/health";
    r.operation_id = "health";
    r.tag = "system";
    r.summary = "check that the server is up";
    r.description = "Liveness: answers as long as the process serves requests.";
    r.response_schema = schema::Object({{"status", schema::Enum({"ok"})}}, {"status"});
    r.execution = Execution::kInline;
    r.handler = [](Call&) -> Result<Reply> { return JsonReply({{"status", "ok"}}); };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/ready";
    r.operation_id = "ready";
    r.tag = "system";
    r.summary = "check that the server can answer requests";
    r.description = "Readiness: the database answers and the server is not shutting down (503 otherwise).";
    r.response_schema = schema::Object(
        {{"status", schema::Enum({"ready"})}, {"schema_version", schema::Integer()}, {"version", schema::String()}},
        {"status", "schema_version", "version"});
    r.handler = [](Call& call) -> Result<Reply> {
      if (call.state().draining()) return Status::Unavailable("the server is shutting down");
      NRS_ASSIGN_OR_RETURN(const DatabaseInfo info, call.app().Info({}));
      return JsonReply({{"status", "ready"}, {"schema_version", info.schema_version}, {"version", Version()}});
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/openapi.json";
    r.operation_id = "openapi";
    r.tag = "system";
    r.summary = "read this document";
    r.response_schema = schema::AnyObject("The OpenAPI 3.0 document");
    r.execution = Execution::kInline;
    r.handler = [](Call& call) -> Result<Reply> {
      const auto& doc = call.state().openapi();
      Reply reply = Reply::Shared(std::shared_ptr<const std::string>(doc, &doc->body), "application/json");
      if (!doc->gzip.empty()) reply.gzip = std::shared_ptr<const std::string>(doc, &doc->gzip);
      reply.etag = doc->etag;
      return reply;
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/map-settings";
    r.operation_id = "mapSettings";
    r.tag = "system";
    r.summary = "say how maps are drawn";
    r.description =
        "The basemap beneath the web application's maps, when the server was started with one (nrs serve "
        "--tile-url): a raster tile URL template and its attribution; empty strings when there is none.";
    r.response_schema = schema::Object({{"tile_url", schema::String()}, {"tile_attribution", schema::String()}},
                                       {"tile_url", "tile_attribution"});
    r.execution = Execution::kInline;
    r.handler = [](Call& call) -> Result<Reply> {
      const ServerOptions& o = call.state().options();
      return JsonReply({{"tile_url", o.tile_url}, {"tile_attribution", o.tile_attribution}});
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/version";
    r.operation_id = "version";
    r.tag = "system";
    r.summary = "say which NRS this is";
    r.response_schema =
        schema::Object({{"version", schema::String()}, {"banner", schema::String()}}, {"version", "banner"});
    r.execution = Execution::kInline;
    r.handler = [](Call&) -> Result<Reply> { return JsonReply({{"version", Version()}, {"banner", VersionBanner()}}); };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/errors";
    r.operation_id = "listErrors";
    r.tag = "system";
    r.summary = "list the error codes";
    r.description = "The error table: each code's wire name, HTTP status, command-line exit code and meaning.";
    r.response_schema = schema::Table(kErrorColumns, false);
    r.caching = Caching::kByDataVersion;
    r.handler = [](Call& call) -> Result<Reply> { return call.Table(ErrorTable()); };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/roles";
    r.operation_id = "listRoles";
    r.tag = "system";
    r.summary = "list the roles and what each may do";
    r.description = "The policy table: every permission, and the roles (and whether the public) holding it.";
    r.response_schema = schema::Object(
        {{"roles",
          schema::Array(schema::Object({{"name", schema::String()}, {"title", schema::String()}}, {"name", "title"}))},
         {"permissions", schema::Array(schema::Object({{"name", schema::String()},
                                                       {"description", schema::String()},
                                                       {"public", schema::Boolean()},
                                                       {"roles", schema::Array(schema::String())}},
                                                      {"name", "description", "public", "roles"}))}},
        {"roles", "permissions"});
    r.execution = Execution::kInline;
    r.handler = [](Call&) -> Result<Reply> {
      Json roles = Json::array();
      for (const Role role : kRoles) roles.push_back({{"name", RoleName(role)}, {"title", RoleTitle(role)}});
      Json permissions = Json::array();
      for (const PolicyEntry& p : Policy()) {
        Json holders = Json::array();
        for (const Role role : p.roles) holders.push_back(RoleName(role));
        permissions.push_back(
            {{"name", p.name}, {"description", p.description}, {"public", p.anonymous}, {"roles", std::move(holders)}});
      }
      return JsonReply({{"roles", std::move(roles)}, {"permissions", std::move(permissions)}});
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/database";
    r.operation_id = "describeDatabase";
    r.tag = "system";
    r.summary = "say what the database holds";
    r.description =
        "As `nrs info`: engine, schema, size, rows per table, datasets. With check=true also the full "
        "consistency check (slow).";
    r.permission = Permission::kReadDatabase;
    r.query = {{"check", schema::Boolean(), "Also check every page and foreign key", false, ""}};
    r.response_schema = schema::Table(kItemValue, false);
    r.handler = [](Call& call) -> Result<Reply> {
      InfoOptions options;
      options.check = call.QueryBool("check", false);
      NRS_ASSIGN_OR_RETURN(const DatabaseInfo info, call.app().Info(options));
      return call.Table(InfoTable(info));
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/datasets";
    r.operation_id = "listDatasets";
    r.tag = "system";
    r.summary = "list the datasets loaded, with their sources and licences";
    r.response_schema = schema::Table(kDatasetColumns, true);
    r.paginated = true;
    r.caching = Caching::kByDataVersion;
    r.handler = [](Call& call) -> Result<Reply> {
      NRS_ASSIGN_OR_RETURN(const DatabaseInfo info, call.app().Info({}));
      core::Table table(kDatasetColumns);
      for (const DatabaseInfo::Dataset& d : info.datasets) {
        table.AddRow({d.name, d.kind, d.source, d.publisher, d.licence, d.rows, d.imported_at});
      }
      return call.Table(std::move(table));
    };
    routes.push_back(std::move(r));
  }
}

}  // namespace nrs::server
