// Acceptance (DESIGN §3.6) through the dispatcher with a hand-moved clock: marking a task done
// sends each approver a card; accepting or rejecting (with a reason) updates every copy in
// place, tells the channel and logs the decision; late and stale clicks change nothing.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

#include "tests/commands/test_bot.hpp"

using namespace accord::commands;
using accord::store::OutboxKind;
using accord::testing::all_text;
using accord::testing::TestBot;
using Catch::Contains;

namespace {

// pm U1, customer U2, delegate U3, dev U4; T-1 has a story and two criteria.
struct Project : TestBot {
  Project() {
    run("U1", "setup Apollo tz=UTC");
    run("U1", "role add <@U2> customer");
    run("U1", "role add <@U3> delegate");
    run("U1", "role add <@U4> dev");
    run("U1",
        "task add \"Export invoices\" story=\"As an accountant I want a CSV\" "
        "criteria=\"One row per invoice; Totals match the ledger\"");
    deliver_all();  // the welcome and role notices; what follows is the acceptance's
  }

  std::vector<accord::store::OutboxItem> rows(OutboxKind kind) {
    std::vector<accord::store::OutboxItem> found;
    for (auto& row : outbox()) {
      if (row.kind == kind) found.push_back(row);
    }
    return found;
  }

  // Marks every queued card copy and channel message delivered, as the worker would.
  void deliver_all() {
    const auto queued = outbox();
    accord::store::Transaction tx(db());
    accord::store::Outbox box(db());
    int n = 0;
    for (const auto& row : queued) {
      if (row.kind == OutboxKind::update_message) continue;
      const auto channel = row.kind == OutboxKind::direct_message ? "D" + row.target : row.target;
      REQUIRE(box.mark_delivered(row.id, channel, std::to_string(++n) + ".0", clock().now()));
    }
    tx.commit();
  }

  int count(const std::string& action) {
    int n = 0;
    for (const auto& decision : decisions()) n += decision.action == action ? 1 : 0;
    return n;
  }
};

Message payload(const accord::store::OutboxItem& row) {
  return message_from_json(nlohmann::json::parse(row.payload));
}

std::string button_command(const Message& card, const std::string& label) {
  for (const auto& button : card.buttons) {
    if (button.label == label) return button.value;
  }
  FAIL("no button " << label);
  return {};
}

}  // namespace

TEST_CASE("start and done: the approvers get a card, the channel is told, both are logged") {
  Project bot;
  CHECK_THAT(bot.say("U4", "task start T-1"), Contains("Started"));
  CHECK_THAT(bot.say("U1", "task show T-1"), Contains("in progress"));
  CHECK(bot.count("task.start") == 1);
  CHECK_THAT(bot.say("U4", "task start T-1"), Contains("already in progress"));

  const auto done = bot.say("U4", "task done T-1");
  CHECK_THAT(done, Contains("awaits acceptance") && Contains("@U2") && Contains("@U3"));
  CHECK(bot.count("task.done") == 1);
  CHECK_THAT(bot.say("U1", "task show T-1"), Contains("awaiting acceptance"));

  const auto cards = bot.rows(OutboxKind::direct_message);
  REQUIRE(cards.size() == 2);
  std::set<std::string> targets;
  for (const auto& card : cards) {
    targets.insert(card.target);
    CHECK(card.card_key == cards.front().card_key);
    const auto text = all_text(payload(card));
    CHECK_THAT(text, Contains("Export invoices") && Contains("As an accountant I want a CSV"));
    CHECK_THAT(text, Contains("1. One row per invoice") && Contains("2. Totals match the ledger"));
    CHECK_THAT(text, Contains("[Accept]") && Contains("[Reject]"));
    CHECK_THAT(button_command(payload(card), "Accept"),
               Contains("accept T-1") && Contains("project="));
  }
  CHECK(targets == std::set<std::string>{"U2", "U3"});
  const auto told = bot.rows(OutboxKind::channel_message);
  REQUIRE(told.size() == 1);
  CHECK(told.front().target == "C1");
  CHECK(told.front().card_key.empty());
  CHECK_THAT(all_text(payload(told.front())), Contains("T-1") && Contains("done"));

  // Done twice changes nothing.
  CHECK_THAT(bot.say("U4", "task done T-1"), Contains("awaits acceptance since"));
  CHECK(bot.count("task.done") == 1);
  CHECK(bot.rows(OutboxKind::direct_message).size() == 2);
}

