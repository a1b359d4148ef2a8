// Demos (DESIGN §3.5) through the dispatcher with a hand-moved clock: the pm schedules one in the
// project's zone; anyone gives feedback until it is closed; closing sends the pm one card that
// proposes the conversion, and confirming it (once) creates backlog tasks and change requests
// that go to the customer exactly as `roadmap add` sends them.
#include <catch2/catch.hpp>

#include <chrono>
#include <set>

#include "commands/core/request.hpp"
#include "store/demos.hpp"
#include "tests/commands/scope/scope_fixture.hpp"

using namespace accord::commands;
using namespace std::chrono;
using accord::store::OutboxKind;
using accord::testing::all_text;
using accord::testing::payload_message;
using accord::testing::ScopeTeam;
using Catch::Contains;

namespace {

// ScopeTeam (Europe/Berlin; U1 pm, U2 customer, U3 delegate, U4 lead, U5 dev, U6 sponsor, U7 qa,
// U8 leadership, U9 nobody) with T-1 "Login page" and demo D-1 on 2026-12-04 15:00 CET.
struct DemoTeam : ScopeTeam {
  DemoTeam() {
    run("U1", "task add \"Login page\"");
    REQUIRE_THAT(say("U1", "sprint plan \"Login\" start=2026-11-24"), Contains("SP-1"));
    REQUIRE_THAT(say("U1", "sprint plan \"Profiles\" start=2026-12-08"), Contains("SP-2"));
    REQUIRE_THAT(say("U1", "demo schedule \"2026-12-04 15:00\" sprint=SP-2"),
                 Contains("Scheduled D-1"));
    deliver_all();
  }

  accord::store::Demo demo(int number) {
    accord::store::Transaction tx(db());
    const auto project =
        accord::store::Projects(db()).find_by_channel(accord::store::Platform::slack, "T1", "C1");
    return *accord::store::Demos(db()).find(project->id, number);
  }

  // D-1 with a bug about T-1, a tweak and an idea, closed by the pm; the card delivered.
  void close_with_feedback() {
    REQUIRE_THAT(say("U5", "demo feedback D-1 \"Login crashes on save\" task=T-1 kind=bug"),
                 Contains("recorded"));
    REQUIRE_THAT(say("U2", "demo feedback D-1 \"Bigger font on the dashboard\""),
                 Contains("recorded"));
    REQUIRE_THAT(say("U2", "demo feedback D-1 \"Dark mode\" kind=idea"), Contains("recorded"));
    clock().advance(hours(24 * 10) + hours(16));  // 2026-12-04 16:30 in Berlin
    REQUIRE_THAT(say("U1", "demo close D-1"), Contains("Closed D-1 with 3 pieces"));
    deliver_all();
  }

  // Copies of the object's card, delivered or not.
  std::size_t card_copies(const std::string& object) {
    const auto key = card_key(object);
    accord::store::Transaction tx(db());
    return accord::store::Outbox(db()).card_copies(key).size();
  }
};

}  // namespace

TEST_CASE("a demo is scheduled in the project's time zone, stored in UTC and announced") {
  DemoTeam bot;
  const auto demo = bot.demo(1);
  CHECK(demo.scheduled_at == sys_days{2026y / December / 4} + 14h);  // CET is UTC+1
  CHECK(demo.sprint_number == 2);
  CHECK(bot.logged("demo.schedule") == 1);
  CHECK_THAT(bot.decisions().front().after, Contains("2026-12-04T14:00:00Z") && Contains("SP-2"));

  // Summer time is UTC+2; unquoted words work too.
  const auto reply = bot.run("U1", "demo schedule 2027-07-01 15:00");
  CHECK(reply.visibility == Visibility::requester_only);
  CHECK_THAT(all_text(reply.message), Contains("Scheduled D-2 on 2027-07-01 15:00 CEST") &&
                                          Contains("2027-07-01 13:00 UTC") &&
                                          Contains("told the channel"));
  CHECK(bot.demo(2).scheduled_at == sys_days{2027y / July / 1} + 13h);
  CHECK_FALSE(bot.demo(2).sprint_number);

  const auto told = bot.pending(OutboxKind::channel_message);
  REQUIRE(told.size() == 1);
  CHECK(told[0].target == "C1");
  CHECK_THAT(all_text(payload_message(told[0])), Contains("Demo D-2 on 2027-07-01 15:00 CEST") &&
                                                     Contains("Scheduled by @U1") &&
                                                     Contains("/accord demo feedback D-2"));
}

