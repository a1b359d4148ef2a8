// The role matrix (DESIGN §2) for the backlog and the decision log: every command × every role.
// Allowed: it works and, for a change, writes exactly one log entry. Refused: a private message
// naming who may, and nothing changes.
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "tests/commands/role_matrix.hpp"

using namespace accord::commands;
using accord::testing::all_text;
using namespace accord::testing;
using Catch::Contains;

namespace {

const std::set<std::string> kWriters = {"customer", "delegate", "pm", "lead", "dev", "qa"};

}  // namespace

TEST_CASE("backlog and log commands follow the role matrix") {
  const std::vector<MatrixCase> cases = {
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
  check_role_matrix(bot, cases);
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

TEST_CASE("templates: anyone on the project may read one") {
  Team bot;
  for (const auto& [role, user] : kPeople) {
    INFO(role);
    const auto shown = bot.say(user, "task template feature");
    if (role == "none") {
      CHECK_THAT(shown, Contains("not on this project's team"));
    } else {
      CHECK_THAT(shown, Contains("As a [role] I want [goal]"));
    }
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
  check_odd_input_never_throws(bot, commands, fragments, {"U1", "U2"}, 300, 11);
}
