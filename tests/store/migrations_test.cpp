#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/problem_reports.hpp"
#include "store/projects.hpp"
#include "store/roles.hpp"
#include "tests/store/temp_database.hpp"

using namespace accord::store;
using accord::testing::TempPath;

namespace {

bool has_object(SQLite::Database& db, const std::string& type, const std::string& name) {
  SQLite::Statement query(db, "SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?");
  query.bind(1, type);
  query.bind(2, name);
  return query.executeStep();
}

}  // namespace

TEST_CASE("a fresh database is migrated to the latest schema on open", "[sqlite]") {
  TempPath path;
  Database db(path.str());
  REQUIRE(latest_schema_version() >= 2);
  CHECK(db.schema_version() == latest_schema_version());
  for (const char* table :
       {"projects", "roles", "objectives", "sequences", "decision_log", "outbox", "inbound_events",
        "installations", "sprints", "sprint_tasks", "member_capacity", "time_off", "retro_notes",
        "demos", "demo_feedback"}) {
    INFO(table);
    CHECK(has_object(db.sqlite(), "table", table));
  }
  CHECK(has_object(db.sqlite(), "index", "roles_by_user"));
  CHECK(has_object(db.sqlite(), "index", "sprints_one_active"));
}

TEST_CASE("an existing version-1 database keeps its data when migrated to the latest", "[sqlite]") {
  TempPath path;
  {
    SQLite::Database raw(path.str(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    REQUIRE(migrate(raw, 1) == 1);
    CHECK_FALSE(has_object(raw, "index", "roles_by_user"));
    raw.exec(
        "INSERT INTO projects (platform, workspace, channel, name, timezone, sprint_weeks, "
        "hours_per_day, created_by, created_at) "
        "VALUES ('slack', 'T1', 'C1', 'Apollo', 'UTC', 2, 6.0, 'U1', 0)");
    raw.exec(
        "INSERT INTO roles (project_id, user_id, role, granted_by, granted_at) "
        "VALUES (1, 'U1', 'pm', 'U1', 0)");
  }

  Database db(path.str());
  CHECK(db.schema_version() == latest_schema_version());
  CHECK(has_object(db.sqlite(), "index", "roles_by_user"));
  Transaction tx(db);
  auto project = Projects(db).find_by_channel(accord::store::Platform::slack, "T1", "C1");
  REQUIRE(project);
  CHECK(project->name == "Apollo");
  CHECK(Roles(db).has(project->id, "U1", Role::pm));
  CHECK(Projects(db).for_member(accord::store::Platform::slack, "T1", "U1").size() == 1);
}

// Version 11 is the last schema before report codes and role history.
TEST_CASE("reports filed before codes keep their number; pm roles held before history count",
          "[sqlite]") {
  TempPath path;
  {
    SQLite::Database raw(path.str(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    REQUIRE(migrate(raw, 11) == 11);
    raw.exec(
        "INSERT INTO projects (platform, workspace, channel, name, timezone, sprint_weeks, "
        "hours_per_day, created_by, created_at) "
        "VALUES ('slack', 'T1', 'C1', 'Apollo', 'UTC', 2, 6.0, 'U1', 0)");
    raw.exec(
        "INSERT INTO roles (project_id, user_id, role, granted_by, granted_at) "
        "VALUES (1, 'U2', 'pm', 'U1', 1000), (1, 'U3', 'leadership', 'U1', 1000)");
    // U3 was pm until 5000, then leadership only; U4 stopped being lead, which does not count.
    raw.exec(
        "INSERT INTO decision_log (project_id, actor, at, action, object, before_value, "
        "after_value) VALUES (1, 'U2', 5000, 'role.remove', 'U3', 'pm, leadership', "
        "'leadership'), (1, 'U2', 6000, 'role.remove', 'U4', 'lead', '')");
    raw.exec(
        "INSERT INTO problem_reports (project_id, number, category, text, reporter, "
        "reported_at) VALUES (1, 3, 'other', 'Old report', 'U5', 2000)");
  }
  Database db(path.str());
  Transaction tx(db);
  const auto report = ProblemReports(db).find_by_code(1, "3");
  REQUIRE(report);
  CHECK(report->text == "Old report");
  CHECK(report->code == "3");
  CHECK(ProblemReports(db).code_taken(1, "3"));
  Roles roles(db);
  CHECK(roles.held_at(1, "U2", Role::pm, from_millis(2000)));
  CHECK(roles.held_at(1, "U3", Role::pm, from_millis(2000)));
  CHECK_FALSE(roles.held_at(1, "U3", Role::pm, from_millis(5001)));
  CHECK(roles.held_at(1, "U3", Role::leadership, from_millis(2000)));
  CHECK_FALSE(roles.held_at(1, "U4", Role::lead, from_millis(2000)));
}

TEST_CASE("migrating twice is a no-op", "[sqlite]") {
  TempPath path;
  SQLite::Database raw(path.str(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  CHECK(migrate(raw) == latest_schema_version());
  raw.exec("INSERT INTO inbound_events (source, event_id, seen_at) VALUES ('slack', 'Ev1', 1)");
  CHECK(migrate(raw) == latest_schema_version());
  CHECK(raw.execAndGet("SELECT COUNT(*) FROM inbound_events").getInt() == 1);
  // Re-opening through the store runs the migrations again: still nothing to do.
  Database reopened(path.str());
  CHECK(reopened.schema_version() == latest_schema_version());
}

TEST_CASE("a database from a newer build is refused rather than damaged", "[sqlite]") {
  TempPath path;
  {
    SQLite::Database raw(path.str(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("PRAGMA user_version = 999");
  }
  CHECK_THROWS(Database(path.str()));
}

// Every accept or reject reads a task's latest acceptance request, and every delivery asks for an
// older pending row to the same conversation; both used to scan (HTTP benchmark, README).
TEST_CASE("the look-ups of each decision and each delivery search an index", "[sqlite]") {
  TempPath path;
  Database db(path.str());
  const auto plan = [&](const std::string& sql) {
    SQLite::Statement query(db.sqlite(), "EXPLAIN QUERY PLAN " + sql);
    std::string details;
    while (query.executeStep()) details += query.getColumn(3).getString() + "\n";
    return details;
  };
  const auto latest_request = plan(
      "SELECT a.id FROM acceptance_requests a JOIN tasks t ON t.id = a.task_id "
      "WHERE a.task_id = 1 ORDER BY a.id DESC LIMIT 1");
  CHECK_THAT(latest_request, Catch::Contains("acceptance_requests_by_task"));
  CHECK_THAT(latest_request, !Catch::Contains("SCAN"));
  const auto earlier_pending = plan(
      "SELECT next_attempt_at FROM outbox WHERE status = 'pending' AND platform = 'slack' "
      "AND workspace = 'T1' AND kind = 'channel_message' AND target = 'C1' AND id < 9 "
      "ORDER BY id LIMIT 1");
  CHECK_THAT(earlier_pending, Catch::Contains("outbox_pending_by_conversation"));
  CHECK_THAT(earlier_pending, !Catch::Contains("TEMP B-TREE"));
}
