// The customer in sprint planning (DESIGN §3.9): tasks joining a planned sprint reach the
// customer as one card by priority with Confirm / Change priorities; later additions ask again;
// `sprint start` says whether they confirmed without ever being blocked, and logs it.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "commands/core/request.hpp"
#include "tests/commands/sprints/sprint_fixture.hpp"

using namespace accord::commands;
using accord::store::OutboxKind;
using accord::testing::all_text;
using accord::testing::SprintProject;
using Catch::Contains;

namespace {

// SprintProject: U1 pm, U2 customer, U4 dev, U6 lead, U5 sponsor; SP-1 planned from 2026-11-30.
struct PlanningProject : SprintProject {
  // The newest copy of the priorities card in `target`'s conversation (a DM or the channel).
  Message card_in(const std::string& target) {
    Message found;
    for (const auto& row : outbox()) {
      if (row.target != target && !(row.kind == OutboxKind::update_message)) continue;
      const auto message = message_from_json(nlohmann::json::parse(row.payload));
      if (message.title.rfind("Priorities for", 0) == 0) found = message;
    }
    return found;
  }
  std::string button(const Message& card, const std::string& label) {
    for (const auto& each : card.buttons) {
      if (each.label == label) return each.value;
    }
    return "";
  }
};

}  // namespace

TEST_CASE("tasks joining a planned sprint reach the customer by priority, to confirm") {
  PlanningProject bot;
  bot.plan();
  const auto low = bot.task("Export", "priority=low estimate=2h");
  const auto high = bot.task("Checkout", "priority=high estimate=2h");
  bot.run("U1", "sprint add SP-1 " + low + " " + high);

  const auto card = bot.card_in("U2");
  REQUIRE(card.title == "Priorities for SP-1");
  const auto text = all_text(card);
  CHECK_THAT(text, Contains("high " + high + " Checkout — 2h\nlow " + low + " Export — 2h"));
  CHECK_THAT(text, Contains("[Confirm priorities]") && Contains("[Change priorities]"));
  CHECK(bot.card_in("C1").title == "Priorities for SP-1");  // the channel's copy

  // The team cannot answer for the customer.
  CHECK_THAT(bot.say("U4", "sprint confirm SP-1"),
             Contains("Only the customer or a delegate can confirm a sprint's priorities"));

  const auto change =
      bot.click("U2", kRunCommandAction, bot.button(card, "Change priorities"), "DU2");
  CHECK_THAT(all_text(change.message),
             Contains("/accord task priority T-1 critical|high|medium|low") &&
                 Contains("/accord sprint confirm SP-1"));

  const auto confirmed =
      bot.click("U2", kRunCommandAction, bot.button(card, "Confirm priorities"), "DU2");
  CHECK_THAT(all_text(confirmed.message), Contains("You confirmed the priorities of SP-1"));
  CHECK(bot.logged("sprint.priorities").size() == 1);
  CHECK_THAT(all_text(bot.card_in("U2")) + all_text(bot.card_in("C1")),
             Contains("Priorities confirmed by @U2"));
  CHECK_THAT(bot.say("U2", "sprint confirm SP-1"), Contains("were confirmed already by @U2"));

  const auto started = bot.say("U1", "sprint start SP-1");
  CHECK_THAT(started, Contains("You started SP-1") && Contains("Priorities: confirmed by @U2"));
  CHECK_THAT(bot.logged("sprint.start")[0].after, Contains("\"priorities\":\"confirmed by U2\""));
  CHECK_THAT(bot.channel_post("Sprint SP-1 started"), Contains("Priorities: confirmed by @U2"));
  // The card closes with the start.
  const auto closed = bot.card_in("U2");
  CHECK(closed.buttons.empty());
  CHECK_THAT(all_text(closed), Contains("The sprint has started"));
  CHECK_THAT(bot.say("U2", "sprint confirm SP-1"), Contains("SP-1 has started"));
}

TEST_CASE("a later addition asks again; an unconfirmed sprint still starts, said and logged") {
  PlanningProject bot;
  bot.plan();
  const auto a = bot.task("A", "estimate=1h");
  const auto b = bot.task("B", "estimate=1h");
  bot.run("U1", "sprint add SP-1 " + a);
  REQUIRE_THAT(bot.say("U2", "sprint confirm SP-1"), Contains("You confirmed"));
  bot.run("U1", "sprint add SP-1 " + b);
  // The customer hears they are asked again.
  int asked_again = 0;
  for (const auto& row : bot.outbox()) {
    if (row.kind != OutboxKind::direct_message || row.target != "U2") continue;
    const auto message = message_from_json(nlohmann::json::parse(row.payload));
    if (message.title == "Priorities for SP-1 changed") ++asked_again;
  }
  CHECK(asked_again == 1);
  // The card shows both tasks and asks again.
  const auto card = bot.card_in("U2");
  CHECK_THAT(all_text(card),
             Contains(b + " B") && !Contains("confirmed by") && Contains("[Confirm priorities]"));

  const auto started = bot.say("U1", "sprint start SP-1");
  CHECK_THAT(started, Contains("You started SP-1") &&
                          Contains("Priorities: not confirmed by the customer (asked "));
  CHECK_THAT(bot.logged("sprint.start")[0].after, Contains("\"priorities\":\"not confirmed\""));
}

TEST_CASE("a priority changed while the sprint is planned reorders every copy and asks again") {
  PlanningProject bot;
  bot.plan();
  const auto low = bot.task("Export", "priority=low estimate=2h");
  const auto high = bot.task("Checkout", "priority=high estimate=2h");
  bot.run("U1", "sprint add SP-1 " + low + " " + high);
  REQUIRE_THAT(bot.say("U2", "sprint confirm SP-1"), Contains("You confirmed"));

  REQUIRE_THAT(bot.say("U2", "task priority " + low + " critical"), Contains("critical"));
  const auto card = bot.card_in("U2");
  CHECK_THAT(all_text(card),
             Contains("critical " + low + " Export — 2h\nhigh " + high + " Checkout — 2h"));
  CHECK_THAT(all_text(card), !Contains("confirmed by") && Contains("[Confirm priorities]"));
  CHECK_THAT(all_text(bot.card_in("C1")), Contains("critical " + low));
  CHECK_THAT(bot.say("U1", "sprint start SP-1"), Contains("Priorities: not confirmed"));
}
