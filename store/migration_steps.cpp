#include "store/migration_steps.hpp"

#include <array>
#include <vector>

namespace accord::store {
namespace {

// Append only: a released step never changes, a new need is a new step. Steps 1 to 15, from the
// first schema to one organisation's complete product; 16 on are in migration_steps_from_16.cpp.
constexpr std::array kFirstSteps = {
    // 1: the first schema.
    R"sql(
CREATE TABLE projects (
  id            INTEGER PRIMARY KEY,
  platform      TEXT NOT NULL,
  workspace     TEXT NOT NULL,
  channel       TEXT NOT NULL,
  name          TEXT NOT NULL,
  timezone      TEXT NOT NULL,
  sprint_weeks  INTEGER NOT NULL,
  hours_per_day REAL NOT NULL,
  created_by    TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  UNIQUE (platform, workspace, channel)
);
CREATE TABLE roles (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  user_id    TEXT NOT NULL,
  role       TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  granted_at INTEGER NOT NULL,
  UNIQUE (project_id, user_id, role)
);
CREATE TABLE sequences (
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL,
  last       INTEGER NOT NULL,
  PRIMARY KEY (project_id, kind)
);
CREATE TABLE objectives (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  number      INTEGER NOT NULL,
  title       TEXT NOT NULL,
  context     TEXT NOT NULL DEFAULT '',
  metric      TEXT NOT NULL DEFAULT '',
  target_date TEXT NOT NULL DEFAULT '',
  created_by  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  UNIQUE (project_id, number)
);
CREATE TABLE decision_log (
  id           INTEGER PRIMARY KEY,
  project_id   INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  actor        TEXT NOT NULL,
  at           INTEGER NOT NULL,
  action       TEXT NOT NULL,
  object       TEXT NOT NULL,
  before_value TEXT NOT NULL DEFAULT '',
  after_value  TEXT NOT NULL DEFAULT '',
  channel      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX decision_log_by_project ON decision_log (project_id, id);
CREATE TABLE outbox (
  id                INTEGER PRIMARY KEY,
  platform          TEXT NOT NULL,
  workspace         TEXT NOT NULL,
  kind              TEXT NOT NULL,
  target            TEXT NOT NULL,
  ref_ts            TEXT NOT NULL DEFAULT '',
  payload           TEXT NOT NULL,
  dedupe_key        TEXT NOT NULL UNIQUE,
  status            TEXT NOT NULL DEFAULT 'pending',
  attempts          INTEGER NOT NULL DEFAULT 0,
  next_attempt_at   INTEGER NOT NULL,
  last_error        TEXT NOT NULL DEFAULT '',
  delivered_channel TEXT NOT NULL DEFAULT '',
  delivered_ts      TEXT NOT NULL DEFAULT '',
  created_at        INTEGER NOT NULL,
  delivered_at      INTEGER
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE TABLE inbound_events (
  source   TEXT NOT NULL,
  event_id TEXT NOT NULL,
  seen_at  INTEGER NOT NULL,
  PRIMARY KEY (source, event_id)
) WITHOUT ROWID;
CREATE TABLE installations (
  id           INTEGER PRIMARY KEY,
  platform     TEXT NOT NULL,
  workspace    TEXT NOT NULL,
  enterprise   TEXT NOT NULL DEFAULT '',
  bot_user     TEXT NOT NULL DEFAULT '',
  scopes       TEXT NOT NULL DEFAULT '',
  installed_by TEXT NOT NULL DEFAULT '',
  installed_at INTEGER NOT NULL,
  UNIQUE (platform, workspace)
);
)sql",
    // 2: lookups by member (the home screen) and by age (pruning inbound event ids).
    R"sql(
CREATE INDEX roles_by_user ON roles (user_id, project_id);
CREATE INDEX inbound_events_by_age ON inbound_events (seen_at);
)sql",
    // 3: scope. Scenarios, capabilities and proposals (an accepted capability is an epic); the
    // backlog; the roadmap, its change requests, per-approver votes and approved baselines;
    // per-project settings; cards whose copies are updated in place; export download links.
    R"sql(
ALTER TABLE outbox ADD COLUMN card_key TEXT NOT NULL DEFAULT '';
CREATE INDEX outbox_by_card ON outbox (card_key) WHERE card_key <> '';
CREATE TABLE project_settings (
  project_id INTEGER NOT NULL REFERENCES projects (id),
  key        TEXT NOT NULL,
  value      TEXT NOT NULL,
  PRIMARY KEY (project_id, key)
) WITHOUT ROWID;
CREATE TABLE scenarios (
  id           INTEGER PRIMARY KEY,
  project_id   INTEGER NOT NULL REFERENCES projects (id),
  number       INTEGER NOT NULL,
  objective_id INTEGER NOT NULL REFERENCES objectives (id),
  title        TEXT NOT NULL,
  rank         INTEGER NOT NULL,
  created_by   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  UNIQUE (project_id, number)
);
CREATE TABLE capabilities (
  id               INTEGER PRIMARY KEY,
  project_id       INTEGER NOT NULL REFERENCES projects (id),
  number           INTEGER NOT NULL,
  objective_id     INTEGER NOT NULL REFERENCES objectives (id),
  title            TEXT NOT NULL,
  size_hours       REAL,
  status           TEXT NOT NULL DEFAULT 'draft',
  decision_comment TEXT NOT NULL DEFAULT '',
  decided_by       TEXT NOT NULL DEFAULT '',
  decided_at       INTEGER,
  created_by       TEXT NOT NULL,
  created_at       INTEGER NOT NULL,
  UNIQUE (project_id, number)
);
CREATE TABLE capability_scenarios (
  capability_id INTEGER NOT NULL REFERENCES capabilities (id),
  scenario_id   INTEGER NOT NULL REFERENCES scenarios (id),
  PRIMARY KEY (capability_id, scenario_id)
) WITHOUT ROWID;
CREATE TABLE proposals (
  id           INTEGER PRIMARY KEY,
  project_id   INTEGER NOT NULL REFERENCES projects (id),
  objective_id INTEGER NOT NULL REFERENCES objectives (id),
  version      INTEGER NOT NULL,
  submitted_by TEXT NOT NULL,
  submitted_at INTEGER NOT NULL,
  UNIQUE (objective_id, version)
);
CREATE TABLE tasks (
  id             INTEGER PRIMARY KEY,
  project_id     INTEGER NOT NULL REFERENCES projects (id),
  number         INTEGER NOT NULL,
  title          TEXT NOT NULL,
  kind           TEXT NOT NULL DEFAULT 'feature',
  priority       TEXT NOT NULL DEFAULT 'medium',
  story          TEXT NOT NULL DEFAULT '',
  estimate_hours REAL,
  parent_id      INTEGER REFERENCES tasks (id),
  epic_id        INTEGER REFERENCES capabilities (id),
  status         TEXT NOT NULL DEFAULT 'backlog',
  created_by     TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  UNIQUE (project_id, number)
);
CREATE INDEX tasks_by_parent ON tasks (parent_id) WHERE parent_id IS NOT NULL;
CREATE TABLE task_criteria (
  id       INTEGER PRIMARY KEY,
  task_id  INTEGER NOT NULL REFERENCES tasks (id),
  position INTEGER NOT NULL,
  text     TEXT NOT NULL,
  UNIQUE (task_id, position)
);
CREATE TABLE roadmap_items (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects (id),
  number     INTEGER NOT NULL,
  title      TEXT NOT NULL,
  epic_id    INTEGER REFERENCES capabilities (id),
  due_date   TEXT,
  status     TEXT NOT NULL DEFAULT 'proposed',
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (project_id, number)
);
CREATE TABLE change_requests (
  id               INTEGER PRIMARY KEY,
  project_id       INTEGER NOT NULL REFERENCES projects (id),
  number           INTEGER NOT NULL,
  kind             TEXT NOT NULL,
  item_id          INTEGER NOT NULL REFERENCES roadmap_items (id),
  title_before     TEXT NOT NULL DEFAULT '',
  title_after      TEXT NOT NULL DEFAULT '',
  due_before       TEXT,
  due_after        TEXT,
  reason           TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'pending',
  proposed_by      TEXT NOT NULL,
  proposed_at      INTEGER NOT NULL,
  decided_by       TEXT NOT NULL DEFAULT '',
  decided_at       INTEGER,
  decision_comment TEXT NOT NULL DEFAULT '',
  UNIQUE (project_id, number)
);
CREATE INDEX change_requests_pending ON change_requests (project_id, status);
CREATE TABLE change_request_votes (
  change_request_id INTEGER NOT NULL REFERENCES change_requests (id),
  approver          TEXT NOT NULL,
  decision          TEXT NOT NULL,
  comment           TEXT NOT NULL DEFAULT '',
  at                INTEGER NOT NULL,
  PRIMARY KEY (change_request_id, approver)
) WITHOUT ROWID;
CREATE TABLE baselines (
  id                INTEGER PRIMARY KEY,
  project_id        INTEGER NOT NULL REFERENCES projects (id),
  version           INTEGER NOT NULL,
  change_request_id INTEGER REFERENCES change_requests (id),
  approved_by       TEXT NOT NULL,
  approved_at       INTEGER NOT NULL,
  snapshot          TEXT NOT NULL,
  UNIQUE (project_id, version)
);
CREATE TABLE exports (
  token        TEXT PRIMARY KEY,
  project_id   INTEGER NOT NULL REFERENCES projects (id),
  created_by   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  filename     TEXT NOT NULL,
  content_type TEXT NOT NULL,
  body         TEXT NOT NULL
) WITHOUT ROWID;
)sql",
    // 4: problem reports (DESIGN §3.7). Their timeline is kept apart from the decision log, which
    // everyone on the project reads: a report is seen only by the people §3.7 allows.
    R"sql(
CREATE TABLE problem_reports (
  id               INTEGER PRIMARY KEY,
  project_id       INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  number           INTEGER NOT NULL,
  category         TEXT NOT NULL
                   CHECK (category IN ('team', 'pm', 'performance', 'deadline', 'other')),
  text             TEXT NOT NULL,
  about_user       TEXT NOT NULL DEFAULT '',
  reporter         TEXT NOT NULL,
  reported_at      INTEGER NOT NULL,
  status           TEXT NOT NULL DEFAULT 'open'
                   CHECK (status IN ('open', 'acknowledged', 'resolved', 'reopened', 'stalled')),
  level            INTEGER NOT NULL DEFAULT 1,
  owner            TEXT NOT NULL DEFAULT '',
  acknowledged_at  INTEGER,
  resolved_at      INTEGER,
  resolution_note  TEXT NOT NULL DEFAULT '',
  ack_deadline     INTEGER,
  resolve_deadline INTEGER,
  UNIQUE (project_id, number)
);
CREATE TABLE problem_report_recipients (
  report_id  INTEGER NOT NULL REFERENCES problem_reports (id) ON DELETE CASCADE,
  level      INTEGER NOT NULL,
  user_id    TEXT NOT NULL,
  PRIMARY KEY (report_id, level, user_id)
) WITHOUT ROWID;
CREATE TABLE problem_report_events (
  id        INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES problem_reports (id) ON DELETE CASCADE,
  at        INTEGER NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  note      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX problem_report_events_by_report ON problem_report_events (report_id, at, id);
)sql",
    // 5: acceptance of finished tasks: one request per time a task is marked done.
    R"sql(
CREATE TABLE acceptance_requests (
  id           INTEGER PRIMARY KEY,
  task_id      INTEGER NOT NULL REFERENCES tasks (id),
  requested_by TEXT NOT NULL,
  requested_at INTEGER NOT NULL,
  decision     TEXT,
  decided_by   TEXT,
  decided_at   INTEGER,
  reason       TEXT NOT NULL DEFAULT '',
  note         TEXT NOT NULL DEFAULT '',
  CHECK (decision IS NULL OR decision IN ('accepted', 'rejected'))
);
CREATE UNIQUE INDEX acceptance_requests_open ON acceptance_requests (task_id)
  WHERE decision IS NULL;
)sql",
    // 6: sprints (DESIGN §3.4) and their retrospectives (§3.5). How each task came into a sprint
    // is kept, so scope changes after the start and carried-over work can be reported; the team's
    // hours per day and time off decide capacity, fixed on the sprint when it starts.
    R"sql(
CREATE TABLE sprints (
  id             INTEGER PRIMARY KEY,
  project_id     INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  number         INTEGER NOT NULL,
  goal           TEXT NOT NULL,
  start_date     TEXT NOT NULL,
  length_weeks   INTEGER NOT NULL CHECK (length_weeks IN (1, 2)),
  status         TEXT NOT NULL DEFAULT 'planned'
                 CHECK (status IN ('planned', 'active', 'closed')),
  capacity_hours REAL,
  forced         INTEGER NOT NULL DEFAULT 0,
  carried_from   INTEGER REFERENCES sprints (id),
  created_by     TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  started_by     TEXT NOT NULL DEFAULT '',
  started_at     INTEGER,
  closed_by      TEXT NOT NULL DEFAULT '',
  closed_at      INTEGER,
  UNIQUE (project_id, number)
);
CREATE UNIQUE INDEX sprints_one_active ON sprints (project_id) WHERE status = 'active';
CREATE INDEX sprints_by_status ON sprints (project_id, status, start_date);
CREATE TABLE sprint_tasks (
  sprint_id INTEGER NOT NULL REFERENCES sprints (id) ON DELETE CASCADE,
  task_id   INTEGER NOT NULL REFERENCES tasks (id),
  how       TEXT NOT NULL
            CHECK (how IN ('planned', 'critical_bug', 'emergency', 'carried_over')),
  added_by  TEXT NOT NULL,
  added_at  INTEGER NOT NULL,
  PRIMARY KEY (sprint_id, task_id)
) WITHOUT ROWID;
CREATE INDEX sprint_tasks_by_task ON sprint_tasks (task_id);
CREATE TABLE member_capacity (
  project_id    INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  user_id       TEXT NOT NULL,
  hours_per_day REAL NOT NULL,
  set_by        TEXT NOT NULL,
  set_at        INTEGER NOT NULL,
  PRIMARY KEY (project_id, user_id)
) WITHOUT ROWID;
CREATE TABLE time_off (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  user_id    TEXT NOT NULL,
  from_date  TEXT NOT NULL,
  to_date    TEXT NOT NULL,
  added_by   TEXT NOT NULL,
  added_at   INTEGER NOT NULL,
  CHECK (from_date <= to_date)
);
CREATE INDEX time_off_by_project ON time_off (project_id, to_date);
CREATE TABLE retro_notes (
  id        INTEGER PRIMARY KEY,
  sprint_id INTEGER NOT NULL REFERENCES sprints (id) ON DELETE CASCADE,
  kind      TEXT NOT NULL CHECK (kind IN ('good', 'problem', 'action')),
  text      TEXT NOT NULL,
  author    TEXT NOT NULL,
  at        INTEGER NOT NULL
);
CREATE INDEX retro_notes_by_sprint ON retro_notes (sprint_id, id);
)sql",
    // 7: demos (DESIGN §3.5) and the feedback given on them. The sprint is kept as its number
    // (the n of SP-n), without a key, so demos do not depend on how sprints are stored.
    // converted_to names what the feedback became ("T-7", "CR-3") once the pm confirms.
    R"sql(
