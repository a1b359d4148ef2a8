// Sprints in the store: per-project numbers, one active sprint per project (guarded in SQL),
// how each task joined, retro notes, and the team's hours and time off.
#include <catch2/catch.hpp>

#include "store/database.hpp"
#include "store/sprints.hpp"
#include "store/tasks.hpp"
#include "store/team_capacity.hpp"
#include "tests/store/temp_database.hpp"

using namespace accord::store;
using accord::testing::new_project;
using accord::testing::TempDatabase;

namespace {

Sprint draft(std::int64_t project_id, const std::string& start) {
  Sprint sprint;
  sprint.project_id = project_id;
  sprint.goal = "Goal " + start;
  sprint.start_date = start;
  sprint.length_weeks = 1;
  sprint.created_by = "U1";
  sprint.created_at = from_millis(1000);
  return sprint;
}

Task task_in(Tasks& tasks, std::int64_t project_id, const std::string& title) {
  Task task;
  task.project_id = project_id;
  task.title = title;
  task.created_by = "U1";
  task.created_at = from_millis(1000);
  return tasks.add(task, {});
}

}  // namespace

TEST_CASE("sprints are numbered per project and only one of a project runs at a time") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  const auto apollo = new_project(db, "C1");
  const auto gemini = new_project(db, "C2");
  Sprints sprints(db);
  const auto first = sprints.plan(draft(apollo, "2026-12-07"));
  const auto second = sprints.plan(draft(apollo, "2026-11-30"));
  const auto other = sprints.plan(draft(gemini, "2026-11-30"));
  CHECK(first.number == 1);
  CHECK(second.number == 2);
  CHECK(other.number == 1);
  CHECK(first.status == SprintStatus::planned);
  CHECK_FALSE(first.capacity_hours);
  // The planned sprint that starts first, whatever its number.
  CHECK(sprints.next_planned(apollo)->number == 2);

  CHECK(sprints.start(second.id, "U1", from_millis(2000), 60.0, true));
  CHECK_FALSE(sprints.start(first.id, "U1", from_millis(2100), 60.0, false));
  CHECK_FALSE(sprints.start(second.id, "U1", from_millis(2200), 60.0, false));
  CHECK(sprints.start(other.id, "U7", from_millis(2300), 30.0, false));
  const auto running = sprints.active(apollo);
  REQUIRE(running);
  CHECK(running->number == 2);
  CHECK(running->capacity_hours == Approx(60.0));
  CHECK(running->forced);
  CHECK(running->started_by == "U1");

  CHECK_FALSE(sprints.close(first.id, "U1", from_millis(3000)));  // never started
  CHECK(sprints.close(second.id, "U1", from_millis(3000)));
  CHECK_FALSE(sprints.close(second.id, "U1", from_millis(3100)));
  CHECK_FALSE(sprints.active(apollo));
  CHECK(sprints.latest_closed(apollo)->number == 2);
  CHECK(sprints.start(first.id, "U1", from_millis(4000), 60.0, false));
  CHECK(sprints.list(apollo).front().number == 2);
}

TEST_CASE("a sprint keeps how each task joined; a task's open sprint is found") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  const auto project = new_project(db, "C1");
  Tasks tasks(db);
  const auto export_task = task_in(tasks, project, "Export");
  const auto crash = task_in(tasks, project, "Crash");
  Sprints sprints(db);
  const auto sprint = sprints.plan(draft(project, "2026-11-30"));
  CHECK(sprints.add_task(sprint.id, export_task.id, SprintEntryKind::planned, "U1",
                         from_millis(2000)));
  CHECK_FALSE(sprints.add_task(sprint.id, export_task.id, SprintEntryKind::emergency, "U1",
                               from_millis(2100)));
  CHECK(sprints.add_task(sprint.id, crash.id, SprintEntryKind::critical_bug, "U1",
                         from_millis(3000)));
  const auto entries = sprints.entries(sprint.id);
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].task_number == export_task.number);
  CHECK(entries[0].kind == SprintEntryKind::planned);
  CHECK(entries[1].kind == SprintEntryKind::critical_bug);
  CHECK(sprints.open_sprint_of(crash.id)->id == sprint.id);

  sprints.start(sprint.id, "U1", from_millis(4000), 10, false);
  sprints.close(sprint.id, "U1", from_millis(5000));
  CHECK_FALSE(sprints.open_sprint_of(crash.id));

  sprints.add_note(sprint.id, RetroKind::problem, "Flaky CI", "U4", from_millis(6000));
  sprints.add_note(sprint.id, RetroKind::good, "Pairing", "U6", from_millis(6100));
  const auto notes = sprints.notes(sprint.id);
  REQUIRE(notes.size() == 2);
  CHECK(notes[0].kind == RetroKind::problem);
  CHECK(notes[0].text == "Flaky CI");
  CHECK(notes[1].author == "U6");
  CHECK(parse_retro_kind("action") == RetroKind::action);
  CHECK_FALSE(parse_retro_kind("Good"));
}

TEST_CASE("a person's own hours replace the project's; time off is found by overlap") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  const auto project = new_project(db, "C1");
  TeamCapacity team(db);
  team.set_hours(project, "U4", 4.0, "U1", from_millis(1000));
  team.set_hours(project, "U4", 5.0, "U1", from_millis(2000));
  team.set_hours(project, "U6", 0.0, "U1", from_millis(2000));
  auto hours = team.hours_overrides(project);
  CHECK(hours.size() == 2);
  CHECK(hours["U4"] == Approx(5.0));
  CHECK(team.clear_hours(project, "U6"));
  CHECK_FALSE(team.clear_hours(project, "U6"));
  CHECK(team.hours_overrides(project).count("U6") == 0);

  team.add_time_off(project, "U4", "2026-12-04", "2026-12-08", "U1", from_millis(3000));
  team.add_time_off(project, "U6", "2026-11-20", "2026-11-27", "U1", from_millis(3000));
  team.add_time_off(project, "U7", "2027-01-04", "2027-01-04", "U1", from_millis(3000));
  const auto overlapping = team.time_off(project, "2026-11-30", "2026-12-11");
  REQUIRE(overlapping.size() == 1);
  CHECK(overlapping[0].user == "U4");
  CHECK(overlapping[0].from_date == "2026-12-04");
  CHECK(team.time_off(project, "2026-11-27", "2026-12-11").size() == 2);
  CHECK(team.clear_time_off(project, "U4") == 1);
  CHECK(team.time_off(project, "2026-11-30", "2026-12-11").empty());
}
