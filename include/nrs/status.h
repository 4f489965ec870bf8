#pragma once

// Status: the outcome of an operation that can fail, as a value (no exceptions cross a subsystem boundary).
// An OK status costs one null pointer; an error carries its code (see nrs/error.h), a message for people and,
// for refused inputs, the list of problems found.
//
//   return Status::InvalidArgument("unknown format '{}'; use table, csv or json", name);

#include <fmt/format.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "nrs/error.h"

namespace nrs {

// One problem found in an input, located as precisely as the input allows.
struct Diagnostic {
  std::string file;       // the input's name as the user gave it ("" for a request body)
  std::int64_t line = 0;  // 1-based line of the record; 0 when the problem is not tied to a line
  std::string column;     // column name, field or JSON pointer; "" when not applicable
  std::string reason;     // what was wrong and, where useful, what was expected

  // "file:line: column: reason", leaving out the parts that are empty.
  std::string ToString() const;
  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

class [[nodiscard]] Status {
 public:
  // OK.
  Status() noexcept = default;

  // An error. `code` must not be kOk. `diagnostic_count` is the total number of problems found when only the
  // first few are kept in `diagnostics` (0 means diagnostics.size()).
  Status(ErrorCode code, std::string message, std::vector<Diagnostic> diagnostics = {},
         std::size_t diagnostic_count = 0);

  static Status Ok() { return {}; }

  template <typename... Args>
  static Status Error(ErrorCode code, fmt::format_string<Args...> format, Args&&... args) {
    return {code, fmt::format(format, std::forward<Args>(args)...)};
  }

#define NRS_STATUS_FACTORY(Name)                                                   \
  template <typename... Args>                                                      \
  static Status Name(fmt::format_string<Args...> format, Args&&... args) {         \
    return {ErrorCode::k##Name, fmt::format(format, std::forward<Args>(args)...)}; \
  }
  NRS_STATUS_FACTORY(InvalidArgument)
  NRS_STATUS_FACTORY(InvalidInput)
  NRS_STATUS_FACTORY(NotFound)
  NRS_STATUS_FACTORY(AlreadyExists)
  NRS_STATUS_FACTORY(Conflict)
  NRS_STATUS_FACTORY(Unauthenticated)
  NRS_STATUS_FACTORY(PermissionDenied)
  NRS_STATUS_FACTORY(PayloadTooLarge)
  NRS_STATUS_FACTORY(RateLimited)
  NRS_STATUS_FACTORY(DatabaseCorrupt)
  NRS_STATUS_FACTORY(SchemaTooNew)
  NRS_STATUS_FACTORY(IoError)
  NRS_STATUS_FACTORY(Unavailable)
  NRS_STATUS_FACTORY(Cancelled)
  NRS_STATUS_FACTORY(Internal)
  NRS_STATUS_FACTORY(MethodNotAllowed)
#undef NRS_STATUS_FACTORY

  bool ok() const { return rep_ == nullptr; }
  ErrorCode code() const;
  const ErrorInfo& info() const { return Describe(code()); }
  std::string_view message() const;
  const std::vector<Diagnostic>& diagnostics() const;
  // Total problems found (can exceed diagnostics().size() when the list was capped).
  std::size_t diagnostic_count() const;

  // The same error with "context: " put before the message. OK stays OK.
  Status WithContext(std::string_view context) const;

  // "wire_name: message" and, for each diagnostic, a line below it. "ok" when OK.
  std::string ToString() const;

 private:
  struct Rep;
  std::shared_ptr<const Rep> rep_;
};

// Collects the problems of one input so that all of them (up to `limit`) are reported together.
class DiagnosticList {
 public:
  static constexpr std::size_t kDefaultLimit = 100;
  explicit DiagnosticList(std::string file, std::size_t limit = kDefaultLimit)
      : file_(std::move(file)), limit_(limit) {}

  template <typename... Args>
  void Add(std::int64_t line, std::string_view column, fmt::format_string<Args...> format, Args&&... args) {
    AddReason(line, column, fmt::format(format, std::forward<Args>(args)...));
  }
  void AddReason(std::int64_t line, std::string_view column, std::string reason);
  // Adds a diagnostic found elsewhere (its own file name is kept).
  void Add(Diagnostic diagnostic);

  bool empty() const { return count_ == 0; }
  std::size_t count() const { return count_; }
  const std::string& file() const { return file_; }

  // OK when empty; otherwise kInvalidInput: "<file>: N problems; nothing was stored" with the list.
  Status ToStatus() const;

 private:
  std::string file_;
  std::size_t limit_;
  std::size_t count_ = 0;
  std::vector<Diagnostic> kept_;
};

}  // namespace nrs
