// Scenarios and proposals (DESIGN §3.1): ranked scenarios with a top five, capabilities drafted
// by the team, decided per capability by the customer side, with coverage of the top five.
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

// O-1 with scenarios S-1..S-3 ranked 1..3.
struct WithScenarios : ScopeTeam {
  WithScenarios() {
    run("U2", "objective add \"Faster onboarding\"");
    run("U2", "scenario add O-1 \"Sign up\"");
    run("U2", "scenario add O-1 \"First invoice\"");
    run("U1", "scenario add O-1 \"Import contacts\"");
  }
};

// Plus C-1 (covers S-1, S-2) and C-2 (covers S-3), submitted as proposal v1, cards delivered.
struct Proposed : WithScenarios {
  Proposed() {
    run("U5", "capability add O-1 \"Guided signup\" covers=S-1,S-2 size=40h");
    run("U4", "capability add O-1 \"CSV import\" covers=S-3");
    run("U1", "proposal submit O-1");
    deliver_all();
  }
};

}  // namespace

TEST_CASE("scenarios rank 1..N; a sixth stays below the line and the reply says so") {
  WithScenarios bot;
  bot.run("U3", "scenario add O-1 \"Invite team\"");
  CHECK_THAT(bot.say("U2", "scenario add O-1 \"Reports\""), Contains("at rank 5"));
  const auto sixth = bot.run("U2", "scenario add O-1 \"Dark mode\"");
  CHECK(sixth.visibility == Visibility::channel);
  CHECK_THAT(all_text(sixth.message),
             Contains("S-6 is below the line (rank 6): only the top five shape the proposal. "
                      "Re-rank with /accord scenario rank S-6 <1-5>"));
  // Inserting at a rank pushes the others down; the one pushed over the line is named.
  CHECK_THAT(bot.say("U1", "scenario add O-1 \"Single sign-on\" rank=2"),
             Contains("at rank 2") && Contains("S-5 moved below the line"));
  const auto list = bot.say("U7", "scenario list O-1");
  CHECK_THAT(list, Contains("1. S-1 Sign up\n2. S-7 Single sign-on\n3. S-2 First invoice\n4. "
                            "S-3 Import contacts\n5. S-4 Invite team\nBelow the line\n6. S-5 "
                            "Reports\n7. S-6 Dark mode"));
  CHECK(bot.logged("scenario.add") == 7);
}

TEST_CASE("re-ranking shifts the others so ranks stay without gaps") {
  WithScenarios bot;
  CHECK_THAT(bot.say("U3", "scenario rank S-3 1"), Contains("rank 3 \xE2\x86\x92 1"));
  CHECK_THAT(bot.say("U5", "scenario list O-1"),
             Contains("1. S-3 Import contacts\n2. S-1 Sign up\n3. S-2 First invoice"));
  bot.run("U1", "scenario rank S-3 3");
  CHECK_THAT(bot.say("U5", "scenario list O-1"),
             Contains("1. S-1 Sign up\n2. S-2 First invoice\n3. S-3 Import contacts"));
  CHECK_THAT(bot.say("U1", "scenario rank S-1 4"), Contains("The rank is a number from 1 to 3"));
  CHECK_THAT(bot.say("U1", "scenario rank S-1 1"), Contains("already at rank 1"));
  CHECK_THAT(bot.say("U1", "scenario rank S-9 1"), Contains("No scenario S-9"));
  CHECK_THAT(bot.say("U1", "scenario rank S-1"), Contains("Give the new rank"));
  CHECK_THAT(bot.say("U5", "scenario rank S-1 2"),
             Contains("Only the customer, a delegate or the pm can rank scenarios. You are: dev."));
  REQUIRE(bot.logged("scenario.rank") == 2);
  CHECK(bot.decisions().front().before == "1");
  CHECK(bot.decisions().front().after == "3");
}

