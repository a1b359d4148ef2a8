// Time (DESIGN §3.7–§3.8) with a hand-moved clock: each approver's morning digest at 09:00 in
// their own zone on working days only, snoozes, the expiry of undecided change requests, and the
// escalation of problem reports that nobody acknowledges or resolves, up to stalled.
#include <chrono>

#include <catch2/catch.hpp>

#include "commands/sprints/sprint_ending.hpp"
#include "store/outbox.hpp"
#include "store/schedule.hpp"
#include "tests/commands/problems/problem_fixture.hpp"

using namespace accord::commands;
using accord::store::OutboxKind;
using accord::testing::all_text;
using accord::testing::ProblemTeam;
using Catch::Contains;
using namespace std::chrono;

namespace {

// A UTC instant: utc(2026, 11, 24, 8, 0) is 09:00 in Berlin that day (CET = UTC+1).
accord::store::Timestamp utc(int y, unsigned m, unsigned d, int h, int min = 0) {
  return sys_days{year{y} / month{m} / day{d}} + hours(h) + minutes(min);
}

// Apollo (Europe/Berlin, see ScopeTeam) with T-1 estimated; the clock at `start`.
struct Team : ProblemTeam {
  explicit Team(accord::store::Timestamp start = utc(2026, 11, 24, 10)) {  // Tue 11:00 Berlin
    clock().set(start);
    run("U1", "task add \"Export invoices\" estimate=2h");
    deliver_all();
  }

  // Everything queued since `first` (by outbox order) to `user` as a direct message.
  std::vector<Message> dms_since(std::size_t first, const std::string& user) {
    std::vector<Message> found;
    const auto all = sent();
    for (auto i = first; i < all.size(); ++i) {
      if (all[i].kind == "direct_message" && all[i].to == user) found.push_back(all[i].message);
    }
    return found;
  }

  // Moves the clock to `at` and runs what fell due; returns the outbox size before.
  std::size_t at(accord::store::Timestamp when) {
    const auto before = sent().size();
    clock().set(when);
    run_scheduler();
    return before;
  }

  std::size_t digests_to(std::size_t first, const std::string& user) {
    std::size_t count = 0;
    for (const auto& message : dms_since(first, user)) {
      count += all_text(message).find("Waiting on you in Apollo") != std::string::npos ? 1 : 0;
    }
    return count;
  }

  static std::string button_in(const Message& message, const std::string& label) {
    for (const auto& button : message.buttons) {
      if (button.label == label) return button.value;
    }
    return "";
  }

  // SP-1 "Invoices" with T-1, started: Monday 2026-11-30 for a week, its last day Friday 12-04.
  void start_invoices_sprint() {
    REQUIRE_THAT(say("U1", "sprint plan \"Invoices\" start=2026-11-30 length=1w"),
                 Contains("SP-1"));
    run("U1", "sprint add SP-1 T-1");
    REQUIRE_THAT(say("U1", "sprint start SP-1"), !Contains("can't"));
  }

  // The "SP-n ends tomorrow" reminders queued for `user` since `first`, as text (an approver also
  // gets their morning digest).
  std::vector<std::string> endings_since(std::size_t first, const std::string& user) {
    std::vector<std::string> endings;
    for (const auto& message : dms_since(first, user)) {
      auto text = all_text(message);
      if (text.find("ends tomorrow") != std::string::npos) endings.push_back(std::move(text));
    }
    return endings;
  }

  void set_timezone(const std::string& user, const std::string& zone) {
    accord::store::Transaction tx(db());
    accord::store::People(db()).set_timezone(accord::store::Platform::slack, "T1", user, zone,
                                             clock().now());
    tx.commit();
  }
};

}  // namespace

