#pragma once

// Finds the route of a request: the method and the path's segments against each route's pattern, where
// "{name}" matches one segment (percent-decoded after splitting, so an encoded '/' stays inside its segment).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/route.h"

namespace nrs::server {

class Router {
 public:
  // Keeps pointers into `routes`, which must outlive the router. Precondition: no two routes share a method and
  // a pattern (checked by the tests).
  explicit Router(const std::vector<Route>& routes);

  enum class Outcome : std::uint8_t { kFound, kNoPath, kWrongMethod, kBadPath };
  struct Match {
    Outcome outcome = Outcome::kNoPath;
    const Route* route = nullptr;
    std::vector<std::pair<std::string, std::string>> parameters;
    std::vector<Method> allowed;  // kWrongMethod: the methods the path takes
  };

  // `raw_path` is the target's path, still percent-encoded. HEAD finds the GET route.
  Match Find(Method method, std::string_view raw_path) const;

 private:
  struct Compiled {
    const Route* route;
    std::vector<std::string> segments;  // "{name}" for a parameter
  };
  std::vector<Compiled> compiled_;
};

// "/a/b/" → {"a", "b"}; the empty segments of "//" are kept (so they match nothing).
std::vector<std::string_view> SplitPath(std::string_view path);

}  // namespace nrs::server
