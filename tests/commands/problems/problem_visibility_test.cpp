// Confidentiality of problem reports (DESIGN §3.7), checked on every way of looking, for every
// role: problem list, problem show, the actions' answers, every message Accord queued (cards,
// direct messages, updates, the channel), App Home, the decision log and both log exports.
#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include <catch2/catch.hpp>

#include "commands/core/request.hpp"
#include "commands/project/home.hpp"
#include "store/exports.hpp"
#include "tests/commands/problems/problem_fixture.hpp"

using namespace accord::commands;
using accord::testing::all_text;
using accord::testing::ProblemTeam;
using accord::testing::recorded_id;
using Catch::Contains;

namespace {

struct Report {
  std::string id;      // set when filed
  const char* secret;  // in the report's text
  const char* note;    // in its resolution note
  std::set<std::string> may_see;
};

// U1 pm, U2 customer, U3 delegate, U4 lead, U5 dev, U6 sponsor, U7 qa, U8 leadership, U9 no
// role, U10 both pm and leadership.
struct Confidential : ProblemTeam {
  std::vector<Report> reports = {
      {"", "SECRET-PM", "NOTE-PM", {"U2", "U8"}},
      {"", "SECRET-ABOUT-DEV", "NOTE-ABOUT-DEV", {"U3", "U1", "U10", "U8"}},
      {"", "SECRET-ABOUT-PM", "NOTE-ABOUT-PM", {"U2", "U10", "U8"}},
      {"", "SECRET-ABOUT-BOSS", "NOTE-ABOUT-BOSS", {"U6", "U1", "U10"}},
  };

  Confidential() {
    run("U1", "role add <@U10> pm");
    grant_leadership("U10");
    deliver_all();
    // Every report goes through every state, so every kind of message exists.
    reports[0].id = recorded_id(act("U2", "problem report pm \"SECRET-PM\""));
    reports[1].id = recorded_id(act("U3", "problem report team \"SECRET-ABOUT-DEV\" about=<@U5>"));
    reports[2].id = recorded_id(act("U2", "problem report team \"SECRET-ABOUT-PM\" about=<@U1>"));
    reports[3].id = recorded_id(act("U6", "problem report team \"SECRET-ABOUT-BOSS\" about=<@U8>"));
    act("U8", "problem ack " + reports[0].id);
    act("U8", "problem resolve " + reports[0].id + " \"NOTE-PM\"");
    act("U2", "problem reopen " + reports[0].id);
    act("U1", "problem ack " + reports[1].id);
    act("U1", "problem resolve " + reports[1].id + " \"NOTE-ABOUT-DEV\"");
    act("U3", "problem reopen " + reports[1].id);
    act("U10", "problem ack " + reports[2].id);
    act("U10", "problem resolve " + reports[2].id + " \"NOTE-ABOUT-PM\"");
    act("U1", "problem ack " + reports[3].id);
    act("U1", "problem resolve " + reports[3].id + " \"NOTE-ABOUT-BOSS\"");
  }

  std::string act(const std::string& user, const std::string& text) {
    const auto reply = run(user, text);
    REQUIRE(reply.visibility == Visibility::requester_only);
    REQUIRE_THAT(all_text(reply.message), !Contains("No problem report"));
    deliver_all();  // so later changes become in-place updates of delivered cards
    return all_text(reply.message);
  }

  std::string download(const std::string& token) {
    accord::store::Transaction tx(db());
    const auto file = accord::store::Exports(db()).find_valid(token, clock().now());
    return file ? file->body : "";
  }

  // The bodies of the files `log export` offers `user`.
  std::vector<std::string> exports(const std::string& user) {
    const auto text = all_text(run(user, "log export").message);
    const std::regex link("/exports/([0-9a-f]+)");
    std::vector<std::string> bodies;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), link);
         it != std::sregex_iterator(); ++it) {
      bodies.push_back(download((*it)[1]));
    }
    return bodies;
  }
};

bool mentions(const std::string& text, const Report& report) {
  return text.find(report.secret) != std::string::npos ||
         text.find(report.note) != std::string::npos;
}

const std::vector<std::string> kEveryone = {"U1", "U2", "U3", "U4", "U5",
                                            "U6", "U7", "U8", "U9", "U10"};

}  // namespace

