#pragma once

// The clock behind a small interface so that tests can fix time. Timestamps are stored and shown in UTC as
// ISO 8601 with seconds ("2026-11-29T11:15:57Z").

#include <chrono>
#include <string>

namespace nrs::core {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

// The real clock. Lives for the whole program.
const Clock& SystemClock();

// A clock that always says `at` (for tests).
class FixedClock final : public Clock {
 public:
  explicit FixedClock(TimePoint at) : at_(at) {}
  TimePoint Now() const override { return at_; }
  void Set(TimePoint at) { at_ = at; }

 private:
  TimePoint at_;
};

// "YYYY-MM-DDTHH:MM:SSZ" (UTC, whole seconds).
std::string FormatUtc(TimePoint t);

}  // namespace nrs::core

namespace nrs::core {

// Wall time since construction, for the timings logged at debug level.
class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  double Milliseconds() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

}  // namespace nrs::core