CREATE TABLE demos (
  id            INTEGER PRIMARY KEY,
  project_id    INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  number        INTEGER NOT NULL,
  scheduled_at  INTEGER NOT NULL,
  sprint_number INTEGER,
  status        TEXT NOT NULL DEFAULT 'scheduled'
                CHECK (status IN ('scheduled', 'closed', 'converted')),
  created_by    TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  closed_by     TEXT NOT NULL DEFAULT '',
  closed_at     INTEGER,
  converted_by  TEXT NOT NULL DEFAULT '',
  converted_at  INTEGER,
  UNIQUE (project_id, number)
);
CREATE INDEX demos_by_time ON demos (project_id, scheduled_at);
CREATE TABLE demo_feedback (
  id           INTEGER PRIMARY KEY,
  demo_id      INTEGER NOT NULL REFERENCES demos (id) ON DELETE CASCADE,
  author       TEXT NOT NULL,
  text         TEXT NOT NULL,
  task_id      INTEGER REFERENCES tasks (id),
  kind         TEXT NOT NULL CHECK (kind IN ('bug', 'tweak', 'idea')),
  at           INTEGER NOT NULL,
  converted_to TEXT
);
CREATE INDEX demo_feedback_by_demo ON demo_feedback (demo_id, id);
)sql",
    // 8: time (DESIGN §3.7-3.8): jobs the scheduler runs when they fall due, each person's time
    // zone as the platform reports it, and the escalation policy frozen on a problem report.
    R"sql(
