#include "server/policy.h"

#include <gtest/gtest.h>

#include <map>

namespace nrs::server {
namespace {

TEST(Policy, TableIsInPermissionOrder) {
  const auto policy = Policy();
  for (std::size_t i = 0; i < policy.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(policy[i].permission), i) << policy[i].name;
    EXPECT_EQ(&PolicyOf(policy[i].permission), &policy[i]);
  }
  EXPECT_EQ(policy.back().permission, Permission::kReadAudit);
}

// What each role may do, written out as the product describes it (docs: the roles of docs/product.md): the
// policy table must say exactly this.
TEST(Policy, EachRoleHoldsWhatItNeedsAndNoMore) {
  using enum Permission;
  const std::map<std::string, std::vector<Permission>> expected = {
      {"public", {kPublic}},
      {"administrator",
       {kPublic, kSignedIn, kReadDatabase, kEditNeighbourhoods, kImportData, kComputeStatistics, kAnalyseMaps,
        kRecordActivities, kAnalyseSurveys, kReadAllJobs, kManageUsers, kReadAudit}},
      {"programme_lead",
       {kPublic, kSignedIn, kReadDatabase, kEditNeighbourhoods, kImportData, kComputeStatistics, kAnalyseMaps,
        kRecordActivities, kAnalyseSurveys}},
      {"analyst",
       {kPublic, kSignedIn, kReadDatabase, kEditNeighbourhoods, kImportData, kComputeStatistics, kAnalyseMaps,
        kAnalyseSurveys}},
      {"facilitator", {kPublic, kSignedIn, kAnalyseMaps, kRecordActivities}},
      {"resident_adviser", {kPublic, kSignedIn}},
      {"oversight_member", {kPublic, kSignedIn, kAnalyseMaps}},
  };
  for (const auto& [who, holds] : expected) {
    const std::optional<Role> role = who == "public" ? std::nullopt : std::optional(*ParseRole(who));
    for (const PolicyEntry& p : Policy()) {
      const bool should = std::find(holds.begin(), holds.end(), p.permission) != holds.end();
      EXPECT_EQ(Allows(role, p.permission), should) << who << " / " << p.name;
    }
  }
}

TEST(Policy, PersonalDataAndTheAuditTrailAreForAdministratorsOnly) {
  for (const Role r : kRoles) {
    EXPECT_EQ(Allows(r, Permission::kManageUsers), r == Role::kAdministrator);
    EXPECT_EQ(Allows(r, Permission::kReadAudit), r == Role::kAdministrator);
    // Respondent-level survey data: never for residents' roles.
    EXPECT_EQ(Allows(r, Permission::kAnalyseSurveys),
              r == Role::kAdministrator || r == Role::kProgrammeLead || r == Role::kAnalyst);
  }
  EXPECT_FALSE(Allows(std::nullopt, Permission::kAnalyseSurveys));
  EXPECT_FALSE(Allows(std::nullopt, Permission::kSignedIn));
}

TEST(Policy, ScopeMatchesNamesAndSlugs) {
  EXPECT_TRUE(InScope({}, "anywhere"));
  EXPECT_TRUE(InScope({"Old Swan"}, "old-swan"));
  EXPECT_TRUE(InScope({"Old Swan"}, "Old Swan"));
  EXPECT_TRUE(InScope({"Bidston", "Old Swan"}, "OLD SWAN"));
  EXPECT_FALSE(InScope({"Old Swan"}, "bidston"));
}

}  // namespace
}  // namespace nrs::server
