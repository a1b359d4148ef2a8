#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "commands/core/message.hpp"
#include "commands/core/request.hpp"

using namespace accord::commands;

namespace {

Message sample() {
  Message message;
  message.title = "Objective O-1";
  message.sections.push_back(Section{Text("Added ").mention("U2").plain(" as ").strong("dev"),
                                     {Field{"Target", Text().code("2027-03-31")}}});
  message.sections.push_back(Section{Text("<!channel> & *not bold*"), {}});
  message.buttons.push_back(Button{"Roles", kRunCommandAction, "help roles", ButtonStyle::primary});
  message.note = Text("Recorded by ").mention("U1");
  message.summary = "Objective recorded";
  return message;
}

}  // namespace

TEST_CASE("a message survives the outbox's JSON unchanged") {
  const auto message = sample();
  const auto json = to_json(message);
  CHECK(message_from_json(json) == message);
  CHECK(message_from_json(nlohmann::json::parse(json.dump())) == message);
}

TEST_CASE("reading a payload ignores keys it does not know and defaults missing ones") {
  auto json = to_json(sample());
  json["visibility"] = "channel";
  CHECK(message_from_json(json) == sample());
  CHECK(message_from_json(nlohmann::json::object()) == Message{});
  CHECK_THROWS(message_from_json(
      nlohmann::json::parse(R"({"sections":[{"text":[{"kind":"shout","value":"x"}]}]})")));
}

TEST_CASE("text spans: adjacent ones of a kind join, mentions stay separate") {
  Text text = Text("a").plain("b").strong("c").strong("").mention("U1").mention("U2");
  REQUIRE(text.spans().size() == 4);
  CHECK(text.spans()[0].value == "ab");
  CHECK(text == Text("ab").strong("c").mention("U1").mention("U2"));
  CHECK(text.to_plain() == "abc@U1@U2");
  CHECK(Text().empty());
  CHECK(Text("").empty());
}

TEST_CASE("the fallback is the summary, else the title, else the first section") {
  auto message = sample();
  CHECK(message.fallback() == "Objective recorded");
  message.summary.clear();
  CHECK(message.fallback() == "Objective O-1");
  message.title.clear();
  CHECK(message.fallback() == "Added @U2 as dev");
  CHECK(Message{}.fallback().empty());
}