TEST_CASE("a time in the past, a skipped minute or a malformed time is refused") {
  DemoTeam bot;
  // 23:45 in Berlin is 22:45 UTC, before now (23:30 UTC), though 23:45 UTC would not be.
  CHECK_THAT(bot.say("U1", "demo schedule \"2026-11-23 23:45\""),
             Contains("is in the past: it is now 2026-11-24 00:30 CET"));
  CHECK_THAT(bot.say("U1", "demo schedule \"2026-11-24 00:45\""), Contains("Scheduled D-2"));
  bot.clock().advance(hours(1));
  CHECK_THAT(bot.say("U1", "demo schedule \"2026-11-24 00:45\""), Contains("in the past"));
  CHECK_THAT(bot.say("U1", "demo schedule \"2027-03-28 02:30\""),
             Contains("doesn't happen in Europe/Berlin"));
  for (const char* when : {"2026-12-04", "\"2026-12-04 25:00\"", "tomorrow 3pm",
                           "\"2027-02-30 10:00\"", "\"2026-12-04 9:00\"", "2026-12-04T15:00"}) {
    INFO(when);
    CHECK_THAT(bot.say("U1", std::string("demo schedule ") + when),
               Contains("isn't a date and time") && Contains("YYYY-MM-DD HH:MM") &&
                   Contains("Usage: /accord demo schedule"));
  }
  CHECK_THAT(bot.say("U1", "demo schedule"), Contains("Say when") && Contains("Europe/Berlin"));
  CHECK_THAT(bot.say("U1", "demo schedule \"2027-01-10 10:00\" sprint=2"),
             Contains("isn't a sprint id"));
  CHECK_THAT(bot.say("U1", "demo schedule \"2027-01-10 10:00\" sprint=SP-9"),
             Contains("There is no SP-9"));
  CHECK_THAT(bot.say("U1", "demo schedule \"2027-01-10 10:00\" room=4"),
             Contains("I don't know the option room="));
  CHECK(bot.logged("demo.schedule") == 2);  // D-1 and D-2 only
}

