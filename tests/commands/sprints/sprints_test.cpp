// Sprints through the dispatcher with a hand-moved clock (DESIGN §3.4): planning with dates and
// capacity, the team's hours and time off, adding tasks, the checks before the start, and the
// frozen scope of a running sprint.
#include <catch2/catch.hpp>

#include "tests/commands/sprints/sprint_fixture.hpp"

using namespace accord::commands;
using accord::testing::all_text;
using accord::testing::SprintProject;
using Catch::Contains;

TEST_CASE("planning shows the dates, working days and capacity per person, and is logged") {
  SprintProject bot;
  const auto reply = bot.run("U1", "sprint plan \"Self-service signup\" start=2026-11-30");
  CHECK(reply.visibility == Visibility::channel);
  const auto text = all_text(reply.message);
  CHECK_THAT(text, Contains("Sprint SP-1 planned"));
  CHECK_THAT(text, Contains("Goal: Self-service signup"));
  CHECK_THAT(text, Contains("Dates: Mon 2026-11-30 \xE2\x80\x93 Fri 2026-12-11"));
  CHECK_THAT(text, Contains("Working days: 10"));
  CHECK_THAT(text, Contains("Capacity: 120h"));
  CHECK_THAT(text, Contains("@U4 6h \xC3\x97 10 days = 60h"));
  CHECK_THAT(text, Contains("@U6 6h \xC3\x97 10 days = 60h"));
  // The pm, the customer and the sponsor bring no hours.
  CHECK_THAT(text, !Contains("@U1 6h") && !Contains("@U2 6h") && !Contains("@U5 6h"));

  const auto log = bot.logged("sprint.plan");
  REQUIRE(log.size() == 1);
  CHECK(log[0].object == "SP-1");
  CHECK(log[0].actor == "U1");
  CHECK_THAT(log[0].after, Contains("\"start\":\"2026-11-30\"") &&
                               Contains("\"end\":\"2026-12-11\"") &&
                               Contains("\"capacity\":\"120h\""));
}

TEST_CASE("capacity: own hours, time off across a weekend, several roles counted once") {
  SprintProject bot;
  bot.run("U1", "role add <@U4> qa");  // dev and qa: still one person
  bot.run("U1", "role add <@U7> qa");
  CHECK_THAT(bot.say("U1", "sprint hours <@U6> 4h"), Contains("@U6 now counts 4h a day"));
  // Friday to Tuesday: Friday, Monday and Tuesday are working days; the weekend is not.
  CHECK_THAT(bot.say("U1", "sprint timeoff <@U7> 2026-12-04 2026-12-08"),
             Contains("3 working days"));
  // The same Monday again, and a day outside the sprint: neither counts twice or at all.
  bot.run("U1", "sprint timeoff <@U7> 2026-12-07");
  bot.run("U1", "sprint timeoff <@U4> 2026-12-14");

  const auto text = bot.say("U1", "sprint plan Signup start=2026-11-30");
  CHECK_THAT(text, Contains("@U4 6h \xC3\x97 10 days = 60h"));
  CHECK_THAT(text, Contains("@U6 4h (own) \xC3\x97 10 days = 40h"));
  CHECK_THAT(text, Contains("@U7 6h \xC3\x97 7 days (3 days off) = 42h"));
  CHECK_THAT(text, Contains("Capacity: 142h"));
  CHECK(bot.logged("sprint.hours").size() == 1);
  CHECK(bot.logged("sprint.timeoff").size() == 3);

  // Back to the project's hours, and time off cleared: the planned sprint's view follows.
  CHECK_THAT(bot.say("U1", "sprint hours <@U6> default"), Contains("project's 6h a day again"));
  CHECK_THAT(bot.say("U1", "sprint timeoff <@U7> clear"), Contains("Cleared"));
  CHECK_THAT(bot.say("U4", "sprint SP-1"), Contains("Capacity: 180h"));
}

