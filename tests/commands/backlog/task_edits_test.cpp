// Editing tasks: story and criteria, priority (customer side only), estimates and subtasks
// (contractor side only); each change logged with before and after.
#include <catch2/catch.hpp>

#include "tests/commands/test_bot.hpp"

using namespace accord::commands;
using accord::testing::all_text;
using accord::testing::TestBot;
using Catch::Contains;

namespace {

// U1 pm, U2 customer, U3 delegate, U4 dev, U5 sponsor; T-1 "Checkout" exists.
struct Backlog : TestBot {
  Backlog() {
    run("U1", "setup Apollo");
    run("U1", "role add <@U2> customer");
    run("U2", "role add <@U3> delegate");
    run("U1", "role add <@U4> dev");
    run("U1", "role add <@U5> sponsor");
    run("U2", "task add Checkout");
  }
};

}  // namespace

TEST_CASE("the customer side sets priority; the change is logged and announced") {
  Backlog bot;
  const auto reply = bot.run("U3", "task priority T-1 critical");
  CHECK(reply.visibility == Visibility::channel);
  CHECK_THAT(all_text(reply.message), Contains("Priority of T-1 Checkout: medium → critical"));
  const auto log = bot.decisions();
  CHECK(log[0].action == "task.priority");
  CHECK(log[0].object == "T-1");
  CHECK(log[0].before == "medium");
  CHECK(log[0].after == "critical");
  CHECK_THAT(bot.say("U2", "task priority T-1 critical"), Contains("already critical"));
  CHECK_THAT(bot.say("U2", "task priority T-1 asap"), Contains("Give one priority"));
  CHECK(bot.decisions().size() == log.size());
}

TEST_CASE("the contractor side cannot prioritise") {
  Backlog bot;
  const auto before = bot.decisions().size();
  for (const char* user : {"U1", "U4", "U5"}) {
    const auto reply = bot.run(user, "task priority T-1 high");
    CHECK(reply.visibility == Visibility::requester_only);
    CHECK_THAT(all_text(reply.message), Contains("Only a customer or delegate can set priorities"));
  }
  CHECK(bot.decisions().size() == before);
  CHECK_THAT(bot.say("U4", "task show T-1"), Contains("Priority: medium"));
}

TEST_CASE("the contractor side estimates; the customer cannot") {
  Backlog bot;
  CHECK_THAT(bot.say("U4", "task estimate T-1 5h"), Contains("Estimate of T-1 Checkout: 5h"));
  CHECK_THAT(bot.say("U1", "task estimate T-1 6h"), Contains("5h → 6h"));
  CHECK(bot.decisions()[0].before == "5h");
  CHECK(bot.decisions()[0].after == "6h");
  CHECK_THAT(bot.say("U2", "task estimate T-1 1h"),
             Contains("Only a pm, lead, dev or qa can estimate tasks. You are: customer."));
  CHECK_THAT(bot.say("U4", "task estimate T-1 0"), Contains("more than zero"));
  CHECK_THAT(bot.say("U4", "task show T-1"), Contains("Estimate: 6h"));
}

