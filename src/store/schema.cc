#include "store/schema.h"

#include <array>

namespace nrs::store {
namespace {

// Append only: a released migration is never edited, because databases in the field already ran it.
constexpr std::array kMigrations = {
    Migration{1, "foundation: metadata, migrations and dataset provenance", R"sql(
CREATE TABLE nrs_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE schema_migrations (
  version     INTEGER PRIMARY KEY,
  description TEXT NOT NULL,
  applied_at  TEXT NOT NULL
);

-- Every dataset loaded into the database, with where it came from, so any figure can be traced to its source.
CREATE TABLE dataset (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,
  name        TEXT NOT NULL UNIQUE,
  source      TEXT NOT NULL,
  publisher   TEXT NOT NULL DEFAULT '',
  licence     TEXT NOT NULL DEFAULT '',
  rows        INTEGER NOT NULL CHECK (rows >= 0),
  imported_at TEXT NOT NULL
);
)sql"},
};

constexpr bool VersionsAreConsecutive() {
  for (std::size_t i = 0; i < kMigrations.size(); ++i) {
    if (kMigrations[i].version != static_cast<int>(i) + 1) return false;
  }
  return true;
}
static_assert(VersionsAreConsecutive(), "migration versions must be 1, 2, 3 … in order");

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

int LatestSchemaVersion() { return kMigrations.back().version; }

}  // namespace nrs::store
