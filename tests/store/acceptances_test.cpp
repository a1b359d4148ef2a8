// Acceptance requests: one waiting request per task, decided once (guarded in SQL).
#include <catch2/catch.hpp>

#include "store/acceptances.hpp"
#include "store/database.hpp"
#include "store/projects.hpp"
#include "store/tasks.hpp"
#include "tests/store/temp_database.hpp"

using namespace accord::store;
using accord::testing::TempDatabase;

TEST_CASE("an acceptance request is decided once, and a task has one waiting request") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  Project project;
  project.platform = accord::store::Platform::slack;
  project.workspace = "T1";
  project.channel = "C1";
  project.name = "Apollo";
  project.created_by = "U1";
  const auto project_id = Projects(db).create(project)->id;
  Task draft;
  draft.project_id = project_id;
  draft.title = "Export";
  draft.created_by = "U1";
  draft.created_at = from_millis(1000);
  Tasks tasks(db);
  const auto task = tasks.add(draft, {});

  CHECK(tasks.move(task.id, {TaskStatus::backlog}, TaskStatus::awaiting_acceptance,
                   from_millis(2000)));
  CHECK_FALSE(tasks.move(task.id, {TaskStatus::backlog, TaskStatus::planned},
                         TaskStatus::in_progress, from_millis(2100)));
  CHECK(tasks.find(project_id, task.number)->status == TaskStatus::awaiting_acceptance);

  Acceptances acceptances(db);
  const auto first = acceptances.request(task.id, "U4", from_millis(2000));
  CHECK(first.task_number == task.number);
  CHECK_FALSE(first.decision);
  tx.commit();
  {
    // Refused by the store; on PostgreSQL the refusal also ends the unit of work.
    Transaction refused(db);
    CHECK_THROWS(acceptances.request(task.id, "U4", from_millis(2500)));
  }
  Transaction after(db);
  REQUIRE(acceptances.waiting(project_id).size() == 1);

  auto deciding = first;
  CHECK(acceptances.decide(deciding, AcceptanceDecision::rejected, "U2", from_millis(3000),
                           "Wrong totals", ""));
  auto again = first;
  CHECK_FALSE(
      acceptances.decide(again, AcceptanceDecision::accepted, "U3", from_millis(3100), "", ""));
  CHECK_FALSE(again.decision);  // refused: left as it was
  const auto decided = acceptances.find(first.id);
  CHECK(decided->decision == AcceptanceDecision::rejected);
  CHECK(decided->decided_by == "U2");
  CHECK(decided->reason == "Wrong totals");
  // What decide() left in the request is what a later read finds.
  CHECK(deciding.decision == decided->decision);
  CHECK(deciding.decided_by == decided->decided_by);
  CHECK(deciding.decided_at == decided->decided_at);
  CHECK(deciding.reason == decided->reason);
  CHECK(deciding.note == decided->note);
  CHECK(acceptances.waiting(project_id).empty());

  // A new round is a new request; latest finds it.
  const auto second = acceptances.request(task.id, "U4", from_millis(4000));
  CHECK(acceptances.latest(task.id)->id == second.id);
}
