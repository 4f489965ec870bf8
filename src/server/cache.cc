#include "server/cache.h"

#include <fmt/format.h>
#include <zlib.h>

namespace nrs::server {
namespace {

// FNV-1a: the ETag only has to change when the body does.
std::uint64_t Digest(std::string_view data) {
  std::uint64_t h = 14695981039346656037ULL;
  for (const char c : data) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace

std::string Gzip(std::string_view data) {
  z_stream z{};
  // 15 + 16: a gzip wrapper rather than zlib's.
  if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  const std::size_t written = z.total_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return {};
  out.resize(written);
  return out;
}

std::shared_ptr<const CachedBody> MakeCachedBody(std::string body, std::string content_type, std::uint64_t version) {
  auto cached = std::make_shared<CachedBody>();
  cached->etag = fmt::format("\"{:x}-{:016x}\"", version, Digest(body));
  if (body.size() >= 1024) {
    std::string compressed = Gzip(body);
    if (!compressed.empty() && compressed.size() < body.size()) cached->gzip = std::move(compressed);
  }
  cached->body = std::move(body);
  cached->content_type = std::move(content_type);
  return cached;
}

}  // namespace nrs::server
