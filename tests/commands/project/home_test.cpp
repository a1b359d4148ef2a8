#include <catch2/catch.hpp>

#include "commands/project/home.hpp"
#include "tests/commands/problems/problem_fixture.hpp"
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
  CHECK_THAT(shown,
             Contains("Apollo \xC2\xB7 you are dev\nZeus \xC2\xB7 you are customer, delegate"));
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

TEST_CASE("home shows what waits on the person, oldest first, their reports and the sprint") {
  TestBot bot;
  bot.run("U1", "setup Apollo tz=UTC");
  bot.run("U1", "role add <@U2> customer");
  bot.run("U1", "role add <@U4> dev");
  bot.run("U4", "task add \"Export invoices\" estimate=2h");
  bot.run("U4", "task add \"Import ledger\" estimate=2h");
  bot.run("U1", "sprint plan \"Invoices\" start=2026-11-24");
  bot.run("U1", "sprint add SP-1 T-1 T-2");
  bot.run("U1", "sprint start SP-1");
  bot.run("U4", "task done T-2");
  bot.clock().advance(std::chrono::hours(3));
  bot.run("U4", "task done T-1");
  const auto id = accord::testing::recorded_id(
      bot.say("U2", "problem report other \"The demo server is down\""));
  bot.clock().advance(std::chrono::hours(2));

  const auto customer =
      all_text(build_home(bot.db(), Platform::slack, "T1", "U2", bot.clock().now()));
  CHECK_THAT(customer, Contains("Waiting on you, oldest first:"));
  const auto older = customer.find("T-2 Import ledger");
  const auto newer = customer.find("T-1 Export invoices");
  REQUIRE(older != std::string::npos);
  REQUIRE(newer != std::string::npos);
  CHECK(older < newer);
  CHECK_THAT(customer, Contains("5 hours"));
  CHECK_THAT(customer, Contains(id + " (other, open) The demo server is down"));
  CHECK_THAT(customer, Contains("Sprint SP-1") && Contains("0h of 4h accepted, 2 awaiting"));

  const auto dev = all_text(build_home(bot.db(), Platform::slack, "T1", "U4", bot.clock().now()));
  CHECK_THAT(dev, !Contains("Waiting on you"));
  CHECK_THAT(dev, !Contains(id));  // an `other` report goes to the pm, not the team
  CHECK_THAT(dev, Contains("2 awaiting acceptance"));
}

TEST_CASE("home lists the tasks the person owns until they are accepted") {
  TestBot bot;
  bot.run("U1", "setup Apollo");
  bot.run("U1", "role add <@U2> dev");
  bot.run("U1", "task add Checkout");
  bot.run("U1", "task add Invoices");
  const auto home_of_u2 = [&] {
    return all_text(build_home(bot.db(), Platform::slack, "T1", "U2", bot.clock().now()));
  };
  CHECK_THAT(home_of_u2(), !Contains("Your tasks"));
  bot.run("U1", "task assign T-2 <@U2>");
  CHECK_THAT(home_of_u2(),
             Contains("Your tasks:") && Contains("T-2 Invoices") && !Contains("T-1 Checkout"));
  bot.run("U1", "task assign T-2 none");
  CHECK_THAT(home_of_u2(), !Contains("Your tasks"));
}
