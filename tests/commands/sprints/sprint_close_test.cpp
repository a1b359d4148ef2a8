// Closing a sprint (DESIGN §3.4, §3.5): refused while work awaits acceptance, with how long each
// task has waited; unfinished and rejected work carried over explicitly; the summary in the
// channel; and the retrospective notes it carries.
#include <catch2/catch.hpp>

#include "tests/commands/sprints/sprint_fixture.hpp"

using namespace accord::commands;
using accord::testing::SprintProject;
using Catch::Contains;
using namespace std::chrono_literals;

namespace {

// SP-1 running with the given tasks (each estimated, at most 2h).
void running_sprint(SprintProject& bot, const std::vector<std::string>& ids) {
  bot.plan();
  std::string add = "sprint add SP-1";
  for (const auto& id : ids) add += " " + id;
  REQUIRE_THAT(bot.say("U1", add), Contains("Added"));
  REQUIRE_THAT(bot.say("U1", "sprint start SP-1"), Contains("You started SP-1"));
}

}  // namespace

TEST_CASE("close is refused while tasks await acceptance, each with how long it has waited") {
  SprintProject bot;
  const auto first = bot.task("Export", "estimate=1h");
  const auto second = bot.task("Import", "estimate=1h");
  running_sprint(bot, {first, second});
  bot.run("U4", "task done " + first);
  bot.clock().advance(2 * 24h + 5h);
  bot.run("U4", "task done " + second);
  bot.clock().advance(3h);

  const auto reply = bot.run("U1", "sprint close SP-1");
  CHECK(reply.visibility == Visibility::requester_only);
  const auto text = accord::testing::all_text(reply.message);
  CHECK_THAT(text, Contains("SP-1 cannot close yet"));
  CHECK_THAT(text, Contains(first + " Export \xE2\x80\x94 waiting 2 days"));
  CHECK_THAT(text, Contains(second + " Import \xE2\x80\x94 waiting 3 hours"));
  CHECK_THAT(text, Contains("Nothing changed"));
  CHECK(bot.logged("sprint.close").empty());
  CHECK_THAT(bot.say("U1", "sprint"), Contains("Status: active"));
  CHECK(bot.channel_post("closed").empty());
}

TEST_CASE("close carries unfinished and rejected work into a new sprint and posts the summary") {
  SprintProject bot;
  const auto feature = bot.task("Signup form", "kind=feature estimate=2h");
  const auto bug = bot.task("Typo on login", "kind=bug estimate=1h");
  const auto debt = bot.task("Remove old API", "kind=debt estimate=2h");
  const auto test = bot.task("Signup e2e", "kind=test estimate=1.5h");
  const auto docs = bot.task("Signup guide", "kind=docs estimate=1h");
  running_sprint(bot, {feature, bug, debt, test, docs});
  const auto critical = bot.task("Crash on save", "kind=bug priority=critical estimate=1h");
  bot.run("U1", "sprint add SP-1 " + critical);

  bot.accept(feature);
  bot.accept(bug);
  bot.accept(critical);
  bot.run("U4", "task start " + debt);
  bot.run("U4", "task done " + test);
  bot.run("U2", "reject " + test + " \"Totals are wrong\"");
  bot.run("U4", "retro good \"Pairing helped\"");
  bot.run("U6", "retro problem \"CI was flaky\"");
  bot.run("U1", "retro action \"Fix CI first\"");

  bot.clock().set(bot.clock().now() + 24h * 18);  // after the sprint's end
  const auto reply = bot.say("U1", "sprint close SP-1");
  CHECK_THAT(reply, Contains("You closed SP-1"));
  CHECK_THAT(reply, Contains("3 tasks carried over into SP-2, a new sprint starting Mon "
                             "2026-12-14."));

  const auto summary = bot.channel_post("Sprint SP-1 closed: Signup");
  REQUIRE_FALSE(summary.empty());
  CHECK_THAT(summary, Contains("Planned 8.5h, done 4h (47%)"));
  CHECK_THAT(summary, Contains("Planned at start: 7.5h"));
  CHECK_THAT(summary, Contains("Added after start: 1h"));
  CHECK_THAT(summary, Contains("Capacity: 120h"));
  CHECK_THAT(summary, Contains("Accepted (3)"));
  CHECK_THAT(summary,
             Contains(feature + " feature: Signup form \xE2\x80\x94 2h \xC2\xB7 accepted"));
  CHECK_THAT(summary, Contains("Carried over to SP-2 (3)"));
  CHECK_THAT(summary,
             Contains(debt + " debt: Remove old API \xE2\x80\x94 2h \xC2\xB7 in progress"));
  CHECK_THAT(summary, Contains(test + " test: Signup e2e \xE2\x80\x94 1.5h \xC2\xB7 backlog "
                                      "(rejected: Totals are wrong)"));
  CHECK_THAT(summary, Contains(docs + " docs: Signup guide"));
  CHECK_THAT(summary, Contains("Scope changes after the start (1)"));
  CHECK_THAT(summary, Contains(critical + " critical bug: Crash on save"));
  CHECK_THAT(summary, Contains("feature: 1 task, 2h planned, 2h done"));
  CHECK_THAT(summary, Contains("bug: 2 tasks, 2h planned, 2h done"));
  CHECK_THAT(summary, Contains("debt: 1 task, 2h planned, 0h done"));
  CHECK_THAT(summary, Contains("test: 1 task, 1.5h planned, 0h done"));
  CHECK_THAT(summary, Contains("docs: 1 task, 1h planned, 0h done"));
  CHECK_THAT(summary, Contains("Went well\n\xE2\x80\xA2 Pairing helped \xE2\x80\x94 @U4"));
  CHECK_THAT(summary, Contains("Problems\n\xE2\x80\xA2 CI was flaky \xE2\x80\x94 @U6"));
  CHECK_THAT(summary, Contains("Actions\n\xE2\x80\xA2 Fix CI first \xE2\x80\x94 @U1"));

  const auto next = bot.say("U4", "sprint SP-2");
  CHECK_THAT(next, Contains("SP-2: Carry-over from SP-1"));
  CHECK_THAT(next, Contains("Mon 2026-12-14 \xE2\x80\x93 Fri 2026-12-25"));
  CHECK_THAT(next, Contains("Tasks: 2 planned, 1 in progress"));
  CHECK_THAT(next, Contains("carried over"));
  // The rejected task is planned work again.
  CHECK_THAT(bot.say("U4", "task show " + test), Contains("Status: planned"));

  CHECK(bot.logged("sprint.close").size() == 1);
  const auto carry = bot.logged("sprint.carry_over");
  REQUIRE(carry.size() == 1);
  CHECK(carry[0].object == "SP-1");
  CHECK_THAT(carry[0].after, Contains("\"to\":\"SP-2\"") && Contains(test));
  CHECK(bot.logged("sprint.plan").size() == 2);
  CHECK_THAT(bot.say("U1", "sprint close SP-1"), Contains("was closed on"));
  CHECK_THAT(bot.say("U1", "sprint close SP-2"), Contains("has not started"));
}

