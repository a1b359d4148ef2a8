// The registry is the one list of what Accord offers: every command has help, every name is
// taken once, and help shows every command.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "commands/core/registry.hpp"
#include "store/schedule.hpp"
#include "tests/commands/problems/problem_fixture.hpp"
#include "tests/commands/test_bot.hpp"

using accord::commands::CommandLine;
using accord::commands::Context;
using accord::commands::Domain;
using accord::commands::Message;
using accord::commands::Registry;
using accord::commands::Reply;
using accord::testing::TestBot;
using Catch::Contains;

namespace {

Reply nothing(Context&, const CommandLine&) {
  return {};
}
Message empty_topic() {
  return {};
}

}  // namespace

TEST_CASE("every registered command has help and shows in the overview") {
  const auto& registry = accord::commands::registry();
  TestBot bot;
  const auto overview = bot.say("U1", "help");
  int commands = 0;
  for (const auto& domain : registry.domains()) {
    for (const auto& command : domain.commands) {
      INFO(domain.name << ": " << command.name << " " << command.subcommand);
      CHECK_FALSE(command.help.empty());
      CHECK(command.run != nullptr);
      auto typed = std::string(command.name);
      if (!command.subcommand.empty()) typed += " " + std::string(command.subcommand);
      CHECK_THAT(overview, Contains("/accord " + typed));
      ++commands;
    }
  }
  CHECK(commands >= 25);
}

TEST_CASE("every help topic answers, by name and by alias") {
  TestBot bot;
  for (const auto& domain : accord::commands::registry().domains()) {
    for (const auto& topic : domain.topics) {
      INFO(topic.name);
      const auto shown = bot.say("U1", "help " + std::string(topic.name));
      CHECK_THAT(shown, !Contains("I have no help on"));
      if (!topic.alias.empty()) CHECK(bot.say("U1", "help " + std::string(topic.alias)) == shown);
    }
  }
}

TEST_CASE("a command without help, or a name taken twice, is refused when registered") {
  CHECK_THROWS_AS(
      Registry({Domain{"a", {{"x", "", nothing, accord::commands::Access::member, {}}}, {}, {}}}),
      std::logic_error);
  CHECK_THROWS_AS(
      Registry({Domain{"a",
                       {{"x", "", nothing, accord::commands::Access::member, {{"x", "does x"}}}},
                       {},
                       {}},
                Domain{"b",
                       {{"x", "", nothing, accord::commands::Access::member, {{"x", "also x"}}}},
                       {},
                       {}}}),
      std::logic_error);
  CHECK_THROWS_AS(Registry({Domain{"a", {}, {{"t", "", empty_topic}, {"t", "", empty_topic}}, {}}}),
                  std::logic_error);
  CHECK_NOTHROW(Registry(
      {Domain{"a",
              {{"x", "", nothing, accord::commands::Access::member, {{"x", "does x"}}},
               {"x", "y", nothing, accord::commands::Access::member, {{"x y", "does x y"}}}},
              {},
              {}}}));
}

TEST_CASE("a subcommand registered by another domain wins over the command's own router") {
  TestBot bot;
  bot.run("U1", "setup \"Apollo\"");
  bot.run("U1", "role add <@U2> dev");
  bot.run("U1", "role add <@U3> customer");
  bot.run("U2", "task add \"Login page\" estimate=2h");
  // `task done` is acceptance's (backlog's own router no longer knows it).
  bot.run("U2", "task done T-1");
  CHECK_THAT(bot.say("U1", "task show T-1"), Contains("awaits acceptance"));
}

TEST_CASE("every job the workflows schedule has a registered handler") {
  using accord::store::Schedule;
  accord::testing::ProblemTeam team;  // Apollo with a pm, a customer side and a team
  team.run("U1", "task add \"Export invoices\" estimate=2h");
  team.run("U1", "sprint plan \"Invoices\" start=2026-11-30 length=1w");
  team.run("U1", "sprint add SP-1 T-1");
  team.run("U1", "sprint start SP-1");                   // sprint_ending, burn_down_snapshot
  team.run("U1", "settings report=fri 16:00");           // weekly_report
  team.run("U5", "task done T-1");                       // digest, sponsor_check
  team.run("U1", "demo schedule \"2026-12-03 15:00\"");  // demo_day, demo_hour
  team.run("U1", "roadmap add \"Checkout\" due=2027-01-10 reason=\"Asked for\"");  // cr_expiry
  team.run("U2", "problem report team \"Nobody answers our questions\"");          // problem
  accord::store::Transaction tx(team.db());
  const auto jobs = Schedule(team.db()).due(team.clock().now() + std::chrono::days(365), 1000);
  std::set<std::string> kinds;
  for (const auto& job : jobs) {
    INFO(job.kind);
    CHECK(accord::commands::registry().job(job.kind) != nullptr);
    kinds.insert(job.kind);
  }
  CHECK(kinds == std::set<std::string>{"burn_down_snapshot", "cr_expiry", "demo_day", "demo_hour",
                                       "digest", "problem", "sponsor_check", "sprint_ending",
                                       "weekly_report"});
}

// The layers of commands/ (docs/architecture.md): core/ and time/ serve every domain and name none
// of them; what they need from a domain comes through the registry. A newcomer can read core/
// without the product's domains, and a domain can be added without touching the core.
TEST_CASE("the core and the scheduler's engine include no domain") {
  namespace fs = std::filesystem;
  const fs::path commands_dir = fs::path(ACCORD_SOURCE_DIR) / "commands";
  std::vector<std::string> reaching_up;
  for (const char* layer : {"core", "time"}) {
    for (const auto& entry : fs::directory_iterator(commands_dir / layer)) {
      const auto name = entry.path().filename().string();
      // The core's own registration lists the product's domains: the one file that must.
      if (name == "core_domain.cpp") continue;
      std::ifstream file(entry.path());
      std::string line;
      while (std::getline(file, line)) {
        if (line.rfind("#include \"commands/", 0) != 0) continue;
        const bool allowed =
            line.rfind("#include \"commands/core/", 0) == 0 ||
            (std::string(layer) == "time" && line.rfind("#include \"commands/time/", 0) == 0);
        if (!allowed) reaching_up.push_back(std::string(layer) + "/" + name + ": " + line);
      }
    }
  }
  INFO("includes that reach from the core into a domain: " << reaching_up.size());
  for (const auto& include : reaching_up) UNSCOPED_INFO(include);
  CHECK(reaching_up.empty());
}
