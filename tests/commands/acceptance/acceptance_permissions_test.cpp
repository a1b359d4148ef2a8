// The role matrix (DESIGN §2) for acceptance: every command × every role. Allowed: it works and,
// for a change, writes exactly one log entry. Refused: a private message naming who may, and
// nothing changes. The card's buttons follow the same matrix as typing.
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "tests/commands/role_matrix.hpp"

using namespace accord::commands;
using accord::testing::all_text;
using namespace accord::testing;
using Catch::Contains;

TEST_CASE("acceptance commands follow the role matrix") {
  const std::vector<MatrixCase> cases = {
      {"task start {T}", kContractorWork, true},
      {"task done {T}", kContractorWork, true},
      {"accept {D}", kCustomerSide, true},
      {"accept {D} \"Fine by us\"", kCustomerSide, true},
      {"reject {D} \"Totals are wrong\"", kCustomerSide, true},
      {"pending", kEveryRole, false},
  };
  Team bot;
  check_role_matrix(bot, cases);
}

TEST_CASE("the card's buttons follow the same matrix as typing") {
  Team bot;
  for (const auto& [role, user] : kPeople) {
    const auto id = bot.done_task();
    std::string accept_command;
    for (const auto& row : bot.outbox()) {
      if (row.kind != accord::store::OutboxKind::direct_message) continue;
      const auto card = message_from_json(nlohmann::json::parse(row.payload));
      if (card.title != "Acceptance of " + id) continue;
      for (const auto& button : card.buttons) {
        if (button.label == "Accept") accept_command = button.value;
      }
    }
    REQUIRE_FALSE(accept_command.empty());
    INFO(role);
    const auto before = bot.decisions().size();
    const auto text =
        all_text(bot.click(user, kRunCommandAction, accept_command, "D" + user).message);
    if (kCustomerSide.count(role) > 0) {
      CHECK_THAT(text, Contains("You accepted"));
      CHECK(bot.decisions().size() == before + 1);
    } else {
      CHECK_THAT(text, Contains("customer") || Contains("not on"));
      CHECK(bot.decisions().size() == before);
      CHECK_THAT(bot.say("U1", "task show " + id), Contains("awaiting acceptance"));
    }
  }
}

TEST_CASE("odd acceptance input never escapes as an exception") {
  Team bot;
  bot.done_task();
  const std::vector<std::string> commands = {"task start ", "task done ", "accept ", "reject ",
                                             "pending "};
  const std::vector<std::string> fragments = {
      " ",    "a",           "=",         "\"",         "T-1",      "T-0",       "T-99999999999",
      "T-2",  "request=",    "request=1", "request=-1", "comment=", "project=1", "\xE2",
      "note", "100000000000"};
  check_odd_input_never_throws(bot, commands, fragments, {"U1", "U2"}, 300, 7);
}
