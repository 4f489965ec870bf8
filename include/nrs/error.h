#pragma once

// The one error table of NRS: every failure the engine reports has exactly one code here, and each code has
// its HTTP status, its command-line exit code, its wire name (the `code` of the JSON error envelope) and a
// sentence of documentation. `nrs errors` prints the table; docs/errors.md is generated from it.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace nrs {

enum class ErrorCode : std::uint8_t {
  kOk = 0,
  kInvalidArgument,
  kInvalidInput,
  kNotFound,
  kAlreadyExists,
  kConflict,
  kUnauthenticated,
  kPermissionDenied,
  kPayloadTooLarge,
  kRateLimited,
  kDatabaseCorrupt,
  kSchemaTooNew,
  kIoError,
  kUnavailable,
  kCancelled,
  kInternal,
  kMethodNotAllowed,
};

struct ErrorInfo {
  ErrorCode code;
  std::string_view wire_name;
  int http_status;
  int exit_code;
  std::string_view description;
};

// Ordered by code; checked at compile time in error.cc (every code present, in order, names and exit codes
// unique).
inline constexpr std::array kErrorTable = {
    ErrorInfo{ErrorCode::kOk, "ok", 200, 0, "Success."},
    ErrorInfo{ErrorCode::kInvalidArgument, "invalid_argument", 400, 2,
              "An option, parameter or request field is missing or not valid; the message names it."},
    ErrorInfo{ErrorCode::kInvalidInput, "invalid_input", 422, 3,
              "An input file or request body was refused as a whole; the details list each problem as "
              "file:line: column: reason (the first 100, and a count). Nothing was stored."},
    ErrorInfo{ErrorCode::kNotFound, "not_found", 404, 4,
              "The named database, file, area, neighbourhood or other item does not exist."},
    ErrorInfo{ErrorCode::kAlreadyExists, "already_exists", 409, 5,
              "An item with this name or code already exists; nothing was changed."},
    ErrorInfo{ErrorCode::kConflict, "conflict", 409, 6,
              "The request conflicts with the stored data (for example it was changed meanwhile); retry "
              "after reloading."},
    ErrorInfo{ErrorCode::kUnauthenticated, "unauthenticated", 401, 7, "Sign-in is required for this request."},
    ErrorInfo{ErrorCode::kPermissionDenied, "permission_denied", 403, 8,
              "The signed-in user's role does not allow this request."},
    ErrorInfo{ErrorCode::kPayloadTooLarge, "payload_too_large", 413, 9,
              "The request or input is larger than the configured limit."},
    ErrorInfo{ErrorCode::kRateLimited, "rate_limited", 429, 10, "Too many attempts; wait and try again."},
    ErrorInfo{ErrorCode::kDatabaseCorrupt, "database_corrupt", 500, 11,
              "The database file is damaged or is not an NRS database; it was not modified."},
    ErrorInfo{ErrorCode::kSchemaTooNew, "schema_too_new", 500, 12,
              "The database was written by a newer NRS (its schema version is higher than this program "
              "knows); upgrade NRS. The database was not modified."},
    ErrorInfo{ErrorCode::kIoError, "io_error", 500, 13,
              "Reading or writing a file failed at the operating-system level (permissions, disk full)."},
    ErrorInfo{ErrorCode::kUnavailable, "unavailable", 503, 14,
              "A resource is temporarily unavailable (database busy, server shutting down); retry later."},
    ErrorInfo{ErrorCode::kCancelled, "cancelled", 499, 15, "The operation was cancelled before it finished."},
    ErrorInfo{ErrorCode::kInternal, "internal", 500, 70,
              "A bug in NRS: an internal invariant did not hold. Please report it with the message."},
    ErrorInfo{ErrorCode::kMethodNotAllowed, "method_not_allowed", 405, 16,
              "The server has this path but not for this HTTP method; the Allow header lists those it takes."},
};

// The table entry of `code`. Total: every enumerator has an entry (checked at compile time).
constexpr const ErrorInfo& Describe(ErrorCode code) { return kErrorTable[static_cast<std::size_t>(code)]; }

// The code whose wire name is `wire_name`, or kInternal when there is none.
ErrorCode ErrorCodeFromWireName(std::string_view wire_name);

}  // namespace nrs