TEST_CASE("malformed scenario and capability input gets usage, and changes nothing") {
  WithScenarios bot;
  CHECK_THAT(bot.say("U2", "scenario add O-9 \"X\""), Contains("No objective O-9"));
  CHECK_THAT(bot.say("U2", "scenario add \"X\""), Contains("Say which objective"));
  CHECK_THAT(bot.say("U2", "scenario add O-1"), Contains("Give the scenario a title"));
  CHECK_THAT(bot.say("U2", "scenario add O-1 X rank=0"), Contains("from 1 to 4"));
  CHECK_THAT(bot.say("U2", "scenario add O-1 X rank=high"), Contains("from 1 to 4"));
  CHECK_THAT(bot.say("U2", "scenario"), Contains("Usage:"));
  CHECK_THAT(bot.say("U5", "capability add O-1 \"X\""), Contains("covers=S-1,S-2"));
  CHECK_THAT(bot.say("U5", "capability add O-1 \"X\" covers=S-9"),
             Contains("S-9 isn't a scenario of O-1"));
  CHECK_THAT(bot.say("U5", "capability add O-1 \"X\" covers=S-1 size=lots"),
             Contains("isn't a size in hours"));
  CHECK_THAT(bot.say("U5", "capability add O-1 covers=S-1"),
             Contains("Give the capability a title"));
  bot.run("U2", "objective add \"Other\"");
  bot.run("U2", "scenario add O-2 \"Elsewhere\"");
  CHECK_THAT(bot.say("U5", "capability add O-1 \"X\" covers=S-4"),
             Contains("S-4 isn't a scenario of O-1"));
  CHECK(bot.logged("capability.add") == 0);
  CHECK_THAT(bot.say("U1", "proposal submit O-1"), Contains("Nothing new to submit for O-1"));
}

TEST_CASE("a submitted proposal sends one card with a row and buttons per capability") {
  Proposed bot;
  const auto key = bot.card_key("proposal-O-1-v1");
  std::vector<std::string> targets;
  accord::store::OutboxItem channel_copy;
  {
    accord::store::Transaction tx(bot.db());
    for (const auto& copy : accord::store::Outbox(bot.db()).card_copies(key)) {
      targets.push_back(copy.target);
      channel_copy = copy;
    }
  }
  CHECK(targets == std::vector<std::string>{"U2", "U3", "C1"});
  const auto card = payload_message(channel_copy);
  CHECK(card.title == "Proposal for O-1 (v1)");
  const auto text = all_text(card);
  CHECK_THAT(text, Contains("C-1 Guided signup\nCovers: S-1 (rank 1), S-2 (rank 2)\nDecision: "
                            "Awaiting a decision\nSize: 40h") &&
                       Contains("C-2 CSV import\nCovers: S-3 (rank 3)") &&
                       Contains("Not yet covered by an accepted capability: S-1 Sign up (rank 1); "
                                "S-2 First invoice (rank 2); S-3 Import contacts (rank 3)."));
  REQUIRE(card.buttons.size() == 6);
  CHECK(card.buttons[0].label == "Accept C-1");
  CHECK(card.buttons[0].value == "proposal decide C-1 accept" + bot.project_suffix());
  CHECK(card.buttons[1].value == "proposal decide C-1 change" + bot.project_suffix());
  CHECK(card.buttons[2].label == "Out of scope C-1");
  CHECK(card.buttons[5].value == "proposal decide C-2 out" + bot.project_suffix());
  CHECK(bot.logged("proposal.submit") == 1);
}

TEST_CASE("accepting a capability makes it an epic and an unscheduled roadmap item") {
  Proposed bot;
  const auto reply = bot.click_card("U2", "proposal-O-1-v1", "Accept C-1");
  CHECK_THAT(all_text(reply.message),
             Contains("Recorded: C-1 Guided signup \xE2\x80\x94 Accepted") &&
                 Contains("epic=C-1") && Contains("unscheduled roadmap item R-1; baseline v1"));
  // Every delivered copy shows the decision; C-1 lost its buttons, C-2 kept them.
  const auto updates = bot.pending(OutboxKind::update_message);
  REQUIRE(updates.size() == 3);
  const auto card = payload_message(updates[0]);
  CHECK_THAT(all_text(card), Contains("Decision: Accepted by @U2 on 2026-11-24 00:30") &&
                                 Contains("Not yet covered by an accepted capability: S-3 Import "
                                          "contacts (rank 3).") &&
                                 !Contains("S-1 Sign up (rank 1)"));
  REQUIRE(card.buttons.size() == 3);
  CHECK(card.buttons[0].label == "Accept C-2");
  // The submitter hears of it.
  const auto dms = bot.pending(OutboxKind::direct_message);
  REQUIRE(dms.size() == 1);
  CHECK(dms[0].target == "U1");

  CHECK_THAT(bot.say("U5", "roadmap"),
             Contains("Unscheduled\nR-1 Guided signup (epic C-1)") && Contains("baseline v1"));
  CHECK_THAT(bot.say("U1", "roadmap add \"Beta\" due=2027-01-10 epic=C-1 reason=r"),
             Contains("CR-1 proposed"));
  CHECK_THAT(bot.say("U2", "proposal decide C-1 accept"),
             Contains("C-1 was already decided: Accepted by @U2"));
  CHECK(bot.logged("capability.accept") == 1);
  for (const auto& decision : bot.decisions()) {
    if (decision.action == "capability.accept") CHECK(decision.after == "accepted");
  }
}

