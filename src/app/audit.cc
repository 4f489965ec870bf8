// The audit trail: recording changes (inside their own transactions) and reading them back.

#include "app/audit.h"

#include "nrs/audit.h"
#include "store/accounts.h"

namespace nrs {
namespace app {

Status RecordAudit(store::Transaction& tx, const Actor& actor, const core::Clock& clock, const AuditChange& change) {
  store::AuditRow row;
  row.at = core::FormatUtc(clock.Now());
  if (actor.user_id > 0) row.user_id = actor.user_id;
  row.actor = actor.name.empty() ? Actor::CommandLine().name : actor.name;
  row.via = actor.via == "api" ? "api" : "cli";
  row.address = actor.address;
  row.action = change.action;
  row.target = change.target;
  if (!change.before.is_null()) row.before = change.before.dump();
  if (!change.after.is_null()) row.after = change.after.dump();
  row.is_public = change.is_public;
  return store::InsertAudit(tx, row).status();
}

}  // namespace app

Status AuditQuery::Validate() const {
  if (limit < 1 || limit > 1000) return Status::InvalidArgument("limit must be from 1 to 1000, not {}", limit);
  if (offset < 0) return Status::InvalidArgument("offset must not be negative, not {}", offset);
  return Status::Ok();
}

Result<AuditPage> ListAudit(App& app, const AuditQuery& query) {
  NRS_RETURN_IF_ERROR(query.Validate());
  store::AuditFilter filter;
  filter.action_prefix = query.action;
  filter.actor = query.actor;
  filter.target = query.target;
  filter.public_only = query.public_only;
  filter.limit = query.limit;
  filter.offset = query.offset;
  AuditPage page;
  NRS_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& tx) -> Status {
    NRS_ASSIGN_OR_RETURN(const std::vector<store::AuditRow> rows, store::ListAudit(tx, filter));
    NRS_ASSIGN_OR_RETURN(page.total, store::CountAudit(tx, filter));
    for (const store::AuditRow& r : rows) {
      page.events.push_back({r.id, r.at, r.user_id, r.actor, r.via, r.address, r.action, r.target,
                             r.before.value_or(""), r.after.value_or(""), r.is_public});
    }
    return Status::Ok();
  }));
  return page;
}

core::Table AuditTable(const std::vector<AuditEvent>& events) {
  core::Table table({{"id", core::CellType::kInteger},
                     {"at", core::CellType::kText},
                     {"actor", core::CellType::kText},
                     {"via", core::CellType::kText},
                     {"address", core::CellType::kText},
                     {"action", core::CellType::kText},
                     {"target", core::CellType::kText},
                     {"before", core::CellType::kText},
                     {"after", core::CellType::kText}});
  for (const AuditEvent& e : events) {
    table.AddRow({e.id, e.at, e.actor, e.via, e.address, e.action, e.target, e.before, e.after});
  }
  return table;
}

}  // namespace nrs
