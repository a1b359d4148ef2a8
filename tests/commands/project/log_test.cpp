// The decision log in chat and as exported files behind private, expiring links.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <regex>
#include <set>

#include "commands/project/decision_export.hpp"
#include "store/exports.hpp"
#include "tests/commands/test_bot.hpp"

using namespace accord::commands;
using accord::testing::all_text;
using accord::testing::has_mention;
using accord::testing::TestBot;
using Catch::Contains;

namespace {

// "Apollo Redesign" in C1 (Berlin): U1 pm, U2 customer, U4 dev; T-1 prioritised by U2.
struct Logged : TestBot {
  Logged() {
    run("U1", "setup \"Apollo Redesign\" tz=Europe/Berlin");
    run("U1", "role add <@U2> customer");
    run("U1", "role add <@U4> dev");
    run("U4", "task add Checkout");
    run("U2", "task priority T-1 high");
  }

  // The tokens of the /exports/<token> links in a reply, in order.
  static std::vector<std::string> tokens(const Reply& reply) {
    std::vector<std::string> found;
    const auto text = all_text(reply.message);
    const std::regex link("/exports/([0-9a-f]+)");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), link);
         it != std::sregex_iterator(); ++it) {
      found.push_back((*it)[1]);
    }
    return found;
  }

  static std::vector<std::vector<std::string>> parse_csv(const std::string& body) {
    std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
    bool quoted = false;
    for (std::size_t i = 0; i < body.size(); ++i) {
      const char c = body[i];
      if (quoted && c == '"' && i + 1 < body.size() && body[i + 1] == '"') {
        rows.back().back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == ',') {
        rows.back().emplace_back();
      } else if (!quoted && c == '\r' && i + 1 < body.size() && body[i + 1] == '\n') {
        ++i;
        if (i + 1 < body.size()) rows.emplace_back(1);
      } else {
        rows.back().back() += c;
      }
    }
    return rows;
  }

  std::optional<accord::store::Export> download(const std::string& token) {
    accord::store::Transaction tx(db());
    return accord::store::Exports(db()).find_valid(token, clock().now());
  }
};

}  // namespace

TEST_CASE("log shows recent decisions newest first, in the project's time") {
  Logged bot;
  const auto reply = bot.run("U4", "log");
  CHECK(reply.visibility == Visibility::requester_only);
  const auto text = all_text(reply.message);
  CHECK_THAT(text, Contains("2026-11-24 00:30 CET · @U2 · task.priority T-1: medium → high"));
  CHECK_THAT(text, Contains("task.add T-1: title: Checkout"));
  CHECK(text.find("task.priority") < text.find("task.add"));
  CHECK(has_mention(reply.message, "U2"));

  CHECK_THAT(bot.say("U4", "log 1"), !Contains("task.add"));
  CHECK_THAT(bot.say("U4", "log 0"), Contains("Say how many entries"));
  CHECK_THAT(bot.say("U4", "log lots"), Contains("Say how many entries"));
  CHECK_THAT(bot.say("U4", "log 500"), Contains("at most 100 entries"));
}

TEST_CASE("a long log is shown in sections of ten and capped at a hundred") {
  Logged bot;
  for (int i = 0; i < 110; ++i) bot.run("U4", "task add Filler");
  const auto reply = bot.run("U4", "log 100");
  CHECK(reply.message.sections.size() == 10);
  const auto text = all_text(reply.message);
  CHECK(std::count(text.begin(), text.end(), '\n') >= 100);
  CHECK_THAT(text, Contains("T-111"));
  CHECK_THAT(text, !Contains("T-11:"));
}