TEST_CASE("an approver's digest comes at 09:00 on the next working morning, once, listing it all") {
  Team bot;
  bot.run("U5", "task done T-1");
  bot.deliver_all();

  CHECK(bot.digests_to(bot.at(utc(2026, 11, 24, 23)), "U2") == 0);     // Tue evening: nothing
  CHECK(bot.digests_to(bot.at(utc(2026, 11, 25, 7, 59)), "U2") == 0);  // Wed 08:59 Berlin

  const auto morning = bot.at(utc(2026, 11, 25, 8));  // Wed 09:00 Berlin
  REQUIRE(bot.digests_to(morning, "U2") == 1);
  CHECK(bot.digests_to(morning, "U3") == 1);  // the delegate too
  CHECK(bot.digests_to(morning, "U1") == 0);  // not the pm
  const auto digest = all_text(bot.dms_since(morning, "U2").back());
  CHECK_THAT(digest, Contains("T-1"));
  CHECK_THAT(digest, Contains("Export invoices"));
  CHECK_THAT(digest, Contains("[Snooze 1 h]"));
  CHECK_THAT(digest, Contains("[Snooze until tomorrow]"));

  CHECK(bot.digests_to(bot.at(utc(2026, 11, 25, 8, 30)), "U2") == 0);  // never twice a morning
  CHECK(bot.digests_to(bot.at(utc(2026, 11, 26, 8)), "U2") == 1);      // Thursday: still waiting
  // Counted for /metrics: two mornings, two approvers.
  CHECK(bot.scheduler_metrics().reminders.at("digest") == 4);
  CHECK(bot.scheduler_metrics().jobs.at({"digest", "ok"}) >= 4);
  CHECK(bot.scheduler_metrics().escalations == 0);

  bot.run("U2", "accept T-1");
  CHECK(bot.digests_to(bot.at(utc(2026, 11, 27, 8)), "U2") == 0);  // nothing waits: no digest
  accord::store::Transaction tx(bot.db());
  CHECK(accord::store::Schedule(bot.db()).count() == 0);  // and no job left behind
}

TEST_CASE("a task done on Friday is in Monday's digest, not Saturday's") {
  Team bot(utc(2026, 11, 27, 15));  // Fri 16:00 Berlin
  bot.run("U5", "task done T-1");
  CHECK(bot.digests_to(bot.at(utc(2026, 11, 28, 8)), "U2") == 0);  // Saturday 09:00
  CHECK(bot.digests_to(bot.at(utc(2026, 11, 29, 8)), "U2") == 0);  // Sunday 09:00
  CHECK(bot.digests_to(bot.at(utc(2026, 11, 30, 8)), "U2") == 1);  // Monday 09:00
}

TEST_CASE("the digest follows the approver's own time zone and the project's holidays") {
  Team bot;
  bot.set_timezone("U2", "America/New_York");
  bot.run("U1", "settings holidays=2026-11-25");
  bot.run("U5", "task done T-1");
  // Wednesday is a holiday: Thursday 09:00 Berlin for the delegate, 09:00 New York for U2.
  CHECK(bot.digests_to(bot.at(utc(2026, 11, 25, 8)), "U3") == 0);
  const auto berlin = bot.at(utc(2026, 11, 26, 8));
  CHECK(bot.digests_to(berlin, "U3") == 1);
  CHECK(bot.digests_to(berlin, "U2") == 0);
  CHECK(bot.digests_to(bot.at(utc(2026, 11, 26, 13, 59)), "U2") == 0);
  CHECK(bot.digests_to(bot.at(utc(2026, 11, 26, 14)), "U2") == 1);  // 09:00 EST
}

TEST_CASE("snooze puts the digest off an hour or to the next morning, and is logged") {
  Team bot;
  bot.run("U5", "task done T-1");
  const auto morning = bot.at(utc(2026, 11, 25, 8));
  REQUIRE(bot.digests_to(morning, "U2") == 1);
  const auto snooze = bot.button_in(bot.dms_since(morning, "U2").back(), "Snooze 1 h");
  REQUIRE_FALSE(snooze.empty());
  CHECK_THAT(all_text(bot.click("U2", kRunCommandAction, snooze, "DU2").message),
             Contains("2026-11-25 10:00"));
  CHECK(bot.logged("reminder.snooze") == 1);
  CHECK(bot.digests_to(bot.at(utc(2026, 11, 25, 8, 59)), "U2") == 0);
  CHECK(bot.digests_to(bot.at(utc(2026, 11, 25, 9)), "U2") == 1);

  CHECK_THAT(bot.say("U2", "snooze digest tomorrow"), Contains("2026-11-26 09:00"));
  CHECK(bot.digests_to(bot.at(utc(2026, 11, 25, 16)), "U2") == 0);
  CHECK_THAT(bot.say("U2", "snooze digest forever"), Contains("Usage"));
  CHECK_THAT(bot.say("U5", "snooze digest 1h"), Contains("Only the customer and delegates"));
}

