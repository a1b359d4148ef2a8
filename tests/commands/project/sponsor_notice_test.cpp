// The sponsor hears of stalled customer decisions (DESIGN §2, §3.9): a change request or an
// acceptance waiting longer than `sponsor_after` business days (3 by default) reaches each
// sponsor once, privately, listing what waits and on whom; logged; repeated at most weekly.
#include <catch2/catch.hpp>

#include <chrono>

#include "commands/project/sponsor_notice.hpp"
#include "store/schedule.hpp"
#include "tests/commands/scope/scope_fixture.hpp"

using namespace accord::commands;
using namespace std::chrono;
using accord::store::OutboxKind;
using accord::testing::all_text;
using accord::testing::payload_message;
using accord::testing::ScopeTeam;
using Catch::Contains;

namespace {

// ScopeTeam (Berlin; U1 pm, U2 customer, U3 delegate, U4 lead, U5 dev, U6 sponsor) on
// Tue 2026-11-24 00:30 in Berlin, with CR-1 proposed then (expiring after 20 business days).
struct StalledProject : ScopeTeam {
  StalledProject() {
    // Long enough that CR-1 does not expire (after 5 business days by default) meanwhile.
    REQUIRE_THAT(say("U1", "settings cr_expiry=20"), !Contains("isn't"));
    REQUIRE_THAT(say("U1", "roadmap add Checkout due=2027-01-10 reason=\"Asked for\""),
                 Contains("CR-1"));
    deliver_all();
  }
  // 09:01 in Berlin on the given day of November or December 2026.
  void morning(year_month_day day) {
    clock().set(sys_days{day} + 8h + 1min);
    run_scheduler();
  }
  std::vector<std::string> to_sponsor() {
    std::vector<std::string> found;
    for (const auto& message : messages_to("U6")) found.push_back(message.text);
    deliver_all();
    return found;
  }
};

}  // namespace

TEST_CASE("after three business days the sponsor hears what waits and on whom, weekly at most") {
  StalledProject bot;
  bot.morning(2026y / November / 25);
  bot.morning(2026y / November / 26);
  CHECK(bot.to_sponsor().empty());  // Wednesday and Thursday: not yet

  bot.morning(2026y / November / 27);  // Friday: three business days since Tuesday morning
  const auto told = bot.to_sponsor();
  REQUIRE(told.size() == 1);
  CHECK_THAT(told[0], Contains("Decisions waiting in Apollo") &&
                          Contains("more than 3 business days") &&
                          Contains("CR-1 change request (add): Checkout") &&
                          Contains("They wait on @U2, @U3."));
  CHECK(bot.logged("sponsor.notice") == 1);

  bot.morning(2026y / November / 30);
  bot.morning(2026y / December / 1);
  CHECK(bot.to_sponsor().empty());  // not again within the week
  bot.morning(2026y / December / 4);
  CHECK(bot.to_sponsor().size() == 1);

  // Decided: nothing more, and the check stops.
  REQUIRE_THAT(bot.say("U2", "approve CR-1"), Contains("CR-1"));
  bot.morning(2026y / December / 11);
  CHECK(bot.to_sponsor().empty());
  CHECK(bot.logged("sponsor.notice") == 2);
}

TEST_CASE("finished work waiting for acceptance counts too; sponsor_after sets the wait or off") {
  StalledProject bot;
  REQUIRE_THAT(bot.say("U1", "settings sponsor_after=1"), !Contains("isn't"));
  bot.run("U5", "task add Export");
  bot.run("U5", "task start T-1");
  REQUIRE_THAT(bot.say("U5", "task done T-1"), Contains("T-1"));
  bot.deliver_all();
  bot.morning(2026y / November / 25);  // one business day since Tuesday morning
  const auto told = bot.to_sponsor();
  REQUIRE(told.size() == 1);
  CHECK_THAT(told[0], Contains("more than 1 business day") && Contains("T-1 to accept: Export") &&
                          Contains("CR-1"));

  StalledProject quiet;
  REQUIRE_THAT(quiet.say("U1", "settings sponsor_after=off"), !Contains("isn't"));
  quiet.morning(2026y / December / 4);
  CHECK(quiet.to_sponsor().empty());
  CHECK_THAT(quiet.say("U1", "settings sponsor_after=0"), Contains("sponsor_after"));
}

TEST_CASE("after an upgrade or a restart, decisions already waiting are checked too") {
  StalledProject bot;
  // As if CR-1 had been proposed by a version without the check.
  {
    accord::store::Transaction tx(bot.db());
    REQUIRE(accord::store::Schedule(bot.db()).cancel("sponsor_check/1"));
    tx.commit();
  }
  bot.morning(2026y / November / 27);
  CHECK(bot.to_sponsor().empty());
  CHECK(schedule_all_sponsor_checks(bot.db(), bot.clock().now(), "") == 1);
  bot.morning(2026y / November / 30);
  const auto told = bot.to_sponsor();
  REQUIRE(told.size() == 1);
  CHECK_THAT(told[0], Contains("CR-1"));
}
