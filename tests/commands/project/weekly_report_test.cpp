// The report with its charts (issue 20): on demand, and weekly at `settings report` to the
// customer, delegates, sponsors and the pm, each as they may read it; the charts are PNG images
// behind expiring links under the public URL, with alt text that says the numbers.
#include <catch2/catch.hpp>

#include <chrono>

#include "commands/charts/chart_data.hpp"
#include "store/exports.hpp"
#include "store/projects.hpp"
#include "store/schedule.hpp"
#include "store/tasks.hpp"
#include "tests/commands/scope/scope_fixture.hpp"

using namespace accord::commands;
using namespace std::chrono;
using accord::store::OutboxKind;
using accord::testing::all_text;
using accord::testing::payload_message;
using accord::testing::ScopeTeam;
using Catch::Contains;
using Catch::StartsWith;

namespace {

constexpr const char* kPublicUrl = "https://accord.example.com";

// ScopeTeam (Berlin; U1 pm, U2 customer, U3 delegate, U4 lead, U5 dev, U6 sponsor, U7 qa,
// U8 leadership) with an approved roadmap item and a running sprint of two 2h tasks.
struct ReportingProject : ScopeTeam {
  explicit ReportingProject(std::string public_url = kPublicUrl)
      : ScopeTeam(std::move(public_url)) {
    REQUIRE_THAT(say("U1", "roadmap add Checkout due=2026-12-18 reason=\"Asked for\""),
                 Contains("CR-1"));
    REQUIRE_THAT(say("U2", "approve CR-1"), Contains("CR-1"));
    run("U5", "task add Cart estimate=2h");
    run("U5", "task add Payment estimate=2h");
    REQUIRE_THAT(say("U1", "sprint plan Checkout start=2026-11-24 length=2w"), Contains("SP-1"));
    run("U1", "sprint add SP-1 T-1 T-2");
    REQUIRE_THAT(say("U1", "sprint start SP-1"), Contains("You started SP-1"));
    deliver_all();
  }

  std::vector<Message> weekly_reports_to(const std::string& user) {
    std::vector<Message> found;
    for (const auto& row : pending(OutboxKind::direct_message)) {
      auto message = payload_message(row);
      if (row.target == user && message.title.starts_with("Weekly report")) {
        found.push_back(std::move(message));
      }
    }
    return found;
  }

  // The stored picture behind a chart URL, while it has not expired.
  std::optional<accord::store::Export> picture(const std::string& url) {
    const auto token = url.substr(url.rfind('/') + 1, 64);
    accord::store::Transaction tx(db());
    return accord::store::Exports(db()).find_valid(token, clock().now());
  }
};

bool is_png(const std::string& bytes) {
  return bytes.size() > 1000 && bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0;
}

}  // namespace

TEST_CASE("the report asked for in chat carries the charts as images with their numbers") {
  ReportingProject bot;
  const auto reply = bot.run("U2", "report");
  REQUIRE(reply.message.sections.size() == 5);
  const auto& timeline = reply.message.sections[0].image;
  const auto& burn_down = reply.message.sections[1].image;
  REQUIRE(timeline);
  REQUIRE(burn_down);
  CHECK_FALSE(reply.message.sections[2].image);  // nothing accepted yet: no acceptance lag
  CHECK_THAT(timeline->url, StartsWith("https://accord.example.com/charts/"));
  CHECK_THAT(timeline->alt, Contains("R-1 Checkout"));
  CHECK_THAT(burn_down->alt, Contains("SP-1 burn-down") && Contains("4h planned"));
  CHECK(is_safe_link(burn_down->url));
  // What the link serves: the chart drawn from what was stored (GET /charts/ draws it).
  const auto stored = bot.picture(burn_down->url);
  REQUIRE(stored);
  CHECK(is_png(charts::draw(nlohmann::json::parse(stored->body), charts::Format::png)));
  // Reachable for a day, not longer.
  bot.clock().advance(hours(24));
  CHECK_FALSE(bot.picture(burn_down->url));
}

TEST_CASE("without a public URL the report has no images, only text") {
  ReportingProject bot("");
  const auto reply = bot.run("U2", "report");
  for (const auto& section : reply.message.sections) CHECK_FALSE(section.image);
  CHECK_THAT(all_text(reply.message), Contains("SP-1"));
}

