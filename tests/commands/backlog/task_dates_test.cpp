// Dates by role (DESIGN §3.9): a dev or lead sets a task's delivery date, qa its testing date;
// the customer and the pm are refused with who does. Overdue work is flagged; the owner is
// reminded a working day before in their hours, and the pm hears when a date passed.
#include <catch2/catch.hpp>

#include <chrono>

#include "tests/commands/scope/scope_fixture.hpp"

using namespace accord::commands;
using namespace std::chrono;
using accord::store::OutboxKind;
using accord::testing::all_text;
using accord::testing::payload_message;
using accord::testing::ScopeTeam;
using Catch::Contains;

namespace {

// ScopeTeam (Berlin; U1 pm, U2 customer, U3 delegate, U4 lead, U5 dev, U6 sponsor, U7 qa) on
// Tue 2026-11-24, with T-1 "Checkout" owned by the dev.
struct DatedTeam : ScopeTeam {
  DatedTeam() {
    run("U2", "task add Checkout");
    REQUIRE_THAT(say("U4", "task assign T-1 <@U5>"), Contains("Owner of T-1"));
    deliver_all();
  }
};

}  // namespace

TEST_CASE("the dev sets a delivery date and qa a testing date; both are logged and shown") {
  DatedTeam bot;
  const auto reply = bot.run("U5", "task due T-1 2026-11-26");
  CHECK(reply.visibility == Visibility::channel);
  CHECK_THAT(all_text(reply.message), Contains("Delivery date of T-1 Checkout: Thu 2026-11-26"));
  CHECK(bot.decisions()[0].action == "task.due");
  CHECK(bot.decisions()[0].after == "2026-11-26");

  CHECK_THAT(bot.say("U7", "task testdue T-1 2026-11-27"),
             Contains("Testing date of T-1 Checkout: Fri 2026-11-27"));
  CHECK(bot.decisions()[0].action == "task.testdue");
  const auto shown = bot.say("U2", "task show T-1");
  CHECK_THAT(shown, Contains("Delivery date: Thu 2026-11-26"));
  CHECK_THAT(shown, Contains("Testing date: Fri 2026-11-27"));
  CHECK_THAT(bot.say("U2", "task list"), Contains("due Thu 2026-11-26 · testing Fri 2026-11-27"));
  CHECK_THAT(bot.say("U5", "task list mine"), Contains("due Thu 2026-11-26"));

  // The lead may too; clearing says what it was.
  CHECK_THAT(bot.say("U4", "task due T-1 none"), Contains("cleared (was Thu 2026-11-26)"));
  CHECK_THAT(bot.say("U2", "task show T-1"), Contains("Delivery date: not set"));
}

TEST_CASE("the customer, the pm and the others are refused with who sets which date") {
  DatedTeam bot;
  const auto before = bot.decisions().size();
  for (const char* customer_side : {"U2", "U3", "U6"}) {
    const auto reply = bot.run(customer_side, "task due T-1 2026-11-26");
    CHECK(reply.visibility == Visibility::requester_only);
    CHECK_THAT(all_text(reply.message),
               Contains("the people who do the work set its dates") &&
                   Contains("The customer sets priorities: /accord task priority T-1 high") &&
                   Contains("Nothing changed"));
  }
  CHECK_THAT(
      bot.say("U1", "task due T-1 2026-11-26"),
      Contains("Only a lead or dev sets a task's delivery date") && Contains("release plan"));
  CHECK_THAT(bot.say("U7", "task due T-1 2026-11-26"), Contains("task testdue T-1"));
  CHECK_THAT(bot.say("U5", "task testdue T-1 2026-11-26"),
             Contains("Only a qa sets a task's testing date") && Contains("task due T-1"));
  CHECK_THAT(bot.say("U2", "task testdue T-1 2026-11-26"), Contains("You are: customer."));
  CHECK(bot.decisions().size() == before);
  CHECK_THAT(bot.say("U2", "task show T-1"), Contains("Delivery date: not set"));
}

TEST_CASE("bad dates get a clear private answer and change nothing") {
  DatedTeam bot;
  const auto before = bot.decisions().size();
  CHECK_THAT(bot.say("U5", "task due T-1 2026-11-23"),
             Contains("Mon 2026-11-23 is in the past: today is Tue 2026-11-24"));
  CHECK_THAT(bot.say("U5", "task due T-1 tomorrow"), Contains("tomorrow isn't a date"));
  CHECK_THAT(bot.say("U5", "task due T-1 2026-02-30"), Contains("isn't a date"));
  CHECK_THAT(bot.say("U5", "task due T-1"), Contains("Give one date"));
  CHECK_THAT(bot.say("U5", "task due T-9 2026-11-30"), Contains("No task T-9"));
  CHECK_THAT(bot.say("U5", "task due T-1 2026-11-30 when=now"), Contains("when"));
  CHECK_THAT(bot.say("U5", "task due T-1 none"), Contains("no delivery date to clear"));
  REQUIRE_THAT(bot.say("U5", "task due T-1 2026-11-30"), Contains("Mon 2026-11-30"));
  CHECK_THAT(bot.say("U7", "task testdue T-1 2026-11-27"),
             Contains("Testing can't end before delivery: T-1 is due Mon 2026-11-30"));
  CHECK_THAT(bot.say("U5", "task due T-1 2026-11-30"), Contains("already Mon 2026-11-30"));
  CHECK(bot.decisions().size() == before + 1);
  // Today is a date one may plan for.
  CHECK_THAT(bot.say("U7", "task testdue T-1 2026-11-30"), Contains("Mon 2026-11-30"));
}

