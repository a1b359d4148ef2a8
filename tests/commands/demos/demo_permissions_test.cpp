// The role matrix (DESIGN §2) for demos: only the pm schedules, closes and converts; everyone on
// the project gives feedback and reads demos. Odd input gets an answer, never an exception.
#include <catch2/catch.hpp>

#include "tests/commands/role_matrix.hpp"

using namespace accord::testing;
using accord::commands::Visibility;
using Catch::Contains;

namespace {

const std::set<std::string> kPm = {"pm"};

}  // namespace

TEST_CASE("demo commands follow the role matrix") {
  Team bot;
  bot.run("U1", "sprint plan \"Launch\" start=2027-01-04");  // SP-1
  bot.run("U1", "demo schedule \"2027-01-15 15:00\"");       // D-1, closed by the matrix
  bot.run("U1", "demo schedule \"2027-01-16 15:00\"");       // D-2 takes the feedback
  const std::vector<MatrixCase> cases = {
      {"demo schedule \"2027-01-20 15:00\" sprint=SP-1", kPm, true},
      {"demo feedback D-2 \"It works\"", kEveryRole, true},
      {"demo feedback D-2 \"Crash\" kind=bug task={T}", kEveryRole, true},
      {"demo list", kEveryRole, false},
      {"demo D-2", kEveryRole, false},
      {"demo close D-1", kPm, true},
  };
  check_role_matrix(bot, cases);
}

TEST_CASE("only the pm converts, from the card or the command line") {
  Team bot;
  bot.run("U1", "demo schedule \"2027-01-15 15:00\"");
  bot.run("U4", "demo feedback D-1 \"Faster search\"");
  bot.run("U1", "demo close D-1");
  for (const auto& [role, user] : kPeople) {
    if (role == "pm") continue;
    INFO(role);
    const auto before = bot.decisions().size();
    const auto reply = bot.run(user, "demo convert D-1");
    CHECK(reply.visibility == Visibility::requester_only);
    CHECK_THAT(all_text(reply.message),
               Contains("Only a pm can convert demo feedback") || Contains("the pm can add you"));
    CHECK(bot.decisions().size() == before);
  }
  CHECK_THAT(bot.say("U1", "demo convert D-1"), Contains("Converted D-1: T-1"));
}

TEST_CASE("odd demo input never escapes as an exception") {
  Team bot;
  bot.run("U1", "task add Seed");
  bot.run("U1", "demo schedule \"2027-01-15 15:00\"");
  bot.run("U1", "demo schedule \"2027-01-16 15:00\"");
  bot.run("U4", "demo feedback D-2 \"seed\" kind=idea");
  const std::vector<std::string> commands = {
      "demo ",      "demo schedule ", "demo feedback ", "demo close ",        "demo convert ",
      "demo list ", "demo show ",     "demo D-1 ",      "demo feedback D-1 ", "demo close D-2 "};
  const std::vector<std::string> fragments = {" ",
                                              "a",
                                              "=",
                                              "\"",
                                              "D-1",
                                              "D-2",
                                              "D-0",
                                              "D-99999999999",
                                              "T-1",
                                              "task=T-1",
                                              "task=T-0",
                                              "task=",
                                              "kind=bug",
                                              "kind=idea",
                                              "kind=",
                                              "sprint=SP-1",
                                              "sprint=SP-",
                                              "sprint=SP-99999999999",
                                              "2027-01-15",
                                              "\"2027-01-15 15:00\"",
                                              "15:00",
                                              "9999-12-31 23:59",
                                              "0000-01-01 00:00",
                                              "24:00",
                                              "\xE2",
                                              "text="};
  check_odd_input_never_throws(bot, commands, fragments, {"U1", "U4", "U9"}, 300, 17);
}
