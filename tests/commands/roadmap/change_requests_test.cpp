// Roadmap change requests (DESIGN §3.3): proposed by the pm or a lead, decided by a customer-side
// approver from the card or the command line; every copy of the card follows the decision.
#include <catch2/catch.hpp>

#include "commands/core/request.hpp"
#include "tests/commands/scope/scope_fixture.hpp"

using namespace accord::commands;
using accord::store::OutboxKind;
using accord::testing::all_text;
using accord::testing::payload_message;
using accord::testing::ScopeTeam;
using Catch::Contains;

namespace {

constexpr const char* kAdd =
    "roadmap add \"Checkout\" due=2027-01-10 reason=\"The customer asked for it\"";

// R-1 "Checkout" due 2027-01-10 on the approved roadmap (baseline v1), cards delivered.
struct WithItem : ScopeTeam {
  WithItem() {
    run("U1", kAdd);
    run("U2", "approve CR-1");
    deliver_all();
  }
};

}  // namespace

TEST_CASE("a proposed roadmap addition sends its card to every approver and the channel") {
  ScopeTeam bot;
  const auto reply = bot.say("U4", kAdd);
  CHECK_THAT(reply, Contains("CR-1 proposed: Add R-1 Checkout, due 2027-01-10") &&
                        Contains("Sent for a decision to @U2, @U3 and to the project channel"));

  const auto key = bot.card_key("CR-1");
  std::vector<std::string> targets;
  for (const auto& row : bot.outbox()) {
    CHECK(row.card_key == key);
    targets.push_back(row.target);
    const auto card = payload_message(row);
    CHECK(card.title == "Change request CR-1");
    CHECK_THAT(all_text(card), Contains("Reason: The customer asked for it") &&
                                   Contains("Proposed by: @U4 on 2026-11-24 00:30") &&
                                   Contains("any one approver decides"));
    REQUIRE(card.buttons.size() == 3);
    CHECK(card.buttons[0].label == "Approve");
    CHECK(card.buttons[0].style == ButtonStyle::primary);
    CHECK(card.buttons[0].action_id == kRunCommandAction);
    // The project rides along: a click in a direct message has no project channel.
    CHECK(card.buttons[0].value == "approve CR-1" + bot.project_suffix());
    CHECK(card.buttons[1].value == "changes CR-1" + bot.project_suffix());
    CHECK(card.buttons[2].value == "decline CR-1" + bot.project_suffix());
    CHECK(card.buttons[2].style == ButtonStyle::danger);
  }
  CHECK(targets == std::vector<std::string>{"U2", "U3", "C1"});
  CHECK(bot.logged("change_request.propose") == 1);

  // Only proposed: not on the baseline yet.
  const auto roadmap = bot.say("U5", "roadmap");
  CHECK_THAT(roadmap, Contains("No approved baseline yet") &&
                          Contains("Proposed, awaiting the customer's decision") &&
                          Contains("CR-1 Add R-1 Checkout"));
}

TEST_CASE("approving from the card applies the change, updates every copy and tells the proposer") {
  ScopeTeam bot;
  bot.run("U1", kAdd);
  bot.deliver_all();
  bot.clock().advance(std::chrono::hours(2));

  const auto reply = bot.click_card("U2", "CR-1", "Approve");
  CHECK(reply.visibility == Visibility::requester_only);
  CHECK_THAT(all_text(reply.message), Contains("You approved CR-1") &&
                                          Contains("The roadmap baseline is now v1") &&
                                          Contains("I've told @U1"));

  const auto updates = bot.pending(OutboxKind::update_message);
  REQUIRE(updates.size() == 3);
  for (const auto& update : updates) {
    const auto card = payload_message(update);
    CHECK(card.buttons.empty());
    CHECK_THAT(all_text(card), Contains("CR-1 approved by @U2 on 2026-11-24 02:30"));
  }
  const auto dms = bot.pending(OutboxKind::direct_message);
  REQUIRE(dms.size() == 1);
  CHECK(dms[0].target == "U1");
  CHECK_THAT(all_text(payload_message(dms[0])), Contains("CR-1 approved by @U2"));

  const auto roadmap = bot.say("U7", "roadmap");
  CHECK_THAT(roadmap, Contains("Approved baseline v1, approved by @U2 on 2026-11-24 02:30") &&
                          Contains("R-1 Checkout \xE2\x80\x94 due 2027-01-10") &&
                          !Contains("Proposed"));
  CHECK(bot.logged("change_request.approve") == 1);
  CHECK(bot.logged("roadmap.add") == 1);
  CHECK(bot.logged("roadmap.baseline") == 1);
}

