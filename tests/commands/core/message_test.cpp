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
                                     {Field{"Target", Text().code("2027-03-31")}},
                                     std::nullopt});
  message.sections.push_back(
      Section{Text("<!channel> & *not bold*"),
              {},
              Image{"https://accord.example.com/charts/ab.png", "Burn-down: 4h left", "SP-1"}});
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

TEST_CASE("a link keeps its label and URL through the outbox; an unsafe URL stays plain text") {
  Message message;
  message.sections.push_back(
      Section{Text("See ").link("Staging", "https://staging.example.com/a?b=1&c=2"), {}, {}});
  CHECK(message_from_json(nlohmann::json::parse(to_json(message).dump())) == message);
  const auto& span = message.sections[0].text.spans()[1];
  CHECK(span.kind == Span::Kind::link);
  CHECK(span.target == "https://staging.example.com/a?b=1&c=2");
  CHECK(message.sections[0].text.to_plain() ==
        "See Staging (https://staging.example.com/a?b=1&c=2)");
  // Two links side by side stay two links.
  CHECK(Text().link("a", "https://a.example").link("b", "https://b.example").spans().size() == 2);

  for (const char* unsafe :
       {"javascript:alert(1)", "ftp://files.example", "https://", "https:///path",
        "https://x.example/a b", "https://x.example/<!channel>", "https://x.example/a|b",
        "https://x.example/(a)", "https://x.example/\"", "https://x.example/\n"}) {
    INFO(unsafe);
    CHECK_FALSE(is_safe_link(unsafe));
    const auto text = Text().link("Label", unsafe);
    REQUIRE(text.spans().size() == 1);
    CHECK(text.spans()[0].kind == Span::Kind::plain);
    CHECK(text.spans()[0].value == "Label");
  }
  CHECK(is_safe_link("http://localhost:8080/x"));
  CHECK(is_safe_link("https://docs.example.com/spec%28v2%29#intro"));
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