TEST_CASE("log export offers CSV and Markdown behind private links that expire in a day") {
  Logged bot;
  // Text a spreadsheet must not split: a comma, a quote and a line break.
  bot.submit("U2", "task add", {{"title", "Pay, \"fast\"\nand safely"}, {"kind", "feature"}});
  const auto reply = bot.run("U4", "log export");
  CHECK(reply.visibility == Visibility::requester_only);
  CHECK_THAT(reply.message.note.to_plain(), Contains("private"));
  CHECK_THAT(reply.message.note.to_plain(), Contains("expire in 24 hours"));
  const auto links = Logged::tokens(reply);
  REQUIRE(links.size() == 2);
  CHECK(links[0].size() == 64);
  CHECK(links[1].size() == 64);
  CHECK(links[0] != links[1]);

  const auto csv = bot.download(links[0]);
  REQUIRE(csv);
  CHECK(csv->content_type == "text/csv; charset=utf-8");
  CHECK(csv->filename == "accord-log-apollo-redesign-2026-11-24.csv");
  CHECK(csv->created_by == "U4");
  CHECK(csv->body.rfind("When (UTC),Who,Action,Object,Before,After,Channel\r\n", 0) == 0);
  const auto rows = Logged::parse_csv(csv->body);
  REQUIRE(rows.size() == bot.decisions().size() + 1);
  const auto& added = rows.back();  // oldest first, so the newest is last
  REQUIRE(added.size() == 7);
  CHECK(added[2] == "task.add");
  CHECK(nlohmann::json::parse(added[5]).at("title") == "Pay, \"fast\"\nand safely");
  CHECK_THAT(csv->body, Contains(",\"{\"\"title\"\":\"\"Pay, \\\"\"fast"));
  CHECK_THAT(csv->body, Contains(",U2,task.priority,T-1,medium,high,C1\r\n"));
  // Oldest first.
  CHECK(csv->body.find("project.setup") < csv->body.find("task.priority"));

  const auto markdown = bot.download(links[1]);
  REQUIRE(markdown);
  CHECK(markdown->content_type == "text/markdown; charset=utf-8");
  CHECK(markdown->filename == "accord-log-apollo-redesign-2026-11-24.md");
  CHECK_THAT(markdown->body, Contains("# Decisions — Apollo Redesign — exported 2026-11-24"));
  CHECK_THAT(markdown->body, Contains("## Changes approved this period\n\nNo approvals"));
  CHECK_THAT(markdown->body,
             Contains("| 2026-11-24 00:30 CET | @U2 | task.priority | T-1 | medium | high |"));

  // A second export gets new links; both expire 24 hours after they were made.
  const auto again = Logged::tokens(bot.run("U2", "log export"));
  REQUIRE(again.size() == 2);
  CHECK(std::set<std::string>{links[0], links[1], again[0], again[1]}.size() == 4);
  bot.clock().advance(std::chrono::hours(24) - std::chrono::milliseconds(1));
  CHECK(bot.download(links[0]));
  bot.clock().advance(std::chrono::milliseconds(1));
  CHECK_FALSE(bot.download(links[0]));
  CHECK_FALSE(bot.download(links[1]));
  CHECK_FALSE(bot.download("not-a-token"));
}

TEST_CASE("the Markdown export puts approvals first") {
  Logged bot;
  {
    accord::store::Transaction tx(bot.db());
    accord::store::Decision approval;
    approval.project_id = 1;
    approval.actor = "U2";
    approval.at = bot.clock().now();
    approval.action = "change_request.approve";
    approval.object = "CR-1";
    approval.before = "pending";
    approval.after = "approved | with a pipe";
    accord::store::DecisionLog(bot.db()).record(approval);
    tx.commit();
  }
  const auto links = Logged::tokens(bot.run("U2", "log export"));
  REQUIRE(links.size() == 2);
  const auto body = bot.download(links[1])->body;
  const auto approvals = body.find("## Changes approved this period");
  const auto all = body.find("## All decisions");
  const auto row =
      body.find("| change_request.approve | CR-1 | pending | approved \\| with a pipe |");
  REQUIRE(row != std::string::npos);
  CHECK(approvals < row);
  CHECK(row < all);
  CHECK(body.find("task.priority") > all);
  // The appendix keeps values whole where chat shortens them.
  bot.run("U2", "task story T-1 \"" + std::string(120, 'x') + "\"");
  const auto later = Logged::tokens(bot.run("U2", "log export"));
  CHECK_THAT(bot.download(later[1])->body, Contains("| " + std::string(120, 'x') + " |"));
  CHECK_THAT(bot.say("U2", "log 1"), !Contains(std::string(120, 'x')));
}

TEST_CASE("CSV fields are quoted as RFC 4180 says and never run as formulas") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("=SUM(A1)") == "'=SUM(A1)");
  CHECK(csv_field("@cmd,x") == "\"'@cmd,x\"");
}

TEST_CASE("short values flatten JSON and cut long text on a character boundary") {
  CHECK(short_value("{\"title\":\"Pay\",\"criteria\":[\"a\",\"b\"]}") ==
        "title: Pay; criteria: a; b");
  CHECK(short_value("plain text") == "plain text");
  CHECK(short_value("ééééé", 3) == "ééé…");
}

TEST_CASE("only people on the project read or export the log") {
  Logged bot;
  for (const char* command : {"log", "log export"}) {
    const auto reply = bot.run("U9", command);
    CHECK(reply.visibility == Visibility::requester_only);
    CHECK_THAT(all_text(reply.message), Contains("not on this project's team"));
    CHECK(Logged::tokens(reply).empty());
  }
}