TEST_CASE("the weekly report goes at its time to the customer side and the pm, as each may read") {
  ReportingProject bot;
  REQUIRE_THAT(bot.say("U2", "problem report pm \"The pm moves our demos\""), Contains("Recorded"));
  bot.deliver_all();
  // Typed as people write it: the time is a word of its own.
  CHECK_THAT(bot.say("U1", "settings report=fri 16:00"), Contains("report=fri 16:00"));
  CHECK_THAT(bot.say("U1", "settings"), Contains("fri 16:00"));

  bot.clock().set(sys_days{2026y / November / 27} + 14h + 59min);  // 15:59 in Berlin, Friday
  bot.run_scheduler();
  CHECK(bot.weekly_reports_to("U1").empty());
  bot.clock().set(sys_days{2026y / November / 27} + 15h);  // 16:00
  bot.run_scheduler();
  for (const auto* user : {"U1", "U2", "U3", "U6"}) {
    INFO(user);
    const auto reports = bot.weekly_reports_to(user);
    REQUIRE(reports.size() == 1);
    CHECK(reports[0].title == "Weekly report: Apollo");
    CHECK(reports[0].sections[1].image);  // the burn-down
  }
  for (const auto* user : {"U4", "U5", "U7", "U8"}) CHECK(bot.weekly_reports_to(user).empty());
  // The report about the pm is counted for its reporter, never for the pm.
  CHECK_THAT(all_text(bot.weekly_reports_to("U1")[0]), Contains("None open that you can see."));
  CHECK_THAT(all_text(bot.weekly_reports_to("U2")[0]), Contains("1 open report you can see"));
  // One drawing for everyone: the same picture in every copy, reachable for a week.
  const auto url = bot.weekly_reports_to("U1")[0].sections[1].image->url;
  CHECK(bot.weekly_reports_to("U2")[0].sections[1].image->url == url);
  bot.deliver_all();

  bot.clock().set(sys_days{2026y / December / 4} + 15h);  // a week later
  bot.run_scheduler();
  CHECK(bot.weekly_reports_to("U2").size() == 1);
  CHECK(bot.picture(url));
  bot.clock().set(sys_days{2026y / December / 5} + 16h);  // eight days and an hour
  CHECK_FALSE(bot.picture(url));
}

TEST_CASE("report=off stops the weekly report; a bad value is refused; a holiday moves it") {
  ReportingProject bot;
  CHECK_THAT(bot.say("U1", "settings report=someday"),
             Contains("isn't valid") && Contains("report=fri 16:00"));
  CHECK_THAT(bot.say("U1", "settings report=fri 25:00"), Contains("isn't valid"));
  CHECK_THAT(bot.say("U5", "settings report=fri 16:00"), Contains("Only the project's"));

  bot.run("U1", "settings report=fri 16:00");
  bot.run("U1", "settings report=off");
  bot.clock().set(sys_days{2026y / November / 28} + 12h);
  bot.run_scheduler();
  CHECK(bot.weekly_reports_to("U1").empty());

  // Friday 2026-12-04 is a holiday: the report comes on Monday at the same time.
  bot.run("U1", "settings holidays=2026-12-04");
  bot.run("U1", "settings report=fri 16:00");
  bot.clock().set(sys_days{2026y / December / 5} + 12h);
  bot.run_scheduler();
  CHECK(bot.weekly_reports_to("U1").empty());
  bot.clock().set(sys_days{2026y / December / 7} + 14h + 59min);
  bot.run_scheduler();
  CHECK(bot.weekly_reports_to("U1").empty());
  bot.clock().set(sys_days{2026y / December / 7} + 15h);
  bot.run_scheduler();
  CHECK(bot.weekly_reports_to("U1").size() == 1);
}

TEST_CASE("a week's report goes once, whatever the calendar says after it went") {
  ReportingProject bot;
  bot.run("U1", "settings report=fri 16:00");
  bot.clock().set(sys_days{2026y / November / 27} + 15h);
  bot.run_scheduler();
  REQUIRE(bot.weekly_reports_to("U1").size() == 1);
  bot.deliver_all();
  // Saturday: the pm records Friday as a holiday after the fact, then the workdays again.
  bot.clock().set(sys_days{2026y / November / 28} + 10h);
  bot.run("U1", "settings holidays=2026-11-27");
  bot.run("U1", "settings workdays=mon-fri");
  bot.clock().set(sys_days{2026y / December / 2} + 12h);
  bot.run_scheduler();
  CHECK(bot.weekly_reports_to("U1").empty());  // not again on Monday
  bot.clock().set(sys_days{2026y / December / 4} + 15h);
  bot.run_scheduler();
  CHECK(bot.weekly_reports_to("U1").size() == 1);  // the next week's
}

TEST_CASE("the report says behind or on track as the chart draws it, today against this morning") {
  ReportingProject bot;
  // The sprint's first day (Tue 2026-11-24), nothing done yet: on track, not 0.4h behind.
  bot.clock().set(sys_days{2026y / November / 24} + 9h);
  CHECK_THAT(bot.say("U2", "report"), Contains("On track."));
  // Three working days later with nothing accepted: behind.
  bot.clock().set(sys_days{2026y / November / 27} + 9h);
  bot.run_scheduler();
  CHECK_THAT(bot.say("U2", "report"), Contains("Behind the ideal burn-down by"));
}

TEST_CASE("a project with nothing to draw and thousands of tasks still gets a correct report") {
  ScopeTeam bot(kPublicUrl);
  auto reply = bot.run("U2", "report");
  for (const auto& section : reply.message.sections) CHECK_FALSE(section.image);
  {
    accord::store::Transaction tx(bot.db());
    const auto project = accord::store::Projects(bot.db()).find_by_channel(
        accord::store::Platform::slack, "T1", "C1");
    accord::store::Tasks tasks(bot.db());
    for (int i = 0; i < 3000; ++i) {
      accord::store::Task task;
      task.project_id = project->id;
      task.title = "Task " + std::to_string(i);
      task.created_by = "U5";
      task.created_at = bot.clock().now();
      tasks.add(task, {});
    }
    tx.commit();
  }
  reply = bot.run("U2", "report");
  CHECK_THAT(all_text(reply.message), Contains("No approved roadmap yet."));
  CHECK_THAT(bot.say("U2", "task list"), Contains("Task 0") && Contains("more"));
}
