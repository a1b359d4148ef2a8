// Who may use Accord in a project's channel: its members. Everyone else gets help and setup, and
// for every other command (read or write, typed or clicked) a private answer saying they are not
// on the project and who can add them, with nothing of the project in it.
#include <catch2/catch.hpp>

#include "commands/core/request.hpp"
#include "tests/commands/scope/scope_fixture.hpp"

using namespace accord::commands;
using accord::testing::all_text;
using accord::testing::ScopeTeam;
using Catch::Contains;

namespace {

// Read commands, each showing something of the project to a member.
const std::vector<std::string> kReads = {
    "roadmap",           "roadmap history",   "objective list", "objectives", "objective show O-1",
    "scenario list O-1", "proposal show O-1", "approvals",      "roles",      "role list",
    "settings",          "task list",         "task show T-1",  "log",        "sprint",
    "sprint list",       "demo list",         "retro",          "pending",    "problem list"};

struct Project : ScopeTeam {
  Project() {
    run("U2", "objective add \"SECRET-GOAL\"");
    run("U2", "scenario add O-1 \"SECRET-SCENARIO\"");
    run("U1", "task add \"SECRET-TASK\"");
    deliver_all();
  }
};

}  // namespace

TEST_CASE(
    "every read command: a member reads it, a non-member in the channel is told who can "
    "add them") {
  Project bot;
  for (const auto& command : kReads) {
    INFO(command);
    const auto member = bot.say("U5", command);
    CHECK_THAT(member, !Contains("not on this project"));

    const auto logged = bot.decisions().size();
    const auto queued = bot.outbox().size();
    const auto reply = bot.run("U9", command);
    const auto text = all_text(reply.message);
    CHECK(reply.visibility == Visibility::requester_only);
    CHECK_THAT(text, Contains("not on this project's team") && Contains("@U1") &&
                         Contains("/accord role add"));
    for (const char* secret : {"SECRET-GOAL", "SECRET-SCENARIO", "SECRET-TASK", "Apollo", "@U2"}) {
      CHECK_THAT(text, !Contains(secret));
    }
    CHECK(bot.decisions().size() == logged);
    CHECK(bot.outbox().size() == queued);
  }
}

TEST_CASE("a non-member still gets help, and a button pressed in the channel is refused alike") {
  Project bot;
  CHECK_THAT(bot.say("U9", "help"), Contains("setup \"Project name\""));
  CHECK_THAT(bot.say("U9", "help roles"), Contains("leadership"));
  CHECK_THAT(bot.say("U9", "setup Hermes"), !Contains("Hermes is set up"));
  const auto clicked = bot.click("U9", kRunCommandAction, "objective show O-1");
  CHECK_THAT(all_text(clicked.message),
             Contains("not on this project's team") && !Contains("SECRET-GOAL"));
  const auto typed = bot.say("U9", "task add \"Sneaky\"");
  CHECK_THAT(typed, Contains("not on this project's team"));
  CHECK_THAT(bot.say("U5", "task list"), !Contains("Sneaky"));
}
