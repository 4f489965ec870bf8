#pragma once

// The server's own view of an HTTP exchange, independent of the HTTP library: what a route handler reads
// (Request) and returns (Reply). The connection code (server.cc) translates from and to Boost.Beast.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "nrs/status.h"

namespace nrs::server {

class RequestFiles;

enum class Method : std::uint8_t { kGet, kPost, kPut, kPatch, kDelete, kHead, kOptions, kOther };

// "GET", "POST" …
std::string_view MethodName(Method method);
// Lower case, as OpenAPI names operations: "get", "post" …
std::string_view MethodKey(Method method);
// True for the methods that may change state (and so need a CSRF token when a session cookie is used).
bool ChangesState(Method method);

// Header names are compared without regard to case.
class Headers {
 public:
  void Add(std::string name, std::string value);
  // The first value of `name`, or nullopt.
  std::optional<std::string_view> Get(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& all() const { return fields_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

struct Request {
  Method method = Method::kGet;
  std::string target;                                      // as sent: path and query, percent-encoded
  std::string path;                                        // decoded path, e.g. "/api/v1/neighbourhoods/Old Swan"
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  Headers headers;
  std::string body;                     // a JSON body
  std::string body_file;                // an uploaded body, saved to this file ("" when none)
  std::shared_ptr<RequestFiles> files;  // the folder of body_file, kept while someone needs it
  std::string client_address;
  bool secure = false;  // arrived over TLS (as a proxy in front says with X-Forwarded-Proto: https)
};

// A reply body is either whole (shared, so a cached body is sent without copying) or produced piece by piece
// (streamed with chunked transfer encoding): `next` appends the next piece to its argument and returns false
// after the last.
struct Reply {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::shared_ptr<const std::string> body;
  std::function<bool(std::string&)> next;
  // For kept replies: the body gzip-compressed (sent to clients that accept it) and an ETag.
  std::shared_ptr<const std::string> gzip;
  std::string etag;

  static Reply Json(std::string body, int status = 200);
  static Reply Shared(std::shared_ptr<const std::string> body, std::string content_type, int status = 200);
  static Reply Empty(int status = 204);
};

// Splits and decodes a request target. Errors: kInvalidArgument for malformed percent-encoding, an encoded
// NUL, or a path that does not start with '/'.
Status ParseTarget(std::string_view target, std::string* path, std::vector<std::pair<std::string, std::string>>* query);

// Percent-decoding ('+' is a space only in the query). nullopt for malformed input or an encoded NUL.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// The value of cookie `name` in a Cookie header, or "".
std::string CookieValue(std::string_view cookie_header, std::string_view name);

// Constant-time comparison of secrets (the time taken does not depend on where they differ).
bool SecretsEqual(std::string_view a, std::string_view b);

}  // namespace nrs::server
