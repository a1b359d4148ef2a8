// The role matrix (DESIGN §2) for acceptance: every command × every role. Allowed: it works and,
// for a change, writes exactly one log entry. Refused: a private message naming who may, and
// nothing changes. The card's buttons follow the same matrix as typing.
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include <nlohmann/json.hpp>

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

struct Case {
  std::string command;  // "{T}": a fresh task; "{D}": a fresh task awaiting acceptance
  std::set<std::string> allowed;
  bool changes;
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

  std::string done_task() {
    const auto id = fresh_task();
    REQUIRE_THAT(say("U1", "task done " + id), Contains("awaits acceptance"));
    return id;
  }
};

void substitute(Team& bot, std::string& command) {
  if (const auto at = command.find("{T}"); at != std::string::npos) {
    command.replace(at, 3, bot.fresh_task());
  }
  if (const auto at = command.find("{D}"); at != std::string::npos) {
    command.replace(at, 3, bot.done_task());
  }
}

}  // namespace

TEST_CASE("acceptance commands follow the role matrix") {
  const std::vector<Case> cases = {
      {"task start {T}", kContractorWork, true},
      {"task done {T}", kContractorWork, true},
      {"accept {D}", kCustomerSide, true},
      {"accept {D} \"Fine by us\"", kCustomerSide, true},
      {"reject {D} \"Totals are wrong\"", kCustomerSide, true},
      {"pending", kEveryRole, false},
  };
  Team bot;
  for (const auto& test : cases) {
    for (const auto& [role, user] : kPeople) {
      auto command = test.command;
      substitute(bot, command);
      INFO(command << " as " << role);
      const auto before = bot.decisions().size();
      const auto reply = bot.run(user, command);
      const auto text = all_text(reply.message);
      const auto written = bot.decisions().size() - before;
      CHECK(reply.visibility == Visibility::requester_only);
      if (test.allowed.count(role) > 0) {
        CHECK_THAT(text, !Contains("Only "));
        CHECK(written == (test.changes ? 1u : 0u));
      } else {
        CHECK_THAT(text, Contains("Only "));
        CHECK_THAT(text, Contains(role == "none" ? "not on this project's team" : "are: " + role));
        if (role != "none" || test.changes) CHECK_THAT(text, Contains(*test.allowed.begin()));
        CHECK(written == 0u);
      }
    }
  }
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
  std::uint32_t seed = 7;
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  for (int round = 0; round < 300; ++round) {
    std::string text = commands[next() % commands.size()];
    const auto length = next() % 5;
    for (std::uint32_t i = 0; i < length; ++i) text += fragments[next() % fragments.size()];
    const std::string user = next() % 2 == 0 ? "U1" : "U2";
    INFO(text);
    REQUIRE_NOTHROW(bot.run(user, text));
  }
}
