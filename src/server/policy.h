#pragma once

// Who may do what: the one policy table. Every route names one permission; this table says which roles hold
// it. The route × role test walks every route as every role (and as the public) over real HTTP and checks
// that exactly the roles listed here get through.
//
// Personal data — users' email addresses today; Resident Advisers' contact and payment details and
// respondent-level survey data as those capabilities arrive — sits behind permissions only the roles that need
// it hold.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "nrs/accounts.h"

namespace nrs::server {

enum class Permission : std::uint8_t {
  kPublic,              // anyone, signed in or not: published profiles, neighbourhoods, indicators, areas
  kSignedIn,            // any account: one's session, password and jobs
  kReadDatabase,        // what the database holds (file, tables, schema)
  kEditNeighbourhoods,  // define neighbourhoods
  kImportData,          // import geography, population, boundaries, indicators
  kComputeStatistics,   // public-health statistics over uploaded data
  kAnalyseMaps,         // measures, loops and paths of actor and factor maps (uploaded, or a neighbourhood's)
  kRecordActivities,    // add activities and actions to the register
  kAnalyseSurveys,      // design-based estimates from respondent-level survey data (personal data)
  kReadAllJobs,         // every user's jobs, not only one's own
  kManageUsers,         // accounts and roles (users' email addresses are personal data)
  kReadAudit,           // the audit trail
};

struct PolicyEntry {
  Permission permission;
  std::string_view name;         // wire name, e.g. "import_data"
  std::string_view description;  // for the OpenAPI document and GET /api/v1/roles
  bool anonymous;                // the public (no account) holds it
  std::vector<Role> roles;       // the roles that hold it
};

// The table, one entry per permission in enumeration order.
std::span<const PolicyEntry> Policy();
const PolicyEntry& PolicyOf(Permission permission);

// Whether `role` (nullopt: the public, not signed in) holds `permission`.
bool Allows(std::optional<Role> role, Permission permission);

// Whether a user limited to `scope` (names of neighbourhoods; empty: not limited) may act on the neighbourhood
// named or slugged `neighbourhood`.
bool InScope(const std::vector<std::string>& scope, std::string_view neighbourhood);

}  // namespace nrs::server
