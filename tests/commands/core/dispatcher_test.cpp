#include <cstdint>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/commands/test_bot.hpp"

using namespace accord::commands;
using accord::testing::all_text;
using accord::testing::TestBot;
using Catch::Contains;

TEST_CASE("empty text and help show the overview privately, with topic buttons") {
  TestBot bot;
  for (const char* text : {"", "   ", "help", "HELP"}) {
    INFO(text);
    auto reply = bot.run("U1", text);
    CHECK(reply.visibility == Visibility::requester_only);
    const auto shown = all_text(reply.message);
    CHECK_THAT(shown, Contains("setup \"Project name\""));
    CHECK_THAT(shown, Contains("role add @person <role>"));
    CHECK_THAT(shown, Contains("objective add"));
    REQUIRE(reply.message.buttons.size() == 3);
    CHECK(reply.message.buttons[1].action_id == kRunCommandAction);
    CHECK(reply.message.buttons[1].value == "help roles");
  }
}

TEST_CASE("every command the overview lists is one the bot understands") {
  TestBot bot;
  const auto overview = bot.run("U1", "help").message;
  int checked = 0;
  for (const auto& section : overview.sections) {
    for (const auto& span : section.text.spans()) {
      if (span.kind != Span::Kind::code) continue;
      REQUIRE(span.value.rfind("/accord ", 0) == 0);
      INFO(span.value);
      CHECK_THAT(bot.say("U1", span.value.substr(8), "C-help"), !Contains("Unknown command"));
      ++checked;
    }
  }
  CHECK(checked >= 7);
}

TEST_CASE("help topics give usage and examples; an unknown topic lists the topics") {
  TestBot bot;
  CHECK_THAT(bot.say("U1", "help setup"), Contains("tz=") && Contains("Example"));
  CHECK_THAT(bot.say("U1", "help roles"), Contains("delegate") && Contains("leadership"));
  CHECK_THAT(bot.say("U1", "help role"), Contains("role add"));
  CHECK_THAT(bot.say("U1", "help objectives"), Contains("target=YYYY-MM-DD"));
  CHECK_THAT(bot.say("U1", "help tasks"),
             Contains("Only the customer or a delegate sets priority"));
  CHECK_THAT(bot.say("U1", "help log"), Contains("expire in 24 hours"));
  const auto unknown = bot.say("U1", "help gardening");
  CHECK_THAT(unknown, Contains("gardening"));
  CHECK_THAT(unknown, Contains("setup") && Contains("roles") && Contains("objectives"));
}

TEST_CASE("an unknown command gets a private usage hint") {
  TestBot bot;
  auto reply = bot.run("U1", "frobnicate T-1");
  CHECK(reply.visibility == Visibility::requester_only);
  CHECK_THAT(all_text(reply.message), Contains("Unknown command frobnicate"));
  CHECK_THAT(all_text(reply.message), Contains("/accord help"));
  CHECK_THAT(bot.say("U1", "tz=UTC"), Contains("Start with a command"));
}

TEST_CASE("project commands in a channel without a project point to setup") {
  TestBot bot;
  for (const char* text : {"roles", "role add <@U2> dev", "objective list", "objective add X"}) {
    INFO(text);
    auto reply = bot.run("U1", text);
    CHECK(reply.visibility == Visibility::requester_only);
    CHECK_THAT(all_text(reply.message), Contains("This channel has no Accord project yet") &&
                                            Contains("/accord setup \"Project name\""));
  }
}

TEST_CASE("an unreadable command line is explained, and nothing happens") {
  TestBot bot;
  const auto shown = bot.say("U1", "setup \"Apollo");
  CHECK_THAT(shown, Contains("never closed"));
  CHECK_THAT(bot.say("U1", "roles"), Contains("no Accord project yet"));
}