TEST_CASE("an undecided change request expires after 5 business days; its cards lose buttons") {
  Team bot;  // Tue 2026-11-24 11:00 Berlin
  bot.run("U1", "roadmap add \"Checkout\" due=2027-01-10 reason=\"The customer asked\"");
  bot.deliver_all();
  CHECK(bot.at(utc(2026, 12, 1, 9, 59)) > 0);  // Tue + 5 business days = next Tue 11:00
  CHECK_THAT(bot.say("U1", "approvals"), Contains("CR-1"));
  const auto expired = bot.at(utc(2026, 12, 1, 10));
  CHECK(bot.logged("change_request.expire") == 1);
  CHECK_THAT(bot.say("U2", "approve CR-1"), Contains("already expired"));
  const auto all = bot.sent();
  int updates = 0;
  for (auto i = expired; i < all.size(); ++i) {
    if (all[i].kind != "update_message") continue;
    ++updates;
    CHECK(all[i].message.buttons.empty());
    CHECK_THAT(all_text(all[i].message), Contains("expired"));
  }
  CHECK(updates == 3);  // both approvers' copies and the channel's
  const auto pm = bot.dms_since(expired, "U1");
  REQUIRE(pm.size() == 1);
  CHECK_THAT(all_text(pm.front()), Contains("No decision within 5 business days"));
}

TEST_CASE("a team report nobody acknowledges reaches leadership after 4 business hours") {
  Team bot;  // Tue 11:00 Berlin
  const auto id = bot.report("U2", "problem report team \"Nobody answers our questions\"");
  CHECK(bot.dms_since(bot.at(utc(2026, 11, 24, 13, 59)), "U8").empty());  // 14:59 Berlin
  const auto escalated = bot.at(utc(2026, 11, 24, 14));                   // 15:00 Berlin
  const auto to_leadership = bot.dms_since(escalated, "U8");
  REQUIRE(to_leadership.size() == 1);
  CHECK_THAT(all_text(to_leadership.front()), Contains("not acknowledged within 4 business hours"));
  CHECK_THAT(all_text(to_leadership.front()), Contains("[Acknowledge]"));
  const auto reporter = bot.dms_since(escalated, "U2");
  REQUIRE(reporter.size() == 1);
  CHECK_THAT(all_text(reporter.front()), Contains("went a level up"));
  CHECK_THAT(bot.say("U2", "problem show " + id), Contains("escalated"));
  const auto counted = bot.scheduler_metrics();
  CHECK(counted.escalations == 1);
  CHECK(counted.jobs.at({"problem", "ok"}) == 1);
  CHECK(counted.lag_seconds == 0);  // run exactly at its deadline
}

TEST_CASE("business hours: a report filed on Friday afternoon escalates on Monday morning") {
  Team bot(utc(2026, 11, 27, 15));  // Fri 16:00 Berlin: 2 business hours left that day
  bot.run("U2", "problem report other \"The build is broken\"");
  CHECK(bot.dms_since(bot.at(utc(2026, 11, 30, 9, 59)), "U8").empty());   // Mon 10:59
  CHECK(bot.dms_since(bot.at(utc(2026, 11, 30, 10)), "U8").size() == 1);  // Mon 11:00
}

