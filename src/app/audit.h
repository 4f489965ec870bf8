#pragma once

// Recording changes in the audit trail, inside the transaction that makes them (so a change is never stored
// without its record, nor recorded without being stored).

#include <nlohmann/json.hpp>
#include <string>

#include "core/clock.h"
#include "nrs/app.h"
#include "store/store.h"

namespace nrs::app {

struct AuditChange {
  std::string action{};             // e.g. "user.create", "import.indicators"
  std::string target{};             // e.g. "user:alice", "dataset:iod2019"
  nlohmann::ordered_json before{};  // the item before the change (null: it did not exist)
  nlohmann::ordered_json after{};   // and after (null: it no longer exists, or nothing to show)
  bool is_public = false;           // part of the public "you said, we did" trail
};

Status RecordAudit(store::Transaction& tx, const Actor& actor, const core::Clock& clock, const AuditChange& change);

}  // namespace nrs::app
