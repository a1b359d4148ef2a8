// Problem report ids: random codes unique in their project, so the ids a person sees say nothing
// of the reports hidden from them; typed in any case; reports filed before keep their PR-n.
#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

#include <catch2/catch.hpp>

#include "commands/core/request.hpp"
#include "commands/project/home.hpp"
#include "tests/commands/problems/problem_fixture.hpp"

using namespace accord::commands;
using accord::testing::all_text;
using accord::testing::ProblemTeam;
using Catch::Contains;

namespace {

// Four characters of an alphabet without 0/O, 1/I/L and U.
const std::regex kCode("PR-[2-9A-HJKMNP-TV-Z]{4}");

std::string lowered(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

int occurrences(const std::string& text, const std::string& word) {
  int count = 0;
  for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) ++count;
  return count;
}

}  // namespace

TEST_CASE("the ids a pm sees say nothing of a report hidden from them") {
  ProblemTeam bot;
  const auto first = bot.report("U1", "problem report deadline \"The API is late\"");
  const auto hidden = bot.report("U2", "problem report pm \"The pm ignores us\"");
  const auto second = bot.report("U1", "problem report other \"The CI is flaky\"");
  for (const auto& id : {first, hidden, second}) {
    INFO(id);
    CHECK(std::regex_match(id, kCode));
  }
  const auto list = bot.say("U1", "problem list");
  CHECK_THAT(list, Contains(first) && Contains(second) && !Contains(hidden));
  CHECK(occurrences(list, "PR-") == 2);
  // Leadership sees all three, by the same ids.
  CHECK(occurrences(bot.say("U8", "problem list"), "PR-") == 3);
}

TEST_CASE("ids are unique in the project and work in any case, on cards and in commands") {
  ProblemTeam bot;
  std::vector<std::string> ids;
  for (int i = 0; i < 60; ++i) {
    ids.push_back(bot.report("U2", "problem report other \"Issue " + std::to_string(i) + "\""));
    CHECK(std::regex_match(ids.back(), kCode));
  }
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());

  const auto& id = ids.front();
  const auto card = bot.dms_to("U1").front();
  CHECK_THAT(all_text(card), Contains("Problem report " + id) && Contains("Issue 0"));
  REQUIRE(!card.buttons.empty());
  CHECK(card.buttons[0].value == "problem ack " + id + " project=1");
  CHECK_THAT(bot.say("U1", "problem show " + lowered(id)), Contains(id) && Contains("Issue 0"));
  CHECK_THAT(bot.say("U1", "problem ack " + lowered(id)), Contains("You own " + id));
  CHECK_THAT(bot.say("U1", "problem resolve " + lowered(id) + " \"Fixed\""),
             Contains("Resolved " + id));
  CHECK_THAT(all_text(bot.dms_to("U2").back()), Contains(id + " was resolved"));
  CHECK_THAT(all_text(build_home(bot.db(), Platform::slack, "T1", "U1", bot.clock().now())),
             Contains(ids.back()));
  CHECK_THAT(bot.say("U1", "problem show PR-0000X"), Contains("No problem report PR-0000X"));
  CHECK_THAT(bot.say("U1", "problem show PR-"), Contains("Say which problem report"));
  CHECK_THAT(bot.say("U1", "problem show PR-ab_c"), Contains("Say which problem report"));
}