TEST_CASE("a one-week project plans one-week sprints unless told otherwise") {
  SprintProject bot;
  bot.run("U1", "setup Gemini tz=UTC sprint=1w hours=5", "C2");
  bot.run("U1", "role add <@U4> dev", "C2");
  const auto week = bot.say("U1", "sprint plan Billing start=2026-11-25", "C2");
  CHECK_THAT(week, Contains("Wed 2026-11-25 \xE2\x80\x93 Tue 2026-12-01"));
  CHECK_THAT(week, Contains("Capacity: 25h"));
  const auto two = bot.say("U1", "sprint plan Reports start=2026-12-02 length=2w", "C2");
  CHECK_THAT(two, Contains("Wed 2026-12-02 \xE2\x80\x93 Tue 2026-12-15"));
  CHECK_THAT(two, Contains("Working days: 10"));
}

TEST_CASE("bad plans get a private explanation and change nothing") {
  SprintProject bot;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"sprint plan start=2026-11-30", "Give the sprint a goal"},
      {"sprint plan Signup", "Say when the sprint starts"},
      {"sprint plan Signup start=2026-02-30", "isn't a date"},
      {"sprint plan Signup start=30.11.2026", "isn't a date"},
      {"sprint plan Signup start=2026-11-28", "Sat 2026-11-28 is not a working day"},
      {"sprint plan Signup start=2026-11-20", "has passed (today is 2026-11-23"},
      {"sprint plan Signup start=2026-11-30 length=3w", "one or two weeks"},
      {"sprint plan Signup start=2026-11-30 size=2", "I don't know the option size="},
      {"sprint plan \"" + std::string(201, 'x') + "\" start=2026-11-30", "200 characters"},
  };
  for (const auto& [command, expected] : cases) {
    INFO(command);
    const auto reply = bot.run("U1", command);
    CHECK(reply.visibility == Visibility::requester_only);
    CHECK_THAT(all_text(reply.message), Contains(expected));
  }
  CHECK(bot.logged("sprint.plan").empty());

  bot.plan();
  CHECK_THAT(bot.say("U1", "sprint plan Later start=2026-12-07"), Contains("overlap SP-1"));
  CHECK_THAT(bot.say("U1", "sprint plan Later start=2026-12-14"), Contains("SP-2 planned"));
  CHECK_THAT(bot.say("U1", "sprint add SP-9 T-1"), Contains("No sprint SP-9"));
  CHECK_THAT(bot.say("U1", "sprint start"), Contains("Say which sprint"));
  CHECK_THAT(bot.say("U1", "sprint frobnicate"), Contains("Sprint commands"));
}

TEST_CASE("tasks join a planned sprint; a split task brings its subtasks as its hours") {
  SprintProject bot;
  bot.plan();
  const auto login = bot.task("Login", "estimate=2h");
  const auto exporter = bot.task("Export", "estimate=5h");
  bot.run("U4", "task split " + exporter + " \"CSV\" estimate=2h");       // T-3
  bot.run("U4", "task split " + exporter + " \"Totals\" estimate=1.5h");  // T-4

  const auto text = bot.say("U1", "sprint add SP-1 " + login + " " + exporter);
  CHECK_THAT(text, Contains("Added T-1, T-2, T-3 (subtask of T-2), T-4 (subtask of T-2)"));
  // The split task's own 5h is replaced by its subtasks' 3.5h.
  CHECK_THAT(text, Contains("Planned: 5.5h of 120h capacity"));
  CHECK_THAT(bot.say("U4", "task show T-3"), Contains("Status: planned"));
  const auto log = bot.logged("sprint.add");
  REQUIRE(log.size() == 1);
  CHECK(log[0].object == "SP-1");
  CHECK_THAT(log[0].after, Contains("\"T-1\",\"T-2\",\"T-3\",\"T-4\""));

  const auto view = bot.say("U5", "sprint");
  CHECK_THAT(view, Contains("SP-1: Signup"));
  CHECK_THAT(view, Contains("Tasks: 4 planned"));
  CHECK_THAT(view, Contains("Planned: 5.5h"));
  CHECK_THAT(view, Contains("T-2 feature: Export \xE2\x80\x94 split into subtasks"));
}

