// Problem reports (DESIGN §3.7): routed by category to the right people by direct message,
// acknowledged, resolved with a note, reopened by the reporter; never in the channel or the log.
#include <algorithm>

#include <catch2/catch.hpp>

#include "commands/core/request.hpp"
#include "tests/commands/problems/problem_fixture.hpp"

using namespace accord::commands;
using accord::testing::all_text;
using accord::testing::ProblemTeam;
using accord::testing::TestBot;
using Catch::Contains;

namespace {

std::vector<std::string> sorted(std::vector<std::string> users) {
  std::sort(users.begin(), users.end());
  return users;
}

}  // namespace

TEST_CASE("each category goes by direct message to its level-1 people, privately") {
  struct Case {
    const char* category;
    std::vector<std::string> recipients;
  };
  for (const auto& [category, recipients] :
       {Case{"team", {"U1"}}, Case{"pm", {"U8"}}, Case{"performance", {"U1", "U4"}},
        Case{"deadline", {"U1", "U4"}}, Case{"other", {"U1"}}}) {
    ProblemTeam bot;
    const auto before = bot.sent().size();
    const auto reply =
        bot.run("U2", std::string("problem report ") + category + " \"Nobody answers\"");
    INFO(category);
    CHECK(reply.visibility == Visibility::requester_only);
    std::smatch found;
    const auto said = all_text(reply.message);
    REQUIRE(std::regex_search(said, found, std::regex("Recorded (PR-[0-9A-Z]+) \\(([a-z]+)\\)")));
    CHECK(found[2] == category);
    const std::string id = found[1];
    CHECK(sorted(bot.dm_targets(before)) == recipients);
    for (const auto& row : bot.sent()) CHECK(row.kind != "channel_message");
    const auto card = bot.dms_to(recipients.front()).back();
    CHECK_THAT(all_text(card), Contains("Nobody answers") && Contains(id));
    REQUIRE(!card.buttons.empty());
    CHECK(card.buttons[0].label == "Acknowledge");
    CHECK(card.buttons[0].value == "problem ack " + id + " project=1");
  }
}

TEST_CASE("a level with nobody who may see the report skips to leadership, and says so") {
  ProblemTeam bot;
  // The only pm is the person the report is about.
  auto before = bot.sent().size();
  CHECK_THAT(
      bot.say("U2", "problem report team \"The pm is rude\" about=<@U1>"),
      Contains("Nobody else on the project holds pm, so it went to leadership") && Contains("@U8"));
  CHECK(bot.dm_targets(before) == std::vector<std::string>{"U8"});
  // The pm reporting a team problem: it goes above them.
  before = bot.sent().size();
  const auto reply = bot.say("U1", "problem report other \"Too many meetings\"");
  CHECK_THAT(reply, Contains("went to leadership"));
  const auto id = accord::testing::recorded_id(reply);
  CHECK(bot.dm_targets(before) == std::vector<std::string>{"U8"});
  // Level 2 acknowledges.
  CHECK_THAT(bot.say("U8", "problem ack " + id), Contains("You own " + id));
}

TEST_CASE("a report nobody can receive is recorded and the reporter told which role to add") {
  TestBot bot;
  bot.run("U1", "setup Apollo");
  bot.run("U1", "role add <@U2> customer");
  const auto reply = bot.say("U2", "problem report pm \"The pm is never there\"");
  CHECK_THAT(reply, Contains("Recorded PR-") && Contains("nobody on the project holds") &&
                        Contains("Leadership is added by leadership") &&
                        Contains("accord role grant-leadership --project 1"));
  CHECK_THAT(bot.say("U1", "problem report deadline \"Late\""),
             Contains("Recorded PR-") && Contains("(pm, lead)") &&
                 Contains("/accord role add @person pm"));
  CHECK_THAT(bot.say("U2", "problem list"), Contains("The pm is never there"));
}