TEST_CASE("acknowledged but not resolved in 3 business days goes to leadership") {
  Team bot;
  const auto id = bot.report("U2", "problem report performance \"Velocity halved\"");
  bot.run("U4", "problem ack " + id);
  CHECK(bot.dms_since(bot.at(utc(2026, 11, 27, 9, 59)), "U8").empty());
  const auto escalated = bot.at(utc(2026, 11, 27, 10));  // Fri 11:00: 3 business days later
  const auto to_leadership = bot.dms_since(escalated, "U8");
  REQUIRE(to_leadership.size() == 1);
  CHECK_THAT(all_text(to_leadership.front()), Contains("not resolved within 3 business days"));
  // It waits on the new level now: leadership takes it over.
  CHECK_THAT(all_text(to_leadership.front()), Contains("[Acknowledge]"));
  CHECK_THAT(bot.say("U8", "problem ack " + id), Contains("You own " + id));
}

TEST_CASE("a report nobody can receive still ends stalled, and its reporter is told") {
  Team bot;
  bot.run("U8", "role remove <@U8> leadership");
  REQUIRE_THAT(bot.say("U2", "problem report pm \"Nobody to hear this\""),
               Contains("nobody on the project holds"));
  const auto later = bot.at(utc(2026, 11, 24, 14));
  const auto told = bot.dms_since(later, "U2");
  REQUIRE(told.size() == 1);
  CHECK_THAT(all_text(told.front()), Contains("stalled"));
}

TEST_CASE("leadership named after the report was filed still gets the escalation") {
  Team bot;
  bot.run("U8", "role remove <@U8> leadership");
  bot.run("U2", "problem report team \"Nobody answers\"");
  bot.grant_leadership("U10");
  const auto escalated = bot.at(utc(2026, 11, 24, 14));
  CHECK(bot.dms_since(escalated, "U10").size() == 1);
}

TEST_CASE("an unacknowledged pm report is marked stalled, its reporter told, no pm ever hears") {
  Team bot;
  const auto id = bot.report("U2", "problem report pm \"The PM ignores our emails\"");
  const auto stalled = bot.at(utc(2026, 11, 24, 14));
  CHECK_THAT(bot.say("U8", "problem show " + id), Contains("stalled"));
  const auto told = bot.dms_since(stalled, "U2");
  REQUIRE(told.size() == 1);
  CHECK_THAT(all_text(told.front()), Contains("stalled"));
  bot.at(utc(2026, 12, 24, 14));  // long after: nothing more happens
  for (const auto& row : bot.sent()) {
    if (row.to != "U1" && row.kind != "channel_message") continue;
    INFO(row.kind << " to " << row.to);
    CHECK(all_text(row.message).find("ignores our emails") == std::string::npos);
    CHECK(all_text(row.message).find(id) == std::string::npos);
  }
  CHECK_THAT(bot.say("U8", "problem ack " + id), Contains("You own " + id));  // still actionable
}

TEST_CASE("the policy is frozen on the report: later settings change nothing for it") {
  Team bot;
  bot.run("U2", "problem report team \"Nobody answers\"");
  CHECK_THAT(bot.say("U1", "settings ack_timeout=1h"), Contains("ack_timeout=1h"));
  CHECK(bot.dms_since(bot.at(utc(2026, 11, 24, 12)), "U8").empty());  // 13:00: 2 h, not 4
  CHECK(bot.dms_since(bot.at(utc(2026, 11, 24, 14)), "U8").size() == 1);
}

TEST_CASE("settings for time are checked, shown and logged") {
  Team bot;
  CHECK_THAT(bot.say("U1", "settings digest=25:00"), Contains("isn't valid"));
  CHECK_THAT(bot.say("U1", "settings workdays=someday"), Contains("isn't valid"));
  CHECK_THAT(bot.say("U1", "settings holidays=2026-02-30"), Contains("isn't valid"));
  CHECK_THAT(bot.say("U1", "settings ack_timeout=0h"), Contains("isn't valid"));
  CHECK_THAT(bot.say("U1", "settings digest=08:30 workdays=sun-thu cr_expiry=10"),
             Contains("cr_expiry=10"));
  const auto shown = bot.say("U5", "settings");
  CHECK_THAT(shown, Contains("digest: 08:30"));
  CHECK_THAT(shown, Contains("workdays: sun-thu"));
  CHECK_THAT(shown, Contains("resolve_timeout: 3d"));
  CHECK(bot.logged("settings.digest") == 1);
  CHECK_THAT(bot.say("U2", "settings digest=07:00"), Contains("Only the project's pm"));
}

