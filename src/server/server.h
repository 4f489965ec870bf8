#pragma once

// `nrs serve`: the HTTP server. One process, the embedded database; the JSON API under /api/v1/ and the web
// application's files at /. Boost.Beast on Asio with C++20 coroutines: a few threads carry every connection,
// blocking work (the database, computations) runs on worker threads, long work on job threads.
//
//   ServerOptions options;
//   options.port = 8080;
//   NRS_RETURN_IF_ERROR(Serve(*app, options));  // returns after SIGTERM or SIGINT, requests finished

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "nrs/accounts.h"
#include "nrs/app.h"

namespace nrs::server {

enum class SecureCookies : std::uint8_t {
  kAuto,    // Secure when the request came over TLS (a proxy in front says X-Forwarded-Proto: https)
  kAlways,  // always (the server is only ever reached over TLS)
  kNever,   // never (plain HTTP on a trusted network)
};

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port (see on_listening)
  int threads = 0;  // connection threads; 0: one per core
  int workers = 0;  // threads for requests that read the database or compute; 0: one per core
  int job_threads = 1;
  // The web application's files ("" = none: the small page compiled into the program is served at /).
  std::string web_root;

  std::size_t max_connections = 10'000;
  std::size_t max_header_bytes = std::size_t{16} << 10;
  std::size_t max_json_bytes = std::size_t{1} << 20;      // JSON bodies (a route may allow more)
  std::size_t max_upload_bytes = std::size_t{256} << 20;  // uploaded files (imports)
  std::chrono::seconds header_timeout{10};                // a request's header must arrive within this
  std::chrono::seconds body_timeout{120};                 // and its body within this
  std::chrono::seconds idle_timeout{60};      // a kept-alive connection without a request is closed after this
  std::chrono::seconds write_timeout{60};     // a client must read a reply within this
  std::chrono::seconds shutdown_timeout{20};  // on SIGTERM: in-flight requests and jobs get this long

  SecureCookies secure_cookies = SecureCookies::kAuto;
  SessionPolicy sessions;
  // Sign-in attempts that fail, per client address and per username, before further attempts are refused
  // (429) for the rest of the window.
  int login_failures_per_address = 20;
  int login_failures_per_user = 5;
  std::chrono::seconds login_window{15 * 60};

  // An optional basemap beneath the web application's maps: a raster tile URL template
  // ("https://tiles.example.org/{z}/{x}/{y}.png") and the attribution its provider requires. Its origin is
  // added to the page's Content-Security-Policy. "" = no basemap (nothing is fetched from elsewhere).
  std::string tile_url;
  std::string tile_attribution;

  std::size_t cache_bytes = std::size_t{64} << 20;  // replies kept per data version
  std::string upload_dir;                           // "" = the system's temporary directory

  // Called once the server listens, with its address ("http://127.0.0.1:8080").
  std::function<void(const std::string& url)> on_listening;

  Status Validate() const;
};

// The scheme, host and port of a tile URL template ("https://tiles.example.org"), for the page's
// Content-Security-Policy; "" when the template is not an http(s) URL with {z}, {x} and {y}.
std::string TileOrigin(const std::string& tile_url);

// Serves until SIGTERM or SIGINT, then stops accepting, lets in-flight requests and running jobs
// finish (up to shutdown_timeout) and returns. The caller then closes the database by destroying `app`.
// Errors: kInvalidArgument (options), kUnavailable (the address is in use), kIoError.
Status Serve(App& app, const ServerOptions& options);

// The web application's files: `explicit_root` when given; else the environment's NRS_WEB_ROOT; else the
// built front end (web/dist) beside the source tree the program was built from or installed with; else ""
// (the built-in page).
std::string FindWebRoot(const std::string& explicit_root);

}  // namespace nrs::server
