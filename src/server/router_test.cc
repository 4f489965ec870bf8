#include "server/router.h"

#include <gtest/gtest.h>

#include <set>

namespace nrs::server {
namespace {

std::vector<Route> Routes() {
  std::vector<Route> routes(4);
  routes[0].path = "/api/v1/neighbourhoods";
  routes[1].method = Method::kPost;
  routes[1].path = "/api/v1/neighbourhoods";
  routes[2].path = "/api/v1/neighbourhoods/{name}/profile";
  routes[3].method = Method::kDelete;
  routes[3].path = "/api/v1/jobs/{id}";
  return routes;
}

TEST(Router, FindsRoutesAndDecodesParameters) {
  const std::vector<Route> routes = Routes();
  const Router router(routes);
  auto m = router.Find(Method::kGet, "/api/v1/neighbourhoods");
  EXPECT_EQ(m.outcome, Router::Outcome::kFound);
  EXPECT_EQ(m.route, &routes[0]);
  m = router.Find(Method::kPost, "/api/v1/neighbourhoods/");
  EXPECT_EQ(m.route, &routes[1]);
  m = router.Find(Method::kGet, "/api/v1/neighbourhoods/Old%20Swan%2Fx/profile");
  ASSERT_EQ(m.outcome, Router::Outcome::kFound);
  ASSERT_EQ(m.parameters.size(), 1U);
  EXPECT_EQ(m.parameters[0].first, "name");
  EXPECT_EQ(m.parameters[0].second, "Old Swan/x");  // an encoded slash stays inside its segment
  EXPECT_EQ(router.Find(Method::kHead, "/api/v1/neighbourhoods").route, &routes[0]);
}

TEST(Router, TellsAnUnknownPathFromAWrongMethod) {
  const std::vector<Route> routes = Routes();
  const Router router(routes);
  EXPECT_EQ(router.Find(Method::kGet, "/api/v1/nothing").outcome, Router::Outcome::kNoPath);
  EXPECT_EQ(router.Find(Method::kGet, "/api/v1/neighbourhoods/x").outcome, Router::Outcome::kNoPath);
  EXPECT_EQ(router.Find(Method::kGet, "/api/v1/neighbourhoods//profile").outcome, Router::Outcome::kNoPath);
  const auto wrong = router.Find(Method::kPut, "/api/v1/neighbourhoods");
  EXPECT_EQ(wrong.outcome, Router::Outcome::kWrongMethod);
  EXPECT_EQ(wrong.allowed, (std::vector<Method>{Method::kGet, Method::kPost}));
  EXPECT_EQ(router.Find(Method::kGet, "/api/v1/jobs/1").outcome, Router::Outcome::kWrongMethod);
  EXPECT_EQ(router.Find(Method::kGet, "/api/v1/neighbourhoods/%zz/profile").outcome, Router::Outcome::kBadPath);
}

TEST(Router, TheRouteTableHasNoDuplicatesAndWellFormedPatterns) {
  const std::vector<Route> routes = AllRoutes();
  std::set<std::string> seen;
  std::set<std::string> operations;
  for (const Route& r : routes) {
    EXPECT_TRUE(seen.insert(std::string(MethodName(r.method)) + " " + r.path).second) << r.path;
    EXPECT_TRUE(operations.insert(r.operation_id).second) << r.operation_id;
    EXPECT_TRUE(r.path.starts_with("/api/v1/")) << r.path;
    EXPECT_TRUE(r.handler != nullptr) << r.path;
    EXPECT_FALSE(r.summary.empty()) << r.path;
    EXPECT_FALSE(r.tag.empty()) << r.path;
    // Every {parameter} of the path is declared, and only those.
    std::size_t braces = 0;
    for (const std::string_view segment : SplitPath(r.path)) {
      if (segment.front() != '{') continue;
      ++braces;
      const std::string name(segment.substr(1, segment.size() - 2));
      const bool declared = std::any_of(r.path_parameters.begin(), r.path_parameters.end(),
                                        [&](const Parameter& p) { return p.name == name; });
      EXPECT_TRUE(declared) << r.path << " " << name;
    }
    EXPECT_EQ(braces, r.path_parameters.size()) << r.path;
    if (r.body == BodyKind::kJson) {
      EXPECT_TRUE(r.request_schema.is_object()) << r.path;
    }
    if (!r.scope_parameter.empty()) {
      EXPECT_NE(r.path.find("{" + r.scope_parameter + "}"), std::string::npos) << r.path;
    }
  }
  const Router router(routes);
  for (const Route& r : routes) {
    // Each route is found by a path built from its own examples.
    std::string path = r.path;
    for (const Parameter& p : r.path_parameters) {
      path.replace(path.find("{" + p.name + "}"), p.name.size() + 2, p.example.empty() ? "x" : p.example);
    }
    const auto m = router.Find(r.method, path);
    EXPECT_EQ(m.route, &r) << path;
  }
}

}  // namespace
}  // namespace nrs::server
