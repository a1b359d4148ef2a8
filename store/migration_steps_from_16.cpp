// The SQLite schema's steps from version 16 on: a project across two organisations, and what the
// product gained after it (owners, claims, shared limits, dates, documents, templates,
// availability, reviews, the sponsor, reports). Step 16 is the first element.
#include <array>

#include "store/migration_steps.hpp"

namespace accord::store {
namespace {

// Append only: a released step never changes, a new need is a new step.
constexpr std::array kLaterSteps = {
    // 16: a project spans organisations: more than one home (conversation), each person reached
    // on the platform and workspace they were added from, and one-time codes that link a home.
    R"sql(
CREATE TABLE project_homes (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  platform   TEXT NOT NULL,
  workspace  TEXT NOT NULL,
  channel    TEXT NOT NULL,
  linked_by  TEXT NOT NULL,
  linked_at  INTEGER NOT NULL,
  UNIQUE (platform, workspace, channel)
);
CREATE INDEX project_homes_by_project ON project_homes (project_id);
INSERT INTO project_homes (project_id, platform, workspace, channel, linked_by, linked_at)
  SELECT id, platform, workspace, channel, created_by, created_at FROM projects ORDER BY id;
CREATE TABLE project_people (
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  user_id    TEXT NOT NULL,
  platform   TEXT NOT NULL,
  workspace  TEXT NOT NULL,
  PRIMARY KEY (project_id, user_id)
);
INSERT INTO project_people (project_id, user_id, platform, workspace)
  SELECT DISTINCT r.project_id, r.user_id, p.platform, p.workspace
  FROM roles r JOIN projects p ON p.id = r.project_id;
CREATE TABLE link_codes (
  code_hash  TEXT PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  role       TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_by    TEXT,
  used_at    INTEGER
);
)sql",
    // 17: people's names as their own platform last showed them, so a message on the other
    // platform can name them (a mention cannot cross platforms).
    R"sql(
CREATE TABLE person_names (
  platform   TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  name       TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (platform, user_id)
);
)sql",
    // 18: a task's owner: the one person of the team who does it (empty: nobody yet).
    R"sql(
ALTER TABLE tasks ADD COLUMN owner TEXT NOT NULL DEFAULT '';
CREATE INDEX tasks_by_owner ON tasks (project_id, owner);
)sql",
    // 19: an outbox row's claim: the replica delivering it (claimed_by, its name and start) and
    // until when (claimed_until, the lease). Every outcome clears both; a replica that died loses
    // its claims when the lease ends. Also in postgresql_migrations.cpp.
    R"sql(
ALTER TABLE outbox ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN claimed_until INTEGER NOT NULL DEFAULT 0;
)sql",
    // 20: limits on sending shared by every replica (delivery_limits.hpp): per channel, when the
    // next post may go; per rate-limited method, when it may be called again. Also in
    // postgresql_migrations.cpp.
    R"sql(
CREATE TABLE delivery_limits (
  limit_key  TEXT PRIMARY KEY,
  not_before INTEGER NOT NULL
);
)sql",
    // 21: the rows being delivered, by when their claim ends: when the worker may next have
    // work, found without reading every row that waits (Outbox::next_due). Claimed rows are a
    // pass's worth; a backlog of thousands is not in this index. Also in postgresql_migrations.cpp.
    R"sql(
CREATE INDEX outbox_claimed ON outbox (claimed_until) WHERE claimed_until > 0;
)sql",
    // 22: dates set by the people who do the work (DESIGN §3.9): a task's delivery date (dev or
    // lead) and testing date (qa), and releases with the deployment date the pm plans, each
    // with the tasks it ships. Dates are YYYY-MM-DD in the project's calendar. Also in
    // postgresql_migrations.cpp.
    R"sql(
