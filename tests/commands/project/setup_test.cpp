#include <catch2/catch.hpp>

#include "tests/commands/test_bot.hpp"

using namespace accord::commands;
using accord::testing::all_text;
using accord::testing::has_mention;
using accord::testing::TestBot;
using Catch::Contains;

TEST_CASE("setup binds the channel, makes the caller pm and tells the channel") {
  TestBot bot;
  auto reply = bot.run("U1", "setup \"Apollo Redesign\"");
  CHECK(reply.visibility == Visibility::channel);
  const auto shown = all_text(reply.message);
  CHECK_THAT(shown, Contains("Apollo Redesign"));
  CHECK_THAT(shown, Contains("@U1 is its pm"));
  CHECK(has_mention(reply.message, "U1"));
  CHECK_THAT(shown, Contains("Time zone: UTC"));
  CHECK_THAT(shown, Contains("Sprints: 2 weeks"));
  CHECK_THAT(shown, Contains("Hours per day: 6"));
  CHECK_THAT(shown, Contains("/accord role add @person customer"));

  CHECK_THAT(bot.say("U1", "roles"), Contains("pm: @U1"));
  const auto log = bot.decisions();
  REQUIRE(log.size() == 2);
  CHECK(log[1].action == "project.setup");
  CHECK_THAT(log[1].after, Contains("Apollo Redesign"));
  CHECK(log[1].actor == "U1");
  CHECK(log[1].channel == "C1");
  CHECK(log[0].action == "role.add");
  CHECK(log[0].after == "pm");
}

TEST_CASE("setup takes the time zone, sprint length and hours") {
  TestBot bot;
  const auto shown = bot.say("U1",
                             "setup \xE2\x80\x9C"
                             "Apollo\xE2\x80\x9D tz=Europe/Berlin sprint=1w hours=7.5");
  CHECK_THAT(shown, Contains("Time zone: Europe/Berlin"));
  CHECK_THAT(shown, Contains("Sprints: 1 week"));
  CHECK_THAT(shown, Contains("Hours per day: 7.5"));
  CHECK_THAT(bot.say("U1", "setup Night shift hours=24h", "C2"), Contains("Hours per day: 24"));
  CHECK_THAT(bot.say("U1", "setup Apollo Redesign", "C3"), Contains("Apollo Redesign"));
}

TEST_CASE("a channel holds one project") {
  TestBot bot;
  bot.run("U1", "setup Apollo");
  for (const char* user : {"U1", "U2"}) {
    auto reply = bot.run(user, "setup Zeus");
    CHECK(reply.visibility == Visibility::requester_only);
    CHECK_THAT(all_text(reply.message), Contains("already belongs to the project Apollo"));
  }
  CHECK(bot.decisions().size() == 2);
  CHECK_THAT(bot.say("U2", "setup Zeus", "C2"), Contains("Zeus"));
}

TEST_CASE("bad settings are refused and create nothing") {
  TestBot bot;
  SECTION("an unknown time zone") {
    CHECK_THAT(bot.say("U1", "setup Apollo tz=Mars/Base"),
               Contains("Unknown time zone Mars/Base. Use an IANA name like Europe/Berlin."));
    CHECK_THAT(bot.say("U1", "setup Apollo tz="), Contains("The time zone is missing"));
    CHECK_THAT(bot.say("U1", "setup Apollo tz=../../etc/passwd"), Contains("Unknown time zone"));
  }
  SECTION("a sprint that is not one or two weeks") {
    CHECK_THAT(bot.say("U1", "setup Apollo sprint=3w"), Contains("sprint=1w") && Contains("2w"));
  }
  SECTION("hours outside (0, 24]") {
    for (const char* hours : {"0", "-2", "25", "abc", "nan", "6x", ""}) {
      INFO(hours);
      CHECK_THAT(bot.say("U1", std::string("setup Apollo hours=") + hours),
                 Contains("Hours per day must be a number above 0 and at most 24"));
    }
  }
  SECTION("an option setup does not have") {
    CHECK_THAT(bot.say("U1", "setup Apollo length=2w"), Contains("length=") && Contains("sprint="));
  }
  SECTION("no name") {
    CHECK_THAT(bot.say("U1", "setup tz=UTC"), Contains("Give the project a name"));
    CHECK_THAT(bot.say("U1", "setup \"\""), Contains("Give the project a name"));
  }
  SECTION("a very long name") {
    CHECK_THAT(bot.say("U1", "setup " + std::string(81, 'x')), Contains("80 characters"));
  }
  CHECK_THAT(bot.say("U1", "roles"), Contains("no Accord project yet"));
  CHECK(bot.decisions().empty());
}