TEST_CASE("splitting makes subtasks of at most two hours, shown with their total") {
  Backlog bot;
  bot.run("U2", "task priority T-1 high");
  bot.run("U4", "task estimate T-1 4h");
  const auto reply = bot.run("U4", "task split T-1 \"Card form\" estimate=2h");
  CHECK(reply.visibility == Visibility::channel);
  CHECK_THAT(all_text(reply.message), Contains("Subtask T-2 of T-1: Card form (2h)"));
  CHECK(bot.decisions()[0].action == "task.split");
  CHECK(bot.decisions()[0].object == "T-2");
  CHECK_THAT(bot.decisions()[0].after, Contains("\"parent\":\"T-1\""));
  CHECK_THAT(bot.say("U4", "task split T-1 Receipt estimate=90m"),
             Contains("2 subtasks, 3.5h in total (T-1 is estimated at 4h)"));

  const auto before = bot.decisions().size();
  CHECK_THAT(bot.say("U4", "task split T-1 Huge estimate=3h"),
             Contains("A subtask is at most 2h; 3h is too much"));
  CHECK_THAT(bot.say("U4", "task split T-1 Vague"), Contains("needs an estimate"));
  CHECK_THAT(bot.say("U4", "task split T-2 Deeper estimate=1h"),
             Contains("T-2 is already a subtask of T-1"));
  CHECK_THAT(bot.say("U4", "task estimate T-2 3h"), Contains("a subtask is at most 2h"));
  CHECK_THAT(bot.say("U2", "task split T-1 Mine estimate=1h"),
             Contains("Only a pm, lead, dev or qa can split tasks"));
  CHECK(bot.decisions().size() == before);

  const auto shown = bot.say("U2", "task show T-1");
  CHECK_THAT(shown, Contains("T-2 Card form — 2h"));
  CHECK_THAT(shown, Contains("T-3 Receipt — 1.5h"));
  CHECK_THAT(shown, Contains("Total: 3.5h"));
  // Subtasks inherit the parent's priority.
  CHECK_THAT(bot.say("U2", "task show T-3"), Contains("Priority: high"));
  CHECK_THAT(bot.say("U2", "task show T-3"), Contains("Subtask of: T-1"));
}

TEST_CASE("both sides write stories and criteria; read-only roles cannot") {
  Backlog bot;
  CHECK_THAT(bot.say("U2", "task story T-1 \"As a buyer I want to pay by card\""),
             Contains("As a buyer I want to pay by card"));
  CHECK(bot.decisions()[0].action == "task.story");
  CHECK_THAT(bot.say("U4", "task criteria T-1 \"Visa and Mastercard work\""),
             Contains("Acceptance criterion 1 of T-1: Visa and Mastercard work"));
  CHECK_THAT(bot.say("U2", "task criteria T-1 Declined cards show why"),
             Contains("criterion 2 of T-1"));
  CHECK(bot.decisions()[0].before == "[\"Visa and Mastercard work\"]");
  CHECK_THAT(bot.say("U4", "task show T-1"),
             Contains("1. Visa and Mastercard work\n2. Declined cards show why"));

  const auto before = bot.decisions().size();
  CHECK_THAT(bot.say("U5", "task story T-1 Mine"),
             Contains("can write user stories. You are: sponsor."));
  CHECK_THAT(bot.say("U5", "task criteria T-1 Mine"), Contains("You are: sponsor."));
  CHECK_THAT(bot.say("U4", "task story T-1"), Contains("Give the story's text"));
  CHECK(bot.decisions().size() == before);

  CHECK_THAT(bot.say("U2", "task criteria T-1 clear"), Contains("cleared (2 removed)"));
  CHECK(bot.decisions()[0].after == "[]");
  CHECK_THAT(bot.say("U4", "task show T-1"), Contains("Acceptance criteria: none yet"));
  // Quoted, "clear" is a criterion like any other.
  CHECK_THAT(bot.say("U4", "task criteria T-1 \"clear\""), Contains("criterion 1 of T-1: clear"));
}

TEST_CASE("templates show a story and criteria and pre-fill the form") {
  Backlog bot;
  const auto reply = bot.run("U2", "task template bug");
  const auto text = all_text(reply.message);
  CHECK_THAT(text, Contains("Steps to reproduce"));
  CHECK_THAT(text, Contains("1. The steps no longer reproduce the problem"));
  REQUIRE(reply.message.buttons.size() == 1);
  const auto& button = reply.message.buttons[0];
  CHECK(button.label == "Use this template");
  CHECK(button.action_id == kRunCommandAction);
  const auto opened = bot.click("U2", kRunCommandAction, button.value);
  REQUIRE(opened.form);
  CHECK(opened.form->fields[1].initial == "bug");
  CHECK_THAT(opened.form->fields[3].initial, Contains("Steps to reproduce"));
  CHECK_THAT(opened.form->fields[4].initial,
             Contains("The steps no longer reproduce the problem\nAn automated test"));
  CHECK_THAT(bot.say("U2", "task template feature"), Contains("As a [role] I want [goal]"));
  CHECK_THAT(bot.say("U2", "task template epic"),
             Contains("No template epic. Templates: feature, bug."));
}