CREATE TABLE scheduled_jobs (
  id         INTEGER PRIMARY KEY,
  job_key    TEXT NOT NULL UNIQUE,
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  kind       TEXT NOT NULL,
  subject    TEXT NOT NULL DEFAULT '',
  due_at     INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX scheduled_jobs_due ON scheduled_jobs (due_at);
CREATE TABLE people (
  platform   TEXT NOT NULL,
  workspace  TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  timezone   TEXT NOT NULL DEFAULT '',
  fetched_at INTEGER NOT NULL,
  PRIMARY KEY (platform, workspace, user_id)
) WITHOUT ROWID;
ALTER TABLE problem_reports ADD COLUMN policy TEXT NOT NULL DEFAULT '';
)sql",
    // 9: Slack OAuth v2 installs (DESIGN §5 "Multi-workspace"): each workspace's bot token, and
    // with token rotation its refresh token and expiry, encrypted (AES-256-GCM blobs); the
    // one-time `state` values of install links in progress.
    R"sql(
ALTER TABLE installations ADD COLUMN team_name TEXT NOT NULL DEFAULT '';
ALTER TABLE installations ADD COLUMN app_id TEXT NOT NULL DEFAULT '';
ALTER TABLE installations ADD COLUMN bot_token BLOB;
ALTER TABLE installations ADD COLUMN refresh_token BLOB;
ALTER TABLE installations ADD COLUMN token_expires_at INTEGER;
CREATE TABLE oauth_states (
  state      TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX oauth_states_by_expiry ON oauth_states (expires_at);
)sql",
    // 10: Microsoft Teams (DESIGN §5): the conversation references proactive messages need (the
    // serviceUrl a validated token vouched for, the tenant, and for a personal chat its user),
    // and the people seen, for their display names in mentions.
    R"sql(