ALTER TABLE tasks ADD COLUMN due_date TEXT;
ALTER TABLE tasks ADD COLUMN test_due_date TEXT;
CREATE TABLE releases (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  number      INTEGER NOT NULL,
  name        TEXT NOT NULL,
  deploy_date TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'planned',
  created_by  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  UNIQUE (project_id, number)
);
CREATE TABLE release_tasks (
  release_id INTEGER NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
  task_id    INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  PRIMARY KEY (release_id, task_id)
);
)sql",
    // 23: links to the project's documents, each for some roles (audience: role names separated
    // by commas; empty for everyone on the project); at most one marked where to test (DESIGN
    // §3.9). Also in postgresql_migrations.cpp.
    R"sql(
CREATE TABLE documents (
  id            INTEGER PRIMARY KEY,
  project_id    INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  number        INTEGER NOT NULL,
  title         TEXT NOT NULL,
  url           TEXT NOT NULL,
  audience      TEXT NOT NULL DEFAULT '',
  where_to_test INTEGER NOT NULL DEFAULT 0,
  added_by      TEXT NOT NULL,
  added_at      INTEGER NOT NULL,
  UNIQUE (project_id, number)
);
)sql",
    // 24: a project's task templates and recurring cases, by name (criteria: a JSON array of
    // strings). Also in postgresql_migrations.cpp.
    R"sql(
CREATE TABLE task_templates (
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  title      TEXT NOT NULL DEFAULT '',
  kind       TEXT NOT NULL,
  story      TEXT NOT NULL DEFAULT '',
  criteria   TEXT NOT NULL DEFAULT '[]',
  added_by   TEXT NOT NULL,
  added_at   INTEGER NOT NULL,
  PRIMARY KEY (project_id, name)
);
)sql",
    // 25: when each person takes requests in a project: availability windows as text
    // ("mon,wed,fri 10:00-12:00"), in the person's own zone. Also in postgresql_migrations.cpp.
    R"sql(
CREATE TABLE availability (
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  user_id    TEXT NOT NULL,
  windows    TEXT NOT NULL,
  set_at     INTEGER NOT NULL,
  PRIMARY KEY (project_id, user_id)
);
)sql",
    // 26: the customer's review of a planned sprint's priorities: when asked, who confirmed.
    // Also in postgresql_migrations.cpp.
    R"sql(
CREATE TABLE sprint_reviews (
  sprint_id    INTEGER PRIMARY KEY REFERENCES sprints (id) ON DELETE CASCADE,
  asked_at     INTEGER NOT NULL,
  confirmed_by TEXT NOT NULL DEFAULT '',
  confirmed_at INTEGER
);
)sql",
    // 27: when the sponsor was last told of each customer decision left waiting (item: "CR-2",
    // "T-4#7" for an acceptance request), so each repeats at most weekly. Also in
    // postgresql_migrations.cpp.
    R"sql(
CREATE TABLE sponsor_notices (
  project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  item        TEXT NOT NULL,
  notified_at INTEGER NOT NULL,
  PRIMARY KEY (project_id, item)
);
)sql",
    // 28: a running sprint's burn-down, one row per day (the project's date): the hours planned
    // and still open at its end; and the project page's personal links (one use) and the
    // sessions they open (a cookie), each for one person in one project. Also in
    // postgresql_migrations.cpp, where exports.body also becomes bytes for chart images (SQLite
    // keeps
    // a blob as it is bound, whatever the column's declared type).
    R"sql(
CREATE TABLE sprint_snapshots (
  sprint_id       INTEGER NOT NULL REFERENCES sprints (id) ON DELETE CASCADE,
  day             TEXT NOT NULL,
  planned_hours   REAL NOT NULL,
  remaining_hours REAL NOT NULL,
  taken_at        INTEGER NOT NULL,
  PRIMARY KEY (sprint_id, day)
);
CREATE TABLE page_sessions (
  token      TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('link', 'session')),
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  platform   TEXT NOT NULL,
  workspace  TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
);
CREATE INDEX page_sessions_expiry ON page_sessions (expires_at);
)sql",
};

}  // namespace

std::span<const char* const> migration_steps_from_16() {
  return kLaterSteps;
}

}  // namespace accord::store
