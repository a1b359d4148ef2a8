// Releases (DESIGN §3.9): the pm plans deployments with their tasks, moves them (a later date is
// told to the customer side) and marks them shipped; everyone reads them; the pm is reminded a
// working day before and told when a date passed unshipped.
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

// ScopeTeam (Berlin; U1 pm, U2 customer, U3 delegate, U4 lead, U5 dev, U6 sponsor, U7 qa) on
// Tue 2026-11-24, with T-1 "Checkout" and T-2 "Receipts".
struct ReleaseTeam : ScopeTeam {
  ReleaseTeam() {
    run("U2", "task add Checkout");
    run("U2", "task add Receipts");
    deliver_all();
  }
};

}  // namespace

TEST_CASE("the pm plans a release with its tasks; everyone reads it") {
  ReleaseTeam bot;
  const auto reply = bot.run("U1", "release plan \"v1.0\" date=2026-12-10 tasks=T-1,T-2");
  CHECK(reply.visibility == Visibility::channel);
  CHECK_THAT(all_text(reply.message), Contains("Release REL-1 v1.0 planned") &&
                                          Contains("Deploys: Thu 2026-12-10") &&
                                          Contains("Tasks: T-1, T-2"));
  CHECK(bot.logged("release.plan") == 1);

  CHECK_THAT(bot.say("U2", "release list"),
             Contains("REL-1 v1.0 · Thu 2026-12-10 · 2 tasks, 0 accepted"));
  const auto shown = bot.say("U6", "release show REL-1");
  CHECK_THAT(shown, Contains("T-1 Checkout") && Contains("T-2 Receipts"));

  REQUIRE_THAT(bot.say("U1", "release plan Hotfix date=2026-11-30"), Contains("REL-2"));
  CHECK_THAT(bot.say("U1", "release add REL-2 T-2"), Contains("REL-2 Hotfix ships T-2"));
  CHECK_THAT(bot.say("U1", "release add REL-2 T-2"), Contains("ships T-2 already"));
  // Soonest first.
  const auto listed = bot.say("U5", "release");
  CHECK(listed.find("REL-2") < listed.find("REL-1"));
}

TEST_CASE("only the pm plans and moves releases; the customer hears who sets dates") {
  ReleaseTeam bot;
  CHECK_THAT(bot.say("U2", "release plan v1 date=2026-12-10"),
             Contains("Only a pm can plan releases") && Contains("the customer sets priorities") &&
                 Contains("Nothing changed"));
  CHECK_THAT(bot.say("U5", "release plan v1 date=2026-12-10"), Contains("task due T-1"));
  CHECK_THAT(bot.say("U7", "release plan v1 date=2026-12-10"), Contains("task testdue T-1"));
  CHECK(bot.logged("release.plan") == 0);
  CHECK_THAT(bot.say("U2", "release list"), Contains("No releases planned yet"));
}

TEST_CASE("bad release input gets a clear answer and changes nothing") {
  ReleaseTeam bot;
  CHECK_THAT(bot.say("U1", "release plan date=2026-12-10"), Contains("Give the release a name"));
  CHECK_THAT(bot.say("U1", "release plan v1"), Contains("Say when it deploys"));
  CHECK_THAT(bot.say("U1", "release plan v1 date=2026-11-01"), Contains("is in the past"));
  CHECK_THAT(bot.say("U1", "release plan v1 date=soon"), Contains("isn't a date"));
  CHECK_THAT(bot.say("U1", "release plan v1 date=2026-12-10 tasks=T-1,T-9"),
             Contains("No task T-9"));
  CHECK_THAT(bot.say("U1", "release plan v1 date=2026-12-10 tasks=X"), Contains("isn't a task id"));
  CHECK_THAT(bot.say("U1", "release plan v1 date=2026-12-10 when=now"), Contains("when"));
  CHECK_THAT(bot.say("U1", "release show REL-4"), Contains("No release REL-4"));
  CHECK_THAT(bot.say("U1", "release move REL-1 date=2026-12-12"), Contains("No release REL-1"));
  CHECK_THAT(bot.say("U1", "release frobnicate"), Contains("Release commands"));
  CHECK(bot.logged("release.plan") == 0);
  CHECK_THAT(bot.say("U1", "release list"), Contains("No releases planned yet"));
}

TEST_CASE("a release moved later is told to the customer side; shipped ones are final") {
  ReleaseTeam bot;
  bot.run("U1", "release plan v1.0 date=2026-12-10 tasks=T-1");
  bot.deliver_all();
  const auto moved = bot.run("U1", "release move REL-1 date=2026-12-17 reason=\"Store review\"");
  CHECK(moved.visibility == Visibility::channel);
  CHECK_THAT(all_text(moved.message),
             Contains("Thu 2026-12-10 → Thu 2026-12-17, later than announced"));
  for (const char* approver : {"U2", "U3"}) {
    const auto told = bot.messages_to(approver);
    REQUIRE(told.size() == 1);
    CHECK_THAT(told[0].text, Contains("moved later") && Contains("Reason: Store review"));
  }
  bot.deliver_all();
  CHECK_THAT(bot.say("U1", "release move REL-1 date=2026-12-15"),
             !Contains("later than announced"));
  CHECK(bot.messages_to("U2").empty());
  CHECK(bot.logged("release.move") == 2);

  CHECK_THAT(bot.say("U1", "release shipped REL-1"), Contains("Release REL-1 v1.0 shipped"));
  CHECK_THAT(bot.say("U1", "release shipped REL-1"), Contains("shipped already"));
  CHECK_THAT(bot.say("U1", "release move REL-1 date=2026-12-20"), Contains("has shipped"));
  CHECK_THAT(bot.say("U2", "release list"), Contains("· shipped"));
}

TEST_CASE("the pm is reminded the working day before and told when the date passed unshipped") {
  ReleaseTeam bot;
  // Mon 2026-11-30: reminded on Friday (the weekend is not a working day).
  bot.run("U1", "release plan v1.0 date=2026-11-30 tasks=T-1");
  bot.deliver_all();
  bot.clock().set(sys_days{2026y / November / 27} + 8h + 1min);
  bot.run_scheduler();
  auto told = bot.messages_to("U1");
  REQUIRE(told.size() == 1);
  CHECK_THAT(told[0].text, Contains("Reminder: release REL-1 v1.0 deploys Mon 2026-11-30"));
  bot.deliver_all();

  bot.clock().set(sys_days{2026y / December / 1} + 8h + 1min);
  bot.run_scheduler();
  told = bot.messages_to("U1");
  REQUIRE(told.size() == 1);
  CHECK_THAT(told[0].text, Contains("passed its deployment date, Mon 2026-11-30"));
  CHECK_THAT(bot.say("U2", "release list"), Contains("Mon 2026-11-30 overdue"));
  CHECK_THAT(bot.say("U2", "release show REL-1"), Contains("Deploys: Mon 2026-11-30 overdue"));
}

TEST_CASE("a release shipped in time sends no notice") {
  ReleaseTeam bot;
  bot.run("U1", "release plan v1.0 date=2026-11-26");
  bot.run("U1", "release shipped REL-1");
  bot.deliver_all();
  bot.clock().set(sys_days{2026y / November / 30} + 8h);
  bot.run_scheduler();
  CHECK(bot.messages_to("U1").empty());
}
