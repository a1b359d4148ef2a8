// Availability (DESIGN §3.9): a person declares when they take requests, in their own zone;
// cards asking them to decide and reminders wait for the window and say when they answer;
// `roles` shows everyone's; bad windows are refused and change nothing.
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

// ScopeTeam (Europe/Berlin; U1 pm, U2 customer, U3 delegate, U4 lead, U5 dev, U7 qa), on
// Tue 2026-11-24 00:30 in Berlin.
using AvailableTeam = ScopeTeam;

}  // namespace

TEST_CASE("a customer's window is shown in roles and on the card that asks them, which waits") {
  AvailableTeam bot;
  const auto set = bot.run("U2", "availability mon,wed,fri 10:00-12:00");
  CHECK(set.visibility == Visibility::requester_only);
  CHECK_THAT(all_text(set.message),
             Contains("You take requests in Apollo Mon/Wed/Fri 10:00–12:00 Europe/Berlin"));
  CHECK(bot.logged("availability.set") == 1);
  CHECK_THAT(bot.say("U5", "roles"),
             Contains("@U2 (answers Mon/Wed/Fri 10:00–12:00 Europe/Berlin)"));
  CHECK_THAT(bot.say("U2", "availability"), Contains("Mon/Wed/Fri 10:00–12:00"));

  // A change request on Tuesday night: the delegate's copy goes now, the customer's waits for
  // Wednesday 10:00 in Berlin, and the card says so.
  REQUIRE_THAT(bot.say("U1", "roadmap add Checkout due=2027-01-10 reason=\"Asked for\""),
               Contains("CR-1"));
  const auto customer = bot.messages_to("U2");
  REQUIRE(customer.size() == 1);
  CHECK(customer[0].not_before == sys_days{2026y / November / 25} + 9h);  // 10:00 CET
  CHECK_THAT(customer[0].text, Contains("@U2 answers Mon/Wed/Fri 10:00–12:00 Europe/Berlin"));
  const auto delegate = bot.messages_to("U3");
  REQUIRE(delegate.size() == 1);
  CHECK(delegate[0].not_before <= bot.clock().now());

  CHECK_THAT(bot.say("U2", "availability clear"), Contains("Cleared"));
  CHECK_THAT(bot.say("U5", "roles"), !Contains("answers"));
  CHECK(bot.logged("availability.clear") == 1);
}

TEST_CASE("a reminder to someone with a window waits for it") {
  AvailableTeam bot;
  bot.run("U2", "task add Checkout");
  bot.run("U4", "task assign T-1 <@U5>");
  bot.run("U5", "availability tue,thu 14:00-15:00");
  REQUIRE_THAT(bot.say("U5", "task due T-1 2026-11-26"), Contains("Thu 2026-11-26"));
  bot.deliver_all();
  // Wednesday 09:00 Berlin the reminder is due; the dev answers Thursday 14:00.
  bot.clock().set(sys_days{2026y / November / 25} + 8h + 1min);
  bot.run_scheduler();
  const auto reminded = bot.messages_to("U5");
  REQUIRE(reminded.size() == 1);
  CHECK_THAT(reminded[0].text, Contains("Reminder: the delivery date of T-1"));
  CHECK(reminded[0].not_before == sys_days{2026y / November / 26} + 13h);  // 14:00 CET
}

TEST_CASE("bad windows get a clear private answer and change nothing") {
  AvailableTeam bot;
  CHECK_THAT(bot.say("U2", "availability mon 12:00-10:00"), Contains("is an empty window"));
  CHECK_THAT(bot.say("U2", "availability mon 10:00-10:00"), Contains("is an empty window"));
  CHECK_THAT(bot.say("U2", "availability mon,tue 10:00-12:00 tue 11:00-13:00"),
             Contains("overlaps another window"));
  CHECK_THAT(bot.say("U2", "availability someday 10:00-12:00"), Contains("aren't days"));
  CHECK_THAT(bot.say("U2", "availability mon 25:00-26:00"), Contains("isn't a time range"));
  CHECK_THAT(bot.say("U2", "availability mon"), Contains("in pairs"));
  CHECK_THAT(bot.say("U2", "availability mon 10:00-12:00 zone=utc"), Contains("zone"));
  CHECK_THAT(bot.say("U2", "availability clear"), Contains("no availability window to clear"));
  CHECK(bot.logged("availability.set") == 0);
  CHECK_THAT(bot.say("U2", "availability"), Contains("You declared no availability window"));
  // Two windows on different days, or apart on one day, are fine.
  CHECK_THAT(bot.say("U2", "availability mon 09:00-10:00 mon 14:00-15:00 fri 09:00-10:00"),
             Contains("Mon 09:00–10:00, Mon 14:00–15:00, Fri 09:00–10:00"));
  CHECK_THAT(bot.say("U2", "availability mon 09:00-10:00 mon 14:00-15:00 fri 09:00-10:00"),
             Contains("already"));
}
