#include <catch2/catch.hpp>

#include "store/database.hpp"
#include "store/decision_log.hpp"
#include "store/objectives.hpp"
#include "store/projects.hpp"
#include "tests/store/temp_database.hpp"

using namespace accord::store;
using accord::testing::new_project;
using accord::testing::TempDatabase;

namespace {

Objective objective(std::int64_t project_id, const std::string& title) {
  Objective o;
  o.project_id = project_id;
  o.title = title;
  o.metric = "days to first invoice";
  o.target_date = "2027-03-31";
  o.created_by = "U1";
  o.created_at = from_millis(5000);
  return o;
}

}  // namespace

TEST_CASE("objectives are numbered per project") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  const auto apollo = new_project(db, "C1");
  const auto zeus = new_project(db, "C2");
  Objectives objectives(db);

  CHECK(objectives.add(objective(apollo, "Faster onboarding")).number == 1);
  CHECK(objectives.add(objective(apollo, "Fewer tickets")).number == 2);
  CHECK(objectives.add(objective(zeus, "Launch")).number == 1);

  auto found = objectives.find(apollo, 2);
  REQUIRE(found);
  CHECK(found->title == "Fewer tickets");
  CHECK(found->metric == "days to first invoice");
  CHECK(found->target_date == "2027-03-31");
  CHECK(found->created_at == from_millis(5000));
  CHECK_FALSE(objectives.find(zeus, 2));

  auto list = objectives.list(apollo);
  REQUIRE(list.size() == 2);
  CHECK(list[0].title == "Faster onboarding");
  CHECK(list[1].number == 2);
}

TEST_CASE("an objective rolled back does not use up its number") {
  TempDatabase path;
  Database db(path.str());
  std::int64_t apollo = 0;
  {
    Transaction tx(db);
    apollo = new_project(db, "C1");
    tx.commit();
  }
  {
    Transaction tx(db);
    Objectives(db).add(objective(apollo, "Abandoned"));
  }
  Transaction tx(db);
  CHECK(Objectives(db).add(objective(apollo, "Kept")).number == 1);
}

TEST_CASE("the decision log returns a project's newest decisions first") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  const auto apollo = new_project(db, "C1");
  const auto zeus = new_project(db, "C2");
  DecisionLog log(db);

  Decision decision;
  decision.project_id = apollo;
  decision.actor = "U1";
  decision.at = from_millis(100);
  decision.action = "role.add";
  decision.object = "U2";
  decision.before = "";
  decision.after = "dev";
  decision.channel = "C1";
  const auto first = log.record(decision);
  decision.action = "objective.add";
  decision.object = "O-1";
  const auto second = log.record(decision);
  decision.project_id = zeus;
  log.record(decision);
  CHECK(second > first);

  auto recent = log.recent(apollo, 10);
  REQUIRE(recent.size() == 2);
  CHECK(recent[0].id == second);
  CHECK(recent[0].action == "objective.add");
  CHECK(recent[1].object == "U2");
  CHECK(recent[1].after == "dev");
  CHECK(recent[1].channel == "C1");
  CHECK(recent[1].at == from_millis(100));
  CHECK(log.recent(apollo, 1).size() == 1);
}
