#pragma once

// The audit trail: every change to the database — imports, neighbourhoods, users and their roles, sign-ins —
// with who made it (a user of the server, or the command line), when, and the item before and after. It is
// append-only (the database refuses to change or delete an event). Administrators read it through the server;
// `nrs audit` prints it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/table.h"
#include "nrs/app.h"

namespace nrs {

struct AuditEvent {
  std::int64_t id = 0;
  std::string at{};  // UTC, ISO 8601
  std::optional<std::int64_t> user_id{};
  std::string actor{};
  std::string via{};  // "cli" or "api"
  std::string address{};
  std::string action{};
  std::string target{};
  std::string before{};  // JSON text; "" when there was no item before
  std::string after{};   // JSON text; "" when nothing remains
  bool is_public = false;
};

struct AuditQuery {
  std::string action{};  // only actions starting with this, e.g. "user." ("" = all)
  std::string actor{};   // only this actor ("" = anyone)
  std::string target{};  // only this target, e.g. "user:alice" ("" = anything)
  bool public_only = false;
  std::int64_t limit = 100;  // 1 … 1,000
  std::int64_t offset = 0;

  Status Validate() const;
};

struct AuditPage {
  std::vector<AuditEvent> events{};  // newest first
  std::int64_t total = 0;            // events matching the query, over all pages
};

Result<AuditPage> ListAudit(App& app, const AuditQuery& query);

// id, at, actor, via, address, action, target, before, after — for the command line.
core::Table AuditTable(const std::vector<AuditEvent>& events);

}  // namespace nrs
