#pragma once

// Repositories of accounts: users and the neighbourhoods their roles are limited to, signed-in sessions, and
// the audit trail. Functions over an open Transaction, so that a change and its audit event share one commit.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace nrs::store {

// ---- users ----------------------------------------------------------------------------------------------

struct UserRow {
  std::int64_t id = 0;  // assigned when inserted
  std::string username;
  std::string display_name;
  std::string email;
  std::string role;  // administrator, programme_lead, analyst, facilitator, resident_adviser, oversight_member
  std::string password_hash;
  bool disabled = false;
  bool demo = false;
  std::string created_at;
  std::string updated_at;
  std::string password_changed_at;
  // The neighbourhoods the role is limited to (ids, and the names in the same order); empty: not limited.
  std::vector<std::int64_t> neighbourhood_ids;
  std::vector<std::string> neighbourhood_names;
};

// Inserts the user and its neighbourhoods; returns the id. kAlreadyExists when the username is taken (names
// are compared without regard to case).
Result<std::int64_t> InsertUser(Transaction& tx, const UserRow& user);
// Updates every field but id and created_at, and replaces the neighbourhoods. kNotFound for an unknown id.
Status UpdateUser(Transaction& tx, const UserRow& user);
// By username (any case), or nullopt.
Result<std::optional<UserRow>> FindUser(Transaction& tx, std::string_view username);
Result<std::optional<UserRow>> GetUser(Transaction& tx, std::int64_t id);
// Every user, by username.
Result<std::vector<UserRow>> ListUsers(Transaction& tx);

// ---- sessions -------------------------------------------------------------------------------------------

struct SessionRow {
  std::string token_hash;
  std::int64_t user_id = 0;
  std::string csrf_token;
  std::int64_t created_at = 0;  // seconds since 1970, UTC
  std::int64_t last_seen_at = 0;
  std::int64_t expires_at = 0;
  std::string address;
  std::string user_agent;
};

Status InsertSession(Transaction& tx, const SessionRow& session);
Result<std::optional<SessionRow>> FindSession(Transaction& tx, std::string_view token_hash);
Status TouchSession(Transaction& tx, std::string_view token_hash, std::int64_t last_seen_at);
// Returns the sessions removed.
Result<std::int64_t> DeleteSession(Transaction& tx, std::string_view token_hash);
// Every session of the user but the one whose digest is `except` ("" = none).
Result<std::int64_t> DeleteSessionsOfUser(Transaction& tx, std::int64_t user_id, std::string_view except = {});
// Sessions past their expiry, or idle since before `idle_before`.
Result<std::int64_t> DeleteStaleSessions(Transaction& tx, std::int64_t now, std::int64_t idle_before);

// ---- audit trail ----------------------------------------------------------------------------------------

struct AuditRow {
  std::int64_t id = 0;  // assigned when inserted
  std::string at;       // UTC, ISO 8601
  std::optional<std::int64_t> user_id;
  std::string actor;  // username, or "command line (NAME)"
  std::string via;    // "cli" or "api"
  std::string address;
  std::string action;                 // e.g. "user.create", "import.indicators"
  std::string target;                 // e.g. "user:alice", "dataset:iod2019"
  std::optional<std::string> before;  // JSON
  std::optional<std::string> after;   // JSON
  bool is_public = false;
};

Result<std::int64_t> InsertAudit(Transaction& tx, const AuditRow& event);

struct AuditFilter {
  std::string action_prefix;  // "" = every action; "user." = every user change
  std::string actor;          // "" = anyone
  std::string target;         // "" = anything
  bool public_only = false;
  std::int64_t limit = 100;
  std::int64_t offset = 0;
};
// Newest first.
Result<std::vector<AuditRow>> ListAudit(Transaction& tx, const AuditFilter& filter);
Result<std::int64_t> CountAudit(Transaction& tx, const AuditFilter& filter);

}  // namespace nrs::store