TEST_CASE("a command button runs its command as the person who clicks it") {
  TestBot bot;
  CHECK(all_text(bot.click("U1", kRunCommandAction, "help roles").message) ==
        bot.say("U1", "help roles"));

  bot.run("U1", "setup Apollo");
  bot.run("U1", "role add <@U2> dev");
  // The same permission checks as typing it.
  auto refused = bot.click("U2", kRunCommandAction, "role add <@U3> pm");
  CHECK_THAT(all_text(refused.message), Contains("Only the project's pm can add roles"));
  CHECK_THAT(bot.say("U1", "roles"), !Contains("@U3"));
  CHECK_THAT(all_text(bot.click("U1", kRunCommandAction, "roles").message), Contains("@U2"));
}

TEST_CASE("a button the bot does not know changes nothing and says so") {
  TestBot bot;
  auto reply = bot.click("U1", "accord.cr.approve", "setup Apollo");
  CHECK(reply.visibility == Visibility::requester_only);
  CHECK_THAT(all_text(reply.message), Contains("That button is no longer available."));
  CHECK_THAT(bot.say("U1", "roles"), Contains("no Accord project yet"));
}

TEST_CASE("user text that looks like markup stays literal text") {
  TestBot bot;
  auto setup = bot.run("U1", "setup \"<!here> team\"");
  auto added = bot.run("U1", "objective add \"<!channel> launch <@U9>\" metric=\"&lt;2 days\"");
  for (const auto* reply : {&setup, &added}) {
    for (const auto& section : reply->message.sections) {
      for (const auto& span : section.text.spans()) {
        if (span.kind == Span::Kind::mention) CHECK(span.value == "U1");
      }
    }
  }
  CHECK_THAT(all_text(setup.message), Contains("<!here> team"));
  CHECK_THAT(all_text(added.message), Contains("<!channel> launch <@U9>"));
  CHECK_THAT(all_text(added.message), Contains("<2 days"));
}

TEST_CASE("odd input never escapes as an exception") {
  TestBot bot;
  const std::vector<std::string> commands = {
      "",       "help ",          "setup ",          "role add ",       "role remove ",
      "roles ", "objective add ", "objective show ", "objective list ", "xyzzy "};
  const std::vector<std::string> fragments = {" ",
                                              "a",
                                              "=",
                                              "\"",
                                              "\xE2\x80\x9C",
                                              "<@U1>",
                                              "<@U2|x>",
                                              "&lt;",
                                              "pm",
                                              "dev",
                                              "delegate",
                                              "O-1",
                                              "O-0",
                                              "O-99999999999",
                                              "tz=",
                                              "target=2027-02-29",
                                              "hours=1e308",
                                              "sprint=1w",
                                              "\xE2"};
  std::uint32_t seed = 7;
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  for (int round = 0; round < 400; ++round) {
    std::string text = commands[next() % commands.size()];
    const auto length = next() % 8;
    for (std::uint32_t i = 0; i < length; ++i) text += fragments[next() % fragments.size()];
    const std::string user = next() % 2 == 0 ? "U1" : "U2";
    INFO(text);
    REQUIRE_NOTHROW(bot.run(user, text));
  }
}

TEST_CASE("bad input is answered through the adapter's hook too, as every other reply") {
  // Teams and Slack clicks answer only what the hook queues: a refusal must reach it.
  TestBot bot;
  accord::commands::Dispatcher dispatcher(bot.db(), bot.clock());
  std::vector<std::string> queued;
  const auto hook = [&queued](const accord::commands::Reply& reply) {
    queued.push_back(all_text(reply.message));
  };
  accord::commands::Request typed;
  typed.workspace = "T1";
  typed.channel = "C1";
  typed.user = "U1";
  typed.text = "setup \"Apollo";
  dispatcher.handle(typed, hook);
  accord::commands::Request stale = typed;
  stale.action_id = "accord.cr.approve";
  stale.action_value = "setup Apollo";
  dispatcher.handle(stale, hook);
  REQUIRE(queued.size() == 2);
  CHECK_THAT(queued[0], Contains("never closed"));
  CHECK_THAT(queued[1], Contains("That button is no longer available."));
}