TEST_CASE("a move shows the dates before and after; each approval is a new baseline version") {
  WithItem bot;
  CHECK_THAT(bot.say("U1", "roadmap move R-1 due=2027-02-01 reason=\"Payment provider late\""),
             Contains("CR-2 proposed: Move R-1 Checkout: due 2027-01-10 \xE2\x86\x92 due "
                      "2027-02-01"));
  // One change at a time per item.
  CHECK_THAT(bot.say("U4", "roadmap drop R-1 reason=\"x\""),
             Contains("R-1 already has a change request waiting: CR-2"));
  CHECK_THAT(bot.say("U3", "approve CR-2 fine by us"), Contains("baseline is now v2"));
  CHECK_THAT(bot.say("U5", "roadmap"), Contains("R-1 Checkout \xE2\x80\x94 due 2027-02-01"));

  bot.run("U4", "roadmap add \"Unscheduled thing\" due=2027-03-01 reason=\"r\"");
  bot.run("U4", "roadmap drop R-1 reason=\"Descoped\"");
  CHECK_THAT(bot.say("U2", "approve CR-4"), Contains("baseline is now v3"));
  const auto roadmap = bot.say("U5", "roadmap");
  CHECK_THAT(roadmap, !Contains("Checkout") && Contains("Approved baseline v3") &&
                          Contains("CR-3 Add R-2 Unscheduled thing"));

  const auto history = bot.say("U6", "roadmap history");
  CHECK_THAT(history,
             Contains("v1 \xE2\x80\x94 CR-1 Add R-1 Checkout, due 2027-01-10, approved "
                      "by @U2") &&
                 Contains("v2 \xE2\x80\x94 CR-2 Move R-1") && Contains("approved by @U3") &&
                 Contains("v3 \xE2\x80\x94 CR-4 Drop R-1 Checkout") && Contains("; 0 items."));
}

TEST_CASE("request changes and reject need a comment: a form, or the comment typed") {
  ScopeTeam bot;
  bot.run("U1", kAdd);
  bot.deliver_all();

  const auto asked = bot.click_card("U2", "CR-1", "Request changes");
  REQUIRE(asked.form);
  CHECK(asked.form->title == "Request changes");
  CHECK(asked.form->title.size() <= 24);
  CHECK(asked.form->command == "changes CR-1" + bot.project_suffix());
  REQUIRE(asked.form->fields.size() == 1);
  CHECK(asked.form->fields[0].id == "comment");
  CHECK(asked.form->fields[0].kind == FormField::Kind::multiline);
  CHECK_THAT(all_text(asked.message), Contains("/accord changes CR-1 comment=\"...\""));
  CHECK(bot.logged("change_request.request_changes") == 0);
  CHECK(bot.pending(OutboxKind::update_message).empty());

  const auto done =
      bot.submit("U2", asked.form->command, {{"comment", "Split payment from cart"}}, "DU2");
  CHECK_THAT(all_text(done.message), Contains("You sent back for changes CR-1"));
  const auto updates = bot.pending(OutboxKind::update_message);
  REQUIRE(updates.size() == 3);
  CHECK_THAT(all_text(payload_message(updates[0])),
             Contains("CR-1 sent back for changes by @U2") &&
                 Contains("Comment: Split payment from cart"));
  CHECK(payload_message(updates[0]).buttons.empty());
  // The added item never reached the roadmap.
  CHECK_THAT(bot.say("U5", "roadmap"), Contains("The roadmap is empty"));

  bot.run("U1", "roadmap add \"Other\" due=2027-01-10 reason=\"r\"");
  const auto reject_form = bot.run("U3", "decline CR-2");
  REQUIRE(reject_form.form);
  CHECK(reject_form.form->command == "decline CR-2");
  CHECK_THAT(bot.say("U3", "decline CR-2 \"Not this quarter\""), Contains("You rejected CR-2"));
  CHECK(bot.logged("change_request.reject") == 1);
}