TEST_CASE("the Accept click from a DM accepts, updates every delivered copy and tells the team") {
  Project bot;
  bot.run("U4", "task done T-1");
  const auto dms = bot.rows(OutboxKind::direct_message);
  REQUIRE(dms.size() == 2);
  const auto card = payload(dms.front());
  bot.deliver_all();
  bot.clock().advance(std::chrono::hours(3));

  const auto reply = bot.click("U2", kRunCommandAction, button_command(card, "Accept"), "DU2");
  CHECK(reply.visibility == Visibility::requester_only);
  CHECK_THAT(all_text(reply.message), Contains("You accepted") && Contains("T-1"));
  CHECK(bot.count("task.accept") == 1);
  CHECK_THAT(bot.say("U1", "task show T-1"),
             Contains("Status: accepted") && Contains("accepted by @U2 on 2026-11-24 02:30"));

  const auto updates = bot.rows(OutboxKind::update_message);
  REQUIRE(updates.size() == 2);  // both DM copies
  for (const auto& update : updates) {
    const auto updated = payload(update);
    CHECK(updated.buttons.empty());
    CHECK_THAT(all_text(updated), Contains("accepted by @U2") && Contains("2026-11-24 02:30"));
  }
  const auto told = bot.rows(OutboxKind::channel_message);
  REQUIRE(told.size() == 1);  // the done message was delivered; this is the new one
  CHECK_THAT(all_text(payload(told.front())), Contains("accepted by @U2"));

  // The delegate's copy was stale: the click changes nothing and says who decided.
  const auto late = bot.click("U3", kRunCommandAction, button_command(card, "Reject"), "DU3");
  CHECK_THAT(all_text(late.message),
             Contains("was accepted by @U2") && Contains("Nothing changed"));
  CHECK_FALSE(late.form);
  CHECK(bot.count("task.accept") == 1);
  CHECK(bot.count("task.reject") == 0);
}

TEST_CASE("accept by command keeps the note") {
  Project bot;
  bot.run("U4", "task done T-1");
  CHECK_THAT(bot.say("U3", "accept T-1 Looks great"), Contains("You accepted"));
  const auto shown = bot.say("U1", "task show T-1");
  CHECK_THAT(shown, Contains("accepted by @U3") && Contains("Note: Looks great"));
  for (const auto& decision : bot.decisions()) {
    if (decision.action == "task.accept") CHECK_THAT(decision.after, Contains("Looks great"));
  }
  CHECK_THAT(bot.say("U2", "accept T-1"), Contains("was accepted by @U3"));
  CHECK(bot.count("task.accept") == 1);
}

TEST_CASE("reject asks for a reason in a form and returns the task to the backlog with it") {
  Project bot;
  bot.run("U4", "task done T-1");
  const auto dms = bot.rows(OutboxKind::direct_message);
  REQUIRE(dms.size() == 2);
  const auto card = payload(dms.front());
  bot.deliver_all();

  const auto asked = bot.click("U2", kRunCommandAction, button_command(card, "Reject"), "DU2");
  REQUIRE(asked.form);
  CHECK(asked.form->fields.front().id == "comment");
  CHECK_THAT(asked.form->command, Contains("reject T-1") && Contains("project="));
  CHECK(bot.count("task.reject") == 0);
  CHECK_THAT(bot.say("U1", "task show T-1"), Contains("awaiting acceptance"));

  // Typed without a reason: the same form, and the way to do it by command.
  const auto typed = bot.run("U2", "reject T-1");
  REQUIRE(typed.form);
  CHECK_THAT(all_text(typed.message), Contains("comment="));

  const auto submitted =
      bot.submit("U2", asked.form->command, {{"comment", "Totals are off by VAT"}}, "DU2");
  CHECK_THAT(all_text(submitted.message), Contains("You rejected"));
  CHECK(bot.count("task.reject") == 1);
  const auto shown = bot.say("U1", "task show T-1");
  CHECK_THAT(shown, Contains("Status: backlog") && Contains("Last rejected") &&
                        Contains("Totals are off by VAT") && Contains("@U2"));
  for (const auto& update : bot.rows(OutboxKind::update_message)) {
    CHECK(payload(update).buttons.empty());
    CHECK_THAT(all_text(payload(update)),
               Contains("rejected by @U2") && Contains("Totals are off by VAT"));
  }
  CHECK(bot.rows(OutboxKind::update_message).size() == 2);
  CHECK_THAT(all_text(payload(bot.rows(OutboxKind::channel_message).front())),
             Contains("rejected") && Contains("Totals are off by VAT") && Contains("backlog"));
}

TEST_CASE("a card from an earlier round never decides the current one") {
  Project bot;
  bot.run("U4", "task done T-1");
  const auto first_round = payload(bot.rows(OutboxKind::direct_message).front());
  bot.run("U2", "reject T-1 \"Missing the header row\"");
  bot.run("U4", "task start T-1");
  bot.run("U4", "task done T-1");
  CHECK(bot.rows(OutboxKind::direct_message).size() == 4);

  const auto old = bot.click("U2", kRunCommandAction, button_command(first_round, "Accept"), "DU2");
  CHECK_THAT(all_text(old.message), Contains("was rejected by @U2") && Contains("Nothing changed"));
  CHECK_THAT(bot.say("U1", "task show T-1"), Contains("awaiting acceptance"));
  CHECK(bot.count("task.accept") == 0);
  CHECK_THAT(bot.say("U2", "accept T-1"), Contains("You accepted"));
}