TEST_CASE("a date moved later is announced to the customer side; an earlier one is not") {
  DatedTeam bot;
  bot.run("U5", "task due T-1 2026-11-26");
  bot.deliver_all();
  const auto later =
      bot.run("U5", "task due T-1 2026-12-01 reason=\"Payment provider API change\"");
  CHECK(later.visibility == Visibility::channel);
  CHECK_THAT(all_text(later.message),
             Contains("Thu 2026-11-26 → Tue 2026-12-01, later than announced") &&
                 Contains("Reason: Payment provider API change"));
  for (const char* approver : {"U2", "U3"}) {
    const auto told = bot.messages_to(approver);
    REQUIRE(told.size() == 1);
    CHECK_THAT(told[0].text, Contains("moved later: Thu 2026-11-26 → Tue 2026-12-01") &&
                                 Contains("Payment provider API change"));
  }
  CHECK(bot.messages_to("U6").empty());
  bot.deliver_all();
  CHECK_THAT(bot.say("U5", "task due T-1 2026-11-27"), !Contains("later than announced"));
  CHECK(bot.messages_to("U2").empty());
}

TEST_CASE(
    "the owner is reminded a working day before in their hours; the pm hears once it passed") {
  DatedTeam bot;
  REQUIRE_THAT(bot.say("U5", "task due T-1 2026-11-26"), Contains("Thu 2026-11-26"));
  REQUIRE_THAT(bot.say("U7", "task testdue T-1 2026-11-27"), Contains("Fri 2026-11-27"));
  bot.deliver_all();

  // Wednesday morning, 09:00 in Berlin: the owner's reminder.
  bot.clock().set(sys_days{2026y / November / 25} + 8h + 1min);
  bot.run_scheduler();
  const auto reminded = bot.messages_to("U5");
  REQUIRE(reminded.size() == 1);
  CHECK_THAT(reminded[0].text,
             Contains("Reminder: the delivery date of T-1 Checkout is Thu 2026-11-26") &&
                 Contains("owned by @U5"));
  CHECK(reminded[0].not_before >= sys_days{2026y / November / 25} + 8h);
  CHECK(bot.messages_to("U1").empty());
  bot.deliver_all();

  // Thursday: qa hears of the testing date.
  bot.clock().set(sys_days{2026y / November / 26} + 8h + 1min);
  bot.run_scheduler();
  REQUIRE(bot.messages_to("U7").size() == 1);
  CHECK_THAT(bot.messages_to("U7")[0].text, Contains("testing date of T-1"));
  bot.deliver_all();

  // Friday morning the delivery date has passed with the work open: the pm hears, and the
  // task is flagged everywhere it is listed.
  bot.clock().set(sys_days{2026y / November / 27} + 8h + 1min);
  bot.run_scheduler();
  const auto passed = bot.messages_to("U1");
  REQUIRE(passed.size() == 1);
  CHECK_THAT(passed[0].text, Contains("T-1 Checkout passed its delivery date, Thu 2026-11-26") &&
                                 Contains("owned by @U5"));
  CHECK_THAT(bot.say("U2", "task list"), Contains("due Thu 2026-11-26 overdue"));
  CHECK_THAT(bot.say("U2", "task show T-1"), Contains("Delivery date: Thu 2026-11-26 overdue"));
}

TEST_CASE("work done before its date is not reminded or reported, nor is a cleared date") {
  DatedTeam bot;
  bot.run("U5", "task due T-1 2026-11-26");
  bot.run("U5", "task start T-1");
  REQUIRE_THAT(bot.say("U5", "task done T-1"), Contains("T-1"));
  bot.deliver_all();
  bot.clock().set(sys_days{2026y / November / 28} + 8h);
  bot.run_scheduler();
  CHECK(bot.messages_to("U5").empty());
  CHECK(bot.messages_to("U1").empty());
  CHECK_THAT(bot.say("U2", "task list"), !Contains("overdue"));

  DatedTeam other;
  other.run("U5", "task due T-1 2026-11-26");
  other.run("U5", "task due T-1 none");
  other.deliver_all();
  other.clock().set(sys_days{2026y / November / 28} + 8h);
  other.run_scheduler();
  CHECK(other.messages_to("U5").empty());
  CHECK(other.messages_to("U1").empty());
}
