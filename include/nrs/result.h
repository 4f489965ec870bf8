#pragma once

// Result<T>: a value or the Status that explains why there is none.
//
//   Result<Table> table = ReadTable(path);
//   if (!table.ok()) return table.status();
//   NRS_ASSIGN_OR_RETURN(Table t, ReadTable(path));   // the same, shorter

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

#include "nrs/status.h"

namespace nrs {

template <typename T>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<T, Status>, "use Status for operations without a value");

 public:
  // NOLINTBEGIN(google-explicit-constructor): implicit by design, so `return value;` and `return status;` work.
  Result(T value) : state_(std::in_place_index<1>, std::move(value)) {}
  // `status` must be an error.
  Result(Status status) : state_(std::in_place_index<0>, std::move(status)) {
    assert(!std::get<0>(state_).ok() && "Result constructed from an OK Status");
    if (std::get<0>(state_).ok()) state_ = Status::Internal("Result constructed from an OK Status");
  }
  // NOLINTEND(google-explicit-constructor)

  bool ok() const { return state_.index() == 1; }

  // OK when a value is present.
  Status status() const { return ok() ? Status() : std::get<0>(state_); }

  // Preconditions: ok().
  T& value() & { return std::get<1>(state_); }
  const T& value() const& { return std::get<1>(state_); }
  T&& value() && { return std::get<1>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<Status, T> state_;
};

}  // namespace nrs

#define NRS_CONCAT_INNER_(a, b) a##b
#define NRS_CONCAT_(a, b) NRS_CONCAT_INNER_(a, b)

// The macros below name variables and declarations, which cannot be parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)

// Returns the Status of `expr` from the enclosing function when it is an error.
#define NRS_RETURN_IF_ERROR(expr) NRS_RETURN_IF_ERROR_IMPL_(NRS_CONCAT_(nrs_status_, __COUNTER__), expr)
#define NRS_RETURN_IF_ERROR_IMPL_(status, expr)                     \
  do {                                                              \
    if (::nrs::Status status = (expr); !status.ok()) return status; \
  } while (false)

// Evaluates `expr` (a Result); on error returns its Status, otherwise moves the value into `lhs`.
// Expands to several statements: put it in braces under an `if`.
#define NRS_ASSIGN_OR_RETURN(lhs, expr) NRS_ASSIGN_OR_RETURN_IMPL_(NRS_CONCAT_(nrs_result_, __COUNTER__), lhs, expr)
#define NRS_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                               \
  if (!result.ok()) return result.status();           \
  lhs = std::move(result).value()

// NOLINTEND(bugprone-macro-parentheses)