TEST_CASE("two approvers clicking at once: exactly one decision") {
  Project bot;
  bot.run("U4", "task done T-1");
  const auto card = payload(bot.rows(OutboxKind::direct_message).front());
  const auto first = bot.click("U2", kRunCommandAction, button_command(card, "Accept"), "DU2");
  const auto second = bot.click("U3", kRunCommandAction, button_command(card, "Accept"), "DU3");
  CHECK_THAT(all_text(first.message), Contains("You accepted"));
  CHECK_THAT(all_text(second.message), Contains("was accepted by @U2"));
  CHECK(bot.count("task.accept") == 1);
  CHECK(bot.count("task.reject") == 0);
}

TEST_CASE("refusals explain themselves and change nothing") {
  Project bot;
  const auto before = bot.decisions().size();
  CHECK_THAT(bot.say("U2", "accept T-1"), Contains("not awaiting acceptance"));
  CHECK_THAT(bot.say("U2", "reject T-1 nope"), Contains("not awaiting acceptance"));
  CHECK_THAT(bot.say("U2", "accept T-9"), Contains("No task"));
  CHECK_THAT(bot.say("U2", "accept"), Contains("Usage"));
  CHECK_THAT(bot.say("U4", "task done"), Contains("Usage"));
  CHECK_THAT(bot.say("U4", "task done T-1 force=yes"), Contains("force"));
  CHECK_THAT(bot.say("U2", "accept T-1 request=zzz"), Contains("does not belong"));
  CHECK(bot.decisions().size() == before);

  // A task split into subtasks is done once each subtask is.
  bot.run("U4", "task split T-1 \"Header row\" estimate=1h");
  bot.run("U4", "task split T-1 \"Totals\" estimate=1h");
  const auto refused = bot.say("U4", "task done T-1");
  CHECK_THAT(refused, Contains("T-2 (backlog)") && Contains("T-3 (backlog)"));
  bot.run("U4", "task done T-2");
  bot.run("U2", "accept T-2");
  bot.run("U4", "task done T-3");
  CHECK_THAT(bot.say("U4", "task done T-1"), Contains("awaits acceptance"));

  // Too long a reason.
  CHECK_THAT(bot.say("U2", "reject T-1 \"" + std::string(2001, 'x') + "\""), Contains("too long"));
  CHECK_THAT(bot.say("U1", "task show T-1"), Contains("awaiting acceptance"));
}

TEST_CASE("done is refused while nobody can accept") {
  TestBot bot;
  bot.run("U1", "setup Apollo");
  bot.run("U1", "task add Lonely");
  CHECK_THAT(bot.say("U1", "task done T-1"), Contains("no customer or delegate"));
  CHECK_THAT(bot.say("U1", "task show T-1"), Contains("Status: backlog"));
}

TEST_CASE("pending: oldest first with the wait, for approvers and for the team") {
  Project bot;
  bot.run("U1", "task add \"Second task\"");
  bot.run("U4", "task done T-1");
  bot.clock().advance(std::chrono::hours(2));
  bot.run("U1", "roadmap add \"Checkout\" due=2027-01-10 reason=\"Asked for\"");
  bot.clock().advance(std::chrono::hours(1));
  bot.run("U4", "task done T-2");
  bot.clock().advance(std::chrono::minutes(30));

  const auto mine = bot.run("U2", "pending").message;
  REQUIRE(mine.sections.size() == 3);
  CHECK(mine.title == "Waiting on you");
  CHECK_THAT(mine.sections[0].text.to_plain(), Contains("T-1") && Contains("waiting 3 hours"));
  CHECK_THAT(mine.sections[1].text.to_plain(), Contains("CR-1") && Contains("waiting 1 hour"));
  CHECK_THAT(mine.sections[2].text.to_plain(), Contains("T-2") && Contains("waiting 30 minutes"));

  const auto team = bot.say("U4", "pending");
  CHECK_THAT(team, Contains("Waiting on the customer") && Contains("ball is in the customer's"));
  CHECK_THAT(team, Contains("T-1") && Contains("marked done by @U4") && Contains("3 hours"));

  bot.run("U2", "accept T-1");
  bot.run("U2", "approve CR-1");
  bot.run("U3", "reject T-2 \"Not yet\"");
  CHECK_THAT(bot.say("U2", "pending"), Contains("Nothing waits on you"));
  CHECK_THAT(bot.say("U4", "pending"), Contains("Nothing waits on the customer"));
  CHECK_THAT(bot.say("U9", "pending"), Contains("not on this project's team"));
}
