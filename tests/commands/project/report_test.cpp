// `report`: where the project stands, read by anyone on it; problem reports counted only as the
// reader may see them; a project with nothing yet still gets a readable report.
#include <catch2/catch.hpp>

#include <chrono>

#include "tests/commands/scope/scope_fixture.hpp"

using namespace accord::commands;
using namespace std::chrono;
using accord::testing::all_text;
using accord::testing::ScopeTeam;
using Catch::Contains;

TEST_CASE("a project with nothing yet gets a readable report") {
  ScopeTeam bot;
  const auto reply = bot.run("U2", "report");
  CHECK(reply.visibility == Visibility::requester_only);
  const auto text = all_text(reply.message);
  CHECK_THAT(text, Contains("Status of Apollo") && Contains("No approved roadmap yet.") &&
                       Contains("No sprint is running.") &&
                       Contains("Nothing waits on the customer.") &&
                       Contains("No release planned and no demo scheduled.") &&
                       Contains("None open that you can see."));
  CHECK_THAT(bot.say("U2", "report now"), Contains("takes no words"));
}

TEST_CASE("the report shows the roadmap against the baseline, the sprint, what waits and dates") {
  ScopeTeam bot;
  REQUIRE_THAT(bot.say("U1", "roadmap add Checkout due=2027-01-10 reason=\"Asked for\""),
               Contains("CR-1"));
  REQUIRE_THAT(bot.say("U2", "approve CR-1"), Contains("CR-1"));
  REQUIRE_THAT(bot.say("U1", "roadmap move R-1 due=2027-01-20 reason=\"Bank API\""),
               Contains("CR-2"));
  REQUIRE_THAT(bot.say("U2", "approve CR-2"), Contains("CR-2"));
  REQUIRE_THAT(bot.say("U1", "roadmap add Refunds due=2027-02-01 reason=\"Asked for\""),
               Contains("CR-3"));  // left waiting
  bot.run("U5", "task add Export estimate=2h");
  bot.run("U5", "task add Receipts estimate=2h");
  REQUIRE_THAT(bot.say("U1", "sprint plan Payments start=2026-11-24"), Contains("SP-1"));
  bot.run("U1", "sprint add SP-1 T-1 T-2");
  REQUIRE_THAT(bot.say("U1", "sprint start SP-1"), Contains("You started SP-1"));
  bot.run("U1", "release plan v1.0 date=2026-12-18 tasks=T-1");
  bot.run("U1", "demo schedule \"2026-12-04 15:00\"");
  bot.run("U5", "task done T-1");

  // A week later, nothing accepted: behind the ideal line.
  bot.clock().advance(hours(24 * 7));
  const auto text = bot.say("U2", "report");
  CHECK_THAT(text, Contains("R-1 Checkout · due Wed 2027-01-20 (moved from Sun 2027-01-10)"));
  CHECK_THAT(text, !Contains("R-2 Refunds"));  // not approved yet: not on the roadmap
  CHECK_THAT(text, Contains("SP-1 “Payments”") && Contains("0h of 4h accepted") &&
                       Contains("Behind the ideal burn-down by"));
  CHECK_THAT(text, Contains("CR-3 change request (add): Refunds — 7 days") &&
                       Contains("T-1 to accept: Export — 7 days"));
  CHECK_THAT(text, Contains("REL-1 v1.0 · deploys Fri 2026-12-18") &&
                       Contains("Next demo D-1 on 2026-12-04 15:00"));
}

TEST_CASE("problem reports are counted only as the reader may see them") {
  ScopeTeam bot;
  REQUIRE_THAT(bot.say("U2", "problem report pm \"The pm never answers\""), Contains("Recorded"));
  // Reports about the pm reach leadership only.
  CHECK_THAT(bot.say("U1", "report"), Contains("None open that you can see."));
  CHECK_THAT(bot.say("U5", "report"), Contains("None open that you can see."));
  CHECK_THAT(bot.say("U8", "report"), Contains("1 open report you can see"));
  CHECK_THAT(bot.say("U2", "report"), Contains("1 open report you can see"));  // the reporter
}
