#include "server/static_files.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace nrs::server {
namespace {

constexpr std::size_t kMaxFileBytes = std::size_t{64} << 20;

std::string Etag(std::string_view data) {
  std::uint64_t h = 14695981039346656037ULL;
  for (const char c : data) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return fmt::format("\"{:016x}\"", h);
}

StaticFile Make(std::string bytes, const std::string& relative) {
  StaticFile f;
  f.etag = Etag(bytes);
  f.body = std::make_shared<const std::string>(std::move(bytes));
  f.content_type = std::string(ContentTypeOf(relative));
  f.immutable = relative.starts_with("assets/");
  return f;
}

}  // namespace

Result<std::string> StaticPath(std::string_view path) {
  if (path.empty() || path.front() != '/') return Status::InvalidArgument("a file path starts with '/'");
  std::string_view rest = path.substr(1);
  if (rest.empty()) return std::string("index.html");
  std::string out;
  bool directory = false;
  while (true) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (slash != std::string_view::npos && slash + 1 == rest.size()) directory = true;
    if (segment.empty() || segment == "." || segment == ".." || segment.front() == '.') {
      return Status::InvalidArgument("'{}' is not a file path this server serves", path);
    }
    for (const char c : segment) {
      if (static_cast<unsigned char>(c) < 0x20 || c == '\\' || c == 0x7f) {
        return Status::InvalidArgument("'{}' is not a file path this server serves", path);
      }
    }
    if (!out.empty()) out += '/';
    out += segment;
    if (slash == std::string_view::npos || directory) break;
    rest.remove_prefix(slash + 1);
  }
  if (directory) out += "/index.html";
  return out;
}

std::string_view ContentTypeOf(std::string_view path) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 17> kTypes = {{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".geojson", "application/geo+json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".webp", "image/webp"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".wasm", "application/wasm"},
  }};
  for (const auto& [extension, type] : kTypes) {
    if (path.ends_with(extension)) return type;
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(const std::string& root, std::span<const core::EmbeddedFile> embedded) : embedded_(embedded) {
  if (!root.empty()) {
    std::error_code ec;
    const auto canonical = std::filesystem::canonical(root, ec);
    if (!ec && std::filesystem::is_directory(canonical, ec)) root_ = canonical.string();
  }
}

std::optional<StaticFile> StaticFiles::Find(const std::string& relative) const {
  if (!root_.empty()) {
    if (auto f = FromDisk(relative)) return f;
  }
  for (const core::EmbeddedFile& file : embedded_) {
    if (file.name == relative) return Make(std::string(file.data), relative);
  }
  return std::nullopt;
}

std::optional<StaticFile> StaticFiles::FromDisk(const std::string& relative) const {
  // The resolved path (symbolic links followed) must still lie inside the root.
  std::error_code ec;
  const std::filesystem::path resolved = std::filesystem::canonical(std::filesystem::path(root_) / relative, ec);
  if (ec) return std::nullopt;
  const std::string text = resolved.string();
  if (text.size() <= root_.size() || text.compare(0, root_.size(), root_) != 0 || text[root_.size()] != '/') {
    return std::nullopt;
  }
  struct stat st {};
  if (::stat(text.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || static_cast<std::size_t>(st.st_size) > kMaxFileBytes) {
    return std::nullopt;
  }
  std::ifstream in(text, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return Make(std::move(bytes).str(), relative);
}

}  // namespace nrs::server
