#include "core/log.h"

#include <spdlog/sinks/stdout_sinks.h>

#include <array>
#include <memory>
#include <utility>

namespace nrs::core {
namespace {
constexpr std::array<std::pair<std::string_view, LogLevel>, 6> kLevels = {{
    {"trace", LogLevel::kTrace},
    {"debug", LogLevel::kDebug},
    {"info", LogLevel::kInfo},
    {"warn", LogLevel::kWarn},
    {"error", LogLevel::kError},
    {"off", LogLevel::kOff},
}};

spdlog::level::level_enum ToSpdlog(LogLevel level) {
  switch (level) {
    case LogLevel::kTrace:
      return spdlog::level::trace;
    case LogLevel::kDebug:
      return spdlog::level::debug;
    case LogLevel::kInfo:
      return spdlog::level::info;
    case LogLevel::kWarn:
      return spdlog::level::warn;
    case LogLevel::kError:
      return spdlog::level::err;
    case LogLevel::kOff:
      return spdlog::level::off;
  }
  return spdlog::level::info;
}
}  // namespace

Result<LogLevel> ParseLogLevel(std::string_view name) {
  for (const auto& [level_name, level] : kLevels) {
    if (level_name == name) return level;
  }
  return Status::InvalidArgument("unknown log level '{}'; use trace, debug, info, warn, error or off", name);
}

std::string_view LogLevelName(LogLevel level) {
  for (const auto& [level_name, l] : kLevels) {
    if (l == level) return level_name;
  }
  return "info";
}

void InitLogging(LogLevel level) {
  // stderr, not stdout: stdout carries the data a command prints (CSV, JSON), logs must never mix into it.
  auto logger = std::make_shared<spdlog::logger>("nrs", std::make_shared<spdlog::sinks::stderr_sink_st>());
  logger->set_pattern("nrs: %l: %v");
  logger->set_level(ToSpdlog(level));
  spdlog::set_default_logger(logger);
}

}  // namespace nrs::core
