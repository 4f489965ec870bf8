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
    Migration{2, "places: areas, hierarchy, population, boundaries, indicators, neighbourhoods", R"sql(
-- Statistical and administrative areas. `type` is the area type with its vintage ('lsoa11', 'wd19', 'lad19',
-- 'rgn', 'ctry'): an LSOA 2011 and an LSOA 2021 of the same code are different areas.
CREATE TABLE area (
  id   INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  UNIQUE (type, code)
);

-- Best-fit lookups: each area has at most one parent of each type.
CREATE TABLE area_parent (
  area_id     INTEGER NOT NULL REFERENCES area(id) ON DELETE CASCADE,
  parent_type TEXT NOT NULL,
  parent_id   INTEGER NOT NULL REFERENCES area(id) ON DELETE CASCADE,
  PRIMARY KEY (area_id, parent_type)
) WITHOUT ROWID;
CREATE INDEX area_parent_by_parent ON area_parent(parent_id);

-- Population estimates by sex and age band; age_to NULL is an open band ("90 and over").
-- The two bulk tables (population, indicator_value) carry no foreign-key clauses: the imports resolve every
-- id against the loaded areas and catalogue, and the checks would double the cost of loading a million
-- values. Deleting an area or indicator removes its rows through the triggers below; `nrs info --check`
-- looks for orphans.
CREATE TABLE population (
  area_id  INTEGER NOT NULL,
  period   TEXT NOT NULL,
  sex      TEXT NOT NULL CHECK (sex IN ('female', 'male', 'all')),
  age_from INTEGER NOT NULL CHECK (age_from >= 0),
  age_to   INTEGER CHECK (age_to IS NULL OR age_to >= age_from),
  count    REAL NOT NULL CHECK (count >= 0),
  PRIMARY KEY (area_id, period, sex, age_from)
) WITHOUT ROWID;

-- The periods of the population estimates and each area's total, kept by every import (so "the latest
-- period" reads one row and a total one row instead of its age bands).
CREATE TABLE population_period (
  period TEXT PRIMARY KEY,
  areas  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE population_total (
  period  TEXT NOT NULL,
  area_id INTEGER NOT NULL,
  count   REAL NOT NULL,
  PRIMARY KEY (period, area_id)
) WITHOUT ROWID;

-- Boundaries in WGS84 longitude/latitude as WKB, with the bounding box and an anchor point inside the area
-- (its population-weighted centroid when imported, otherwise a point on its surface).
CREATE TABLE area_boundary (
  area_id       INTEGER PRIMARY KEY REFERENCES area(id) ON DELETE CASCADE,
  geometry      BLOB NOT NULL,
  min_x REAL NOT NULL, min_y REAL NOT NULL, max_x REAL NOT NULL, max_y REAL NOT NULL,
  anchor_x      REAL NOT NULL,
  anchor_y      REAL NOT NULL,
  anchor_source TEXT NOT NULL CHECK (anchor_source IN ('point_on_surface', 'population_weighted_centroid'))
);

CREATE TABLE indicator (
  id           INTEGER PRIMARY KEY,
  key          TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  description  TEXT NOT NULL DEFAULT '',
  domains      TEXT NOT NULL DEFAULT '',
  unit         TEXT NOT NULL DEFAULT '',
  value_type   TEXT NOT NULL CHECK (value_type IN ('count', 'proportion', 'rate', 'score', 'rank', 'decile')),
  multiplier   REAL NOT NULL DEFAULT 1 CHECK (multiplier > 0),
  polarity     TEXT NOT NULL CHECK (polarity IN ('high_is_good', 'low_is_good', 'no_judgement')),
  source       TEXT NOT NULL DEFAULT '',
  period       TEXT NOT NULL DEFAULT '',
  area_type    TEXT NOT NULL DEFAULT '',
  columns      TEXT NOT NULL DEFAULT '',
  numerator    TEXT NOT NULL DEFAULT '',
  denominator  TEXT NOT NULL DEFAULT '',
  weight       TEXT NOT NULL DEFAULT '',
  rank_count   INTEGER NOT NULL DEFAULT 0 CHECK (rank_count >= 0),
  profile      INTEGER NOT NULL DEFAULT 1 CHECK (profile IN (0, 1))
);

CREATE TABLE indicator_value (
  indicator_id INTEGER NOT NULL,
  area_id      INTEGER NOT NULL,
  period       TEXT NOT NULL,
  value        REAL,
  numerator    REAL,
  denominator  REAL,
  PRIMARY KEY (indicator_id, period, area_id)
) WITHOUT ROWID;

-- The periods each indicator has values for, and for how many areas: kept by every import, so that
-- listing periods never scans the values.
CREATE TABLE indicator_period (
  indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
  period       TEXT NOT NULL,
  areas        INTEGER NOT NULL,
  PRIMARY KEY (indicator_id, period)
) WITHOUT ROWID;

-- Small-area values aggregated to the larger areas that contain them (councils, regions, countries), one row
-- per summary measure; rebuilt in the same transaction as every import that changes their inputs, so a
-- profile reads England's figure instead of re-aggregating 32,844 LSOAs.
CREATE TABLE indicator_aggregate (
  indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
  area_id      INTEGER NOT NULL REFERENCES area(id) ON DELETE CASCADE,
  period       TEXT NOT NULL,
  measure      TEXT NOT NULL,
  value        REAL,
  numerator    REAL,
  denominator  REAL,
  areas        INTEGER NOT NULL,
  missing      INTEGER NOT NULL,
  PRIMARY KEY (indicator_id, period, area_id, measure)
) WITHOUT ROWID;
CREATE INDEX indicator_aggregate_by_area ON indicator_aggregate(area_id);

CREATE TRIGGER area_deleted AFTER DELETE ON area BEGIN
  DELETE FROM population WHERE area_id = old.id;
  DELETE FROM population_total WHERE area_id = old.id;
  DELETE FROM indicator_value WHERE area_id = old.id;
END;
CREATE TRIGGER indicator_deleted AFTER DELETE ON indicator BEGIN
  DELETE FROM indicator_value WHERE indicator_id = old.id;
END;

CREATE TABLE neighbourhood (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE,
  slug            TEXT NOT NULL UNIQUE,
  council_area_id INTEGER REFERENCES area(id),
  class           TEXT NOT NULL CHECK (class IN ('programme', 'comparison', 'better_off')),
  description     TEXT NOT NULL DEFAULT '',
  definition      TEXT NOT NULL CHECK (definition IN ('lsoas', 'wards', 'polygon')),
  definition_codes TEXT NOT NULL DEFAULT '',
  comparison_id   INTEGER REFERENCES neighbourhood(id) ON DELETE SET NULL,
  boundary        BLOB,
  created_at      TEXT NOT NULL
);

CREATE TABLE neighbourhood_area (
  neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhood(id) ON DELETE CASCADE,
  area_id          INTEGER NOT NULL REFERENCES area(id),
  PRIMARY KEY (neighbourhood_id, area_id)
) WITHOUT ROWID;
)sql"},
    Migration{3, "system maps, the register of activities and actions, neighbourhood-level indicator values", R"sql(
-- Values measured for a neighbourhood as a whole rather than summed from its small areas: survey estimates,
-- system-map measures. Indicators of the catalogue with area_type 'neighbourhood'.
CREATE TABLE neighbourhood_value (
  indicator_id     INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
  neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhood(id) ON DELETE CASCADE,
  period           TEXT NOT NULL,
  value            REAL,
  lower_95         REAL,
  upper_95         REAL,
  lower_998        REAL,
  upper_998        REAL,
  method           TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (indicator_id, neighbourhood_id, period)
) WITHOUT ROWID;

-- Actor maps: who works with whom in a neighbourhood. People are recorded with the least personal data that
-- serves: `label` is optional, `role` required.
CREATE TABLE actor (
  id               INTEGER PRIMARY KEY,
  neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhood(id) ON DELETE CASCADE,
  key              TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('person', 'organisation')),
  label            TEXT NOT NULL DEFAULT '',
  sector           TEXT NOT NULL,
  role             TEXT NOT NULL,
  influence        REAL,
  domains          TEXT NOT NULL DEFAULT '',
  UNIQUE (neighbourhood_id, key)
);

CREATE TABLE relationship (
  id               INTEGER PRIMARY KEY,
  neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhood(id) ON DELETE CASCADE,
  source_id        INTEGER NOT NULL REFERENCES actor(id) ON DELETE CASCADE,
  target_id        INTEGER NOT NULL REFERENCES actor(id) ON DELETE CASCADE,
  mutual           INTEGER NOT NULL DEFAULT 0 CHECK (mutual IN (0, 1)),
  type             TEXT NOT NULL DEFAULT '',
  strength         REAL NOT NULL DEFAULT 1,
  valid_from       TEXT NOT NULL DEFAULT '',
  valid_to         TEXT NOT NULL DEFAULT '',
  recorded_by      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX relationship_by_neighbourhood ON relationship(neighbourhood_id);

-- Causal factor maps: factors and signed links, drawn by a group at an event.
CREATE TABLE factor (
  id               INTEGER PRIMARY KEY,
  neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhood(id) ON DELETE CASCADE,
  key              TEXT NOT NULL,
  label            TEXT NOT NULL DEFAULT '',
  domain           TEXT NOT NULL DEFAULT '',
  indicator_key    TEXT NOT NULL DEFAULT '',
  UNIQUE (neighbourhood_id, key)
);

CREATE TABLE factor_link (
  id               INTEGER PRIMARY KEY,
  neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhood(id) ON DELETE CASCADE,
  source_id        INTEGER NOT NULL REFERENCES factor(id) ON DELETE CASCADE,
  target_id        INTEGER NOT NULL REFERENCES factor(id) ON DELETE CASCADE,
  sign             INTEGER NOT NULL CHECK (sign IN (-1, 1)),
  recorded_by      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX factor_link_by_neighbourhood ON factor_link(neighbourhood_id);

-- The register: activities already running in a neighbourhood and actions — new work or a tweak to an
-- activity — with the framework domains they serve ('tagged') or are reported to affect ('affects').
CREATE TABLE activity (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('activity', 'action')),
  title       TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  status      TEXT NOT NULL CHECK (status IN ('proposed', 'planned', 'under way', 'done', 'stopped')),
  start_date  TEXT NOT NULL DEFAULT '',
  end_date    TEXT NOT NULL DEFAULT '',
  cost        REAL,
  tweak_of    INTEGER REFERENCES activity(id) ON DELETE SET NULL,
  evidence    TEXT NOT NULL DEFAULT '',
  indicators  TEXT NOT NULL DEFAULT '',
  illustrative INTEGER NOT NULL DEFAULT 0 CHECK (illustrative IN (0, 1)),
  created_at  TEXT NOT NULL
);

CREATE TABLE activity_neighbourhood (
  activity_id      INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhood(id) ON DELETE CASCADE,
  PRIMARY KEY (activity_id, neighbourhood_id)
) WITHOUT ROWID;

CREATE TABLE activity_domain (
  activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  framework   TEXT NOT NULL,
  domain      TEXT NOT NULL,
  relation    TEXT NOT NULL CHECK (relation IN ('tagged', 'affects')),
  PRIMARY KEY (activity_id, framework, domain, relation)
) WITHOUT ROWID;

CREATE TABLE activity_actor (
  activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  actor_id    INTEGER NOT NULL REFERENCES actor(id) ON DELETE CASCADE,
  role        TEXT NOT NULL CHECK (role IN ('lead', 'partner')),
  PRIMARY KEY (activity_id, actor_id)
) WITHOUT ROWID;
)sql"},
    Migration{4, "index: stored runs of composite indices over neighbourhoods, with rank intervals", R"sql(
-- One build of a composite index over the stored neighbourhoods. `parameters` is the build's log as JSON (every
-- step with its parameters), so the run can be rebuilt; `uncertainty` the Monte Carlo settings ('' when none).
CREATE TABLE index_run (
  id          INTEGER PRIMARY KEY,
  framework   TEXT NOT NULL,
  source      TEXT NOT NULL,
  parameters  TEXT NOT NULL,
  uncertainty TEXT NOT NULL DEFAULT '',
  units       INTEGER NOT NULL CHECK (units >= 0),
  created_at  TEXT NOT NULL
);

-- Per run, neighbourhood and aggregate (the index, its domains …): the score and rank, and for the index the
-- median and 5th–95th percentile ranks of the uncertainty analysis.
CREATE TABLE index_result (
  run_id           INTEGER NOT NULL REFERENCES index_run(id) ON DELETE CASCADE,
  neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhood(id) ON DELETE CASCADE,
  node             TEXT NOT NULL,
  node_name        TEXT NOT NULL DEFAULT '',
  level            INTEGER NOT NULL,
  score            REAL NOT NULL,
  rank             REAL NOT NULL,
  median_rank      REAL,
  rank_p5          REAL,
  rank_p95         REAL,
  PRIMARY KEY (run_id, neighbourhood_id, node)
) WITHOUT ROWID;
)sql"},
    Migration{5, "accounts: users, their neighbourhoods, sessions and the audit trail", R"sql(
-- People who sign in to the server, each with one role. Passwords are kept only as Argon2id hashes (in
-- libsodium's encoded form, which names its own parameters). Users are disabled, never deleted, so that the
-- audit trail keeps naming them.
CREATE TABLE app_user (
  id                  INTEGER PRIMARY KEY,
  username            TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name        TEXT NOT NULL DEFAULT '',
  email               TEXT NOT NULL DEFAULT '',
  role                TEXT NOT NULL CHECK (role IN ('administrator', 'programme_lead', 'analyst', 'facilitator',
                                                    'resident_adviser', 'oversight_member')),
  password_hash       TEXT NOT NULL,
  disabled            INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  demo                INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
);

-- The neighbourhoods a user's role is limited to; a user without rows here is not limited.
CREATE TABLE user_neighbourhood (
  user_id          INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhood(id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, neighbourhood_id)
) WITHOUT ROWID;

-- Signed-in sessions. Only a hash of the session token is stored, so a copy of the database opens no
-- session. Times in seconds since 1970 (UTC).
CREATE TABLE session (
  token_hash   TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  csrf_token   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  address      TEXT NOT NULL DEFAULT '',
  user_agent   TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX session_by_user ON session(user_id);

-- The audit trail: every change, who made it (a user, or the command line), when, and the item before and
-- after (JSON). `public` marks the events residents may see ("you said, we did"). Append only.
CREATE TABLE audit_event (
  id       INTEGER PRIMARY KEY,
  at       TEXT NOT NULL,
  user_id  INTEGER REFERENCES app_user(id),
  actor    TEXT NOT NULL,
  via      TEXT NOT NULL CHECK (via IN ('cli', 'api')),
  address  TEXT NOT NULL DEFAULT '',
  action   TEXT NOT NULL,
  target   TEXT NOT NULL DEFAULT '',
  before   TEXT,
  after    TEXT,
  public   INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1))
);
CREATE INDEX audit_event_by_action ON audit_event(action);
CREATE TRIGGER audit_event_kept BEFORE UPDATE ON audit_event BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_event_not_deleted BEFORE DELETE ON audit_event BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
)sql"},
    Migration{6, "resident surveys: stored responses with their design, survey areas and neighbourhoods", R"sql(
-- A resident survey stored for estimation. Respondent-level rows are personal data: only what estimates need
-- is kept (no respondent ids; households and panel members under codes made at import), and only the
-- estimation use cases read them, every output of which passes disclosure control. The design: which stored
-- variables hold the weight, stratum, cluster, fpc and panel ('' when none).
CREATE TABLE survey (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  dataset_id  INTEGER NOT NULL REFERENCES dataset(id),
  instrument  TEXT NOT NULL,
  synthetic   INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
  area        TEXT NOT NULL,
  wave        TEXT NOT NULL,
  weight      TEXT NOT NULL,
  stratum     TEXT NOT NULL DEFAULT '',
  cluster     TEXT NOT NULL DEFAULT '',
  fpc         TEXT NOT NULL DEFAULT '',
  panel       TEXT NOT NULL DEFAULT '',
  respondents INTEGER NOT NULL CHECK (respondents >= 0),
  created_at  TEXT NOT NULL
);

-- The variables kept per respondent besides area, wave and weight, in the order of survey_respondent.answers:
-- design columns, attributes (sex, age band …), the instrument's items and its scales (scored at import).
-- Scales carry what publishing them as indicators needs.
CREATE TABLE survey_variable (
  survey_id INTEGER NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  position  INTEGER NOT NULL CHECK (position >= 0),
  name      TEXT NOT NULL,
  kind      TEXT NOT NULL CHECK (kind IN ('design', 'attribute', 'item', 'scale', 'band')),
  label     TEXT NOT NULL DEFAULT '',
  statistic TEXT NOT NULL DEFAULT '' CHECK (statistic IN ('', 'mean', 'proportion')),
  polarity  TEXT NOT NULL DEFAULT 'no_judgement' CHECK (polarity IN ('high_is_good', 'low_is_good', 'no_judgement')),
  domain    TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (survey_id, position),
  UNIQUE (survey_id, name)
) WITHOUT ROWID;

-- The areas a survey sampled (a neighbourhood, a comparison area, a better-off area), linked to the
-- neighbourhood they are, when the database holds it.
CREATE TABLE survey_area (
  survey_id        INTEGER NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  code             TEXT NOT NULL,
  name             TEXT NOT NULL DEFAULT '',
  class            TEXT NOT NULL DEFAULT '',
  neighbourhood_id INTEGER REFERENCES neighbourhood(id) ON DELETE SET NULL,
  respondents      INTEGER NOT NULL CHECK (respondents > 0),
  PRIMARY KEY (survey_id, code)
) WITHOUT ROWID;

-- One row per respondent: `answers` holds the survey_variable values in position order, separated by U+001F.
CREATE TABLE survey_respondent (
  survey_id INTEGER NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  row       INTEGER NOT NULL CHECK (row > 0),
  area      TEXT NOT NULL,
  wave      TEXT NOT NULL,
  weight    REAL NOT NULL CHECK (weight > 0),
  answers   TEXT NOT NULL,
  PRIMARY KEY (survey_id, row)
) WITHOUT ROWID;
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
