#include "nrs/status.h"

#include <cassert>

namespace nrs {

struct Status::Rep {
  ErrorCode code;
  std::string message;
  std::vector<Diagnostic> diagnostics;
  std::size_t diagnostic_count;
};

namespace {
const std::vector<Diagnostic>& NoDiagnostics() {
  static const std::vector<Diagnostic> kNone;
  return kNone;
}
}  // namespace

std::string Diagnostic::ToString() const {
  std::string out = file;
  if (line > 0) out += fmt::format("{}{}", out.empty() ? "line " : ":", line);
  if (!out.empty()) out += ": ";
  if (!column.empty()) out += column + ": ";
  out += reason;
  return out;
}

Status::Status(ErrorCode code, std::string message, std::vector<Diagnostic> diagnostics, std::size_t diagnostic_count) {
  assert(code != ErrorCode::kOk && "an error Status needs an error code");
  if (code == ErrorCode::kOk) code = ErrorCode::kInternal;
  std::size_t count = std::max(diagnostic_count, diagnostics.size());
  rep_ = std::make_shared<const Rep>(Rep{code, std::move(message), std::move(diagnostics), count});
}

ErrorCode Status::code() const { return ok() ? ErrorCode::kOk : rep_->code; }

std::string_view Status::message() const { return ok() ? std::string_view() : rep_->message; }

const std::vector<Diagnostic>& Status::diagnostics() const { return ok() ? NoDiagnostics() : rep_->diagnostics; }

std::size_t Status::diagnostic_count() const { return ok() ? 0 : rep_->diagnostic_count; }

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  return {rep_->code, fmt::format("{}: {}", context, rep_->message), rep_->diagnostics, rep_->diagnostic_count};
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out = fmt::format("{}: {}", info().wire_name, rep_->message);
  for (const Diagnostic& d : rep_->diagnostics) out += "\n  " + d.ToString();
  if (rep_->diagnostic_count > rep_->diagnostics.size()) {
    out += fmt::format("\n  … and {} more", rep_->diagnostic_count - rep_->diagnostics.size());
  }
  return out;
}

void DiagnosticList::AddReason(std::int64_t line, std::string_view column, std::string reason) {
  Add(Diagnostic{file_, line, std::string(column), std::move(reason)});
}

void DiagnosticList::Add(Diagnostic diagnostic) {
  ++count_;
  if (kept_.size() < limit_) kept_.push_back(std::move(diagnostic));
}

Status DiagnosticList::ToStatus() const {
  if (empty()) return {};
  return {ErrorCode::kInvalidInput,
          fmt::format("{}: {} {} found; nothing was stored", file_.empty() ? "input" : file_, count_,
                      count_ == 1 ? "problem" : "problems"),
          kept_, count_};
}

}  // namespace nrs