TEST_CASE("anyone on the project gives feedback, typed and optionally about a task") {
  DemoTeam bot;
  const auto reply = bot.run("U6", "demo feedback D-1 \"The chart is hard to read\" task=T-1");
  CHECK(reply.visibility == Visibility::requester_only);
  CHECK_THAT(all_text(reply.message), Contains("Your tweak on D-1 about T-1 is recorded") &&
                                          Contains("a backlog task (feature)"));
  CHECK_THAT(bot.say("U5", "demo feedback d-1 Crash on save kind=BUG"),
             Contains("Your bug on D-1 is recorded") && Contains("a backlog task (bug)"));
  CHECK_THAT(bot.say("U2", "demo feedback D-1 \"Export to Excel\" kind=idea"),
             Contains("roadmap change request for the customer to approve"));
  CHECK(bot.logged("demo.feedback") == 3);
  CHECK_THAT(bot.decisions().front().after, Contains("\"kind\":\"idea\""));
  CHECK(bot.pending(OutboxKind::channel_message).empty());  // private: nothing is posted

  CHECK_THAT(bot.say("U5", "demo feedback D-1 \"x\" kind=wish"),
             Contains("kind=wish isn't a kind of feedback") && Contains("bug, tweak or idea"));
  CHECK_THAT(bot.say("U5", "demo feedback D-1 \"x\" task=T-9"),
             Contains("task=T-9 isn't a task in this project"));
  CHECK_THAT(bot.say("U5", "demo feedback D-1"), Contains("Say what you noticed"));
  CHECK_THAT(bot.say("U5", "demo feedback D-7 \"x\""), Contains("No demo D-7"));
  CHECK_THAT(bot.say("U5", "demo feedback \"x\""), Contains("Say which demo"));
  CHECK_THAT(bot.say("U5", "demo feedback D-1 " + std::string(2001, 'a')),
             Contains("Keep feedback to 2000 characters"));
  CHECK_THAT(bot.say("U9", "demo feedback D-1 \"x\""), Contains("the pm can add you"));
  CHECK(bot.logged("demo.feedback") == 3);

  const auto shown = bot.say("U9", "demo D-1");  // reading needs a role too
  CHECK_THAT(shown, Contains("not on this project's team"));
  const auto detail = bot.say("U7", "demo D-1");
  CHECK_THAT(detail, Contains("Demo D-1") && Contains("When: 2026-12-04 15:00 CET") &&
                         Contains("Sprint: SP-2") && Contains("Status: scheduled") &&
                         Contains("1. tweak about T-1, from @U6: The chart is hard to read") &&
                         Contains("2. bug, from @U5: Crash on save") &&
                         Contains("3. idea, from @U2: Export to Excel"));
  CHECK(bot.say("U7", "demo show D-1") == detail);
  CHECK_THAT(bot.say("U8", "demo list"),
             Contains("D-1 on 2026-12-04 15:00 CET for SP-2 \xC2\xB7 scheduled \xC2\xB7 3 pieces"));
}

TEST_CASE("a closed demo takes no more feedback and cannot be closed again") {
  DemoTeam bot;
  bot.close_with_feedback();
  CHECK_THAT(
      bot.say("U5", "demo feedback D-1 \"One more thing\""),
      Contains("D-1 was closed by @U1 on 2026-12-04 16:30") && Contains("takes no more feedback"));
  CHECK_THAT(bot.say("U1", "demo close D-1"), Contains("already closed by @U1") &&
                                                  Contains("Nothing changed") &&
                                                  Contains("/accord demo convert D-1"));
  CHECK(bot.logged("demo.feedback") == 3);
  CHECK(bot.logged("demo.close") == 1);
  CHECK(bot.card_copies("D-1") == 1);  // one card, not two
}

TEST_CASE("closing a demo sends the pm one card proposing what each item becomes") {
  DemoTeam bot;
  bot.run("U5", "demo feedback D-1 \"Login crashes on save\" task=T-1 kind=bug");
  bot.run("U2", "demo feedback D-1 \"Bigger font\"");
  bot.run("U2", "demo feedback D-1 \"Dark mode\" kind=idea");
  const auto reply = bot.run("U1", "demo close D-1");
  CHECK(reply.visibility == Visibility::requester_only);
  CHECK_THAT(all_text(reply.message), Contains("Closed D-1 with 3 pieces of feedback") &&
                                          Contains("direct message") &&
                                          Contains("/accord demo convert D-1"));
  CHECK(bot.logged("demo.close") == 1);
  // Nothing is created yet.
  CHECK_THAT(bot.say("U1", "task list"), !Contains("Dark mode") && !Contains("Bigger font"));
  CHECK(bot.logged("change_request.propose") == 0);

  const auto cards = bot.pending(OutboxKind::direct_message);
  REQUIRE(cards.size() == 1);
  CHECK(cards[0].target == "U1");
  CHECK(cards[0].card_key == bot.card_key("D-1"));
  const auto card = payload_message(cards[0]);
  const auto text = all_text(card);
  CHECK(card.title == "Feedback from demo D-1");
  CHECK_THAT(text, Contains("D-1 on 2026-12-04 15:00 CET for SP-2 was closed by @U1") &&
                       Contains("Backlog tasks: 2") && Contains("Change requests: 1"));
  CHECK_THAT(text, Contains("1. bug about T-1, from @U5: Login crashes on save\n"
                            "\xE2\x86\x92 a backlog task (bug)"));
  CHECK_THAT(text, Contains("2. tweak, from @U2: Bigger font\n\xE2\x86\x92 a backlog task "
                            "(feature)"));
  CHECK_THAT(text, Contains("3. idea, from @U2: Dark mode\n\xE2\x86\x92 a roadmap change request "
                            "for the customer to approve"));
  REQUIRE(card.buttons.size() == 1);
  CHECK(card.buttons[0].label == "Confirm");
  CHECK(card.buttons[0].style == ButtonStyle::primary);
  CHECK(card.buttons[0].action_id == kRunCommandAction);
  CHECK(card.buttons[0].value == "demo convert D-1" + bot.project_suffix());
  CHECK_THAT(bot.say("U4", "demo D-1"),
             Contains("Status: closed") && Contains("/accord demo convert D-1"));
}

