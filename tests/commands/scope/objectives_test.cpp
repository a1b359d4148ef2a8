#include <catch2/catch.hpp>

#include "tests/commands/test_bot.hpp"

using namespace accord::commands;
using accord::testing::all_text;
using accord::testing::has_mention;
using accord::testing::TestBot;
using Catch::Contains;

namespace {

// "Apollo" in C1 (Berlin time): U1 pm, U2 customer, U3 delegate, U4 dev.
struct Apollo : TestBot {
  Apollo() {
    run("U1", "setup Apollo tz=Europe/Berlin");
    run("U1", "role add <@U2> customer");
    run("U2", "role add <@U3> delegate");
    run("U1", "role add <@U4> dev");
  }
};

}  // namespace

TEST_CASE("the customer records an objective for the channel to see") {
  Apollo bot;
  auto reply = bot.run("U2",
                       "objective add \xE2\x80\x9C"
                       "Faster onboarding\xE2\x80\x9D "
                       "metric=\"days to first invoice\" target=2027-03-31");
  CHECK(reply.visibility == Visibility::channel);
  const auto shown = all_text(reply.message);
  CHECK_THAT(shown, Contains("Objective O-1 recorded: Faster onboarding"));
  CHECK_THAT(shown, Contains("Success metric: days to first invoice"));
  CHECK_THAT(shown, Contains("Target date: 2027-03-31"));
  CHECK(has_mention(reply.message, "U2"));

  const auto log = bot.decisions();
  CHECK(log[0].action == "objective.add");
  CHECK(log[0].object == "O-1");
  CHECK(log[0].actor == "U2");
  CHECK_THAT(log[0].after, Contains("Faster onboarding"));
}

TEST_CASE("objectives are numbered per project") {
  Apollo bot;
  CHECK_THAT(bot.say("U3", "objective add First"), Contains("O-1 recorded: First"));
  CHECK_THAT(bot.say("U1", "objective add Second one"), Contains("O-2 recorded: Second one"));
  bot.run("U7", "setup Zeus", "C2");
  CHECK_THAT(bot.say("U7", "objective add Launch", "C2"), Contains("O-1 recorded: Launch"));
}

TEST_CASE("only the customer side or the pm record objectives") {
  Apollo bot;
  const auto before = bot.decisions().size();
  auto reply = bot.run("U4", "objective add \"Ship it\"");
  CHECK(reply.visibility == Visibility::requester_only);
  CHECK_THAT(all_text(reply.message),
             Contains("Only the customer, a delegate or the pm can record objectives. You are: "
                      "dev."));
  CHECK(bot.decisions().size() == before);
  CHECK_THAT(bot.say("U4", "objective list"), Contains("No objectives yet"));
}

TEST_CASE("objective input is checked before anything is recorded") {
  Apollo bot;
  CHECK_THAT(bot.say("U2", "objective add X target=2027-02-30"),
             Contains("target=2027-02-30 isn't a calendar date") && Contains("YYYY-MM-DD"));
  CHECK_THAT(bot.say("U2", "objective add X target=2027-3-1"), Contains("isn't a calendar date"));
  CHECK_THAT(bot.say("U2", "objective add X target="), Contains("isn't a calendar date"));
  CHECK_THAT(bot.say("U2", "objective add"), Contains("Give the objective a title"));
  CHECK_THAT(bot.say("U2", "objective add \"  \" metric=x"),
             Contains("Give the objective a title"));
  CHECK_THAT(bot.say("U2", "objective add " + std::string(201, 'x')),
             Contains("title is too long") && Contains("200"));
  CHECK_THAT(bot.say("U2", "objective add X owner=U2"),
             Contains("owner=") && Contains("metric=") && Contains("target="));
  CHECK_THAT(bot.say("U2", "objective list"), Contains("No objectives yet"));
  CHECK_THAT(bot.say("U2", "objective add " + std::string(200, 'x')), Contains("O-1 recorded"));
}

TEST_CASE("objective list and show") {
  Apollo bot;
  CHECK_THAT(bot.say("U4", "objective list"),
             Contains("No objectives yet") && Contains("/accord objective add"));
  bot.run("U2",
          "objective add \"Faster onboarding\" metric=\"days to first invoice\" "
          "target=2027-03-31 context=\"New customers wait weeks for their first invoice.\"");
  bot.clock().advance(std::chrono::hours(24 * 3));
  bot.run("U1", "objective add \"Fewer support tickets\"");

  const auto list = bot.say("U4", "objective list");
  CHECK_THAT(list, Contains("Objectives in Apollo"));
  CHECK_THAT(list,
             Contains("O-1 Faster onboarding (target 2027-03-31)\nO-2 Fewer support tickets"));
  CHECK(bot.say("U4", "objectives") == list);

  auto shown = bot.run("U4", "objective show O-1");
  CHECK(shown.visibility == Visibility::requester_only);
  const auto details = all_text(shown.message);
  CHECK_THAT(details, Contains("Objective O-1"));
  CHECK_THAT(details, Contains("Faster onboarding"));
  CHECK_THAT(details, Contains("New customers wait weeks for their first invoice."));
  CHECK_THAT(details, Contains("Success metric: days to first invoice"));
  CHECK_THAT(details, Contains("Target date: 2027-03-31"));
  // Created 23:30 UTC on the 23rd: already the 24th in the project's time zone.
  CHECK_THAT(details, Contains("Recorded by @U2 on 2026-11-24"));
  CHECK(has_mention(shown.message, "U2"));

  CHECK_THAT(bot.say("U4", "objective show o-2"), Contains("Fewer support tickets"));
  CHECK_THAT(bot.say("U4", "objective show O-2"), Contains("Recorded by @U1 on 2026-11-27"));
}

TEST_CASE("objective show explains a missing or malformed id") {
  Apollo bot;
  CHECK_THAT(bot.say("U4", "objective show O-9"), Contains("No objective O-9 in this project."));
  for (const char* text :
       {"objective show 7", "objective show", "objective show O-", "objective show O-x"}) {
    INFO(text);
    CHECK_THAT(bot.say("U4", text), Contains("Usage: /accord objective show O-1"));
  }
  CHECK_THAT(bot.say("U4", "objective"), Contains("objective list"));
}

TEST_CASE("a long objective list shows the first rows and counts the rest") {
  Apollo bot;
  for (int i = 1; i <= 45; ++i) bot.run("U1", "objective add \"Goal " + std::to_string(i) + "\"");
  const auto list = bot.say("U4", "objective list");
  CHECK_THAT(list, Contains("O-40 Goal 40"));
  CHECK_THAT(list, !Contains("O-41"));
  CHECK_THAT(list, Contains("and 5 more"));
}
