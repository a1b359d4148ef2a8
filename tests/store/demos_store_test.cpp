// The demo store: per-project numbers, UTC instants, feedback frozen once a demo is closed, and
// close and convert that only one caller can win.
#include <catch2/catch.hpp>

#include "store/database.hpp"
#include "store/demos.hpp"
#include "store/tasks.hpp"
#include "tests/store/temp_database.hpp"

using namespace accord::store;
using accord::testing::new_project;
using accord::testing::TempDatabase;

namespace {

Demo demo_at(std::int64_t project_id, std::int64_t ms, std::optional<int> sprint = std::nullopt) {
  Demo demo;
  demo.project_id = project_id;
  demo.scheduled_at = from_millis(ms);
  demo.sprint_number = sprint;
  demo.created_by = "U1";
  demo.created_at = from_millis(1000);
  return demo;
}

DemoFeedback feedback_on(const Demo& demo, const std::string& text, FeedbackKind kind) {
  DemoFeedback feedback;
  feedback.demo_id = demo.id;
  feedback.author = "U4";
  feedback.text = text;
  feedback.kind = kind;
  feedback.at = from_millis(5000);
  return feedback;
}

}  // namespace

TEST_CASE("demos are numbered per project and keep their instant and sprint") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  const auto apollo = new_project(db, "C1");
  const auto zeus = new_project(db, "C2");
  Demos demos(db);
  const auto first = demos.add(demo_at(apollo, 1'800'000'000'000, 3));
  const auto second = demos.add(demo_at(apollo, 1'700'000'000'000));
  const auto other = demos.add(demo_at(zeus, 1'800'000'000'000));
  CHECK(first.number == 1);
  CHECK(second.number == 2);
  CHECK(other.number == 1);

  const auto found = demos.find(apollo, 1);
  REQUIRE(found);
  CHECK(to_millis(found->scheduled_at) == 1'800'000'000'000);
  CHECK(found->sprint_number == 3);
  CHECK(found->status == DemoStatus::scheduled);
  CHECK_FALSE(demos.find(apollo, 2)->sprint_number);
  CHECK_FALSE(demos.find(apollo, 3));

  // Listed by when they happen.
  const auto listed = demos.list(apollo);
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].number == 2);
  CHECK(listed[1].number == 1);
}

TEST_CASE("feedback is kept in order with its task, and refused once the demo is closed") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  const auto project = new_project(db, "C1");
  Task task;
  task.project_id = project;
  task.title = "Login";
  task.created_by = "U1";
  const auto stored_task = Tasks(db).add(task, {});
  Demos demos(db);
  const auto demo = demos.add(demo_at(project, 1'800'000'000'000));

  auto bug = feedback_on(demo, "Crashes on save", FeedbackKind::bug);
  bug.task_id = stored_task.id;
  REQUIRE(demos.add_feedback(bug));
  const auto idea = demos.add_feedback(feedback_on(demo, "Dark mode", FeedbackKind::idea));
  REQUIRE(idea);
  CHECK_FALSE(idea->task_id);

  const auto items = demos.feedback(demo.id);
  REQUIRE(items.size() == 2);
  CHECK(items[0].text == "Crashes on save");
  CHECK(items[0].kind == FeedbackKind::bug);
  CHECK(items[0].task_number == stored_task.number);
  CHECK(items[1].kind == FeedbackKind::idea);
  CHECK(demos.feedback_count(demo.id) == 2);

  CHECK(demos.close(demo.id, "U1", from_millis(9000)));
  CHECK_FALSE(demos.close(demo.id, "U6", from_millis(9001)));
  CHECK_FALSE(demos.add_feedback(feedback_on(demo, "Too late", FeedbackKind::tweak)));
  CHECK(demos.feedback_count(demo.id) == 2);
  const auto closed = demos.find(project, demo.number);
  CHECK(closed->status == DemoStatus::closed);
  CHECK(closed->closed_by == "U1");
  CHECK(closed->closed_at == from_millis(9000));
}

TEST_CASE("only a closed demo converts, and only once") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  const auto project = new_project(db, "C1");
  Demos demos(db);
  const auto demo = demos.add(demo_at(project, 1'800'000'000'000));
  const auto item = demos.add_feedback(feedback_on(demo, "Bigger font", FeedbackKind::tweak));
  REQUIRE(item);

  CHECK_FALSE(demos.mark_converted(demo.id, "U1", from_millis(9000)));
  REQUIRE(demos.close(demo.id, "U1", from_millis(9000)));
  CHECK(demos.mark_converted(demo.id, "U1", from_millis(9500)));
  CHECK_FALSE(demos.mark_converted(demo.id, "U6", from_millis(9600)));
  demos.set_converted_to(item->id, "T-4");

  const auto converted = demos.find(project, demo.number);
  CHECK(converted->status == DemoStatus::converted);
  CHECK(converted->converted_by == "U1");
  CHECK(converted->converted_at == from_millis(9500));
  CHECK(demos.feedback(demo.id)[0].converted_to == std::optional<std::string>("T-4"));
}

TEST_CASE("feedback kinds parse by exact name") {
  CHECK(parse_feedback_kind("bug") == FeedbackKind::bug);
  CHECK(parse_feedback_kind("tweak") == FeedbackKind::tweak);
  CHECK(parse_feedback_kind("idea") == FeedbackKind::idea);
  CHECK_FALSE(parse_feedback_kind("Bug"));
  CHECK_FALSE(parse_feedback_kind(""));
  CHECK(to_string(FeedbackKind::idea) == "idea");
  CHECK(to_string(DemoStatus::converted) == "converted");
}