TEST_CASE("a pm report and team reports about a named person reach only the people allowed") {
  Confidential bot;
  for (const auto& user : kEveryone) {
    const auto list = bot.say(user, "problem list");
    for (const auto& report : bot.reports) {
      const bool allowed = report.may_see.count(user) == 1;
      INFO(user << " looking at " << report.id);
      // problem list
      CHECK(mentions(list, report) == allowed);
      // problem show: someone who may not see it gets the answer for a report that does not exist
      const auto show = bot.say(user, "problem show " + report.id);
      CHECK(mentions(show, report) == allowed);
      if (user == "U9") {  // not on the project: told so, whatever they ask
        CHECK_THAT(show, Contains("not on this project's team"));
        continue;
      }
      CHECK((show.find("No problem report " + report.id + " in this project") ==
             std::string::npos) == allowed);
      if (!allowed) {
        auto missing = bot.say(user, "problem show PR-0000");
        missing.replace(missing.find("PR-0000"), 7, report.id);
        CHECK(show == missing);
        for (const char* action : {"ack", "resolve", "reopen"}) {
          const auto answer =
              bot.say(user, std::string("problem ") + action + " " + report.id + " \"x\"");
          CHECK_THAT(answer, Contains("No problem report " + report.id));
        }
      }
    }
  }

  // Every message Accord queued: cards, direct messages, in-place updates, channel posts.
  for (const auto& row : bot.sent()) {
    const auto text = all_text(row.message);
    for (const auto& report : bot.reports) {
      INFO(row.kind << " to " << row.to << ": " << text);
      if (row.kind == "channel_message") CHECK(!mentions(text, report));
      if (mentions(text, report) || text.find(report.id + " ") != std::string::npos) {
        CHECK(report.may_see.count(row.to) == 1);
      }
    }
  }
  // Each of them did receive something: the check above looked at real messages.
  std::map<std::string, int> received;
  for (const auto& row : bot.sent()) {
    for (const auto& report : bot.reports) {
      if (mentions(all_text(row.message), report)) ++received[report.id];
    }
  }
  for (const auto& report : bot.reports) CHECK(received[report.id] >= 3);

  // The App Home dashboard of every person lists the open reports they may see, and no other.
  for (const auto& user : kEveryone) {
    const auto home =
        all_text(build_home(bot.db(), Platform::slack, "T1", user, bot.clock().now()));
    for (const auto& report : bot.reports) {
      INFO(user << "'s home: " << home);
      if (mentions(home, report)) CHECK(report.may_see.count(user) == 1);
    }
  }
  CHECK_THAT(all_text(build_home(bot.db(), Platform::slack, "T1", "U8", bot.clock().now())),
             Contains("SECRET-PM"));  // the check above looked at real dashboards

  // The decision log and its exports, as every role.
  for (const auto& user : kEveryone) {
    const auto log = bot.say(user, "log 100");
    std::vector<std::string> views = bot.exports(user);
    views.push_back(log);
    for (const auto& view : views) {
      INFO(user << ": " << view);
      CHECK(view.find("PR-") == std::string::npos);
      for (const auto& report : bot.reports) CHECK(!mentions(view, report));
    }
  }
  CHECK(bot.exports("U1").size() == 2);  // the exports were really read
}

TEST_CASE("a person holding pm and leadership gets no pm report, and no pm acknowledges one") {
  Confidential bot;
  const auto before = bot.sent().size();
  const auto id = bot.report("U3", "problem report pm \"The pm again\"");
  CHECK(bot.dm_targets(before) == std::vector<std::string>{"U8"});
  CHECK_THAT(bot.say("U1", "problem ack " + id), Contains("No problem report " + id));
  CHECK_THAT(bot.say("U10", "problem ack " + id), Contains("No problem report " + id));
  // A leader who becomes pm (only leadership may make them so) loses sight of it.
  bot.run("U8", "role add <@U8> pm");
  CHECK_THAT(bot.say("U8", "problem show " + id), Contains("No problem report " + id));
}

TEST_CASE("someone who may no longer see a report gets no more updates of its card") {
  ProblemTeam bot;  // a performance report goes to U1 (pm) and U4 (lead)
  const auto id = bot.report("U2", "problem report performance \"Velocity halved\"");
  bot.deliver_all();
  REQUIRE(bot.dms_to("U4").size() == 2);  // being added as lead, and the card
  bot.run("U1", "role add <@U4> dev");    // still on the team, no longer a lead
  bot.run("U1", "role remove <@U4> lead");
  const auto before = bot.sent().size();
  bot.run("U1", "problem ack " + id);
  bot.deliver_all();
  bot.run("U1", "problem resolve " + id + " \"We added a developer\"");
  const auto all = bot.sent();
  int to_pm = 0;
  for (auto i = before; i < all.size(); ++i) {
    INFO(all[i].kind << " to " << all[i].to << ": " << all_text(all[i].message));
    if (all[i].kind == "home_view") continue;  // built when sent, from what they may see
    CHECK(all[i].to != "U4");
    to_pm += all[i].kind == "update_message" && all[i].to == "U1" ? 1 : 0;
  }
  CHECK(to_pm == 2);  // the copies the pm may still see were updated
  CHECK_THAT(all_text(build_home(bot.db(), Platform::slack, "T1", "U4", bot.clock().now())),
             !Contains("Velocity halved"));
}

TEST_CASE("a card still waiting to go out is not sent to someone who may no longer see it") {
  ProblemTeam bot;
  const auto id = bot.report("U2", "problem report performance \"Velocity halved\"");
  bot.run("U1", "role add <@U4> dev");
  bot.run("U1", "role remove <@U4> lead");
  bot.run("U1", "problem ack " + id);
  int to_pm = 0;
  for (const auto& row : bot.outbox()) {
    INFO(accord::store::to_string(row.kind) << " to " << row.target << ": " << row.payload);
    const bool card = row.payload.find("Velocity halved") != std::string::npos;
    if (card) CHECK(row.target != "U4");
    to_pm += card && row.target == "U1" ? 1 : 0;
  }
  CHECK(to_pm == 1);  // the pm's copy still goes out
  CHECK_THAT(bot.say("U4", "problem show " + id), Contains("No problem report " + id));
}
