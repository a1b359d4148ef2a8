// The Block Kit renderer: user text cannot ping or mention anyone, real mentions render, and
// every Block Kit limit holds however large the message is.
#include <set>

#include <catch2/catch.hpp>

#include "bot/slack/blocks.hpp"

using accord::bot::slack::BlockLimits;
using accord::bot::slack::blocks_to_text;
using accord::bot::slack::escape_mrkdwn;
using accord::bot::slack::neutral_action_id;
using accord::bot::slack::render_home_view;
using accord::bot::slack::render_mrkdwn;
using accord::commands::Button;
using accord::commands::Image;
using accord::commands::Message;
using accord::commands::Section;
using accord::commands::Text;
using accord::commands::truncate_text;

namespace {

bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80           ? 1
                          : (c >> 5) == 0x6  ? 2
                          : (c >> 4) == 0xE  ? 3
                          : (c >> 3) == 0x1E ? 4
                                             : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

void collect_mrkdwn(const nlohmann::json& node, std::vector<std::string>& out) {
  if (node.is_object()) {
    if (node.value("type", "") == "mrkdwn") out.push_back(node.value("text", ""));
    for (const auto& child : node) collect_mrkdwn(child, out);
  } else if (node.is_array()) {
    for (const auto& child : node) collect_mrkdwn(child, out);
  }
}

// The rendered message as Slack reads it.
nlohmann::json render(const Message& message) {
  return nlohmann::json::parse(accord::bot::slack::render_message(message));
}

}  // namespace

TEST_CASE("user text is escaped so it cannot ping or mention") {
  CHECK(escape_mrkdwn("a & b <!channel> <@U123> > x") ==
        "a &amp; b &lt;!channel&gt; &lt;@U123&gt; &gt; x");
  CHECK(render_mrkdwn(Text("Ping <!here> & <@U999|boss>")) ==
        "Ping &lt;!here&gt; &amp; &lt;@U999|boss&gt;");

  Message message;
  message.title = "<!channel>";
  message.sections.push_back(
      {Text().strong("<!everyone>").code("`<#C1>`"), {{"<b>", Text("<!here>")}}});
  message.buttons.push_back({"<!channel>", "x", "v"});
  const auto rendered = render(message);
  // mrkdwn objects and the fallback text are parsed by Slack; plain_text (header, button labels)
  // is shown as typed and never pings, so it keeps the literal characters.
  std::vector<std::string> parsed_texts = {rendered["text"].get<std::string>()};
  collect_mrkdwn(rendered["blocks"], parsed_texts);
  REQUIRE(parsed_texts.size() >= 3);
  for (const auto& text : parsed_texts) {
    for (const char* control : {"<!channel>", "<!everyone>", "<!here>", "<#C1>", "<b>"}) {
      CHECK(text.find(control) == std::string::npos);
    }
  }
  CHECK(rendered["blocks"][0]["type"] == "header");
  CHECK(rendered["blocks"][0]["text"]["type"] == "plain_text");
}

TEST_CASE("only well-formed user ids become mentions") {
  CHECK(render_mrkdwn(Text("hi ").mention("U012ABCDEF")) == "hi <@U012ABCDEF>");
  CHECK(render_mrkdwn(Text().mention("W1234")) == "<@W1234>");
  CHECK(render_mrkdwn(Text().mention("U1>|<!channel")) == "@U1&gt;|&lt;!channel");
  CHECK(render_mrkdwn(Text().mention("here")) == "@here");
}

TEST_CASE("a link renders as Slack's link markup with its label escaped") {
  CHECK(render_mrkdwn(Text("See ").link("Spec & <!channel>", "https://x.example/a?b=1&c=2")) ==
        "See <https://x.example/a?b=1&amp;c=2|Spec &amp; &lt;!channel&gt;>");
  // Read back as text (the CLI), it is the label and the address.
  CHECK_THAT(blocks_to_text(render(Message{
                 "", {Section{Text().link("Spec", "https://x.example/s"), {}, {}}}, {}, {}, ""})),
             Catch::Contains("Spec (https://x.example/s)"));
}

