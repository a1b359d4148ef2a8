// Reminders at a decent hour (DESIGN §3.8): a digest or reminder that comes due outside the
// recipient's working hours waits for their next working morning, computed in their own zone.
// Only the demo's hour-before reminder is urgent and goes at once.
#include <chrono>

#include <catch2/catch.hpp>

#include "store/schedule.hpp"
#include "tests/commands/problems/problem_fixture.hpp"

using namespace accord::commands;
using accord::store::Timestamp;
using accord::testing::all_text;
using accord::testing::payload_message;
using Catch::Contains;
using namespace std::chrono;

namespace {

// A UTC instant. In late November Berlin is UTC+1, New York UTC-5, Tokyo UTC+9.
Timestamp utc(int y, unsigned m, unsigned d, int h, int min = 0) {
  return sys_days{year{y} / month{m} / day{d}} + hours(h) + minutes(min);
}

// Orion in C2, a project in New York: U21 pm, U20 customer (in Berlin), U22 dev, U24 delegate.
// The clock starts on Friday 2026-11-27 at 10:00 in Berlin, 04:00 in New York. As on Slack, a
// person's zone becomes known only after their role is given (users.info answers later).
struct Orion : accord::testing::ProblemTeam {
  Orion() {
    clock().set(utc(2026, 11, 27, 9));
    run("U21", "setup Orion tz=America/New_York", "C2");
    run("U21", "role add <@U20> customer", "C2");
    run("U21", "role add <@U22> dev", "C2");
    run("U21", "role add <@U24> delegate", "C2");
    set_timezone("U20", "Europe/Berlin");
    set_timezone("U24", "Asia/Tokyo");
    run("U22", "task add \"Export invoices\" estimate=2h", "C2");
    deliver_all();
  }

  void set_timezone(const std::string& user, const std::string& zone) {
    accord::store::Transaction tx(db());
    accord::store::People(db()).set_timezone(accord::store::Platform::slack, "T1", user, zone,
                                             clock().now());
    tx.commit();
  }

  // Moves the clock to `when` as a running server's does: each job runs at its own instant.
  void step_to(Timestamp when) {
    for (int jobs = 0; jobs < 1000; ++jobs) {
      std::optional<Timestamp> next;
      {
        accord::store::Transaction tx(db());
        next = accord::store::Schedule(db()).next_due();
      }
      if (!next || *next > when) break;
      clock().set(std::max(*next, clock().now()));
      run_scheduler();
    }
    clock().set(when);
    run_scheduler();
  }

  // Queued direct messages to `user` holding `text`, with when each may go out.
  std::vector<Timestamp> sends_to(const std::string& user, const std::string& text) {
    std::vector<Timestamp> found;
    for (const auto& row : outbox()) {
      if (row.kind != accord::store::OutboxKind::direct_message || row.target != user) continue;
      if (all_text(payload_message(row)).find(text) != std::string::npos) {
        found.push_back(row.next_attempt_at);
      }
    }
    return found;
  }
};

}  // namespace

TEST_CASE("an acceptance waiting since Friday 10:00 Berlin is in Monday 09:00's Berlin digest") {
  Orion bot;
  bot.run("U22", "task done T-1", "C2");  // Friday 10:00 Berlin
  // The clock runs on to Friday 23:00 in Berlin (17:00 in New York), through New York's morning.
  bot.step_to(utc(2026, 11, 27, 22));
  CHECK(bot.sends_to("U20", "Waiting on you in Orion").empty());
  bot.step_to(utc(2026, 11, 30, 7, 59));  // Monday 08:59 Berlin, after a weekend
  CHECK(bot.sends_to("U20", "Waiting on you in Orion").empty());
  bot.step_to(utc(2026, 11, 30, 8));  // Monday 09:00 Berlin
  const auto digests = bot.sends_to("U20", "Waiting on you in Orion");
  REQUIRE(digests.size() == 1);
  CHECK(digests.front() == utc(2026, 11, 30, 8));
}

