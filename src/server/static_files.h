#pragma once

// The web application's files at /: from a folder on disk (the built front end, --web-root) and, behind it,
// files compiled into the program (a small page that lists the neighbourhoods, until a front end is built;
// the built front end itself can be compiled in the same way, see cmake/NrsEmbed.cmake). Paths are checked
// before anything is looked up: no "..", no hidden files, no way out of the folder (symbolic links included).

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/embedded.h"
#include "nrs/result.h"

namespace nrs::server {

struct StaticFile {
  std::shared_ptr<const std::string> body;
  std::string content_type;
  std::string etag;
  bool immutable = false;  // a content-hashed asset (assets/…): cacheable for a year
};

// The relative file path a request path names: "/" → "index.html", "/app.js" → "app.js". Errors:
// kInvalidArgument for ".." or "." segments, backslashes, control characters, empty segments or a hidden
// segment (starting with '.').
Result<std::string> StaticPath(std::string_view decoded_path);

// The media type of a file by its extension ("application/octet-stream" when unknown).
std::string_view ContentTypeOf(std::string_view path);

class StaticFiles {
 public:
  // `root` ("" = none) on disk first, then `embedded`.
  StaticFiles(const std::string& root, std::span<const core::EmbeddedFile> embedded);

  // The file at `relative` (from StaticPath), or nullopt.
  std::optional<StaticFile> Find(const std::string& relative) const;
  const std::string& root() const { return root_; }

 private:
  std::optional<StaticFile> FromDisk(const std::string& relative) const;

  std::string root_;  // canonical, or ""
  std::span<const core::EmbeddedFile> embedded_;
};

// The page served at / when no web application is installed (compiled in from src/server/web/).
std::span<const core::EmbeddedFile> BuiltInWebFiles();

}  // namespace nrs::server
