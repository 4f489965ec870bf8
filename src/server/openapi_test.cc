// The OpenAPI document against the route table. (The end-to-end test checks the running server's replies
// against the document.)

#include "server/openapi.h"

#include <gtest/gtest.h>

namespace nrs::server {
namespace {

TEST(OpenApi, DocumentsEveryRouteAndNothingElse) {
  const std::vector<Route> routes = AllRoutes();
  const Json doc = OpenApiDocument(routes);
  EXPECT_EQ(doc["openapi"], "3.0.3");
  std::size_t operations = 0;
  for (const auto& [path, ops] : doc["paths"].items()) operations += ops.size();
  EXPECT_EQ(operations, routes.size());
  EXPECT_GE(doc["paths"].size(), 20U);
  for (const Route& r : routes) {
    const std::string method(MethodKey(r.method));
    ASSERT_TRUE(doc["paths"].contains(r.path)) << r.path;
    ASSERT_TRUE(doc["paths"][r.path].contains(method)) << method << " " << r.path;
    const Json& op = doc["paths"][r.path][method];
    EXPECT_EQ(op["operationId"], r.operation_id);
    EXPECT_EQ(op["x-permission"], PolicyOf(r.permission).name);
    EXPECT_TRUE(op["responses"].contains(std::to_string(r.status))) << r.path;
    if (r.permission != Permission::kPublic) {
      EXPECT_TRUE(op["responses"].contains("401")) << r.path;
      EXPECT_TRUE(op["responses"].contains("403")) << r.path;
      EXPECT_FALSE(op["security"][0].empty()) << r.path;
    }
    if (r.body == BodyKind::kJson) {
      EXPECT_EQ(op["requestBody"]["content"]["application/json"]["schema"], r.request_schema);
      EXPECT_TRUE(op["responses"].contains("422")) << r.path;
    }
    std::size_t declared = r.path_parameters.size() + r.query.size() + (r.paginated ? 2 : 0);
    EXPECT_EQ(op.value("parameters", Json::array()).size(), declared) << r.path;
  }
}

TEST(OpenApi, TheFirstDocumentedWriteNeedsASignIn) {
  // What an outside check does: the first POST that is not about signing in must refuse the public.
  const std::vector<Route> routes = AllRoutes();
  for (const Route& r : routes) {
    if (r.method != Method::kPost || r.path.find("/auth/") != std::string::npos) continue;
    EXPECT_NE(r.permission, Permission::kPublic) << r.path;
  }
}

}  // namespace
}  // namespace nrs::server