TEST_CASE("the day before a sprint ends, the pm and the customer side hear what awaits them") {
  Team bot;  // Tue 2026-11-24
  bot.start_invoices_sprint();
  bot.run("U5", "task done T-1");
  // The sprint's last day is Friday 2026-12-04: the reminder comes Thursday at 09:00 Berlin.
  const auto early = bot.at(utc(2026, 12, 3, 7, 59));
  for (const auto* user : {"U1", "U2"}) CHECK(bot.endings_since(early, user).empty());
  const auto due = bot.at(utc(2026, 12, 3, 8));
  for (const auto* user : {"U1", "U2", "U3"}) {
    INFO(user);
    const auto endings = bot.endings_since(due, user);
    REQUIRE(endings.size() == 1);
    CHECK_THAT(endings.front(), Contains("SP-1") && Contains("2026-12-04") && Contains("T-1"));
  }
  CHECK(bot.dms_since(due, "U5").empty());  // the developer is not chased
}

TEST_CASE("a new holiday moves the sprint's ending reminder with the sprint's last day") {
  Team bot;  // Tue 2026-11-24
  bot.start_invoices_sprint();
  // Friday 2026-12-04 off: the last day is Thursday, so the reminder comes on Wednesday.
  REQUIRE_THAT(bot.say("U1", "settings holidays=2026-12-04"), Contains("sprint's ending reminder"));
  CHECK(bot.endings_since(bot.at(utc(2026, 12, 2, 7, 59)), "U1").empty());
  const auto wednesday = bot.endings_since(bot.at(utc(2026, 12, 2, 8)), "U1");
  REQUIRE(wednesday.size() == 1);
  CHECK_THAT(wednesday.front(), Contains("2026-12-03"));
  // Not again on Thursday, the day the reminder was first set for.
  CHECK(bot.endings_since(bot.at(utc(2026, 12, 3, 8)), "U1").empty());
}

TEST_CASE("a sprint that now ends before its reminder's morning is told no stale 'ends tomorrow'") {
  Team bot;
  bot.start_invoices_sprint();
  // On Wednesday afternoon Thursday and Friday become holidays: the sprint ends today, and the
  // reminder set for Thursday morning would say it ends tomorrow.
  const auto since = bot.at(utc(2026, 12, 2, 14));
  bot.run("U1", "settings holidays=2026-12-03,2026-12-04");
  bot.at(utc(2026, 12, 4, 12));
  CHECK(bot.endings_since(since, "U1").empty());
}

TEST_CASE("a sprint's ending reminder already sent is not set again by a later change") {
  Team bot;
  bot.start_invoices_sprint();
  const auto ending_jobs = [&] {
    int jobs = 0;
    for (const auto& job : accord::store::Schedule(bot.db()).due(utc(2027, 1, 1, 0), 100)) {
      jobs += job.kind == kSprintEndingJob ? 1 : 0;
    }
    return jobs;
  };
  REQUIRE(ending_jobs() == 1);
  bot.at(utc(2026, 12, 3, 8));  // Thursday 09:00 Berlin: sent
  REQUIRE(ending_jobs() == 0);
  // Later that morning the digest moves to 10:00: the reminder is not set for 10:00 again.
  bot.at(utc(2026, 12, 3, 8, 30));
  REQUIRE_THAT(bot.say("U1", "settings digest=10:00"), Contains("not yet sent"));
  CHECK(ending_jobs() == 0);
}