TEST_CASE("a demo with no feedback closes with a clear message and no card") {
  DemoTeam bot;
  CHECK_THAT(bot.say("U1", "demo close D-1"),
             Contains("Closed D-1. It had no feedback, so there is nothing to turn into tasks"));
  CHECK(bot.outbox().empty());
  CHECK(bot.logged("demo.close") == 1);
  CHECK_THAT(bot.say("U1", "demo convert D-1"), Contains("had no feedback"));
  CHECK(bot.demo(1).status == accord::store::DemoStatus::closed);
}

TEST_CASE("Confirm creates the tasks and change requests, updates the card and tells everyone") {
  DemoTeam bot;
  bot.close_with_feedback();
  CHECK_THAT(bot.say("U1", "demo convert D-2"), Contains("No demo D-2"));
  bot.clock().advance(minutes(5));

  const auto reply = bot.click_card("U1", "D-1", "Confirm");
  CHECK(reply.visibility == Visibility::requester_only);
  CHECK_THAT(all_text(reply.message),
             Contains("Converted D-1: T-2, T-3 added to the backlog; CR-1 sent for a decision "
                      "to @U2, @U3") &&
                 Contains("told the channel"));

  // Bugs and tweaks are backlog tasks, linked to the task the feedback was about.
  const auto bug = bot.say("U5", "task show T-2");
  CHECK_THAT(bug, Contains("Login crashes on save") && Contains("Kind: bug") &&
                      Contains("Status: backlog") &&
                      Contains("Demo D-1 feedback (bug) about T-1 Login page"));
  const auto tweak = bot.say("U5", "task show T-3");
  CHECK_THAT(tweak, Contains("Bigger font on the dashboard") && Contains("Kind: feature"));
  CHECK(bot.logged("task.add") == 3);  // T-1 and the two new ones
  CHECK(bot.logged("demo.convert") == 1);
  CHECK(bot.logged("change_request.propose") == 1);
  CHECK_THAT(bot.decisions().front().after, Contains("T-2") && Contains("CR-1"));

  // The idea is a roadmap addition whose card goes out exactly as `roadmap add` sends it.
  std::vector<std::string> targets;
  for (const auto& row : bot.outbox()) {
    if (row.card_key != bot.card_key("CR-1")) continue;
    targets.push_back(row.target);
    const auto card = payload_message(row);
    CHECK(card.title == "Change request CR-1");
    CHECK_THAT(all_text(card), Contains("Add R-1 Dark mode, unscheduled") &&
                                   Contains("Reason: Demo D-1 feedback (idea): Dark mode") &&
                                   Contains("Proposed by: @U1"));
    REQUIRE(card.buttons.size() == 3);
    CHECK(card.buttons[0].value == "approve CR-1" + bot.project_suffix());
  }
  CHECK(targets == std::vector<std::string>{"U2", "U3", "C1"});
  CHECK_THAT(bot.say("U6", "roadmap"), Contains("CR-1 Add R-1 Dark mode"));

  // The pm's card shows what was created, with no live buttons.
  const auto updates = bot.pending(OutboxKind::update_message);
  REQUIRE(updates.size() == 1);
  CHECK(updates[0].target == "DU1");
  const auto card = payload_message(updates[0]);
  CHECK(card.buttons.empty());
  CHECK_THAT(all_text(card), Contains("T-2 added to the backlog") &&
                                 Contains("T-3 added to the backlog") &&
                                 Contains("CR-1 proposed to the customer") &&
                                 Contains("Converted by @U1 on 2026-12-04 16:35"));

  // The channel hears what was created.
  std::string channel;
  for (const auto& row : bot.pending(OutboxKind::channel_message)) {
    if (row.card_key.empty()) channel += all_text(payload_message(row));
  }
  CHECK_THAT(channel, Contains("Feedback from demo D-1 is now work") &&
                          Contains("T-2 bug: Login crashes on save") &&
                          Contains("T-3 feature: Bigger font") &&
                          Contains("CR-1 roadmap addition, awaiting the customer's decision: "
                                   "Dark mode"));
  CHECK_THAT(bot.say("U9", "demo", "C1"), Contains("not on this project's team"));
  CHECK_THAT(bot.say("U2", "demo D-1"),
             Contains("Status: converted") && Contains("\xE2\x86\x92 CR-1"));

  // From here the change request follows the normal approval flow.
  CHECK_THAT(bot.say("U2", "approve CR-1"), Contains("You approved CR-1"));
  CHECK_THAT(bot.say("U6", "roadmap"), Contains("Approved baseline v1") && Contains("Dark mode"));
}

