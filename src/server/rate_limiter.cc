#include "server/rate_limiter.h"

#include <algorithm>

namespace nrs::server {

std::chrono::seconds RateLimiter::RetryAfter(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  Prune(now);
  const auto it = failures_.find(key);
  if (it == failures_.end()) return std::chrono::seconds(0);
  auto& times = it->second;
  while (!times.empty() && times.front() <= now - window_) times.pop_front();
  if (static_cast<int>(times.size()) < limit_) return std::chrono::seconds(0);
  const auto wait = std::chrono::ceil<std::chrono::seconds>(times.front() + window_ - now);
  return std::max(wait, std::chrono::seconds(1));
}

void RateLimiter::RecordFailure(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto& times = failures_[key];
  times.push_back(now);
  // Only the last `limit` failures matter for the decision.
  while (static_cast<int>(times.size()) > limit_) times.pop_front();
}

void RateLimiter::Reset(const std::string& key) {
  std::lock_guard lock(mutex_);
  failures_.erase(key);
}

std::size_t RateLimiter::keys() const {
  std::lock_guard lock(mutex_);
  return failures_.size();
}

void RateLimiter::Prune(Clock::time_point now) {
  if (now - last_prune_ < window_) return;
  last_prune_ = now;
  for (auto it = failures_.begin(); it != failures_.end();) {
    if (it->second.empty() || it->second.back() <= now - window_) {
      it = failures_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace nrs::server