TEST_CASE("with nothing waiting only the pm hears that the sprint ends tomorrow") {
  Team bot;
  bot.run("U1", "sprint plan \"Invoices\" start=2026-11-30 length=1w");
  bot.run("U1", "sprint add SP-1 T-1");
  bot.run("U1", "sprint start SP-1");
  const auto due = bot.at(utc(2026, 12, 3, 8));
  CHECK(bot.dms_since(due, "U2").empty());
  REQUIRE(bot.dms_since(due, "U1").size() == 1);
  CHECK_THAT(all_text(bot.dms_since(due, "U1").front()), Contains("Nothing awaits acceptance"));
}

TEST_CASE("a sprint closed early gets no ending reminder") {
  Team bot;
  bot.run("U1", "sprint plan \"Invoices\" start=2026-11-30 length=1w");
  bot.run("U1", "sprint add SP-1 T-1");
  bot.run("U1", "sprint start SP-1");
  REQUIRE_THAT(bot.say("U1", "sprint close SP-1"), !Contains("await"));
  CHECK(bot.endings_since(bot.at(utc(2026, 12, 3, 8)), "U1").empty());
}

TEST_CASE("a digest time before working hours is still honoured") {
  Team bot;
  bot.run("U1", "settings digest=08:00");
  bot.run("U5", "task done T-1");
  CHECK(bot.digests_to(bot.at(utc(2026, 11, 25, 6, 59)), "U2") == 0);
  CHECK(bot.digests_to(bot.at(utc(2026, 11, 25, 7)), "U2") == 1);  // 08:00 Berlin
}

TEST_CASE("demo reminders come a business day and an hour before, to the people of the project") {
  Team bot;  // Tue 2026-11-24
  // Monday 2026-11-30 19:00 Berlin, after hours: the day-before reminder is on Friday at 09:00.
  REQUIRE_THAT(bot.say("U1", "demo schedule \"2026-11-30 19:00\""), Contains("D-1"));
  CHECK(bot.dms_since(bot.at(utc(2026, 11, 27, 7, 59)), "U2").empty());
  const auto friday = bot.at(utc(2026, 11, 27, 8));
  for (const auto* user : {"U1", "U2", "U4", "U5", "U7"}) {
    INFO(user);
    REQUIRE(bot.dms_since(friday, user).size() == 1);
    CHECK_THAT(all_text(bot.dms_since(friday, user).front()),
               Contains("D-1") && Contains("2026-11-30 19:00"));
  }
  CHECK(bot.dms_since(friday, "U6").empty());  // the sponsor does not attend demos
  const auto hour = bot.at(utc(2026, 11, 30, 17));
  REQUIRE(bot.dms_since(hour, "U2").size() == 1);
  CHECK_THAT(all_text(bot.dms_since(hour, "U2").front()), Contains("in an hour"));
  // A closed demo is not announced again.
  bot.run("U1", "demo schedule \"2026-12-07 15:00\"");
  bot.run("U1", "demo close D-2");
  CHECK(bot.dms_since(bot.at(utc(2026, 12, 7, 14)), "U2").empty());
}

TEST_CASE(
    "the deadline counts in the recipient's own calendar; the reporter hears at a decent hour") {
  Team bot;  // Tue 2026-11-24 10:00 UTC: 11:00 in Berlin, 05:00 in New York
  bot.set_timezone("U1", "America/New_York");
  bot.run("U2", "problem report team \"Nobody answers\"");
  // The pm's 4 business hours are 09:00–13:00 New York time: 18:00 UTC.
  CHECK(bot.dms_since(bot.at(utc(2026, 11, 24, 17, 59)), "U8").empty());
  const auto escalated = bot.at(utc(2026, 11, 24, 18));
  CHECK(bot.dms_since(escalated, "U8").size() == 1);
  // 19:00 in Berlin: the reporter's notice waits for their next working morning.
  bool deferred = false;
  for (const auto& row : bot.outbox()) {
    if (row.kind != OutboxKind::direct_message || row.target != "U2") continue;
    if (all_text(accord::testing::payload_message(row)).find("went a level up") ==
        std::string::npos) {
      continue;
    }
    CHECK(row.next_attempt_at == utc(2026, 11, 25, 8));  // Wednesday 09:00 Berlin
    deferred = true;
  }
  CHECK(deferred);
}