TEST_CASE("a task that cannot join says why, and then nothing joins") {
  SprintProject bot;
  bot.plan();
  bot.run("U1", "sprint plan Later start=2026-12-14");
  const auto done = bot.task("Done already", "estimate=1h");
  bot.accept(done);
  const auto elsewhere = bot.task("Elsewhere", "estimate=1h");
  bot.run("U1", "sprint add SP-2 " + elsewhere);
  const auto fine = bot.task("Fine", "estimate=1h");

  const auto text =
      bot.say("U1", "sprint add SP-1 " + fine + " " + done + " " + elsewhere + " T-99");
  CHECK_THAT(text, Contains("Nothing was added to SP-1"));
  CHECK_THAT(text, Contains(done + " is accepted already."));
  CHECK_THAT(text, Contains(elsewhere + " is in SP-2 already."));
  CHECK_THAT(text, Contains("T-99 does not exist"));
  CHECK_THAT(bot.say("U1", "task show " + fine), Contains("Status: backlog"));
  CHECK_THAT(bot.say("U1", "sprint add SP-1 X-1"), Contains("X-1 isn't a task id"));
  CHECK_THAT(bot.say("U1", "sprint add SP-1"), Contains("Say which tasks"));
  CHECK(bot.logged("sprint.add").size() == 1);  // SP-2's
}

TEST_CASE("start is refused with the exact list of what is missing") {
  SprintProject bot;
  bot.plan();
  CHECK_THAT(bot.say("U1", "sprint start SP-1"), Contains("SP-1 has no tasks yet"));
  const auto unestimated = bot.task("Unestimated");
  const auto big = bot.task("Big", "estimate=3h");
  const auto small = bot.task("Small", "estimate=2h");
  bot.run("U1", "sprint add SP-1 " + unestimated + " " + big + " " + small);

  const auto text = bot.say("U1", "sprint start SP-1");
  CHECK_THAT(text, Contains("SP-1 cannot start yet"));
  CHECK_THAT(text, Contains(unestimated + " Unestimated has no estimate"));
  CHECK_THAT(text, Contains(big + " Big is 3h, over 2h, and not split"));
  CHECK_THAT(text, !Contains(small + " Small"));
  CHECK_THAT(text, Contains("Nothing changed"));
  CHECK(bot.logged("sprint.start").empty());
  CHECK(bot.channel_post("started").empty());

  // Estimating one and splitting the other is all it takes.
  bot.run("U4", "task estimate " + unestimated + " 1h");
  bot.run("U4", "task split " + big + " \"Part one\" estimate=2h");
  bot.run("U1", "sprint add SP-1 T-4");  // the new subtask joins the sprint too
  CHECK_THAT(bot.say("U1", "sprint start SP-1"), Contains("You started SP-1"));
}

TEST_CASE("over capacity: refused, or started with force=yes and the override logged") {
  SprintProject bot;
  bot.run("U1", "sprint hours <@U4> 0.1h");
  bot.run("U1", "sprint hours <@U6> 0.1h");  // 2 × 0.1h × 10 days = 2h
  bot.plan();
  const auto a = bot.task("A", "estimate=2h");
  const auto b = bot.task("B", "estimate=1h");
  bot.run("U1", "sprint add SP-1 " + a + " " + b);

  const auto refused = bot.say("U1", "sprint start SP-1");
  CHECK_THAT(refused, Contains("The work is 3h, over the capacity of 2h"));
  CHECK_THAT(refused, Contains("force=yes"));
  CHECK(bot.logged("sprint.start").empty());
  CHECK_THAT(bot.say("U1", "sprint start SP-1 force=maybe"), Contains("force=yes"));

  const auto started = bot.say("U1", "sprint start SP-1 force=yes");
  CHECK_THAT(started, Contains("You started SP-1"));
  CHECK_THAT(started, Contains("Over capacity by 1h"));
  const auto override = bot.logged("sprint.override");
  REQUIRE(override.size() == 1);
  CHECK(override[0].object == "SP-1");
  CHECK(override[0].before == "capacity 2h");
  CHECK(override[0].after == "started with 3h of work");
  CHECK_THAT(bot.channel_post("Sprint SP-1 started"), Contains("over capacity"));
  CHECK_THAT(bot.say("U4", "sprint"), Contains("Status: active") && Contains("Capacity: 2h"));
}

