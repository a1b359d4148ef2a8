// Shared checks for the permission tests: a team with one person per role (DESIGN §2), a runner
// that tries each command as each of them, and a random-input check that nothing throws.
#pragma once

#include <cstdint>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/commands/test_bot.hpp"

namespace accord::testing {

// role → user; "none" holds no role in the project.
inline const std::vector<std::pair<std::string, std::string>> kPeople = {
    {"customer", "U2"}, {"delegate", "U3"}, {"sponsor", "U5"},    {"pm", "U1"},  {"lead", "U6"},
    {"dev", "U4"},      {"qa", "U7"},       {"leadership", "U8"}, {"none", "U9"}};

inline const std::set<std::string> kEveryRole = {"customer", "delegate", "sponsor", "pm",
                                                 "lead",     "dev",      "qa",      "leadership"};
inline const std::set<std::string> kCustomerSide = {"customer", "delegate"};
inline const std::set<std::string> kContractorWork = {"pm", "lead", "dev", "qa"};

struct MatrixCase {
  std::string command;  // "{T}": a fresh task's id; "{D}": a fresh task awaiting acceptance
  std::set<std::string> allowed;
  bool changes;  // when allowed, writes exactly one decision log entry
};

// Project Apollo with everyone of kPeople in their role (U1 is the pm who set it up).
struct Team : TestBot {
  Team() {
    run("U1", "setup Apollo");
    for (const auto& [role, user] : kPeople) {
      if (role == "leadership") {
        grant_leadership(user);
      } else if (role != "none" && role != "pm") {
        run("U1", "role add <@" + user + "> " + role);
      }
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
    REQUIRE_THAT(say("U1", "task done " + id), Catch::Contains("awaits acceptance"));
    return id;
  }
};

// Runs every case as every person. Allowed: no refusal, and one log entry for a change.
// Refused: a private message that says who may (someone on no team is told the pm can add
// them), and nothing logged.
inline void check_role_matrix(Team& bot, const std::vector<MatrixCase>& cases) {
  using Catch::Contains;
  for (const auto& test : cases) {
    for (const auto& [role, user] : kPeople) {
      auto command = test.command;
      if (const auto at = command.find("{T}"); at != std::string::npos) {
        command.replace(at, 3, bot.fresh_task());
      }
      if (const auto at = command.find("{D}"); at != std::string::npos) {
        command.replace(at, 3, bot.done_task());
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
        CHECK(reply.visibility == commands::Visibility::requester_only);
        CHECK_THAT(text, Contains("Only "));
        CHECK_THAT(text, Contains(role == "none" ? "not on this project's team" : "are: " + role));
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

// `rounds` commands built from a command word and up to five random fragments, run as random
// users: odd input must get an answer, never an exception. The seed keeps failures repeatable.
inline void check_odd_input_never_throws(TestBot& bot, const std::vector<std::string>& commands,
                                         const std::vector<std::string>& fragments,
                                         const std::vector<std::string>& users, int rounds,
                                         std::uint32_t seed) {
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  for (int round = 0; round < rounds; ++round) {
    std::string text = commands[next() % commands.size()];
    const auto length = next() % 6;
    for (std::uint32_t i = 0; i < length; ++i) text += fragments[next() % fragments.size()];
    INFO(text);
    REQUIRE_NOTHROW(bot.run(users[next() % users.size()], text));
  }
}

}  // namespace accord::testing
