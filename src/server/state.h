#pragma once

// What the server shares between connections, and the request pipeline that does not depend on the HTTP
// library: route → who asks → may they → read the body → check it → cache or handler → reply.

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nrs/accounts.h"
#include "server/cache.h"
#include "server/jobs.h"
#include "server/rate_limiter.h"
#include "server/route.h"
#include "server/router.h"
#include "server/server.h"
#include "server/static_files.h"

namespace nrs::server {

// The result of looking at a request's header: its route and caller, or the reply that ends it already.
struct Prepared {
  const Route* route = nullptr;  // null for a static file
  std::vector<std::pair<std::string, std::string>> parameters;
  std::optional<SessionUser> user;
  std::string token;
  std::optional<Reply> reply;  // set when the request is answered without reading its body
};

class ServerState {
 public:
  ServerState(App& app, const ServerOptions& options);

  App& app() const { return app_; }
  const ServerOptions& options() const { return options_; }
  const std::vector<Route>& routes() const { return routes_; }
  JobRegistry& jobs() { return jobs_; }
  RateLimiter& address_failures() { return address_failures_; }
  RateLimiter& user_failures() { return user_failures_; }
  VersionedCache<core::Table>& tables() { return tables_; }
  const std::shared_ptr<const CachedBody>& openapi() const { return openapi_; }

  bool draining() const { return draining_.load(); }
  void set_draining() { draining_.store(true); }

  // Whether looking at the header needs the database (a session cookie to check): then Prepare runs on a worker.
  static bool NeedsDatabase(const Request& header);
  // Route, session, permission, and the limits of the body (the request's body is not read yet).
  Prepared Prepare(const Request& header);
  // The most bytes the body may have.
  std::size_t BodyLimit(const Prepared& prepared) const;

  // A kept reply, when the route's replies are kept and this one is (cheap: runs on the connection's thread).
  std::optional<Reply> FromCache(const Prepared& prepared, const Request& request);
  // Checks parameters and body and runs the handler (on a worker thread unless the route is inline).
  Reply Handle(const Prepared& prepared, const Request& request);
  // A file of the web application.
  Reply Static(const Request& request) const;

  // The cookie that carries a session (Max-Age 0 clears it).
  std::string SessionCookie(const Request& request, const std::string& token, std::int64_t max_age) const;

 private:
  std::string CacheKey(const Request& request) const;

  App& app_;
  const ServerOptions& options_;
  std::vector<Route> routes_;
  Router router_;
  JobRegistry jobs_;
  RateLimiter address_failures_;
  RateLimiter user_failures_;
  VersionedCache<CachedBody> replies_;
  VersionedCache<core::Table> tables_;
  StaticFiles static_files_;
  std::shared_ptr<const CachedBody> openapi_;
  std::atomic<bool> draining_{false};
};

inline constexpr std::string_view kSessionCookie = "nrs_session";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

}  // namespace nrs::server