TEST_CASE("a click on a decided card changes nothing and says who decided and when") {
  ScopeTeam bot;
  bot.run("U1", kAdd);
  bot.deliver_all();
  // Two approvers click at once: one decides, the other is told.
  const auto first = bot.click_card("U2", "CR-1", "Approve");
  bot.deliver_all();
  const auto outbox_before = bot.outbox().size();
  const auto second = bot.click_card("U3", "CR-1", "Approve");
  CHECK_THAT(all_text(first.message), Contains("You approved CR-1"));
  CHECK_THAT(all_text(second.message),
             Contains("CR-1 was already approved by @U2 on 2026-11-24 00:30. Nothing changed."));
  CHECK(bot.logged("change_request.approve") == 1);
  CHECK(bot.logged("roadmap.baseline") == 1);
  CHECK(bot.outbox().size() == outbox_before);
  // The same for a rejection click on it.
  CHECK_THAT(bot.say("U3", "decline CR-1 \"late\""), Contains("already approved by @U2"));
}

TEST_CASE("someone without a customer-side role is refused and nothing changes") {
  ScopeTeam bot;
  bot.run("U1", kAdd);
  const auto reply = bot.click("U5", kRunCommandAction, bot.button("CR-1", "Approve"), "C1");
  CHECK(reply.visibility == Visibility::requester_only);
  CHECK_THAT(
      all_text(reply.message),
      Contains("Only the customer or a delegate can approve change requests. You are: dev."));
  CHECK_THAT(bot.say("U1", "decline CR-1 no"),
             Contains("can reject change requests. You are: pm."));
  CHECK_THAT(bot.say("U5", "roadmap"), Contains("Proposed"));
  CHECK(bot.logged("change_request.approve") == 0);
}

TEST_CASE("under approval=all every approver must approve, and one rejection decides") {
  ScopeTeam bot;
  CHECK_THAT(bot.say("U1", "settings approval=all"), Contains("Settings changed: approval=all"));
  bot.run("U1", kAdd);
  bot.deliver_all();

  CHECK_THAT(bot.say("U2", "approve CR-1"),
             Contains("Your approval of CR-1 is recorded") && Contains("waiting for @U3"));
  // The cards show the vote and who is still to decide, buttons still live.
  const auto updates = bot.pending(OutboxKind::update_message);
  REQUIRE(updates.size() == 3);
  const auto card = payload_message(updates[0]);
  CHECK_THAT(all_text(card), Contains("every approver must approve") && Contains("@U2 approved.") &&
                                 Contains("Waiting for @U3"));
  CHECK(card.buttons.size() == 3);
  CHECK_THAT(bot.say("U5", "roadmap"), Contains("No approved baseline yet"));
  // Approvals: gone from the customer's list, still on the delegate's.
  CHECK_THAT(bot.say("U2", "approvals"), Contains("Nothing waits on your decision"));
  CHECK_THAT(bot.say("U3", "approvals"), Contains("CR-1"));

  CHECK_THAT(bot.say("U3", "approve CR-1"), Contains("You approved CR-1"));
  CHECK_THAT(bot.say("U5", "roadmap"), Contains("Approved baseline v1"));
  CHECK(bot.logged("change_request.vote") == 1);
  CHECK(bot.logged("change_request.approve") == 1);

  // One approval, then a rejection: rejected.
  bot.run("U1", "roadmap move R-1 due=2027-05-01 reason=\"r\"");
  bot.run("U2", "approve CR-2");
  CHECK_THAT(bot.say("U3", "decline CR-2 \"No\""), Contains("You rejected CR-2"));
  // A rejection first decides at once.
  bot.run("U1", "roadmap move R-1 due=2027-06-01 reason=\"r\"");
  CHECK_THAT(bot.say("U3", "changes CR-3 \"Sooner\""), Contains("You sent back for changes CR-3"));
  CHECK_THAT(bot.say("U5", "roadmap"), Contains("due 2027-01-10") && Contains("baseline v1"));
}

