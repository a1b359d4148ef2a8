#include <catch2/catch.hpp>

#include "store/capabilities.hpp"
#include "store/database.hpp"
#include "store/exports.hpp"
#include "store/objectives.hpp"
#include "store/projects.hpp"
#include "store/tasks.hpp"
#include "tests/store/temp_database.hpp"

using namespace accord::store;
using accord::testing::new_project;
using accord::testing::TempDatabase;

namespace {

Task task(std::int64_t project_id, const std::string& title, Priority priority) {
  Task t;
  t.project_id = project_id;
  t.title = title;
  t.priority = priority;
  t.created_by = "U1";
  t.created_at = from_millis(1000);
  return t;
}

}  // namespace

TEST_CASE("the task add() returns is the task as stored, whatever the draft carried") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  const auto apollo = new_project(db, "C1");
  Tasks tasks(db);
  auto draft = task(apollo, "Export invoices", Priority::high);
  draft.kind = TaskKind::bug;
  draft.story = "As finance I want…";
  draft.estimate_hours = 2.25;
  draft.status = TaskStatus::in_progress;
  // Set by mistake or left over: add() stores none of these, so it must not return them.
  draft.owner = "U9";
  draft.due_date = "2026-12-24";
  draft.test_due_date = "2026-12-25";
  draft.parent_number = 7;
  draft.epic_number = 3;

  for (const auto& added : {tasks.add(draft, {}), tasks.add(draft, {"first"})}) {
    const auto stored = tasks.find(apollo, added.number);
    REQUIRE(stored);
    CHECK(added.id == stored->id);
    CHECK(added.project_id == stored->project_id);
    CHECK(added.title == stored->title);
    CHECK(added.kind == stored->kind);
    CHECK(added.priority == stored->priority);
    CHECK(added.story == stored->story);
    CHECK(added.estimate_hours == stored->estimate_hours);
    CHECK(added.parent_id == stored->parent_id);
    CHECK(added.parent_number == stored->parent_number);
    CHECK(added.epic_id == stored->epic_id);
    CHECK(added.epic_number == stored->epic_number);
    CHECK(added.status == stored->status);
    CHECK(added.owner == stored->owner);
    CHECK(added.due_date == stored->due_date);
    CHECK(added.test_due_date == stored->test_due_date);
    CHECK(added.created_by == stored->created_by);
    CHECK(added.created_at == stored->created_at);
    CHECK(added.updated_at == stored->updated_at);
  }
}

TEST_CASE("tasks are numbered per project, keep their criteria in order and list by urgency") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  const auto apollo = new_project(db, "C1");
  const auto zeus = new_project(db, "C2");
  Tasks tasks(db);
  const auto low = tasks.add(task(apollo, "Low", Priority::low), {"first", "second"});
  const auto critical = tasks.add(task(apollo, "Critical", Priority::critical), {});
  CHECK(tasks.add(task(zeus, "Elsewhere", Priority::high), {}).number == 1);
  CHECK(low.number == 1);
  CHECK(critical.number == 2);
  CHECK(tasks.criteria(low.id) == std::vector<std::string>{"first", "second"});
  CHECK(tasks.add_criterion(low.id, "third", from_millis(2000)) == 3);
  CHECK(tasks.find(apollo, 1)->updated_at == from_millis(2000));

  const auto listed = tasks.list(apollo);
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].title == "Critical");
  CHECK(listed[1].title == "Low");
  CHECK(tasks.list(apollo, TaskStatus::accepted).empty());
  CHECK_FALSE(tasks.find(apollo, 3));

  auto sub = task(apollo, "Part", Priority::low);
  sub.parent_id = low.id;
  sub.estimate_hours = 1.5;
  const auto stored = tasks.add(sub, {});
  CHECK(stored.parent_number == 1);
  CHECK(*stored.estimate_hours == 1.5);
  CHECK(tasks.subtasks(low.id).size() == 1);

  tasks.set_priority(low.id, Priority::high, from_millis(3000));
  tasks.set_estimate(low.id, 4, from_millis(3000));
  tasks.set_story(low.id, "As a user", from_millis(3000));
  const auto changed = tasks.find(apollo, 1);
  CHECK(changed->priority == Priority::high);
  CHECK(*changed->estimate_hours == 4);
  CHECK(changed->story == "As a user");
  CHECK(tasks.clear_criteria(low.id, from_millis(4000)) == 3);
  CHECK(tasks.criteria(low.id).empty());
}

