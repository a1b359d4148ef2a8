// The role matrix (DESIGN §2) for the backlog and the decision log: every command × every role.
// Allowed: it works and, for a change, writes exactly one log entry. Refused: a private message
// naming who may, and nothing changes.
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "tests/commands/test_bot.hpp"

using namespace accord::commands;
using accord::testing::all_text;
using accord::testing::TestBot;
using Catch::Contains;

namespace {

const std::vector<std::pair<std::string, std::string>> kPeople = {
    {"customer", "U2"}, {"delegate", "U3"}, {"sponsor", "U5"},    {"pm", "U1"},  {"lead", "U6"},
    {"dev", "U4"},      {"qa", "U7"},       {"leadership", "U8"}, {"none", "U9"}};

const std::set<std::string> kEveryRole = {"customer", "delegate", "sponsor", "pm",
                                          "lead",     "dev",      "qa",      "leadership"};
const std::set<std::string> kCustomerSide = {"customer", "delegate"};
const std::set<std::string> kContractorWork = {"pm", "lead", "dev", "qa"};
const std::set<std::string> kWriters = {"customer", "delegate", "pm", "lead", "dev", "qa"};

struct Case {
  std::string command;  // "{T}" stands for a fresh task's id
  std::set<std::string> allowed;
  bool changes;  // writes the decision log when allowed
};

struct Team : TestBot {
  Team() {
    run("U1", "setup Apollo");
    for (const auto& [role, user] : kPeople) {
      if (role != "none" && role != "pm") run("U1", "role add <@" + user + "> " + role);
    }
  }

  std::string fresh_task() {
    const auto text = say("U1", "task add Target");
    std::smatch match;
    REQUIRE(std::regex_search(text, match, std::regex("Task (T-[0-9]+) added")));
    return match[1];
  }
};

}  // namespace

TEST_CASE("backlog and log commands follow the role matrix") {
  const std::vector<Case> cases = {
      {"task add \"Bug report\" kind=bug", kEveryRole, true},
      {"task add Urgent priority=critical", kCustomerSide, true},
      {"task list", kEveryRole, false},
      {"task show {T}", kEveryRole, false},
      {"task story {T} \"As a user I want it\"", kWriters, true},
      {"task criteria {T} \"It works\"", kWriters, true},
      {"task priority {T} high", kCustomerSide, true},
      {"task estimate {T} 3h", kContractorWork, true},
      {"task split {T} \"Part\" estimate=1h", kContractorWork, true},
      {"log", kEveryRole, false},
      {"log export", kEveryRole, false},
  };
  Team bot;
  for (const auto& test : cases) {
    for (const auto& [role, user] : kPeople) {
      auto command = test.command;
      if (const auto at = command.find("{T}"); at != std::string::npos) {
        command.replace(at, 3, bot.fresh_task());
      }
      INFO(command << " as " << role);
      const auto before = bot.decisions().size();
      const auto reply = bot.run(user, command);
      const auto text = all_text(reply.message);
      const auto written = bot.decisions().size() - before;
      if (test.allowed.count(role) > 0) {
        CHECK_THAT(text, !Contains("Only "));
        CHECK(written == (test.changes ? 1u : 0u));
      } else {
        CHECK(reply.visibility == Visibility::requester_only);
        CHECK_THAT(text, Contains("Only "));
        CHECK_THAT(text, Contains(role == "none" ? "not on this project's team" : "are: " + role));
        // The refusal names who may; someone on no team is told the pm can add them.
        if (role == "none") {
          CHECK_THAT(text, Contains("the pm can add you") || Contains(*test.allowed.begin()));
        } else {
          CHECK_THAT(text, Contains(*test.allowed.begin()));
        }
        CHECK(written == 0u);
      }
    }
  }
}

TEST_CASE("the task form follows the same matrix as typing") {
  Team bot;
  for (const auto& [role, user] : kPeople) {
    INFO(role);
    const auto before = bot.decisions().size();
    const auto opened = bot.run(user, "task add");
    const auto submitted = bot.submit(user, "task add", {{"title", "From the form"}});
    if (role == "none") {
      CHECK_FALSE(opened.form);
      CHECK_THAT(all_text(submitted.message), Contains("the pm can add you"));
      CHECK(bot.decisions().size() == before);
    } else {
      REQUIRE(opened.form);
      bool has_priority = false;
      for (const auto& field : opened.form->fields) has_priority |= field.id == "priority";
      CHECK(has_priority == (kCustomerSide.count(role) > 0));
      CHECK_THAT(all_text(submitted.message), Contains("added: From the form"));
      CHECK(bot.decisions().size() == before + 1);
    }
  }
}

TEST_CASE("templates are help text: anyone may read one") {
  Team bot;
  for (const auto& [role, user] : kPeople) {
    INFO(role);
    CHECK_THAT(bot.say(user, "task template feature"), Contains("As a [role] I want [goal]"));
  }
}

TEST_CASE("odd task and log input never escapes as an exception") {
  Team bot;
  bot.run("U1", "task add Seed");
  const std::vector<std::string> commands = {"task ",          "task add ",      "task show ",
                                             "task story ",    "task criteria ", "task priority ",
                                             "task estimate ", "task split ",    "task list ",
                                             "task template ", "log ",           "log export "};
  const std::vector<std::string> fragments = {" ",
                                              "a",
                                              "=",
                                              "\"",
                                              "T-1",
                                              "T-0",
                                              "T-99999999999",
                                              "C-",
                                              "C-1",
                                              "epic=C-1",
                                              "estimate=",
                                              "estimate=1e308",
                                              "estimate=nan",
                                              "2h",
                                              "-1",
                                              "90m",
                                              "clear",
                                              "priority=high",
                                              "kind=bug",
                                              "status=",
                                              "title=",
                                              "\xE2",
                                              "criteria=;;",
                                              "100000000000"};
  std::uint32_t seed = 11;
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  for (int round = 0; round < 300; ++round) {
    std::string text = commands[next() % commands.size()];
    const auto length = next() % 6;
    for (std::uint32_t i = 0; i < length; ++i) text += fragments[next() % fragments.size()];
    const std::string user = next() % 2 == 0 ? "U1" : "U2";
    INFO(text);
    REQUIRE_NOTHROW(bot.run(user, text));
  }
}
