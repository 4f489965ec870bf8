#pragma once

// Counts failures per key (a client address, a username) in a sliding window: once a key has `limit` failures
// within `window`, it is refused until the oldest of them leaves the window. Keeps memory bounded by forgetting
// keys whose failures have all expired.

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace nrs::server {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  RateLimiter(int limit, std::chrono::seconds window) : limit_(limit), window_(window) {}

  // How long `key` must wait before trying again (zero when it may try now).
  std::chrono::seconds RetryAfter(const std::string& key, Clock::time_point now = Clock::now());
  void RecordFailure(const std::string& key, Clock::time_point now = Clock::now());
  // A success forgets the key's failures.
  void Reset(const std::string& key);
  std::size_t keys() const;

 private:
  void Prune(Clock::time_point now);

  int limit_;
  std::chrono::seconds window_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::deque<Clock::time_point>> failures_;
  Clock::time_point last_prune_{};
};

}  // namespace nrs::server
