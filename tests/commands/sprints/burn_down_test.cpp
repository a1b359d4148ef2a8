// The burn-down (issue 20): a snapshot at the end of each working day of a running sprint, and
// the chart's data from them: the ideal line from the hours planned at the start, the days the
// scope changed, today's point from the live figures, nothing for days to come.
#include <catch2/catch.hpp>

#include <chrono>

#include "commands/sprints/burn_down.hpp"
#include "commands/time/calendar.hpp"
#include "store/projects.hpp"
#include "store/sprint_snapshots.hpp"
#include "tests/commands/scope/scope_fixture.hpp"

using namespace accord::commands;
using namespace std::chrono;
using accord::testing::ScopeTeam;
using Catch::Contains;

namespace {

// ScopeTeam (Berlin; U1 pm, U2 customer, U5 dev) with SP-1, Tue 2026-11-24 to Mon 2026-11-30
// (five working days), running with T-1 and T-2 of 2h each.
struct RunningSprint : ScopeTeam {
  RunningSprint() {
    run("U5", "task add Cart estimate=2h");
    run("U5", "task add Payment estimate=2h");
    REQUIRE_THAT(say("U1", "sprint plan Checkout start=2026-11-24 length=1w"), Contains("SP-1"));
    run("U1", "sprint add SP-1 T-1 T-2");
    REQUIRE_THAT(say("U1", "sprint start SP-1"), Contains("You started SP-1"));
  }

  // `hour`:`minute` UTC (an hour less than Berlin) on a day of November 2026.
  void at(unsigned day, int hour, int minute = 0) {
    clock().set(sys_days{2026y / November / std::chrono::day(day)} + hours(hour) + minutes(minute));
    run_scheduler();
  }

  std::vector<accord::store::SprintSnapshot> snapshots() {
    const auto project = project_id();
    accord::store::Transaction tx(db());
    const auto sprint = accord::store::Sprints(db()).find(project, 1);
    return accord::store::SprintSnapshots(db()).list(sprint->id);
  }

  charts::BurnDown chart() {
    const auto id = project_id();
    accord::store::Transaction tx(db());
    auto project = accord::store::Projects(db()).find(id);
    Request request;
    request.workspace = "T1";
    request.channel = "C1";
    request.user = "U1";
    Context context{request, db(), clock().now(), project, ""};
    const auto sprint = accord::store::Sprints(db()).find(project->id, 1);
    return burn_down(context, *sprint, local_day(clock().now(), "Europe/Berlin"));
  }

  std::int64_t project_id() {
    accord::store::Transaction tx(db());
    return accord::store::Projects(db())
        .find_by_channel(accord::store::Platform::slack, "T1", "C1")
        ->id;
  }
};

}  // namespace

TEST_CASE("a snapshot is taken at the end of each working day while the sprint runs") {
  RunningSprint bot;
  bot.at(24, 16, 59);  // 17:59 in Berlin
  CHECK(bot.snapshots().empty());
  bot.at(24, 17);  // 18:00, the end of the working day
  REQUIRE(bot.snapshots().size() == 1);
  CHECK(bot.snapshots()[0].day == "2026-11-24");
  CHECK(bot.snapshots()[0].planned_hours == 4);
  CHECK(bot.snapshots()[0].remaining_hours == 4);

  // Wednesday: T-1 accepted, and an emergency joins: 6h planned, 4h open.
  bot.at(25, 9);
  bot.run("U5", "task done T-1");
  REQUIRE_THAT(bot.say("U2", "accept T-1"), Contains("T-1"));
  bot.run("U5", "task add Outage estimate=2h");
  REQUIRE_THAT(bot.say("U1", "sprint add SP-1 T-3 emergency=yes"), Contains("T-3"));
  bot.at(25, 17);
  REQUIRE(bot.snapshots().size() == 2);
  CHECK(bot.snapshots()[1].planned_hours == 6);
  CHECK(bot.snapshots()[1].remaining_hours == 4);

  // The server was down at Thursday's end: the snapshot taken late still counts for Thursday.
  bot.at(27, 9);
  REQUIRE(bot.snapshots().size() == 3);
  CHECK(bot.snapshots()[2].day == "2026-11-26");
  // The weekend has no snapshot; the sprint's last day has; then it stops.
  bot.at(27, 17);
  bot.at(30, 17);
  CHECK(bot.snapshots().size() == 5);
  CHECK(bot.snapshots()[4].day == "2026-11-30");
  bot.at(30, 23);
  CHECK(bot.snapshots().size() == 5);
}

TEST_CASE("after days down, the late figures stand for the last day that ended, not every day") {
  RunningSprint bot;
  bot.at(24, 17);
  bot.at(27, 9);  // down from Wednesday morning to Friday morning
  const auto taken = bot.snapshots();
  REQUIRE(taken.size() == 2);
  CHECK(taken[0].day == "2026-11-24");
  CHECK(taken[1].day == "2026-11-26");  // Wednesday has no figure rather than Friday's
  // The pm moves the working hours: the next snapshot follows them.
  bot.run("U1", "settings hours=08:00-16:00");
  bot.at(27, 14, 59);  // 15:59 in Berlin
  CHECK(bot.snapshots().size() == 2);
  bot.at(27, 15);
  CHECK(bot.snapshots().size() == 3);
}

TEST_CASE(
    "the chart: ideal line from the start, scope changes marked, today live, later days empty") {
  RunningSprint bot;
  bot.at(24, 17);
  bot.at(25, 9);
  bot.run("U5", "task add Outage estimate=2h");
  bot.run("U1", "sprint add SP-1 T-3 emergency=yes");
  bot.at(25, 17);
  bot.at(26, 10);  // Thursday morning, before its snapshot
  bot.run("U5", "task done T-2");
  bot.run("U2", "accept T-2");

  const auto chart = bot.chart();
  CHECK(chart.title == "SP-1 burn-down");
  REQUIRE(chart.planned);
  CHECK(*chart.planned == 4);
  REQUIRE(chart.days.size() == 5);
  CHECK(chart.days[0].label == "Tue 24");
  CHECK(chart.days[4].label == "Mon 30");
  CHECK(chart.days[0].ideal == Approx(3.2));
  CHECK(chart.days[4].ideal == Approx(0.0));
  CHECK(chart.days[0].remaining == 4.0);
  CHECK_FALSE(chart.days[0].scope_changed);
  CHECK(chart.days[1].remaining == 6.0);
  CHECK(chart.days[1].scope_changed);
  CHECK(chart.days[2].remaining == 4.0);  // today, live: T-2 accepted
  CHECK_FALSE(chart.days[2].scope_changed);
  CHECK_FALSE(chart.days[3].remaining);
  CHECK_FALSE(chart.days[4].remaining);
  CHECK_THAT(charts::describe(chart), Contains("scope changed on Wed 25"));
}
