#include <catch2/catch.hpp>

#include "store/database.hpp"
#include "store/projects.hpp"
#include "store/roles.hpp"
#include "tests/store/temp_database.hpp"

using namespace accord::store;
using accord::testing::TempDatabase;

namespace {

Project make_project(const std::string& name, const std::string& workspace,
                     const std::string& channel) {
  Project project;
  project.platform = accord::store::Platform::slack;
  project.workspace = workspace;
  project.channel = channel;
  project.name = name;
  project.timezone = "Europe/Berlin";
  project.sprint_weeks = 1;
  project.hours_per_day = 7.5;
  project.created_by = "U1";
  project.created_at = from_millis(1000);
  return project;
}

}  // namespace

TEST_CASE("projects: one per channel, found by channel and by member") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  Projects projects(db);
  Roles roles(db);

  auto apollo = projects.create(make_project("Apollo", "T1", "C1"));
  REQUIRE(apollo);
  CHECK(apollo->id > 0);

  SECTION("a second project in the same channel is refused") {
    CHECK_FALSE(projects.create(make_project("Other", "T1", "C1")));
    CHECK(projects.find_by_channel(accord::store::Platform::slack, "T1", "C1")->name == "Apollo");
  }
  SECTION("the same channel id in another workspace is a different channel") {
    CHECK(projects.create(make_project("Other", "T2", "C1")));
  }
  SECTION("settings round-trip") {
    auto found = projects.find(apollo->id);
    REQUIRE(found);
    CHECK(found->timezone == "Europe/Berlin");
    CHECK(found->sprint_weeks == 1);
    CHECK(found->hours_per_day == Approx(7.5));
    CHECK(found->created_at == from_millis(1000));
    CHECK_FALSE(projects.find(apollo->id + 100));
    CHECK_FALSE(projects.find_by_channel(accord::store::Platform::teams, "T1", "C1"));
  }
  SECTION("for_member lists the person's projects by name, once each, in their workspace") {
    auto zeus = projects.create(make_project("Zeus", "T1", "C2"));
    auto athena = projects.create(make_project("Athena", "T1", "C3"));
    auto elsewhere = projects.create(make_project("Elsewhere", "T2", "C4"));
    roles.grant(zeus->id, "U7", Role::dev, "U1", {});
    roles.grant(zeus->id, "U7", Role::qa, "U1", {});
    roles.grant(athena->id, "U7", Role::customer, "U1", {});
    roles.grant(elsewhere->id, "U7", Role::dev, "U1", {});
    roles.grant(apollo->id, "U8", Role::pm, "U1", {});

    auto mine = projects.for_member(accord::store::Platform::slack, "T1", "U7");
    REQUIRE(mine.size() == 2);
    CHECK(mine[0].name == "Athena");
    CHECK(mine[1].name == "Zeus");
    CHECK(projects.for_member(accord::store::Platform::slack, "T1", "U9").empty());
  }
}

TEST_CASE("roles: granted once, revoked once, listed in role order") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  auto project = Projects(db).create(make_project("Apollo", "T1", "C1"));
  Roles roles(db);
  const auto id = project->id;

  CHECK(roles.grant(id, "U2", Role::dev, "U1", from_millis(10)));
  CHECK_FALSE(roles.grant(id, "U2", Role::dev, "U1", from_millis(20)));
  CHECK(roles.grant(id, "U2", Role::qa, "U1", from_millis(30)));
  CHECK(roles.grant(id, "U1", Role::pm, "U1", from_millis(40)));
  CHECK(roles.grant(id, "U3", Role::customer, "U1", from_millis(50)));
  CHECK(roles.grant(id, "U4", Role::dev, "U1", from_millis(5)));

  CHECK(roles.of(id, "U2") == std::vector<Role>{Role::dev, Role::qa});
  CHECK(roles.has(id, "U2", Role::qa));
  CHECK_FALSE(roles.has(id, "U3", Role::qa));
  CHECK(roles.count(id, Role::dev) == 2);

  auto members = roles.list(id);
  REQUIRE(members.size() == 5);
  CHECK(members[0].user == "U3");  // customer first
  CHECK(members[1].user == "U1");  // then pm
  CHECK(members[2].user == "U4");  // devs by when granted
  CHECK(members[3].user == "U2");
  CHECK(members[3].granted_at == from_millis(10));
  CHECK(members[4].role == Role::qa);

  CHECK(roles.revoke(id, "U2", Role::dev, from_millis(60)));
  CHECK_FALSE(roles.revoke(id, "U2", Role::dev, from_millis(70)));
  CHECK(roles.of(id, "U2") == std::vector<Role>{Role::qa});
}

TEST_CASE("roles: who held which role when") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  const auto id = Projects(db).create(make_project("Apollo", "T1", "C1"))->id;
  Roles roles(db);
  roles.grant(id, "U1", Role::pm, "U1", from_millis(100));
  roles.revoke(id, "U1", Role::pm, from_millis(200));
  roles.grant(id, "U1", Role::pm, "U2", from_millis(300));
  CHECK_FALSE(roles.held_at(id, "U1", Role::pm, from_millis(99)));
  CHECK(roles.held_at(id, "U1", Role::pm, from_millis(100)));
  CHECK(roles.held_at(id, "U1", Role::pm, from_millis(200)));
  CHECK_FALSE(roles.held_at(id, "U1", Role::pm, from_millis(250)));
  CHECK(roles.held_at(id, "U1", Role::pm, from_millis(5000)));  // held again, still
  CHECK_FALSE(roles.held_at(id, "U1", Role::dev, from_millis(150)));
  CHECK_FALSE(roles.held_at(id, "U2", Role::pm, from_millis(150)));
  // A refused grant or revoke writes no history.
  CHECK_FALSE(roles.grant(id, "U1", Role::pm, "U2", from_millis(400)));
  CHECK_FALSE(roles.revoke(id, "U3", Role::pm, from_millis(400)));
  CHECK_FALSE(roles.held_at(id, "U3", Role::pm, from_millis(500)));
}

TEST_CASE("role names parse exactly") {
  for (Role role : all_roles()) CHECK(parse_role(to_string(role)) == role);
  CHECK(all_roles().size() == 8);
  CHECK_FALSE(parse_role("PM"));
  CHECK_FALSE(parse_role("developer"));
  CHECK(is_customer_side(Role::sponsor));
  CHECK_FALSE(is_customer_side(Role::leadership));
}