TEST_CASE("acknowledge, resolve with a note, no improvement reopens, and the timeline shows it") {
  ProblemTeam bot;
  const auto id = bot.report("U2", "problem report team \"The tester left\"");
  bot.deliver_all();

  // The Acknowledge button in the pm's direct message.
  const auto card = bot.dms_to("U1").back();
  auto reply = bot.click("U1", kRunCommandAction, card.buttons[0].value, "DU1");
  CHECK_THAT(all_text(reply.message), Contains("You own " + id));
  CHECK_THAT(all_text(bot.dms_to("U2").back()), Contains(id + " was acknowledged by @U1"));
  // The card's copy is updated in place: no more Acknowledge.
  const auto updates = bot.sent();
  CHECK(std::any_of(updates.begin(), updates.end(), [](const auto& row) {
    return row.kind == "update_message" && row.to == "U1" &&
           all_text(row.message).find("acknowledged") != std::string::npos &&
           all_text(row.message).find("[Acknowledge]") == std::string::npos;
  }));
  CHECK_THAT(bot.say("U1", "problem ack " + id),
             Contains(id + " is acknowledged. Nothing changed"));

  // Resolve without a note opens the form.
  reply = bot.run("U1", "problem resolve " + id);
  REQUIRE(reply.form);
  CHECK(reply.form->command == "problem resolve " + id + " project=1");
  CHECK_THAT(all_text(reply.message), Contains("comment="));
  reply = bot.submit("U1", reply.form->command, {{"comment", "A new tester starts Monday"}}, "DU1");
  CHECK_THAT(all_text(reply.message), Contains("Resolved " + id));
  const auto resolved = bot.dms_to("U2").back();
  CHECK_THAT(all_text(resolved),
             Contains("resolved by @U1") && Contains("A new tester starts Monday"));
  REQUIRE(resolved.buttons.size() == 1);
  CHECK(resolved.buttons[0].label == "No improvement");
  CHECK_THAT(bot.say("U1", "problem resolve " + id + " \"again\""), Contains("already resolved"));

  // Only the reporter reopens, only a resolved report; the button does it from the DM.
  CHECK_THAT(bot.say("U1", "problem reopen " + id), Contains("Only the person who reported " + id));
  const auto before = bot.sent().size();
  reply = bot.click("U2", kRunCommandAction, resolved.buttons[0].value, "DU2");
  // No improvement reopens and escalates: leadership gets the card, the pm is told.
  CHECK_THAT(all_text(reply.message), Contains("Reopened " + id + " and escalated to @U8"));
  CHECK(sorted(bot.dm_targets(before)) == std::vector<std::string>{"U1", "U8"});
  CHECK_THAT(all_text(bot.dms_to("U1").back()), Contains("no improvement") && Contains(id));
  CHECK_THAT(all_text(bot.dms_to("U8").back()),
             Contains("The tester left") && Contains("[Acknowledge]"));
  CHECK_THAT(bot.say("U2", "problem reopen " + id),
             Contains(id + " is reopened; only a resolved report can be reopened"));
  // Both levels may now take it; the first wins.
  CHECK_THAT(bot.say("U8", "problem ack " + id), Contains("You own " + id));
  CHECK_THAT(bot.say("U1", "problem ack " + id), Contains("Nothing changed"));

  const auto timeline = bot.say("U2", "problem show " + id);
  CHECK_THAT(timeline, Contains("reported by @U2") && Contains("acknowledged by @U1") &&
                           Contains("resolved by @U1: A new tester starts Monday") &&
                           Contains("reopened by @U2: no improvement") &&
                           Contains("escalated by @U2"));
  CHECK(timeline.find("reported by") < timeline.find("reopened by"));
  CHECK_THAT(bot.say("U2", "problem list"), Contains(id) && Contains("acknowledged"));
}

TEST_CASE("no improvement on a pm report reopens it at the only level there is") {
  ProblemTeam bot;
  const auto id = bot.report("U2", "problem report pm \"Never replies\"");
  bot.run("U8", "problem resolve " + id + " \"Spoke to them\"");
  const auto before = bot.sent().size();
  CHECK_THAT(bot.say("U2", "problem reopen " + id),
             Contains("Reopened " + id + ".") && !Contains("escalated"));
  CHECK(bot.dm_targets(before) == std::vector<std::string>{"U8"});
}

