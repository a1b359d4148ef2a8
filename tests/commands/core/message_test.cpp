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
  const auto json = nlohmann::json::parse(message_json(message));
  CHECK(message_from_json(json) == message);
  CHECK(json.at("title") == "Objective O-1");
  CHECK(json.at("sections").size() == 2);
  CHECK(json.at("buttons").at(0).at("style") == "primary");
}

TEST_CASE("the outbox's JSON keeps quotes, backslashes, control characters and emoji as typed") {
  Message message;
  const std::string typed = "say \"hi\" \\ back\nnext line\ttab \x01\x1f end 🚀 Zoë";
  message.title = typed;
  message.sections.push_back(Section{Text(typed).code("a\"b"), {Field{typed, Text(typed)}}, {}});
  message.buttons.push_back(Button{typed, kRunCommandAction, typed, ButtonStyle::danger});
  message.summary = typed;
  const auto text = message_json(message);
  CHECK(text.find('\n') == std::string::npos);  // escaped, so one line
  CHECK(text.find("🚀") != std::string::npos);   // UTF-8 kept as it is, not \u escapes
  CHECK(message_from_json(nlohmann::json::parse(text)) == message);
}

TEST_CASE("text that is not UTF-8 is refused rather than stored half-written") {
  Message message;
  message.sections.push_back(Section{Text("bad \xff byte"), {}, {}});
  CHECK_THROWS_AS(message_json(message), std::invalid_argument);
  Form form;
  form.title = "bad \xc3";
  CHECK_THROWS_AS(form_json(form), std::invalid_argument);
  // A long text cut inside a four-byte character: refused without reading past its end (the
  // sanitizers would see a read beyond the heap block).
  form.title = std::string(40, 'a') + "\xf0\x9f";
  CHECK_THROWS_AS(form_json(form), std::invalid_argument);
  form.title = "surrogate \xed\xa0\x80";
  CHECK_THROWS_AS(form_json(form), std::invalid_argument);
}

TEST_CASE("a value cut to a byte limit keeps whole characters") {
  CHECK(accord::commands::utf8_prefix("short", 10) == "short");
  CHECK(accord::commands::utf8_prefix("caf\xc3\xa9", 4) == "caf");  // é would be split
  CHECK(accord::commands::utf8_prefix("caf\xc3\xa9", 5) == "caf\xc3\xa9");
  CHECK(accord::commands::utf8_prefix("\xf0\x9f\x9a\x80!", 3).empty());  // 🚀 takes four bytes
}

TEST_CASE("a reply keeps its message, who sees it and the form it opens") {
  Reply reply;
  reply.message = sample();
  auto payload = nlohmann::json::parse(reply_json(reply));
  CHECK(payload.at("visibility") == "requester_only");
  CHECK_FALSE(payload.contains("form"));
  CHECK(message_from_json(payload) == sample());

  reply.visibility = Visibility::channel;
  reply.form = Form{"Report a problem", "Send", "problem", Text("Tell us"), {}};
  reply.form->fields.push_back(
      {"severity", "Severity", FormField::Kind::choice, {{"high", "High"}}, "high", "", false});
  payload = nlohmann::json::parse(reply_json(reply));
  CHECK(payload.at("visibility") == "channel");
  CHECK(form_from_json(payload.at("form")) == *reply.form);
  CHECK(message_from_json(payload) == sample());
}

TEST_CASE("reading a payload ignores keys it does not know and defaults missing ones") {
  auto json = nlohmann::json::parse(message_json(sample()));
  json["surprise"] = "channel";
  CHECK(message_from_json(json) == sample());
  CHECK(message_from_json(nlohmann::json::object()) == Message{});
  CHECK_THROWS(message_from_json(
      nlohmann::json::parse(R"({"sections":[{"text":[{"kind":"shout","value":"x"}]}]})")));
}

TEST_CASE("a link keeps its label and URL through the outbox; an unsafe URL stays plain text") {
  Message message;
  message.sections.push_back(
      Section{Text("See ").link("Staging", "https://staging.example.com/a?b=1&c=2"), {}, {}});
  CHECK(message_from_json(nlohmann::json::parse(message_json(message))) == message);
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