TEST_CASE("load by person: each one's tasks against their hours; one over refuses the start") {
  SprintProject bot;
  bot.run("U1", "sprint hours <@U4> 0.1h");  // U4: 1h in the sprint, U6: 60h
  bot.plan();
  const auto a = bot.task("A", "estimate=2h");
  const auto b = bot.task("B", "estimate=1h");
  const auto c = bot.task("C", "estimate=1h");
  bot.run("U6", "task assign " + a + " <@U4>");
  bot.run("U6", "task assign " + b + " <@U4>");
  bot.run("U1", "sprint add SP-1 " + a + " " + b + " " + c);

  // 4h of 61h for the team, but U4 alone has 3h for 1h.
  const auto shown = bot.say("U2", "sprint SP-1");
  CHECK_THAT(shown, Contains("Load by person\n") && Contains("\n@U4 3h of 1h, over by 2h\n") &&
                        Contains("\n@U6 0h of 60h\n") && Contains("\nNobody yet: 1h"));
  CHECK_THAT(shown, Contains("@U4 has 3h of tasks for 1h of time"));

  const auto refused = bot.say("U1", "sprint start SP-1");
  CHECK_THAT(refused, Contains("@U4 owns 3h of its work, over their 1h") && Contains("force=yes") &&
                          Contains("Nothing changed"));
  CHECK(bot.logged("sprint.start").empty());

  // Reassigning makes room.
  bot.run("U6", "task assign " + a + " <@U6>");
  const auto moved = bot.say("U2", "sprint SP-1");
  CHECK_THAT(moved, Contains("@U4 1h of 1h\n") && Contains("@U6 2h of 60h\n"));
  CHECK_THAT(moved, !Contains("over by"));
  bot.run("U6", "task assign " + a + " <@U4>");

  const auto started = bot.say("U1", "sprint start SP-1 force=yes");
  CHECK_THAT(started, Contains("You started SP-1") &&
                          Contains("@U4 is over their capacity by 2h; your override is in the "
                                   "decision log"));
  const auto override = bot.logged("sprint.override");
  REQUIRE(override.size() == 1);
  CHECK(override[0].before == "U4 capacity 1h");
  CHECK(override[0].after == "started with 3h of their tasks");
  // A running sprint still shows who carries what.
  CHECK_THAT(bot.say("U4", "sprint"), Contains("@U4 3h of 1h, over by 2h"));
}

TEST_CASE("start announces in the channel; one sprint runs at a time; a critical gap is flagged") {
  SprintProject bot;
  bot.plan();
  bot.run("U1", "sprint plan Later start=2026-12-14");
  const auto low = bot.task("Polish", "priority=low estimate=1h");
  const auto critical = bot.task("Data loss", "kind=bug priority=critical estimate=2h");
  bot.run("U1", "sprint add SP-1 " + low);
  bot.run("U1", "sprint add SP-2 " + bot.task("Next", "estimate=1h"));

  const auto started = bot.say("U1", "sprint start SP-1");
  CHECK_THAT(started, Contains("You started SP-1"));
  CHECK_THAT(started, Contains("Critical work left out: " + critical +
                               " Data loss, while 1 "
                               "lower-priority task is in "
                               "the sprint."));
  const auto post = bot.channel_post("Sprint SP-1 started");
  CHECK_THAT(post, Contains("Goal: Signup"));
  CHECK_THAT(post, Contains(low + " feature: Polish"));
  CHECK_THAT(post, Contains("Work: 1h") && Contains("Capacity: 120h"));
  const auto log = bot.logged("sprint.start");
  REQUIRE(log.size() == 1);
  CHECK(log[0].before == "planned");
  CHECK(bot.logged("sprint.override").empty());

  CHECK_THAT(bot.say("U1", "sprint start SP-2"), Contains("SP-1 is still running"));
  CHECK_THAT(bot.say("U1", "sprint start SP-1"), Contains("SP-1 is active; only a planned"));
  CHECK(bot.logged("sprint.start").size() == 1);
}