TEST_CASE("formatting spans render as mrkdwn") {
  CHECK(render_mrkdwn(Text("Objective ").strong("O-1").plain(" is ").code("done")) ==
        "Objective *O-1* is `done`");
}

TEST_CASE("truncation respects UTF-8 and entities") {
  const std::string long_text(5000, 'x');
  const auto cut = truncate_text(long_text, 3000);
  CHECK(cut.size() <= 3000);
  CHECK(cut.substr(cut.size() - 3) == "…");

  std::string accents;
  for (int i = 0; i < 2000; ++i) accents += "é";
  const auto cut_accents = truncate_text(accents, 2001);
  CHECK(cut_accents.size() <= 2001);
  CHECK(valid_utf8(cut_accents));

  const std::string entities = std::string(2995, 'a') + "&amp;&amp;";
  const auto cut_entities = truncate_text(entities, 3000);
  CHECK(cut_entities.find("&am…") == std::string::npos);
  CHECK(cut_entities.find("&a…") == std::string::npos);
}

TEST_CASE("a huge message stays within every Block Kit limit") {
  Message message;
  message.title = std::string(400, 'T');
  for (int i = 0; i < 80; ++i) {
    Section section{Text(std::string(4000, 'x')), {}};
    for (int f = 0; f < 12; ++f) section.fields.push_back({"label", Text(std::string(2500, 'f'))});
    message.sections.push_back(section);
  }
  for (int i = 0; i < 30; ++i) {
    message.buttons.push_back({std::string(100, 'B'), "accord.command", std::string(3000, 'v')});
  }
  message.note = Text("note");

  const auto rendered = render(message);
  const auto& blocks = rendered["blocks"];
  CHECK(blocks.size() <= BlockLimits::message_blocks);
  CHECK(rendered["text"].get<std::string>().size() <= BlockLimits::fallback_text);
  bool saw_truncation_note = false;
  std::set<std::string> action_ids;
  for (const auto& block : blocks) {
    const std::string type = block["type"];
    if (type == "header") CHECK(block["text"]["text"].get<std::string>().size() <= 150);
    if (type == "section") {
      if (block.contains("text")) CHECK(block["text"]["text"].get<std::string>().size() <= 3000);
      if (block.contains("fields")) {
        CHECK(block["fields"].size() <= BlockLimits::section_fields);
        for (const auto& field : block["fields"]) {
          CHECK(field["text"].get<std::string>().size() <= BlockLimits::field_text);
        }
      }
    }
    if (type == "actions") {
      CHECK(block["elements"].size() <= BlockLimits::actions_elements);
      for (const auto& button : block["elements"]) {
        CHECK(button["text"]["text"].get<std::string>().size() <= BlockLimits::button_text);
        CHECK(button["value"].get<std::string>().size() <= BlockLimits::button_value);
        action_ids.insert(button["action_id"].get<std::string>());
      }
    }
    if (type == "context" && block["elements"][0]["text"].get<std::string>().find(
                                 "more not shown") != std::string::npos) {
      saw_truncation_note = true;
    }
  }
  CHECK(saw_truncation_note);
  CHECK(blocks.back()["type"] == "context");  // the note survives the cut

  const auto home = nlohmann::json::parse(render_home_view(message));
  CHECK(home["type"] == "home");
  CHECK(home["blocks"].size() <= BlockLimits::view_blocks);
  CHECK(home["blocks"].size() > BlockLimits::message_blocks);
}

