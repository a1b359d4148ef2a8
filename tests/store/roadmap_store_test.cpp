// The roadmap store: items, change requests whose decision only one caller can win, votes,
// baseline versions, and per-project settings.
#include <catch2/catch.hpp>

#include "store/change_requests.hpp"
#include "store/database.hpp"
#include "store/project_settings.hpp"
#include "store/projects.hpp"
#include "store/roadmap.hpp"
#include "tests/store/temp_database.hpp"

using namespace accord::store;
using accord::testing::new_project;
using accord::testing::TempDatabase;

namespace {

RoadmapItem item(std::int64_t project_id, const std::string& title) {
  RoadmapItem item;
  item.project_id = project_id;
  item.title = title;
  item.due_date = "2027-01-10";
  item.created_by = "U1";
  item.created_at = from_millis(1000);
  return item;
}

ChangeRequest move_request(std::int64_t project_id, std::int64_t item_id) {
  ChangeRequest request;
  request.project_id = project_id;
  request.kind = "move";
  request.item_id = item_id;
  request.title_before = request.title_after = "Checkout";
  request.due_before = "2027-01-10";
  request.due_after = "2027-02-01";
  request.reason = "late";
  request.proposed_by = "U1";
  request.proposed_at = from_millis(2000);
  return request;
}

}  // namespace

TEST_CASE("a change request is decided once: the second decision loses") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  const auto project = new_project(db, "C1");
  const auto stored = Roadmap(db).add(item(project, "Checkout"));
  ChangeRequests requests(db);
  const auto request = requests.add(move_request(project, stored.id));
  CHECK(request.number == 1);
  CHECK(requests.pending(project).size() == 1);

  CHECK(requests.decide(request.id, "approved", "U2", from_millis(3000), ""));
  CHECK_FALSE(requests.decide(request.id, "rejected", "U3", from_millis(3001), "no"));
  const auto decided = requests.find(project, 1);
  REQUIRE(decided);
  CHECK(decided->status == "approved");
  CHECK(decided->decided_by == "U2");
  CHECK(decided->decided_at == from_millis(3000));
  CHECK(decided->due_before == "2027-01-10");
  CHECK(decided->due_after == "2027-02-01");
  CHECK(requests.pending(project).empty());
  CHECK_FALSE(requests.find(project, 2));
}

TEST_CASE("votes are one per approver; a second vote replaces the first") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  const auto project = new_project(db, "C1");
  ChangeRequests requests(db);
  const auto request =
      requests.add(move_request(project, Roadmap(db).add(item(project, "Checkout")).id));
  requests.vote(request.id, Vote{"U2", "approve", "", from_millis(10)});
  requests.vote(request.id, Vote{"U3", "approve", "", from_millis(20)});
  requests.vote(request.id, Vote{"U2", "reject", "changed my mind", from_millis(30)});
  const auto votes = requests.votes(request.id);
  REQUIRE(votes.size() == 2);
  CHECK(votes[0].approver == "U3");
  CHECK(votes[1].approver == "U2");
  CHECK(votes[1].decision == "reject");
  CHECK(votes[1].comment == "changed my mind");
}

TEST_CASE("approved items list dated first, then unscheduled; baselines count up per project") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  const auto project = new_project(db, "C1");
  const auto other = new_project(db, "C2");
  Roadmap roadmap(db);
  auto later = item(project, "Later");
  later.due_date = "2027-05-01";
  later.status = "approved";
  auto sooner = item(project, "Sooner");
  sooner.status = "approved";
  auto open = item(project, "Open-ended");
  open.due_date.reset();
  open.status = "approved";
  const auto proposed = roadmap.add(item(project, "Only proposed"));
  roadmap.add(open);
  roadmap.add(later);
  const auto sooner_stored = roadmap.add(sooner);
  std::vector<std::string> titles;
  for (const auto& approved : roadmap.approved(project)) titles.push_back(approved.title);
  CHECK(titles == std::vector<std::string>{"Sooner", "Later", "Open-ended"});

  roadmap.set_due(sooner_stored.id, std::nullopt);
  roadmap.set_status(proposed.id, "dropped");
  CHECK_FALSE(roadmap.find(project, sooner_stored.number)->due_date);
  CHECK(roadmap.find(project, proposed.number)->status == "dropped");

  CHECK(roadmap.add_baseline(project, std::nullopt, "U2", from_millis(1), "{}") == 1);
  CHECK(roadmap.add_baseline(project, std::nullopt, "U3", from_millis(2), "{\"a\":1}") == 2);
  CHECK(roadmap.add_baseline(other, std::nullopt, "U2", from_millis(3), "{}") == 1);
  const auto baselines = roadmap.baselines(project);
  REQUIRE(baselines.size() == 2);
  CHECK(baselines[1].version == 2);
  CHECK(baselines[1].approved_by == "U3");
  CHECK(baselines[1].snapshot == "{\"a\":1}");
}

TEST_CASE("project settings are per project and overwrite") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  const auto project = new_project(db, "C1");
  const auto other = new_project(db, "C2");
  ProjectSettings settings(db);
  CHECK_FALSE(settings.get(project, "approval"));
  settings.set(project, "approval", "all");
  settings.set(project, "approval", "any");
  settings.set(other, "approval", "all");
  CHECK(settings.get(project, "approval") == "any");
  CHECK(settings.all(other) == std::map<std::string, std::string>{{"approval", "all"}});
}