TEST_CASE("approvals lists what waits, oldest first, with its age") {
  ScopeTeam bot;
  CHECK_THAT(bot.say("U2", "approvals"), Contains("Nothing waits on your decision"));
  bot.run("U1", "roadmap add \"First\" due=2027-01-10 reason=\"r\"");
  bot.clock().advance(std::chrono::hours(50));
  bot.run("U1", "roadmap add \"Second\" due=2027-01-11 reason=\"r\"");
  bot.clock().advance(std::chrono::minutes(5));
  const auto text = bot.say("U3", "approvals");
  CHECK_THAT(text, Contains("Waiting on your decision") &&
                       Contains("CR-1 Add R-1 First, due 2027-01-10 \xE2\x80\x94 waiting 2 days") &&
                       Contains("waiting 5 minutes"));
  CHECK(text.find("CR-1") < text.find("CR-2"));
  CHECK_THAT(bot.say("U5", "approvals"),
             Contains("Waiting on the customer's decision") && Contains("CR-2"));
}

TEST_CASE("the proposer or the pm withdraws a pending change request") {
  ScopeTeam bot;
  bot.run("U4", kAdd);
  bot.deliver_all();
  CHECK_THAT(
      bot.say("U5", "withdraw CR-1"),
      Contains("Only the person who proposed CR-1 or the pm can withdraw it. You are: dev."));
  CHECK_THAT(bot.say("U4", "withdraw CR-1"), Contains("Withdrawn: CR-1"));
  const auto updates = bot.pending(OutboxKind::update_message);
  REQUIRE(updates.size() == 3);
  CHECK_THAT(all_text(payload_message(updates[0])), Contains("CR-1 withdrawn by @U4"));
  CHECK(payload_message(updates[0]).buttons.empty());
  CHECK_THAT(bot.say("U2", "approve CR-1"), Contains("CR-1 was already withdrawn by @U4"));
  CHECK(bot.logged("change_request.withdraw") == 1);
}

TEST_CASE("malformed roadmap changes get a usage message and change nothing") {
  ScopeTeam bot;
  CHECK_THAT(bot.say("U1", "roadmap add \"X\" due=2027-01-10"),
             Contains("Every roadmap change needs a reason"));
  CHECK_THAT(bot.say("U1", "roadmap add \"X\" due=2027-02-30 reason=r"),
             Contains("isn't a calendar date"));
  CHECK_THAT(bot.say("U1", "roadmap add due=2027-01-10 reason=r"),
             Contains("Give the roadmap item a title"));
  CHECK_THAT(bot.say("U1", "roadmap add \"X\" reason=r"), Contains("due=YYYY-MM-DD"));
  CHECK_THAT(bot.say("U1", "roadmap add \"X\" due=2027-01-10 reason=r epic=C-9"),
             Contains("isn't an accepted capability"));
  CHECK_THAT(bot.say("U1", "roadmap move R-9 due=2027-01-10 reason=r"),
             Contains("No item R-9 on the approved roadmap"));
  CHECK_THAT(bot.say("U1", "roadmap move due=2027-01-10 reason=r"),
             Contains("Say which roadmap item"));
  CHECK_THAT(bot.say("U1", "roadmap add \"X\" due=2027-01-10 reason=r color=red"),
             Contains("I don't know the option color="));
  CHECK_THAT(bot.say("U1", "roadmap fly"), Contains("Usage:"));
  CHECK_THAT(bot.say("U2", "approve"), Contains("Say which change request"));
  CHECK_THAT(bot.say("U2", "approve CR-7"), Contains("No change request CR-7"));
  CHECK(bot.logged("change_request.propose") == 0);
}

TEST_CASE("settings: everyone reads them, only the pm changes them, and the change is logged") {
  ScopeTeam bot;
  CHECK_THAT(bot.say("U5", "settings"), Contains("approval: any"));
  CHECK_THAT(bot.say("U2", "settings approval=all"),
             Contains("Only the project's pm can change settings. You are: customer."));
  CHECK_THAT(bot.say("U1", "settings approval=some"), Contains("isn't valid"));
  CHECK_THAT(bot.say("U1", "settings quiet=22"), Contains("I don't know the option quiet="));
  const auto changed = bot.run("U1", "settings approval=all");
  CHECK(changed.visibility == Visibility::channel);
  CHECK_THAT(bot.say("U7", "settings"), Contains("approval: all"));
  CHECK_THAT(bot.say("U1", "settings approval=all"), Contains("Nothing changed"));
  REQUIRE(bot.logged("settings.approval") == 1);
  CHECK(bot.decisions().front().before == "any");
  CHECK(bot.decisions().front().after == "all");
}
