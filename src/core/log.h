#pragma once

// Logging: spdlog, to stderr, one line per message. Engines stay quiet; edges (app, io, store, server) log.
// Use spdlog's functions directly after InitLogging: spdlog::info("imported {} rows", n).

#include <spdlog/spdlog.h>

#include <string_view>

#include "nrs/result.h"

namespace nrs::core {

enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError, kOff };

// "trace", "debug", "info", "warn", "error" or "off".
Result<LogLevel> ParseLogLevel(std::string_view name);
std::string_view LogLevelName(LogLevel level);

// Sends log lines to stderr as "nrs: <level>: <message>" at `level` and above. Safe to call again.
void InitLogging(LogLevel level);

}  // namespace nrs::core
