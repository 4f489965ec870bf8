#pragma once

// Accounts: the people who sign in to the server, each with one role — limited, where it matters, to some
// neighbourhoods — password sign-in (Argon2id through libsodium), sessions, and the demo accounts. Every change
// is recorded in the audit trail (include/nrs/audit.h) in the same transaction. What each role may do is the
// server's policy table (src/server/policy.cc); the public, who do not sign in, have no account.
//
//   NRS_ASSIGN_OR_RETURN(UserWithPassword added, AddUser(app, {.username = "amira", .role = Role::kAnalyst}));
//   // added.password was generated: show it once, it is stored only as a hash.

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/table.h"
#include "nrs/app.h"

namespace nrs {

enum class Role : std::uint8_t {
  kAdministrator,    // accounts, the audit trail, everything else
  kProgrammeLead,    // council officer: the portfolio of neighbourhoods, imports of the council's data
  kAnalyst,          // imports, statistics, indices, survey estimates, system maps
  kFacilitator,      // CoReN facilitator: Resident Advisers, events, enquiries of their neighbourhoods
  kResidentAdviser,  // their place's profile, concerns and field findings
  kOversightMember,  // Local Oversight Group: concerns, topics, action plans and follow-up
};

inline constexpr std::array kRoles = {Role::kAdministrator, Role::kProgrammeLead,   Role::kAnalyst,
                                      Role::kFacilitator,   Role::kResidentAdviser, Role::kOversightMember};

// "administrator", "programme_lead", "analyst", "facilitator", "resident_adviser", "oversight_member".
std::string_view RoleName(Role role);
// "Administrator", "Programme lead (council officer)", …
std::string_view RoleTitle(Role role);
// Errors: kInvalidArgument listing the roles.
Result<Role> ParseRole(std::string_view name);

struct User {
  std::int64_t id = 0;
  std::string username{};
  std::string display_name{};
  std::string email{};
  Role role = Role::kAnalyst;
  std::vector<std::string> neighbourhoods{};  // names of the neighbourhoods the role is limited to; empty: all
  bool disabled = false;
  bool demo = false;  // a demo account (demo databases only)
  std::string created_at{};
  std::string updated_at{};
  std::string password_changed_at{};
};

inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 1024;  // bytes; longer inputs are refused, not truncated

// OK when `password` is acceptable; kInvalidArgument saying why not.
Status CheckPassword(std::string_view password);

struct AddUserOptions {
  std::string username{};  // 1–64 of letters, digits, '.', '-', '_', '@'; unique without regard to case
  std::string display_name{};
  std::string email{};
  Role role = Role::kAnalyst;
  std::vector<std::string> neighbourhoods{};  // names or slugs (not for administrators)
  std::string password{};                     // "" = generate one
  Actor actor = Actor::CommandLine();

  Status Validate() const;
};

struct UserWithPassword {
  User user{};
  std::string password{};  // the generated password, to be shown once; "" when the caller chose it
};

// Errors: kInvalidArgument (options; an unknown neighbourhood), kAlreadyExists (the username is taken).
Result<UserWithPassword> AddUser(App& app, const AddUserOptions& options);

// Every user, by username.
Result<std::vector<User>> ListUsers(App& app);
// Errors: kNotFound.
Result<User> GetUser(App& app, std::string_view username);

struct UpdateUserOptions {
  std::string username{};  // whom to change
  std::optional<std::string> display_name{};
  std::optional<std::string> email{};
  std::optional<Role> role{};
  std::optional<std::vector<std::string>> neighbourhoods{};
  std::optional<bool> disabled{};
  Actor actor = Actor::CommandLine();

  Status Validate() const;
};

// Changes what is set. Disabling a user ends their sessions. Errors: kNotFound; kInvalidArgument; kConflict when
// the change would leave no enabled administrator.
Result<User> UpdateUser(App& app, const UpdateUserOptions& options);

struct ResetPasswordOptions {
  std::string username{};
  std::string password{};  // "" = generate one
  Actor actor = Actor::CommandLine();

  Status Validate() const;
};

// Sets a new password and ends every session of the user. Errors: kNotFound, kInvalidArgument.
Result<UserWithPassword> ResetPassword(App& app, const ResetPasswordOptions& options);

struct ChangePasswordOptions {
  std::int64_t user_id = 0;
  std::string current_password{};
  std::string new_password{};
  std::string keep_session{};  // this session token stays signed in; the user's other sessions end
  Actor actor = Actor::CommandLine();

  Status Validate() const;
};

// A user changing their own password. Errors: kUnauthenticated (the current password is wrong),
// kInvalidArgument (the new one is not acceptable).
Status ChangePassword(App& app, const ChangePasswordOptions& options);

// username, display_name, email, role, neighbourhoods, disabled, demo, created_at, password_changed_at.
core::Table UserTable(const std::vector<User>& users);

// ---- sessions -------------------------------------------------------------------------------------------

struct SessionPolicy {
  std::chrono::seconds lifetime{std::chrono::hours(12)};  // from sign-in, however active
  std::chrono::seconds idle{std::chrono::hours(2)};       // without a request

  Status Validate() const;
};

struct LoginOptions {
  std::string username{};
  std::string password{};
  std::string address{};     // the client's, recorded
  std::string user_agent{};  // recorded
  SessionPolicy policy;

  Status Validate() const;
};

struct Session {
  std::string token{};       // the session's secret (for a cookie): exists only here, the database keeps a digest
  std::string csrf_token{};  // to be sent back with every state-changing request
  User user{};
  std::int64_t expires_at = 0;  // seconds since 1970, UTC
};

// Errors: kUnauthenticated for an unknown user, a wrong password or a disabled account — one message for all
// three, and the same work, so that usernames cannot be probed. Successes and failures are audited
// (session.login, session.login_failed).
Result<Session> Login(App& app, const LoginOptions& options);

struct SessionUser {
  User user{};
  std::string csrf_token{};
  std::int64_t expires_at = 0;
};

// The user of a session token. Errors: kUnauthenticated when the session is unknown, ended, expired or idle for
// longer than the policy allows, or its user is disabled.
Result<SessionUser> Authenticate(App& app, std::string_view token, const SessionPolicy& policy);

// Ends the session (audited as session.logout). Unknown tokens are not an error.
Status Logout(App& app, std::string_view token, const Actor& actor);

// ---- demo accounts --------------------------------------------------------------------------------------

struct DemoAccount {
  std::string username{};  // demo-admin, demo-lead, demo-analyst, demo-facilitator, demo-adviser, demo-oversight
  Role role = Role::kAdministrator;
  std::vector<std::string> neighbourhoods{};
  std::string password{};  // fresh and random at every call; stored only as a hash
};

// A demo database only (one created with the demo data): makes sure there is one demo account per role —
// scoped roles limited to the first programme neighbourhood — and gives each a fresh random password.
// Errors: kInvalidArgument when the database is not a demo database.
Result<std::vector<DemoAccount>> PrepareDemoAccounts(App& app, const Actor& actor);

}  // namespace nrs