TEST_CASE("owners: the team assigns a task to one of its own, who is told and sees it as theirs") {
  Backlog bot;
  bot.run("U1", "role add <@U6> qa");
  bot.run("U2", "task add \"Invoices\"");
  bot.outbox();  // what setup queued is not what this test looks at
  const auto before = bot.outbox().size();

  const auto reply = bot.run("U4", "task assign T-1 <@U6>");
  CHECK(reply.visibility == Visibility::channel);
  CHECK_THAT(all_text(reply.message), Contains("Owner of T-1 Checkout: @U6"));
  const auto log = bot.decisions();
  CHECK(log[0].action == "task.assign");
  CHECK(log[0].before.empty());
  CHECK(log[0].after == "U6");
  // The new owner hears of it privately.
  const auto rows = bot.outbox();
  REQUIRE(rows.size() == before + 1);
  CHECK(rows.back().target == "U6");
  CHECK(rows.back().kind == accord::store::OutboxKind::direct_message);

  // Owners show in the backlog, in the task, and in the owner's own list.
  CHECK_THAT(bot.say("U2", "task list"), Contains("Checkout") && Contains("@U6"));
  CHECK_THAT(bot.say("U2", "task show T-1"), Contains("Owner: @U6"));
  CHECK_THAT(bot.say("U2", "task show T-2"), Contains("Owner: nobody yet"));
  const auto mine = bot.say("U6", "task list mine");
  CHECK_THAT(mine, Contains("Your tasks") && Contains("T-1") && !Contains("T-2"));
  CHECK_THAT(bot.say("U4", "task list mine"), Contains("You own no open task"));
  // And in the sprint the task is planned in.
  REQUIRE_THAT(bot.say("U1", "sprint plan \"Billing\" start=2026-11-30"), Contains("SP-1"));
  REQUIRE_THAT(bot.say("U1", "sprint add SP-1 T-1"), !Contains("isn't"));
  CHECK_THAT(bot.say("U2", "sprint"), Contains("Checkout") && Contains("@U6"));

  // Handing it over, and back to nobody; the same owner again changes nothing.
  CHECK_THAT(bot.say("U1", "task assign T-1 <@U4>"), Contains("Owner of T-1 Checkout: @U4"));
  CHECK_THAT(bot.say("U4", "task assign T-1 <@U4>"), Contains("already owned by @U4"));
  CHECK_THAT(bot.say("U4", "task assign T-1 none"), Contains("nobody now"));
  CHECK_THAT(bot.say("U4", "task show T-1"), Contains("Owner: nobody yet"));
}

TEST_CASE("owners: who may assign, to whom, and bad input change nothing") {
  Backlog bot;
  const auto logged = bot.decisions().size();
  // The customer side sets priorities, not who does the work.
  CHECK_THAT(bot.say("U2", "task assign T-1 <@U4>"), Contains("assign tasks"));
  CHECK_THAT(bot.say("U5", "task assign T-1 <@U4>"), Contains("assign tasks"));
  // Only someone doing the work can own it.
  CHECK_THAT(bot.say("U1", "task assign T-1 <@U2>"), Contains("isn't on the team"));
  CHECK_THAT(bot.say("U1", "task assign T-1 <@U1>"), Contains("isn't on the team"));
  CHECK_THAT(bot.say("U1", "task assign T-1 U4"), Contains("isn't a mention"));
  CHECK_THAT(bot.say("U1", "task assign T-1"), Contains("Name one person"));
  CHECK_THAT(bot.say("U1", "task assign T-9 <@U4>"), Contains("T-9"));
  CHECK(bot.decisions().size() == logged);
  CHECK_THAT(bot.say("U2", "task show T-1"), Contains("Owner: nobody yet"));
}