CREATE TABLE teams_conversations (
  conversation_id TEXT PRIMARY KEY,
  tenant          TEXT NOT NULL,
  service_url     TEXT NOT NULL,
  kind            TEXT NOT NULL,
  user_id         TEXT NOT NULL DEFAULT '',
  updated_at      INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX teams_conversations_by_user ON teams_conversations (tenant, user_id)
  WHERE kind = 'personal';
CREATE TABLE teams_people (
  tenant        TEXT NOT NULL,
  user_id       TEXT NOT NULL,
  name          TEXT NOT NULL DEFAULT '',
  aad_object_id TEXT NOT NULL DEFAULT '',
  service_url   TEXT NOT NULL,
  updated_at    INTEGER NOT NULL,
  PRIMARY KEY (tenant, user_id)
) WITHOUT ROWID;
)sql",
    // 11: lookups that scanned. A task's latest acceptance request (every accept and reject
    // looks it up): the only index on task_id covers open requests alone. An older pending row to
    // the same conversation (before every delivery): all pending rows were read and sorted, so a
    // backlog (Slack down, no token yet) made each delivery slower than the last.
    R"sql(
CREATE INDEX acceptance_requests_by_task ON acceptance_requests (task_id, id);
CREATE INDEX outbox_pending_by_conversation ON outbox (platform, workspace, kind, target, id)
  WHERE status = 'pending';
)sql",
    // 12: problem report ids that count nothing: a random code per report (PR-7KQ2), so the ids
    // a person sees say nothing of the reports hidden from them. Reports filed before keep their
    // number as their code: PR-3 still finds them, and their cards' buttons still work.
    R"sql(