TEST_CASE("buttons get unique action ids that map back to the neutral id") {
  Message message;
  message.sections.push_back({Text("Choose"), {}});
  message.buttons = {
      {"Roles", "accord.command", "help roles"},
      {"Objectives", "accord.command", "help objectives", accord::commands::ButtonStyle::primary}};
  const auto blocks = render(message)["blocks"];
  const auto& elements = blocks[1]["elements"];
  REQUIRE(elements.size() == 2);
  CHECK(elements[0]["action_id"] != elements[1]["action_id"]);
  CHECK(neutral_action_id(elements[0]["action_id"].get<std::string>()) == "accord.command");
  CHECK(elements[1]["style"] == "primary");
  CHECK_FALSE(elements[0].contains("style"));
  CHECK(neutral_action_id("plain") == "plain");
}

TEST_CASE("an empty section is left out rather than sent empty") {
  Message message;
  message.sections.push_back({Text(), {}});
  message.summary = "Only a summary";
  const auto rendered = render(message);
  CHECK(rendered["blocks"].empty());
  CHECK(rendered["text"] == "Only a summary");
}

TEST_CASE("a reply reads as plain text on a terminal") {
  Message message;
  message.title = "Objective O-1";
  message.sections.push_back(
      {Text("Recorded by ").mention("U1").plain(": ").strong("Cut <onboarding> & co"),
       {{"Metric", Text("days")}}});
  message.buttons.push_back({"Roles", "accord.command", "help roles"});
  message.note = Text("Tip: type help");
  const std::string text = blocks_to_text(render(message));
  CHECK_THAT(text, Catch::Contains("Objective O-1\n"));
  CHECK_THAT(text, Catch::Contains("Recorded by @U1: Cut <onboarding> & co"));
  CHECK_THAT(text, Catch::Contains("Metric: days"));
  CHECK_THAT(text, Catch::Contains("[Roles]"));
  CHECK_THAT(text, Catch::Contains("help roles"));
  CHECK_THAT(text, Catch::Contains("Tip: type help"));
  CHECK_THAT(text, !Catch::Contains("\"blocks\""));
}

TEST_CASE(
    "a section's picture is an image block with its alt text; an unsafe address is left out") {
  Message message;
  message.sections.push_back(Section{
      Text("Sprint"), {}, Image{"https://accord.example.com/charts/ab.png", "4h left", "SP-1"}});
  message.sections.push_back(Section{Text("Roadmap"), {}, Image{"javascript:alert(1)", "x", ""}});
  const auto blocks = render(message)["blocks"];
  std::vector<nlohmann::json> images;
  for (const auto& block : blocks) {
    if (block["type"] == "image") images.push_back(block);
  }
  REQUIRE(images.size() == 1);
  CHECK(images[0]["image_url"] == "https://accord.example.com/charts/ab.png");
  CHECK(images[0]["alt_text"] == "4h left");
  CHECK(images[0]["title"]["text"] == "SP-1");
  CHECK(blocks[1] == images[0]);  // under its section's text
}

TEST_CASE("a rendered message carries its envelope's members beside its text and blocks") {
  Message message;
  message.title = "Sprint 4 \"ends\" today";
  message.sections.push_back(Section{Text("Line one\nline two\t\\ done"), {}});
  const auto body = nlohmann::json::parse(accord::bot::slack::render_message(
      message, {.channel = "C42", .ts = "1700000000.000100", .replace_original = false}));
  CHECK(body["channel"] == "C42");
  CHECK(body["ts"] == "1700000000.000100");
  CHECK(body["replace_original"] == false);
  CHECK(body["text"] == "Sprint 4 \"ends\" today");
  REQUIRE(body["blocks"].size() == 2);
  CHECK(body["blocks"][0]["text"]["text"] == "Sprint 4 \"ends\" today");
  CHECK(body["blocks"][1]["text"]["text"] == "Line one\nline two\t\\ done");
  CHECK_FALSE(body.contains("response_type"));

  message.title = std::string("bad \xff byte");
  CHECK_THROWS_AS(accord::bot::slack::render_message(message), std::invalid_argument);
}
