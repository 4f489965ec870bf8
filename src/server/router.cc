#include "server/router.h"

#include <algorithm>

namespace nrs::server {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> segments;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path.empty()) return segments;
  while (true) {
    const std::size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

Router::Router(const std::vector<Route>& routes) {
  for (const Route& r : routes) {
    Compiled c{&r, {}};
    for (const std::string_view s : SplitPath(r.path)) c.segments.emplace_back(s);
    compiled_.push_back(std::move(c));
  }
}

Router::Match Router::Find(Method method, std::string_view raw_path) const {
  const std::vector<std::string_view> segments = SplitPath(raw_path);
  const Method wanted = method == Method::kHead ? Method::kGet : method;
  Match match;
  for (const Compiled& c : compiled_) {
    if (c.segments.size() != segments.size()) continue;
    std::vector<std::pair<std::string, std::string>> parameters;
    bool fits = true;
    bool bad = false;
    for (std::size_t i = 0; i < segments.size() && fits; ++i) {
      const std::string& pattern = c.segments[i];
      if (pattern.size() > 2 && pattern.front() == '{' && pattern.back() == '}') {
        auto value = PercentDecode(segments[i], /*plus_is_space=*/false);
        if (!value || value->empty()) {
          fits = false;
          bad = !value.has_value();
        } else {
          parameters.emplace_back(pattern.substr(1, pattern.size() - 2), std::move(*value));
        }
      } else {
        fits = pattern == segments[i];
      }
    }
    if (bad && match.outcome == Outcome::kNoPath) match.outcome = Outcome::kBadPath;
    if (!fits) continue;
    if (c.route->method == wanted) {
      return {Outcome::kFound, c.route, std::move(parameters), {}};
    }
    match.outcome = Outcome::kWrongMethod;
    if (std::find(match.allowed.begin(), match.allowed.end(), c.route->method) == match.allowed.end()) {
      match.allowed.push_back(c.route->method);
    }
  }
  return match;
}

}  // namespace nrs::server