ALTER TABLE problem_reports ADD COLUMN code TEXT;
UPDATE problem_reports SET code = CAST(number AS TEXT);
CREATE UNIQUE INDEX problem_reports_by_code ON problem_reports (project_id, code);
)sql",
    // 13: who held which role, when: someone who held pm never reads the `pm` reports filed
    // while they did. Roles held now open a span at their grant; pm roles taken away before this
    // history was kept come from the decision log, as held since the beginning (the safe side).
    R"sql(
CREATE TABLE role_history (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  user_id    TEXT NOT NULL,
  role       TEXT NOT NULL,
  granted_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX role_history_by_person ON role_history (project_id, user_id, role);
INSERT INTO role_history (project_id, user_id, role, granted_at)
  SELECT project_id, user_id, role, granted_at FROM roles;
INSERT INTO role_history (project_id, user_id, role, granted_at, revoked_at)
  SELECT project_id, object, 'pm', 0, at FROM decision_log
  WHERE action = 'role.remove' AND ', ' || before_value || ',' LIKE '%, pm,%'
    AND ', ' || after_value || ',' NOT LIKE '%, pm,%';
)sql",
    // 14: expired exports are deleted by the scheduler's every pass: it finds them by expiry.
    R"sql(
CREATE INDEX exports_by_expiry ON exports (expires_at);
)sql",
    // 15: install states bound to the browser that asked for them (a cookie) and counted per
    // client address, so anonymous install pages cannot crowd out everyone else's.
    R"sql(
ALTER TABLE oauth_states ADD COLUMN browser TEXT NOT NULL DEFAULT '';
ALTER TABLE oauth_states ADD COLUMN client TEXT NOT NULL DEFAULT '';
CREATE INDEX oauth_states_by_client ON oauth_states (client, expires_at);
CREATE INDEX oauth_states_by_browser ON oauth_states (browser);
)sql",
};

}  // namespace

std::span<const char* const> migration_steps() {
  static const std::vector<const char*> steps = [] {
    std::vector<const char*> all(kFirstSteps.begin(), kFirstSteps.end());
    const auto later = migration_steps_from_16();
    all.insert(all.end(), later.begin(), later.end());
    return all;
  }();
  return steps;
}

}  // namespace accord::store
