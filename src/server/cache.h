#pragma once

// Results kept while the data they come from do not change: every entry belongs to one data version of the
// database (App::DataVersion), and a new version empties the cache. A profile takes about 2 ms to compute and
// microseconds to send from here, which is what lets one process answer thousands of requests a second.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace nrs::server {

template <typename T>
class VersionedCache {
 public:
  // `max_bytes`: when the entries' sizes would exceed it, the cache starts afresh.
  explicit VersionedCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  std::shared_ptr<const T> Find(std::uint64_t version, const std::string& key) {
    std::lock_guard lock(mutex_);
    if (version != version_) return nullptr;
    const auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    ++hits_;
    return it->second;
  }

  // Keeps `value` (of about `bytes`) for `version`. A value computed for an older version than the cache's is
  // dropped; a newer version empties the cache first.
  void Put(std::uint64_t version, const std::string& key, std::shared_ptr<const T> value, std::size_t bytes) {
    std::lock_guard lock(mutex_);
    if (version != version_) {
      if (version < version_ && !entries_.empty()) return;
      entries_.clear();
      bytes_ = 0;
      version_ = version;
    }
    if (bytes > max_bytes_) return;
    if (bytes_ + bytes > max_bytes_) {
      entries_.clear();
      bytes_ = 0;
    }
    if (entries_.emplace(key, std::move(value)).second) bytes_ += bytes;
  }

  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
  }
  std::uint64_t Hits() const {
    std::lock_guard lock(mutex_);
    return hits_;
  }

 private:
  mutable std::mutex mutex_;
  std::size_t max_bytes_;
  std::uint64_t version_ = 0;
  std::size_t bytes_ = 0;
  std::uint64_t hits_ = 0;
  std::unordered_map<std::string, std::shared_ptr<const T>> entries_;
};

// A reply body as kept in the cache: the bytes, the same gzip-compressed (when that is worth it), its
// content type and its ETag.
struct CachedBody {
  std::string body;
  std::string gzip;  // "" when not compressed
  std::string content_type;
  std::string etag;
};

// Builds a CachedBody: compresses bodies of 1 KiB and more, and names the version and a digest in the ETag.
std::shared_ptr<const CachedBody> MakeCachedBody(std::string body, std::string content_type, std::uint64_t version);

// `data` gzip-compressed (level 6), or "" if compression fails.
std::string Gzip(std::string_view data);

}  // namespace nrs::server
