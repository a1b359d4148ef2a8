#include <catch2/catch.hpp>

#include "commands/home.hpp"
#include "tests/commands/test_bot.hpp"

using namespace accord::commands;
using accord::testing::all_text;
using accord::testing::TestBot;
using Catch::Contains;

TEST_CASE("home lists the person's projects and roles") {
  TestBot bot;
  bot.run("U1", "setup Zeus", "C1");
  bot.run("U1", "setup Apollo", "C2");
  bot.run("U1", "role add <@U2> customer", "C1");
  bot.run("U1", "role add <@U2> delegate", "C1");
  bot.run("U1", "role add <@U2> dev", "C2");
  bot.run("U1", "setup Elsewhere", "C3");

  const auto home = build_home(bot.db(), Platform::slack, "T1", "U2", bot.clock().now());
  CHECK(home.title == "Accord");
  const auto shown = all_text(home);
  CHECK_THAT(shown, Contains("Apollo: dev\nZeus: customer, delegate"));
  CHECK_THAT(shown, !Contains("Elsewhere"));
  CHECK_THAT(shown, Contains("/accord help"));
}

TEST_CASE("home explains how to start to someone with no project") {
  TestBot bot;
  bot.run("U1", "setup Apollo");
  for (const auto& home : {build_home(bot.db(), Platform::slack, "T1", "U2", bot.clock().now()),
                           build_home(bot.db(), Platform::teams, "T1", "U1", bot.clock().now())}) {
    const auto shown = all_text(home);
    CHECK_THAT(shown, Contains("/accord setup \"Project name\""));
    CHECK_THAT(shown, Contains("/accord help"));
    CHECK_THAT(shown, !Contains("Apollo"));
  }
}
