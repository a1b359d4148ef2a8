// Leadership is out of the pm's hands: only leadership (or the server's operator, when a project
// has none) adds or removes it, and whoever held pm never reads the `pm` reports filed while
// they did, even after becoming leadership.
#include <catch2/catch.hpp>

#include "commands/core/request.hpp"
#include "commands/project/home.hpp"
#include "commands/project/role_commands.hpp"
#include "tests/commands/problems/problem_fixture.hpp"

using namespace accord::commands;
using accord::testing::all_text;
using accord::testing::ProblemTeam;
using Catch::Contains;

TEST_CASE("a pm can neither hand out leadership nor take it away") {
  ProblemTeam bot;  // U1 pm, U8 leadership
  const auto logged = bot.decisions().size();
  for (const char* command : {"role add <@U1> leadership", "role add <@U9> leadership",
                              "role remove <@U8> leadership", "role add <@U8> pm"}) {
    INFO(command);
    const auto reply = bot.run("U1", command);
    CHECK(reply.visibility == Visibility::requester_only);
    CHECK_THAT(all_text(reply.message), Contains("Only leadership") && Contains("You are: pm"));
  }
  CHECK(bot.decisions().size() == logged);
  const auto roles = bot.say("U1", "roles");
  CHECK_THAT(roles, Contains("leadership: @U8") && !Contains("@U9"));
  CHECK_THAT(roles, Contains("pm: @U1\n"));
}

TEST_CASE("leadership adds and removes leadership") {
  ProblemTeam bot;
  CHECK_THAT(bot.say("U8", "role add <@U10> leadership"), Contains("Added @U10 as leadership"));
  CHECK_THAT(bot.say("U8", "roles"), Contains("leadership: @U8, @U10"));
  CHECK_THAT(bot.say("U10", "role remove <@U8> leadership"),
             Contains("Removed leadership from @U8"));
  // Other roles stay the pm's.
  CHECK_THAT(bot.say("U10", "role add <@U11> dev"), Contains("Only the project's pm"));
}

TEST_CASE("someone who was pm never reads the pm reports filed while they were pm") {
  ProblemTeam bot;
  const auto during = bot.report("U2", "problem report pm \"The pm misses every meeting\"");
  bot.clock().advance(std::chrono::hours(24));
  bot.run("U1", "role add <@U4> pm");
  REQUIRE_THAT(bot.say("U4", "role remove <@U1> pm"), Contains("Removed pm from @U1"));
  bot.grant_leadership("U1");
  CHECK_THAT(bot.say("U1", "problem show " + during), Contains("No problem report " + during));
  CHECK_THAT(bot.say("U1", "problem list"), !Contains("misses every meeting"));
  CHECK_THAT(all_text(build_home(bot.db(), Platform::slack, "T1", "U1", bot.clock().now())),
             !Contains("misses every meeting"));
  // A pm report filed after they left the role is about their successor: it reaches them.
  bot.clock().advance(std::chrono::hours(1));
  const auto after = bot.report("U2", "problem report pm \"The new pm is never there\"");
  CHECK_THAT(bot.say("U1", "problem show " + after), Contains("never there"));
  CHECK_THAT(all_text(bot.dms_to("U1").back()), Contains("never there"));
  for (const auto& message : bot.dms_to("U1")) {
    CHECK_THAT(all_text(message), !Contains("misses every meeting"));
  }
}

TEST_CASE("a project with no leadership gets it from the server's operator, logged and told") {
  ProblemTeam bot;
  bot.run("U8", "role remove <@U8> leadership");
  CHECK_THAT(bot.say("U1", "role add <@U1> leadership"),
             Contains("Only leadership") && Contains("accord role grant-leadership --project 1"));
  const auto logged = bot.decisions().size();
  const auto outcome = change_leadership_as_operator(bot.db(), 1, "U10", true, bot.clock().now());
  CHECK(outcome.changed);
  CHECK_THAT(outcome.message, Contains("Added @U10 as leadership in Apollo"));
  CHECK_THAT(bot.say("U1", "roles"), Contains("leadership: @U10"));
  const auto log = bot.decisions();
  REQUIRE(log.size() == logged + 1);
  CHECK(log.front().action == "role.add");
  CHECK(log.front().actor == "accord");
  CHECK_THAT(all_text(bot.dms_to("U10").back()),
             Contains("added to Apollo as leadership by Accord"));
  // Nothing to do, or no such project: said, and nothing changes.
  CHECK_FALSE(change_leadership_as_operator(bot.db(), 1, "U10", true, bot.clock().now()).changed);
  const auto missing = change_leadership_as_operator(bot.db(), 7, "U10", true, bot.clock().now());
  CHECK_FALSE(missing.changed);
  CHECK_THAT(missing.message, Contains("no project 7"));
  CHECK(change_leadership_as_operator(bot.db(), 1, "U10", false, bot.clock().now()).changed);
  CHECK_THAT(bot.say("U1", "roles"), !Contains("leadership"));
}