TEST_CASE("carried-over work joins the sprint already planned") {
  SprintProject bot;
  const auto unfinished = bot.task("Unfinished", "estimate=2h");
  const auto done = bot.task("Done", "estimate=1h");
  bot.plan();
  bot.run("U1", "sprint plan \"Reports\" start=2026-12-14");
  bot.run("U1", "sprint add SP-1 " + unfinished + " " + done);
  REQUIRE_THAT(bot.say("U1", "sprint start SP-1"), Contains("You started"));
  bot.accept(done);

  const auto reply = bot.say("U1", "sprint close SP-1");
  CHECK_THAT(reply, Contains("1 task carried over into SP-2, the planned sprint starting Mon "
                             "2026-12-14."));
  CHECK_THAT(bot.say("U1", "sprint SP-2"), Contains("SP-2: Reports") &&
                                               Contains(unfinished + " feature: Unfinished") &&
                                               Contains("carried over"));
  CHECK_THAT(bot.say("U1", "sprint SP-3"), Contains("No sprint SP-3"));
  CHECK_THAT(bot.channel_post("Sprint SP-1 closed"), Contains("Planned 3h, done 1h (33%)"));
}

TEST_CASE("with everything accepted nothing carries over") {
  SprintProject bot;
  const auto only = bot.task("Only", "estimate=1h");
  running_sprint(bot, {only});
  bot.accept(only);
  CHECK_THAT(bot.say("U1", "sprint close SP-1"), Contains("nothing carries over"));
  CHECK_THAT(bot.say("U1", "sprint list"), Contains("SP-1 closed") && !Contains("SP-2"));
  CHECK_THAT(bot.channel_post("Sprint SP-1 closed"), Contains("Carried over: nothing"));
  CHECK(bot.logged("sprint.carry_over").empty());
  CHECK_THAT(bot.say("U1", "sprint add SP-1 " + bot.task("Late", "estimate=1h")),
             Contains("SP-1 is closed"));
}

TEST_CASE("retro notes go on the running sprint, else the one closed last") {
  SprintProject bot;
  CHECK_THAT(bot.say("U4", "retro good \"Nice\""), Contains("No sprint has started yet"));
  const auto first = bot.task("First", "estimate=1h");
  running_sprint(bot, {first});
  CHECK_THAT(bot.say("U5", "retro good \"Demo was clear\""), Contains("Noted under good for SP-1"));
  bot.accept(first);
  bot.run("U1", "sprint close SP-1");
  CHECK_THAT(bot.say("U4", "retro action \"Estimate together\""),
             Contains("Noted under action for SP-1"));
  const auto shown = bot.say("U2", "retro");
  CHECK_THAT(shown, Contains("Retrospective of SP-1"));
  CHECK_THAT(shown, Contains("Demo was clear \xE2\x80\x94 @U5"));
  CHECK_THAT(shown, Contains("Estimate together \xE2\x80\x94 @U4"));
  CHECK_THAT(bot.say("U1", "sprint SP-1"), Contains("Estimate together"));
  const auto log = bot.logged("retro.note");
  REQUIRE(log.size() == 2);
  CHECK(log[0].object == "SP-1");
  CHECK_THAT(log[0].after, Contains("\"kind\":\"action\""));

  CHECK_THAT(bot.say("U4", "retro great \"x\""), Contains("Say which kind of note"));
  CHECK_THAT(bot.say("U4", "retro good"), Contains("Write the note"));
  CHECK_THAT(bot.say("U4", "retro good \"" + std::string(1001, 'x') + "\""),
             Contains("1000 characters"));
  CHECK(bot.logged("retro.note").size() == 2);
}