TEST_CASE("a running sprint takes a critical bug or an emergency, logged and announced") {
  SprintProject bot;
  bot.plan();
  bot.run("U1", "sprint add SP-1 " + bot.task("Login", "estimate=2h"));
  REQUIRE_THAT(bot.say("U1", "sprint start SP-1"), Contains("You started"));
  const auto feature = bot.task("Dark mode", "priority=high estimate=1h");
  const auto crash = bot.task("Crash on save", "kind=bug priority=critical estimate=1h");
  const auto hotfix = bot.task("Hotfix certificate", "priority=high estimate=1h");

  const auto refused = bot.say("U1", "sprint add SP-1 " + feature);
  CHECK_THAT(refused, Contains("Nothing was added to SP-1"));
  CHECK_THAT(refused, Contains(feature + " is a high feature, and SP-1 has started: its scope is "
                                         "frozen"));
  CHECK_THAT(refused, Contains("emergency=yes"));
  CHECK(bot.channel_post("Scope change").empty());

  CHECK_THAT(bot.say("U1", "sprint add SP-1 " + crash), Contains("as a scope change"));
  const auto bug_post = bot.channel_post("Scope change in SP-1");
  CHECK_THAT(bug_post, Contains(crash + " Crash on save \xE2\x80\x94 critical bug"));
  CHECK_THAT(bug_post, Contains("Added after the start by @U1"));

  CHECK_THAT(bot.say("U1", "sprint add SP-1 " + hotfix + " emergency=yes"),
             Contains("as a scope change"));
  const auto posts = bot.channel_posts();
  CHECK(std::count_if(posts.begin(), posts.end(), [](const std::string& post) {
          return post.find("Scope change in SP-1") != std::string::npos;
        }) == 2);
  CHECK_THAT(posts.back(), Contains(hotfix + " Hotfix certificate \xE2\x80\x94 emergency") &&
                               Contains("production emergency"));

  const auto log = bot.logged("sprint.scope_change");
  REQUIRE(log.size() == 2);
  CHECK_THAT(log[0].after, Contains(hotfix) && Contains("\"why\":\"emergency\""));
  CHECK_THAT(log[1].after, Contains(crash) && Contains("\"why\":\"critical bug\""));
  const auto view = bot.say("U2", "sprint SP-1");
  CHECK_THAT(view, Contains("Scope changes after the start"));
  CHECK_THAT(view, Contains("Planned: 4h"));
}

TEST_CASE("a sprint's days and capacity follow the project's workdays and holidays") {
  SprintProject bot;
  REQUIRE_THAT(bot.say("U1", "settings workdays=sun-thu holidays=2026-12-03"),
               !Contains("isn't valid"));
  // Mon 2026-11-30 is a working day there, Fri 2026-12-04 is not.
  CHECK_THAT(bot.say("U1", "sprint plan \"Week one\" start=2026-12-04"),
             Contains("Fri 2026-12-04 is not a working day of this project") &&
                 Contains("working days: sun-thu"));
  const auto text = all_text(bot.run("U1", "sprint plan \"Signup\" start=2026-11-30").message);
  // Two weeks from Monday: Mon–Thu, Sun–Thu, Sun; less Thursday the 3rd, a holiday.
  CHECK_THAT(text, Contains("Dates: Mon 2026-11-30 \xE2\x80\x93 Sun 2026-12-13"));
  CHECK_THAT(text, Contains("Working days: 9"));
  CHECK_THAT(text, Contains("@U4 6h \xC3\x97 9 days = 54h"));
  // Time off counts the project's working days too: Fri 4th to Sun 6th is one (the Sunday).
  CHECK_THAT(bot.say("U1", "sprint timeoff <@U4> 2026-12-04 2026-12-06"),
             Contains(": 1 working day less"));
  CHECK_THAT(bot.say("U1", "sprint timeoff <@U4> 2026-12-03"), Contains(": 0 working days less"));
}
