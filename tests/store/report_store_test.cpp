// What the report and the project page keep: burn-down snapshots, chart images (bytes, not text)
// and the page's one-use links and sessions.
#include <catch2/catch.hpp>

#include "store/database.hpp"
#include "store/exports.hpp"
#include "store/page_sessions.hpp"
#include "store/sprint_snapshots.hpp"
#include "store/sprints.hpp"
#include "tests/store/temp_database.hpp"

using namespace accord::store;
using accord::testing::new_project;
using accord::testing::TempDatabase;

TEST_CASE("a sprint keeps one burn-down snapshot per day, the latest of that day winning") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  Sprint planned;
  planned.project_id = new_project(db, "C1");
  planned.goal = "Signup";
  planned.start_date = "2026-12-07";
  planned.created_by = "U1";
  const auto sprint = Sprints(db).plan(planned);
  SprintSnapshots snapshots(db);
  CHECK(snapshots.list(sprint.id).empty());
  snapshots.record(sprint.id, {"2026-12-08", 20, 18, from_millis(2000)});
  snapshots.record(sprint.id, {"2026-12-07", 20, 20, from_millis(1000)});
  snapshots.record(sprint.id, {"2026-12-08", 24, 21.5, from_millis(3000)});
  const auto list = snapshots.list(sprint.id);
  REQUIRE(list.size() == 2);
  CHECK(list[0].day == "2026-12-07");
  CHECK(list[1].day == "2026-12-08");
  CHECK(list[1].planned_hours == 24);
  CHECK(list[1].remaining_hours == 21.5);
  CHECK(list[1].taken_at == from_millis(3000));
}

TEST_CASE("an export holds bytes: a PNG with zero bytes in it comes back whole") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  Export file;
  file.project_id = new_project(db, "C1");
  file.created_by = "U1";
  file.created_at = from_millis(1000);
  file.expires_at = from_millis(5000);
  file.filename = "chart.png";
  file.content_type = "image/png";
  file.body = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff", 17);
  const auto stored = Exports(db).create(file);
  const auto found = Exports(db).find_valid(stored.token, from_millis(2000));
  REQUIRE(found);
  CHECK(found->body == file.body);
  CHECK(found->body.size() == 17);
}

TEST_CASE("a page link opens once, before it expires; its session lasts until its own expiry") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  PageSessions sessions(db);
  PageSession link;
  link.project_id = new_project(db, "C1");
  link.platform = "slack";
  link.workspace = "T1";
  link.user_id = "U3";
  link.created_at = from_millis(1000);
  link.expires_at = from_millis(10000);
  const auto made = sessions.create(link);
  CHECK(made.token.size() == 64);
  CHECK(made.token != sessions.create(link).token);
  // A link is not a session: its token opens no page by itself.
  CHECK_FALSE(sessions.find_session(made.token, from_millis(2000)));
  CHECK_FALSE(sessions.was_used(made.token, from_millis(2000)));
  CHECK(sessions.is_open_link(made.token, from_millis(2000)));

  const auto opened = sessions.use_link(made.token, from_millis(2000));
  REQUIRE(opened);
  CHECK(opened->user_id == "U3");
  CHECK(opened->project_id == link.project_id);
  CHECK_FALSE(sessions.use_link(made.token, from_millis(2001)));  // a second opening loses
  CHECK(sessions.was_used(made.token, from_millis(2001)));
  CHECK_FALSE(sessions.is_open_link(made.token, from_millis(2001)));

  auto late = sessions.create(link);
  CHECK_FALSE(sessions.use_link(late.token, from_millis(10000)));  // expired
  CHECK_FALSE(sessions.was_used(late.token, from_millis(10000)));

  PageSession session = *opened;
  session.kind = PageCredential::session;
  session.created_at = from_millis(2000);
  session.expires_at = from_millis(20000);
  const auto open = sessions.create(session);
  CHECK(sessions.find_session(open.token, from_millis(19999)));
  CHECK_FALSE(sessions.find_session(open.token, from_millis(20000)));
  CHECK_FALSE(sessions.use_link(open.token, from_millis(3000)));  // a session is not a link
}