TEST_CASE("confirming twice says who converted and when, and changes nothing") {
  DemoTeam bot;
  bot.close_with_feedback();
  bot.click_card("U1", "D-1", "Confirm");
  bot.deliver_all();
  const auto log_size = bot.decisions().size();
  const auto outbox_size = bot.outbox().size();
  bot.clock().advance(hours(1));

  for (const auto& again :
       {bot.click_card("U1", "D-1", "Confirm"), bot.run("U1", "demo convert D-1")}) {
    CHECK_THAT(all_text(again.message),
               Contains("D-1 was already converted by @U1 on 2026-12-04 16:30: T-2, T-3, CR-1") &&
                   Contains("Nothing changed"));
  }
  CHECK(bot.decisions().size() == log_size);
  CHECK(bot.outbox().size() == outbox_size);
  CHECK_THAT(bot.say("U1", "task list"), !Contains("T-4"));
  CHECK_THAT(bot.say("U1", "demo close D-1"), Contains("already closed"));
}

TEST_CASE("convert needs a closed demo") {
  DemoTeam bot;
  bot.run("U5", "demo feedback D-1 \"x\"");
  CHECK_THAT(bot.say("U1", "demo convert D-1"),
             Contains("D-1 is still open. Close it first with /accord demo close D-1"));
  CHECK(bot.logged("task.add") == 1);
}

TEST_CASE("long feedback becomes a task whose title is cut and whose story keeps it whole") {
  DemoTeam bot;
  std::string text;
  for (int i = 0; i < 30; ++i) text += "\xC3\xA9tape " + std::to_string(i) + " ";  // 2-byte é
  bot.run("U5", "demo feedback D-1 \"" + text + "\" kind=bug");
  bot.run("U1", "demo close D-1");
  bot.run("U1", "demo convert D-1");
  const auto shown = bot.say("U1", "task show T-2");
  CHECK_THAT(shown, Contains("\xE2\x80\xA6") && Contains("\xC3\xA9tape 29"));
}

TEST_CASE("demo help explains the grammar and the default kind") {
  DemoTeam bot;
  const auto help = bot.say("U9", "help demos");
  CHECK_THAT(help, Contains("demo schedule \"YYYY-MM-DD HH:MM\" [sprint=SP-n]") &&
                       Contains("[kind=bug|tweak|idea]") && Contains("feedback is a tweak") &&
                       Contains("demo convert D-1"));
  CHECK(bot.say("U9", "help demo") == help);
  CHECK_THAT(bot.say("U1", "demo fly"), Contains("Demo commands:"));
  CHECK_THAT(bot.say("U1", "demo"), Contains("Demos of Apollo"));
}
