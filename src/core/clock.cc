#include "core/clock.h"

#include <fmt/chrono.h>

namespace nrs::core {
namespace {
class RealClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};
}  // namespace

const Clock& SystemClock() {
  static const RealClock kClock;
  return kClock;
}

std::string FormatUtc(TimePoint t) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(t)));
}

}  // namespace nrs::core
