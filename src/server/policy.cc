#include "server/policy.h"

#include <algorithm>
#include <array>
#include <cassert>

#include "core/ids.h"

namespace nrs::server {
namespace {

using enum Role;

// The policy. Reasons: the public sees what a programme publishes (profiles of places, never personal data);
// analysts and programme leads work with the evidence (respondent-level survey data among it); facilitators and
// oversight-group members map the actors and factors of their neighbourhoods with residents, and facilitators
// keep the register of what is done there; only administrators see accounts and the audit trail.
const std::array<PolicyEntry, 12> kPolicy = {{
    {Permission::kPublic,
     "public",
     "Anyone, signed in or not",
     true,
     {kAdministrator, kProgrammeLead, kAnalyst, kFacilitator, kResidentAdviser, kOversightMember}},
    {Permission::kSignedIn,
     "signed_in",
     "Any signed-in user",
     false,
     {kAdministrator, kProgrammeLead, kAnalyst, kFacilitator, kResidentAdviser, kOversightMember}},
    {Permission::kReadDatabase,
     "read_database",
     "See what the database holds",
     false,
     {kAdministrator, kProgrammeLead, kAnalyst}},
    {Permission::kEditNeighbourhoods,
     "edit_neighbourhoods",
     "Define neighbourhoods",
     false,
     {kAdministrator, kProgrammeLead, kAnalyst}},
    {Permission::kImportData,
     "import_data",
     "Import geography, population, boundaries and indicators",
     false,
     {kAdministrator, kProgrammeLead, kAnalyst}},
    {Permission::kComputeStatistics,
     "compute_statistics",
     "Compute public-health statistics",
     false,
     {kAdministrator, kProgrammeLead, kAnalyst}},
    {Permission::kAnalyseMaps,
     "analyse_maps",
     "Analyse actor and factor maps",
     false,
     {kAdministrator, kProgrammeLead, kAnalyst, kFacilitator, kOversightMember}},
    {Permission::kRecordActivities,
     "record_activities",
     "Add activities and actions to the register",
     false,
     {kAdministrator, kProgrammeLead, kFacilitator}},
    {Permission::kAnalyseSurveys,
     "analyse_surveys",
     "Estimate from respondent-level survey data (personal data)",
     false,
     {kAdministrator, kProgrammeLead, kAnalyst}},
    {Permission::kReadAllJobs, "read_all_jobs", "See every user's jobs", false, {kAdministrator}},
    {Permission::kManageUsers, "manage_users", "Manage accounts and roles (personal data)", false, {kAdministrator}},
    {Permission::kReadAudit, "read_audit", "Read the audit trail", false, {kAdministrator}},
}};

}  // namespace

std::span<const PolicyEntry> Policy() { return kPolicy; }

const PolicyEntry& PolicyOf(Permission permission) {
  const PolicyEntry& entry = kPolicy[static_cast<std::size_t>(permission)];
  assert(entry.permission == permission);
  return entry;
}

bool Allows(std::optional<Role> role, Permission permission) {
  const PolicyEntry& entry = PolicyOf(permission);
  if (!role) return entry.anonymous;
  return std::find(entry.roles.begin(), entry.roles.end(), *role) != entry.roles.end();
}

bool InScope(const std::vector<std::string>& scope, std::string_view neighbourhood) {
  if (scope.empty()) return true;
  const std::string wanted = core::Slugify(neighbourhood);
  return std::any_of(scope.begin(), scope.end(),
                     [&](const std::string& name) { return core::Slugify(name) == wanted; });
}

}  // namespace nrs::server