TEST_CASE("a task remembers its epic, and a project sees only its own tasks") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  const auto apollo = new_project(db, "C1");
  const auto zeus = new_project(db, "C2");
  Objective objective;
  objective.project_id = apollo;
  objective.title = "O";
  objective.created_by = "U1";
  const auto stored = Objectives(db).add(objective);
  Capability capability;
  capability.project_id = apollo;
  capability.objective_id = stored.id;
  capability.title = "Invoicing";
  capability.created_by = "U1";
  const auto epic = Capabilities(db).add(capability);
  Tasks tasks(db);
  auto with_epic = task(apollo, "Epic work", Priority::medium);
  with_epic.epic_id = epic.id;  // capability C-1 of Apollo
  CHECK(tasks.add(with_epic, {}).epic_number == 1);
  CHECK(tasks.find(zeus, 1) == std::nullopt);
}

TEST_CASE("exports get unguessable tokens and are found only until they expire") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  Export file;
  file.project_id = new_project(db, "C1");
  file.created_by = "U1";
  file.created_at = from_millis(1000);
  file.expires_at = from_millis(5000);
  file.filename = "log.csv";
  file.content_type = "text/csv; charset=utf-8";
  file.body = "a,b\r\n";
  Exports exports(db);
  const auto first = exports.create(file);
  const auto second = exports.create(file);
  CHECK(first.token.size() == 64);
  CHECK(first.token.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(first.token != second.token);
  const auto found = exports.find_valid(first.token, from_millis(4999));
  REQUIRE(found);
  CHECK(found->body == "a,b\r\n");
  CHECK(found->filename == "log.csv");
  CHECK_FALSE(exports.find_valid(first.token, from_millis(5000)));
  CHECK_FALSE(exports.find_valid("", from_millis(0)));
}

TEST_CASE("expired exports are deleted, live ones kept, and the next expiry is known") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  Export file;
  file.project_id = new_project(db, "C1");
  file.created_by = "U1";
  file.filename = "log.csv";
  file.content_type = "text/csv; charset=utf-8";
  file.body = "a,b\r\n";
  Exports exports(db);
  CHECK_FALSE(exports.next_expiry());
  CHECK(exports.delete_expired(from_millis(0)).deleted == 0);
  file.expires_at = from_millis(5000);
  const auto early = exports.create(file);
  file.expires_at = from_millis(9000);
  const auto late = exports.create(file);
  CHECK(exports.next_expiry() == from_millis(5000));
  CHECK(exports.delete_expired(from_millis(4999)).deleted == 0);
  CHECK(exports.delete_expired(from_millis(5000)).documents == 1);
  CHECK_FALSE(exports.find_valid(early.token, from_millis(0)));
  CHECK(exports.find_valid(late.token, from_millis(5000)));
  CHECK(exports.next_expiry() == from_millis(9000));

  // A chart expires the same way, but it is no document: no checkpoint is wanted for it.
  file.filename = "chart.png";
  file.content_type = std::string(kChartContentType);
  file.expires_at = from_millis(9000);
  exports.create(file);
  const auto expired = exports.delete_expired(from_millis(9000));
  CHECK(expired.deleted == 2);
  CHECK(expired.documents == 1);
  file.expires_at = from_millis(12000);
  exports.create(file);
  const auto pictures = exports.delete_expired(from_millis(12000));
  CHECK(pictures.deleted == 1);
  CHECK(pictures.documents == 0);
  CHECK_FALSE(exports.next_expiry());
}