TEST_CASE("after downtime until Friday 23:00 Berlin the digest still waits for Monday morning") {
  Orion bot;
  bot.run("U22", "task done T-1", "C2");
  bot.clock().set(utc(2026, 11, 27, 22));  // the server was down all day
  bot.run_scheduler();
  CHECK(bot.sends_to("U20", "Waiting on you in Orion").empty());
  bot.step_to(utc(2026, 11, 30, 8));
  CHECK(bot.sends_to("U20", "Waiting on you in Orion").size() == 1);
}

TEST_CASE("a digest missed by downtime in the morning still goes the same working day") {
  Orion bot;
  bot.run("U22", "task done T-1", "C2");
  bot.step_to(utc(2026, 11, 30, 7));       // Monday 08:00 Berlin: nothing yet
  bot.clock().set(utc(2026, 11, 30, 11));  // down from 08:00 to 12:00 Berlin
  bot.run_scheduler();
  CHECK(bot.sends_to("U20", "Waiting on you in Orion").size() == 1);
}

TEST_CASE("the day-before reminders wait for each person's morning; the hour-before does not") {
  Orion bot;
  // Sprint SP-1 ends on Friday 2026-12-04 and the demo is on Monday 2026-12-07 at 10:00 New York:
  // both day-before reminders come at 09:00 New York, 23:00 in Tokyo and 15:00 in Berlin.
  bot.run("U21", "sprint plan \"Invoices\" start=2026-11-30 length=1w", "C2");
  bot.run("U21", "sprint add SP-1 T-1", "C2");
  REQUIRE_THAT(bot.say("U21", "sprint start SP-1", "C2"), !Contains("can't"));
  REQUIRE_THAT(bot.say("U21", "demo schedule \"2026-12-07 10:00\"", "C2"), Contains("D-1"));
  bot.step_to(utc(2026, 12, 1, 8));
  bot.run("U22", "task done T-1", "C2");
  bot.step_to(utc(2026, 12, 3, 14));  // Thursday 09:00 New York
  const auto tokyo = bot.sends_to("U24", "ends tomorrow");
  REQUIRE(tokyo.size() == 1);
  CHECK(tokyo.front() == utc(2026, 12, 4, 0));  // Friday 09:00 Tokyo
  const auto berlin = bot.sends_to("U20", "ends tomorrow");
  REQUIRE(berlin.size() == 1);
  CHECK(berlin.front() == utc(2026, 12, 3, 14));  // 15:00 Berlin: in working hours

  bot.step_to(utc(2026, 12, 4, 14));  // Friday 09:00 New York: the demo is next working day
  const auto day_before = bot.sends_to("U24", "is on 2026-12-07");
  REQUIRE(day_before.size() == 1);
  CHECK(day_before.front() == utc(2026, 12, 7, 0));  // Monday 09:00 Tokyo
  // An hour before the demo is urgent: 23:00 in Tokyo, and it goes at once.
  bot.step_to(utc(2026, 12, 7, 14));
  const auto hour_before = bot.sends_to("U24", "starts in an hour");
  REQUIRE(hour_before.size() == 1);
  CHECK(hour_before.front() == utc(2026, 12, 7, 14));
}

TEST_CASE("an escalation waits for the next level's working morning in their zone") {
  accord::testing::ProblemTeam bot;        // Apollo, Berlin; U8 is leadership
  bot.clock().set(utc(2026, 11, 24, 10));  // Tuesday 11:00 Berlin, 19:00 Tokyo
  {
    accord::store::Transaction tx(bot.db());
    accord::store::People(bot.db()).set_timezone(accord::store::Platform::slack, "T1", "U8",
                                                 "Asia/Tokyo", bot.clock().now());
    tx.commit();
  }
  bot.run("U2", "problem report team \"Nobody answers\"");
  bot.clock().set(utc(2026, 11, 24, 14));  // 4 business hours later: 23:00 in Tokyo
  bot.run_scheduler();
  bool escalated = false;
  for (const auto& row : bot.outbox()) {
    if (row.target != "U8" ||
        all_text(payload_message(row)).find("Escalated to you") == std::string::npos) {
      continue;
    }
    CHECK(row.next_attempt_at == utc(2026, 11, 25, 0));  // Wednesday 09:00 Tokyo
    escalated = true;
  }
  CHECK(escalated);
}
