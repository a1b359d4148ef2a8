// The scope store: scenario ranks stay 1..N without gaps; a capability is decided once.
#include <catch2/catch.hpp>

#include "store/capabilities.hpp"
#include "store/database.hpp"
#include "store/objectives.hpp"
#include "store/projects.hpp"
#include "store/scenarios.hpp"
#include "tests/store/temp_database.hpp"

using namespace accord::store;
using accord::testing::TempDatabase;

namespace {

struct Fixture {
  TempDatabase path;
  Database db{path.str()};
  std::int64_t project = 0;
  std::int64_t objective = 0;

  Fixture() {
    Transaction tx(db);
    Project p;
    p.platform = accord::store::Platform::slack;
    p.workspace = "T1";
    p.channel = "C1";
    p.name = "Apollo";
    p.created_by = "U1";
    project = Projects(db).create(p)->id;
    Objective o;
    o.project_id = project;
    o.title = "Onboarding";
    o.created_by = "U1";
    objective = Objectives(db).add(o).id;
    tx.commit();
  }

  Scenario add(const std::string& title, int rank) {
    Scenario scenario;
    scenario.project_id = project;
    scenario.objective_id = objective;
    scenario.title = title;
    scenario.rank = rank;
    scenario.created_by = "U1";
    return Scenarios(db).add(scenario);
  }

  std::string order() {
    std::string out;
    for (const auto& s : Scenarios(db).for_objective(objective)) {
      out += s.title + std::to_string(s.rank) + " ";
    }
    return out;
  }
};

}  // namespace

TEST_CASE("scenario ranks stay 1..N through inserts and re-ranks") {
  Fixture f;
  Transaction tx(f.db);
  f.add("a", 1);
  f.add("b", 2);
  const auto c = f.add("c", 1);
  CHECK(f.order() == "c1 a2 b3 ");
  Scenarios(f.db).rerank(c, 3);
  CHECK(f.order() == "a1 b2 c3 ");
  Scenarios(f.db).rerank(*Scenarios(f.db).find(f.project, c.number), 2);
  CHECK(f.order() == "a1 c2 b3 ");
  CHECK(Scenarios(f.db).count(f.objective) == 3);
}

TEST_CASE("a capability is decided once, and re-submitted only after a change request") {
  Fixture f;
  Transaction tx(f.db);
  const auto s1 = f.add("a", 1);
  Capability capability;
  capability.project_id = f.project;
  capability.objective_id = f.objective;
  capability.title = "Signup";
  capability.size_hours = 40;
  capability.created_by = "U5";
  capability.scenario_ids = {s1.id, s1.id};
  Capabilities capabilities(f.db);
  const auto stored = capabilities.add(capability);
  CHECK(stored.number == 1);
  CHECK(capabilities.find(f.project, 1)->scenario_ids == std::vector<std::int64_t>{s1.id});
  // A draft is not awaiting a decision.
  CHECK_FALSE(capabilities.decide(stored.id, "accepted", "U2", from_millis(1), ""));
  CHECK(capabilities.submit(f.objective) == 1);
  CHECK(capabilities.add_proposal(f.project, f.objective, "U1", from_millis(2)) == 1);
  CHECK(capabilities.decide(stored.id, "change", "U2", from_millis(3), "smaller"));
  CHECK_FALSE(capabilities.decide(stored.id, "accepted", "U3", from_millis(4), ""));
  CHECK(capabilities.submit(f.objective) == 1);
  CHECK(capabilities.add_proposal(f.project, f.objective, "U4", from_millis(5)) == 2);
  CHECK(capabilities.latest_proposal(f.objective)->submitted_by == "U4");
  CHECK(capabilities.decide(stored.id, "accepted", "U3", from_millis(6), ""));
  CHECK(capabilities.submit(f.objective) == 0);
  const auto decided = capabilities.find_by_id(stored.id);
  CHECK(decided->status == "accepted");
  CHECK(decided->decided_by == "U3");
  CHECK(decided->size_hours == 40);
  CHECK(capabilities.awaiting_decision(f.project).empty());
}