TEST_CASE("who may acknowledge and resolve") {
  ProblemTeam bot;
  const auto id = bot.report("U2", "problem report performance \"Slow progress\"");
  // Leadership sees a performance report but it went to the pm and lead.
  CHECK_THAT(bot.say("U8", "problem ack " + id), Contains("Only the people " + id + " went to"));
  CHECK_THAT(bot.say("U8", "problem resolve " + id + " \"done\""),
             Contains("Only the owner of " + id));
  CHECK_THAT(bot.say("U2", "problem ack " + id), Contains("Only the people " + id + " went to"));
  // The reporter cannot resolve their own report.
  CHECK_THAT(bot.say("U2", "problem resolve " + id + " \"fine\""),
             Contains("Only the owner of " + id));
  // Two recipients: the first to acknowledge owns it.
  CHECK_THAT(bot.say("U4", "problem ack " + id), Contains("You own " + id));
  CHECK_THAT(bot.say("U1", "problem ack " + id), Contains("is acknowledged. Nothing changed"));
  // Another recipient may still resolve it; the owner stays.
  CHECK_THAT(bot.say("U1", "problem resolve " + id + " \"We added a developer\""),
             Contains("Resolved"));
  CHECK_THAT(bot.say("U2", "problem show " + id), Contains("Owner: @U4"));
}

TEST_CASE("refusals: usage, unknown categories, people not on the project, bad mentions") {
  ProblemTeam bot;
  CHECK_THAT(bot.say("U2", "problem"), Contains("Usage"));
  CHECK_THAT(bot.say("U2", "problem shout"), Contains("I don't know problem shout"));
  CHECK_THAT(bot.say("U2", "problem report"), Contains("Say the category"));
  CHECK_THAT(bot.say("U2", "problem report weather \"Rain\""), Contains("one of team, pm"));
  CHECK_THAT(bot.say("U2", "problem report team"), Contains("Say what the problem is"));
  CHECK_THAT(bot.say("U2", "problem report team \"x\" about=Bob"), Contains("@mention"));
  CHECK_THAT(bot.say("U2", "problem report team \"x\" about=<@U2>"),
             Contains("other than yourself"));
  CHECK_THAT(bot.say("U2", "problem report team \"x\" urgent=yes"), Contains("urgent="));
  CHECK_THAT(bot.say("U2", "problem report team " + std::string(2001, 'a')), Contains("too long"));
  CHECK_THAT(bot.say("U9", "problem report team \"x\"", "C1"),
             Contains("not on this project's team"));
  CHECK_THAT(bot.say("U2", "problem ack"), Contains("Say which problem report"));
  CHECK_THAT(bot.say("U2", "problem show PR-7"),
             Contains("No problem report PR-7 in this project"));
  for (const auto& row : bot.sent()) CHECK(all_text(row.message).find("PR-") == std::string::npos);
}

TEST_CASE("a report from a direct message with Accord finds the person's project") {
  ProblemTeam bot;
  const auto before = bot.sent().size();
  const auto id = bot.report("U2", "problem report other \"Invoices are late\"", "DU2");
  CHECK(bot.dm_targets(before) == std::vector<std::string>{"U1"});
  CHECK_THAT(bot.say("U1", "problem ack " + id, "DU1"), Contains("You own " + id));
  // On two projects, the person says which.
  bot.run("U1", "setup Hermes", "C2");
  bot.run("U1", "role add <@U2> customer", "C2");
  CHECK_THAT(bot.say("U2", "problem list", "DU2"),
             Contains("several projects") && Contains("Apollo") && Contains("Hermes"));
  CHECK_THAT(bot.say("U2", "problem list project=Apollo", "DU2"), Contains(id));
  CHECK_THAT(bot.say("U2", "problem list project=hermes", "DU2"), Contains("No problem reports"));
  CHECK_THAT(bot.say("U2", "problem list project=Zeus", "DU2"),
             Contains("not on a project called"));
  CHECK_THAT(bot.say("U9", "problem list", "DU9"), Contains("no Accord project"));
}

TEST_CASE("problem reports stay out of the shared decision log") {
  ProblemTeam bot;
  const auto logged = bot.decisions().size();
  const auto id = bot.report("U2", "problem report team \"Quiet\"");
  bot.run("U1", "problem ack " + id);
  bot.run("U1", "problem resolve " + id + " \"Talked\"");
  bot.run("U2", "problem reopen " + id);
  CHECK(bot.decisions().size() == logged);
}
