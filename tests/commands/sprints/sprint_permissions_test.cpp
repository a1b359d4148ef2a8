// The role matrix (DESIGN §2) for sprints: the pm plans, fills, starts and closes them and sets
// the team's hours; everyone on the project sees them and writes retrospective notes.
#include <catch2/catch.hpp>

#include "tests/commands/role_matrix.hpp"

using namespace accord::testing;
using Catch::Contains;

namespace {

const std::set<std::string> kPmOnly = {"pm"};

}  // namespace

TEST_CASE("planning and the team's hours follow the role matrix") {
  Team bot;
  check_role_matrix(bot, {
                             {"sprint plan \"Signup\" start=2026-11-30", kPmOnly, true},
                             {"sprint add SP-1 {T}", kPmOnly, true},
                             {"sprint hours <@U4> 4h", kPmOnly, true},
                             {"sprint timeoff <@U4> 2026-12-01", kPmOnly, true},
                             {"sprint", kEveryRole, false},
                             {"sprint SP-1", kEveryRole, false},
                             {"sprint list", kEveryRole, false},
                         });
}

TEST_CASE("starting, retro notes and closing follow the role matrix") {
  Team bot;
  REQUIRE_THAT(bot.say("U1", "task add Export estimate=1h"), Contains("T-1 added"));
  bot.run("U1", "sprint plan \"Signup\" start=2026-11-30");
  bot.run("U1", "sprint add SP-1 T-1");
  check_role_matrix(bot, {
                             {"sprint start SP-1", kPmOnly, true},
                             {"retro good \"Pairing helped\"", kEveryRole, true},
                             {"retro", kEveryRole, false},
                         });
  bot.run("U4", "task done T-1");
  bot.run("U2", "accept T-1");
  check_role_matrix(bot, {{"sprint close SP-1", kPmOnly, true}});
}

TEST_CASE("odd sprint input never escapes as an exception") {
  Team bot;
  bot.fresh_task();
  bot.run("U1", "sprint plan Signup start=2026-11-30");
  const std::vector<std::string> commands = {"sprint ",         "sprint plan ",  "sprint add ",
                                             "sprint start ",   "sprint close ", "sprint hours ",
                                             "sprint timeoff ", "retro "};
  const std::vector<std::string> fragments = {" ",
                                              "a",
                                              "=",
                                              "\"",
                                              "SP-1",
                                              "SP-0",
                                              "SP-99999999999",
                                              "T-1",
                                              "T-0",
                                              "<@U4>",
                                              "4h",
                                              "-3h",
                                              "1e308",
                                              "default",
                                              "clear",
                                              "2026-11-30",
                                              "2026-02-30",
                                              "0000-01-01",
                                              "9999-12-31",
                                              "start=",
                                              "start=2026-12-07",
                                              "length=",
                                              "length=2w",
                                              "force=yes",
                                              "emergency=yes",
                                              "good",
                                              "problem",
                                              "\xE2"};
  check_odd_input_never_throws(bot, commands, fragments, {"U1", "U4"}, 400, 11);
}