TEST_CASE("change and out of scope need a comment; coverage shows what is left") {
  Proposed bot;
  const auto asked = bot.click_card("U3", "proposal-O-1-v1", "Out of scope C-2");
  REQUIRE(asked.form);
  CHECK(asked.form->title == "Mark out of scope");
  CHECK(asked.form->command == "proposal decide C-2 out" + bot.project_suffix());
  CHECK(asked.form->fields.at(0).kind == FormField::Kind::multiline);
  CHECK_THAT(all_text(asked.message), Contains("/accord proposal decide C-2 out comment=\"...\""));
  CHECK(bot.pending(OutboxKind::update_message).empty());

  bot.submit("U3", asked.form->command, {{"comment", "Next year"}}, "DU3");
  bot.run("U2", "proposal decide C-1 change comment=\"Smaller first step\"");
  bot.run("U1", "scenario add O-1 \"Below\" rank=4");  // rank 4: in the top five
  const auto shown = bot.say("U6", "proposal show O-1");
  CHECK_THAT(shown, Contains("Decision: Out of scope by @U3 on 2026-11-24 00:30: Next year") &&
                        Contains("Decision: Change requested by @U2") &&
                        Contains("Smaller first step") &&
                        Contains("Not yet covered by an accepted capability: S-1 Sign up (rank 1); "
                                 "S-2 First invoice (rank 2); S-3 Import contacts (rank 3); S-4 "
                                 "Below (rank 4).") &&
                        !Contains("[Accept"));

  // Re-submitting after the change: version 2, C-1 back to awaiting, v1's card superseded.
  bot.deliver_all();
  CHECK_THAT(bot.say("U4", "proposal submit O-1"),
             Contains("Proposal v2 for O-1 sent to @U2, @U3"));
  bool superseded = false;
  for (const auto& update : bot.pending(OutboxKind::update_message)) {
    const auto card = payload_message(update);
    superseded = superseded || (card.title == "Proposal for O-1 (v1)" && card.buttons.empty() &&
                                all_text(card).find("superseded") != std::string::npos);
  }
  CHECK(superseded);
  CHECK_THAT(bot.say("U2", "proposal decide C-1 accept"), Contains("Accepted"));
  CHECK_THAT(bot.say("U2", "proposal show O-1"),
             Contains("Proposal for O-1 (v2)") &&
                 Contains("Not yet covered by an accepted capability: S-3 Import contacts"));
}

TEST_CASE("approvals include capabilities awaiting a decision") {
  Proposed bot;
  bot.clock().advance(std::chrono::hours(3));
  CHECK_THAT(bot.say("U2", "approvals"),
             Contains("C-1 Guided signup (proposal for O-1) \xE2\x80\x94 waiting 3 hours"));
}

TEST_CASE("help has topics for scope, the roadmap and settings") {
  ScopeTeam bot;
  CHECK_THAT(bot.say("U5", "help scope"),
             Contains("scenario rank S-1") && Contains("proposal decide C-1"));
  CHECK_THAT(bot.say("U5", "help roadmap"),
             Contains("roadmap drop R-1") && Contains("decline CR-1") && Contains("approvals"));
  CHECK_THAT(bot.say("U5", "help settings"), Contains("approval: any") && Contains("Default any"));
  CHECK_THAT(bot.say("U5", "help"), Contains("/accord approvals") && Contains("/accord roadmap"));
}
