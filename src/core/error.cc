#include "nrs/error.h"

#include <algorithm>

namespace nrs {
namespace {

// The table is the single source of truth for codes; these checks make a missing, misplaced or duplicated
// entry a compile error rather than a wrong HTTP status at run time.
constexpr bool TableIsInCodeOrder() {
  for (std::size_t i = 0; i < kErrorTable.size(); ++i) {
    if (static_cast<std::size_t>(kErrorTable[i].code) != i) return false;
  }
  return true;
}

constexpr bool NamesAndExitCodesAreUnique() {
  for (std::size_t i = 0; i < kErrorTable.size(); ++i) {
    for (std::size_t j = i + 1; j < kErrorTable.size(); ++j) {
      if (kErrorTable[i].wire_name == kErrorTable[j].wire_name) return false;
      if (kErrorTable[i].exit_code == kErrorTable[j].exit_code) return false;
    }
  }
  return true;
}

constexpr bool EntriesAreFilledIn() {
  for (const ErrorInfo& e : kErrorTable) {
    if (e.wire_name.empty() || e.description.empty() || e.http_status < 200 || e.http_status > 599) return false;
    if ((e.code == ErrorCode::kOk) != (e.exit_code == 0)) return false;
  }
  return true;
}

// Exhaustive over the enumeration: adding an ErrorCode without handling it here fails to compile
// (-Wswitch-enum with -Werror), which is the reminder to add its table row.
constexpr std::size_t LastCode() {
  constexpr ErrorCode kLast = ErrorCode::kMethodNotAllowed;
  switch (kLast) {
    case ErrorCode::kOk:
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kInvalidInput:
    case ErrorCode::kNotFound:
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kConflict:
    case ErrorCode::kUnauthenticated:
    case ErrorCode::kPermissionDenied:
    case ErrorCode::kPayloadTooLarge:
    case ErrorCode::kRateLimited:
    case ErrorCode::kDatabaseCorrupt:
    case ErrorCode::kSchemaTooNew:
    case ErrorCode::kIoError:
    case ErrorCode::kUnavailable:
    case ErrorCode::kCancelled:
    case ErrorCode::kInternal:
    case ErrorCode::kMethodNotAllowed:
      break;
  }
  return static_cast<std::size_t>(kLast);
}

static_assert(TableIsInCodeOrder(), "kErrorTable rows must be in ErrorCode order, one per code");
static_assert(kErrorTable.size() == LastCode() + 1, "kErrorTable must have one row per ErrorCode");
static_assert(NamesAndExitCodesAreUnique(), "wire names and exit codes must be unique");
static_assert(EntriesAreFilledIn(), "every row needs a wire name, an HTTP status and a description");

}  // namespace

ErrorCode ErrorCodeFromWireName(std::string_view wire_name) {
  const auto* it = std::find_if(kErrorTable.begin(), kErrorTable.end(),
                                [&](const ErrorInfo& e) { return e.wire_name == wire_name; });
  return it == kErrorTable.end() ? ErrorCode::kInternal : it->code;
}

}  // namespace nrs
