// The Adaptive Card renderer: what a Teams user sees (title, text, facts, buttons, form inputs and
// their errors), that user text cannot turn into links, emphasis, lists or mentions, that real
// mentions carry their entities, and that what a click sends back reads as the neutral action.
#include <algorithm>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bot/teams/cards.hpp"
#include "commands/core/request.hpp"

using namespace accord::bot::teams;
using accord::commands::Button;
using accord::commands::ButtonStyle;
using accord::commands::Form;
using accord::commands::FormField;
using accord::commands::Image;
using accord::commands::kRunCommandAction;
using accord::commands::kSubmitFormAction;
using accord::commands::Message;
using accord::commands::Section;
using accord::commands::Text;
using nlohmann::json;

namespace {

const std::string kAlex = "29:1aK9xYzQ-alex";
const std::string kBoss = "29:7fGhJkLm-boss";

// Elements of the body (ActionSets' actions included) of one type, in order.
std::vector<json> elements(const json& card, const std::string& type) {
  std::vector<json> out;
  for (const auto& element : card["body"]) {
    if (element["type"] == type) out.push_back(element);
    if (element["type"] == "ActionSet") {
      for (const auto& action : element["actions"]) {
        if (action["type"] == type) out.push_back(action);
      }
    }
  }
  return out;
}

void collect_strings(const json& node, std::vector<std::string>& out) {
  if (node.is_string()) out.push_back(node.get<std::string>());
  if (node.is_structured()) {
    for (const auto& child : node) collect_strings(child, out);
  }
}

// Every piece of text a TextBlock or fact shows, as Markdown.
std::vector<std::string> shown_markdown(const json& card) {
  std::vector<std::string> out;
  for (const auto& element : card["body"]) {
    if (element["type"] == "TextBlock") out.push_back(element["text"]);
    if (element["type"] == "FactSet") {
      for (const auto& fact : element["facts"]) {
        out.push_back(fact["title"]);
        out.push_back(fact["value"]);
      }
    }
  }
  return out;
}

// Whether `markdown` has a Markdown control character that no backslash escapes.
bool has_live_markup(const std::string& markdown, const std::string& controls) {
  for (std::size_t i = 0; i < markdown.size(); ++i) {
    if (markdown[i] == '\\') {
      ++i;
      continue;
    }
    if (controls.find(markdown[i]) != std::string::npos) return true;
  }
  return false;
}

// What Teams sends for a click on `action` with these input values: Action.Execute as an
// invoke's value, Action.Submit as a message's value; both merge the inputs into the data.
json execute_value(const json& action, const json& inputs = json::object()) {
  json data = action["data"];
  data.update(inputs);
  return {{"action", {{"type", "Action.Execute"}, {"verb", action["verb"]}, {"data", data}}},
          {"trigger", "manual"}};
}
json submit_value(const json& action, const json& inputs = json::object()) {
  json data = action["fallback"]["data"];
  data.update(inputs);
  return data;
}

bool has_element(const json& array, const json& wanted) {
  return std::find(array.begin(), array.end(), wanted) != array.end();
}

Message sample_message() {
  Message message;
  message.title = "Change request CR-3";
  message.sections.push_back({Text("Move ").strong("R-2 Checkout").plain(" to 2027-02-01"),
                              {{"Proposed by", Text().mention(kAlex)}, {"Reason", Text("Late")}}});
  message.buttons.push_back({"Approve", kRunCommandAction, "approve CR-3", ButtonStyle::primary});
  message.buttons.push_back({"Reject", kRunCommandAction, "decline CR-3", ButtonStyle::danger});
  message.note = Text("Any one approver decides.");
  return message;
}

Form sample_form() {
  Form form;
  form.title = "New task";
  form.submit_label = "Add";
  form.command = "task add";
  form.intro = Text("Describe the task for ").mention(kAlex);
  form.fields.push_back({"title", "Title", FormField::Kind::text, {}, "", "What is done", false});
  form.fields.push_back(
      {"criteria", "Criteria", FormField::Kind::multiline, {}, "a; b", "One per line", true});
  form.fields.push_back({"priority",
                         "Priority",
                         FormField::Kind::choice,
                         {{"high", "High"}, {"low", "Low"}},
                         "low",
                         "",
                         false});
  return form;
}

}  // namespace

TEST_CASE("a message is a version 1.5 card: title, text, facts, note and its fallback text") {
  const json card = message_card(sample_message(), {{kAlex, "Alex Doe"}});
  CHECK(card["type"] == "AdaptiveCard");
  CHECK(card["$schema"] == "http://adaptivecards.io/schemas/adaptive-card.json");
  CHECK(card["version"] == "1.5");
  CHECK(card["fallbackText"] == "Change request CR-3");
  CHECK(card["msteams"]["width"] == "Full");

  const auto texts = elements(card, "TextBlock");
  REQUIRE(texts.size() == 3);
  CHECK(texts[0]["text"] == "Change request CR-3");
  CHECK(texts[0]["weight"] == "Bolder");
  CHECK(texts[0]["size"] == "Large");
  CHECK(texts[1]["text"] == "Move **R-2 Checkout** to 2027-02-01");
  CHECK(texts[1]["wrap"] == true);
  CHECK(texts[2]["text"] == "Any one approver decides.");
  CHECK(texts[2]["size"] == "Small");
  CHECK(texts[2]["isSubtle"] == true);

  const auto facts = elements(card, "FactSet");
  REQUIRE(facts.size() == 1);
  CHECK(facts[0]["facts"] == json::parse(R"([{"title":"Proposed by","value":"<at>Alex Doe</at>"},
                                             {"title":"Reason","value":"Late"}])"));
  // Nothing to show still makes a card Teams accepts.
  CHECK(message_card(Message{})["fallbackText"] == "Accord");
}

TEST_CASE("buttons are Action.Execute, each falling back to Action.Submit with the same data") {
  const json card = message_card(sample_message());
  const auto actions = elements(card, "Action.Execute");
  REQUIRE(actions.size() == 2);
  CHECK(actions[0]["title"] == "Approve");
  CHECK(actions[0]["verb"] == kRunCommandAction);
  CHECK(actions[0]["data"] ==
        json{{"accord.action", kRunCommandAction}, {"accord.value", "approve CR-3"}});
  CHECK(actions[0]["fallback"] ==
        json{{"type", "Action.Submit"}, {"title", "Approve"}, {"data", actions[0]["data"]}});
  // Teams draws no positive/destructive style, so none is sent.
  CHECK_FALSE(actions[0].contains("style"));
  CHECK_FALSE(actions[1].contains("style"));
  CHECK_FALSE(card.contains("actions"));

  Message plain = sample_message();
  plain.buttons.clear();
  const json quiet = message_card(plain);
  CHECK(elements(quiet, "ActionSet").empty());
  CHECK_FALSE(quiet.contains("actions"));

  // Rows of five, and no more buttons than a card can hold.
  Message many;
  for (int i = 0; i < 30; ++i) many.buttons.push_back({"B", "x", std::to_string(i)});
  const json crowded = message_card(many);
  CHECK(elements(crowded, "ActionSet").size() == 4);
  CHECK(elements(crowded, "Action.Execute").size() == CardLimits::buttons);
}

TEST_CASE("user text is escaped: no links, emphasis, lists, headings, mentions or HTML") {
  CHECK(escape_markdown("<!channel> & <b>") == "&lt;!channel&gt; &amp; &lt;b&gt;");
  CHECK(escape_markdown("[click](https://evil)") == "\\[click\\](https://evil)");
  CHECK(escape_markdown("**x** _y_ `z` ~w~ a\\b") ==
        "\\*\\*x\\*\\* \\_y\\_ \\`z\\` \\~w\\~ a\\\\b");
  CHECK(escape_markdown("<at>Boss</at>") == "&lt;at&gt;Boss&lt;/at&gt;");
  CHECK(escape_markdown("- item") == "\\- item");
  CHECK(escape_markdown("  + item") == "  \\+ item");
  CHECK(escape_markdown("# heading") == "\\# heading");
  CHECK(escape_markdown("1. first") == "1\\. first");
  CHECK(escape_markdown("12) twelfth") == "12\\) twelfth");
  CHECK(escape_markdown("2026-11-30 is a date") == "2026-11-30 is a date");
  CHECK(escape_markdown("a - b, 1. c") == "a - b, 1. c");
  // A line break survives as a paragraph break, and each line is checked again.
  CHECK(escape_markdown("one\n- two\r\n3. three") == "one\n\n\\- two\n\n3\\. three");
  CHECK(escape_markdown("- mid", false) == "- mid");

  Message message;
  message.title = "<!channel> [click](https://evil) **x**";
  message.sections.push_back(
      {Text("<!channel> [click](https://evil) **x** <at>Boss</at> _y_\n- item\n1. first")
           .strong(" [b](c) ")
           .code("rm `x` *y*"),
       {{"**Label**", Text("- <at>Boss</at>")}}});
  message.note = Text("1. <script>");
  const json card = message_card(message, {{kBoss, "Boss"}});
  for (const auto& markdown : shown_markdown(card)) {
    INFO(markdown);
    CHECK(markdown.find('<') == std::string::npos);
    CHECK(markdown.find('>') == std::string::npos);
    CHECK_FALSE(has_live_markup(markdown, "[]_`~"));
    CHECK(markdown.find("\n- ") == std::string::npos);
    CHECK(markdown.find("\n1. ") == std::string::npos);
  }
  CHECK_FALSE(card["msteams"].contains("entities"));
  const std::string section = elements(card, "TextBlock")[1]["text"];
  // Strong text is bold with its own content escaped; code shows between literal backticks.
  CHECK_THAT(section, Catch::EndsWith(" **\\[b\\](c)** \\`rm 'x' \\*y\\*\\`"));
}

TEST_CASE("a link renders as a Markdown link whose label cannot carry markup") {
  Message message;
  message.sections.push_back(
      {Text("See ").link("[Spec] **now**", "https://x.example/a?b=1&c=2"), {}});
  const json card = message_card(message);
  const std::string text = elements(card, "TextBlock")[0]["text"];
  CHECK(text == "See [\\[Spec\\] \\*\\*now\\*\\*](https://x.example/a?b=1&c=2)");
}

TEST_CASE("long text is cut with an ellipsis, never inside a mention or an escape") {
  Message message;
  message.title = std::string(3000, 'T');
  message.sections.push_back({Text(std::string(5000, '*')), {}});
  Text mentions;
  for (int i = 0; i < 400; ++i) mentions.plain("x").mention(kAlex);
  message.sections.push_back({mentions, {}});
  const json card = message_card(message, {{kAlex, "Alex"}});
  const auto texts = elements(card, "TextBlock");
  REQUIRE(texts.size() == 3);
  const std::string title = texts[0]["text"];
  CHECK(title.size() <= CardLimits::title);
  CHECK_THAT(title, Catch::EndsWith("…"));
  const std::string stars = texts[1]["text"];
  CHECK(stars.size() <= CardLimits::text);
  CHECK_THAT(stars, Catch::EndsWith("\\*…"));
  const std::string cut = texts[2]["text"];
  CHECK_THAT(cut, Catch::EndsWith("</at>x…") || Catch::EndsWith("</at>…"));
  CHECK(card.dump().size() < 28 * 1024);
}

TEST_CASE("a message too long for one card shows what fits and says how much is left out") {
  Message message;
  for (int i = 0; i < 40; ++i) {
    message.sections.push_back({Text(std::to_string(i) + std::string(3000, 'x')), {}});
  }
  message.buttons.push_back({"Approve", kRunCommandAction, "approve CR-1"});
  message.note = Text("Note");
  const json card = message_card(message);
  CHECK(card.dump().size() < 28 * 1024);
  const auto texts = elements(card, "TextBlock");
  REQUIRE(texts.size() > 3);
  const std::size_t shown = texts.size() - 2;  // all but the summary and the note
  CHECK(texts[shown]["text"] ==
        "… " + std::to_string(40 - shown) + " more not shown. Narrow the request to see the rest.");
  CHECK(texts.back()["text"] == "Note");
  CHECK(elements(card, "Action.Execute").size() == 1);  // buttons are never cut for text
}

TEST_CASE("a mention shows the person's name and carries the entity Teams needs") {
  Message message;
  message.sections.push_back(
      {Text("Ask ").mention(kAlex).plain(" or ").mention(kBoss).plain(", again ").mention(kAlex),
       {{"Owner", Text().mention("29:unknownPerson123")}}});
  message.note = Text("Slack id ").mention("U123");
  const json card = message_card(message, {{kAlex, "Alex Doe"}, {kBoss, "<at>Boss</at> *x*"}});
  const std::string text = elements(card, "TextBlock")[0]["text"];
  CHECK(text ==
        "Ask <at>Alex Doe</at> or <at>&lt;at&gt;Boss&lt;/at&gt; \\*x\\*</at>, again "
        "<at>Alex Doe</at>");

  const json entities = card["msteams"]["entities"];
  REQUIRE(entities.size() == 3);  // each person once
  std::vector<std::string> shown;
  collect_strings(card["body"], shown);
  for (const auto& entity : entities) {
    CHECK(entity["type"] == "mention");
    bool found = false;
    for (const auto& s : shown) found = found || s.find(entity["text"]) != std::string::npos;
    CHECK(found);
  }
  CHECK(has_element(entities, json{{"type", "mention"},
                                   {"text", "<at>Alex Doe</at>"},
                                   {"mentioned", {{"id", kAlex}, {"name", "Alex Doe"}}}}));
  // No name known: a short form of the id.
  CHECK(has_element(entities,
                    json{{"type", "mention"},
                         {"text", "<at>unknownP</at>"},
                         {"mentioned", {{"id", "29:unknownPerson123"}, {"name", "unknownP"}}}}));
  // Not a Teams user id: plain text, no entity.
  CHECK(elements(card, "TextBlock")[1]["text"] == "Slack id @U123");

  // Namesakes get tags of their own, so Teams can tell them apart.
  const json twins =
      message_card(Message{"", {{Text().mention(kAlex).mention(kBoss), {}}}, {}, {}, {}},
                   {{kAlex, "Sam"}, {kBoss, "Sam"}});
  const json twin_entities = twins["msteams"]["entities"];
  REQUIRE(twin_entities.size() == 2);
  CHECK(twin_entities[0]["text"] != twin_entities[1]["text"]);
}

TEST_CASE("a form has labelled inputs, required marks, hints, values and one submit") {
  const json card = form_card(sample_form());
  const auto texts = elements(card, "TextBlock");
  REQUIRE(texts.size() == 2);
  CHECK(texts[0]["text"] == "New task");
  CHECK(texts[1]["text"] == "Describe the task for <at>1aK9xYzQ</at>");
  CHECK(card["msteams"]["entities"].size() == 1);

  const auto inputs = elements(card, "Input.Text");
  REQUIRE(inputs.size() == 2);
  CHECK(inputs[0]["id"] == "field.title");
  CHECK(inputs[0]["label"] == "Title");
  CHECK(inputs[0]["isRequired"] == true);
  CHECK(inputs[0]["errorMessage"] == "Title is required.");
  CHECK(inputs[0]["placeholder"] == "What is done");
  CHECK_FALSE(inputs[0].contains("value"));
  CHECK_FALSE(inputs[0].contains("isMultiline"));
  CHECK(inputs[1]["id"] == "field.criteria");
  CHECK(inputs[1]["isMultiline"] == true);
  CHECK(inputs[1]["value"] == "a; b");
  CHECK_FALSE(inputs[1].contains("isRequired"));

  const auto choices = elements(card, "Input.ChoiceSet");
  REQUIRE(choices.size() == 1);
  CHECK(choices[0]["style"] == "compact");
  CHECK(choices[0]["value"] == "low");
  CHECK(choices[0]["choices"] == json::parse(R"([{"title":"High","value":"high"},
                                                 {"title":"Low","value":"low"}])"));

  const auto submit = elements(card, "Action.Execute");
  REQUIRE(submit.size() == 1);
  CHECK(submit[0]["title"] == "Add");
  CHECK(submit[0]["verb"] == kSubmitFormAction);
  CHECK(submit[0]["data"] ==
        json{{"accord.action", kSubmitFormAction}, {"accord.value", "task add"}});
  CHECK(submit[0]["fallback"]["type"] == "Action.Submit");
  // No input id can overwrite a reserved key when Teams merges the inputs into the data.
  for (const auto& input : elements(card, "Input.Text")) {
    CHECK_FALSE(submit[0]["data"].contains(input["id"].get<std::string>()));
  }
}

TEST_CASE("a form shown again keeps what was typed and puts each problem next to its field") {
  const json card = form_card(
      sample_form(), {{"title", "Give the task a *title*"}, {"deadline", "No such <field>"}},
      {{"title", "Draft"}, {"priority", "high"}, {"criteria", ""}});
  const json& body = card["body"];
  // Title, intro, the problem with no field of its own, each input with its problem, submit.
  REQUIRE(body.size() == 8);
  CHECK(body[2]["text"] == "No such &lt;field&gt;");
  CHECK(body[2]["color"] == "Attention");
  CHECK(body[3]["id"] == "field.title");
  CHECK(body[3]["value"] == "Draft");
  CHECK(body[4]["type"] == "TextBlock");
  CHECK(body[4]["text"] == "Give the task a \\*title\\*");
  CHECK(body[4]["color"] == "Attention");
  CHECK(body[5]["id"] == "field.criteria");
  CHECK_FALSE(body[5].contains("value"));  // emptied by the person
  CHECK(body[6]["type"] == "Input.ChoiceSet");
  CHECK(body[6]["value"] == "high");
}

TEST_CASE("what a button or a form sends back reads as the neutral action") {
  const Message message = sample_message();
  const auto actions = elements(message_card(message), "Action.Execute");
  REQUIRE(actions.size() == message.buttons.size());
  for (std::size_t i = 0; i < actions.size(); ++i) {
    const CardAction expected{message.buttons[i].action_id, message.buttons[i].value, {}};
    CHECK(parse_card_action(execute_value(actions[i])) == expected);
    CHECK(parse_card_action(submit_value(actions[i])) == expected);
  }

  const json inputs = {{"field.title", "Export <!here> **now**"},
                       {"field.criteria", "a\nb"},
                       {"field.priority", "high"}};
  const CardAction submitted{
      kSubmitFormAction,
      "task add",
      {{"title", "Export <!here> **now**"}, {"criteria", "a\nb"}, {"priority", "high"}}};
  const auto submit = elements(form_card(sample_form()), "Action.Execute").at(0);
  CHECK(parse_card_action(execute_value(submit, inputs)) == submitted);
  CHECK(parse_card_action(submit_value(submit, inputs)) == submitted);

  // Other keys Teams may add are ignored; numbers and booleans read as their text.
  json extra = submit_value(submit, {{"msteams", {{"type", "messageBack"}}},
                                     {"field.count", 3},
                                     {"field.flag", true},
                                     {"field.none", nullptr},
                                     {"field.list", json::array({1})}});
  const auto parsed = parse_card_action(extra);
  REQUIRE(parsed);
  CHECK(parsed->form_values ==
        std::map<std::string, std::string>{{"count", "3"}, {"flag", "true"}});
}

TEST_CASE("a malformed or oversized action value is refused, never thrown") {
  const json good = {{"accord.action", "accord.command"}, {"accord.value", "approve CR-1"}};
  const json execute = {{"action", {{"type", "Action.Execute"}, {"verb", "accord.command"}}}};
  std::vector<json> bad = {
      json(),
      json("accord.command"),
      json::array({good}),
      json::object(),
      {{"accord.value", "approve CR-1"}},
      {{"accord.action", 7}},
      {{"accord.action", ""}},
      {{"accord.action", "x"}, {"accord.value", json::object()}},
      {{"action", "Action.Execute"}},
      {{"action", {{"type", "Action.Submit"}, {"verb", "x"}, {"data", good}}}},
      {{"action", {{"verb", "x"}, {"data", good}}}},
      {{"action", {{"type", "Action.Execute"}, {"verb", 1}, {"data", good}}}},
      {{"action", {{"type", "Action.Execute"}, {"verb", "x"}, {"data", json::array()}}}},
      {{"action", {{"type", "Action.Execute"}, {"verb", "other"}, {"data", good}}}},
      {{"action", {{"type", "Action.Execute"}, {"verb", ""}, {"data", json::object()}}}},
      {{"accord.action", std::string(CardActionLimits::action_id + 1, 'a')}},
      {{"accord.action", "x"},
       {"accord.value", std::string(CardActionLimits::action_value + 1, 'v')}},
      {{"accord.action", "x"}, {"field.big", std::string(CardActionLimits::input_value + 1, 'v')}},
  };
  json crowded = good;
  for (std::size_t i = 0; i <= CardActionLimits::inputs; ++i) {
    crowded["field.f" + std::to_string(i)] = "v";
  }
  bad.push_back(crowded);
  for (const auto& value : bad) {
    INFO(value.dump().substr(0, 200));
    CHECK_FALSE(parse_card_action(value));
  }
  // The verb alone names the action; the data may leave it out.
  CHECK(parse_card_action(execute) == CardAction{"accord.command", "", {}});
}

TEST_CASE("cards are wrapped as attachments and invoke answers") {
  const json card = message_card(sample_message());
  CHECK(card_attachment(card) ==
        json{{"contentType", "application/vnd.microsoft.card.adaptive"}, {"content", card}});
  CHECK(invoke_card_response(card) == json{{"statusCode", 200},
                                           {"type", "application/vnd.microsoft.card.adaptive"},
                                           {"value", card}});
  CHECK(invoke_message_response("Done.") ==
        json{{"statusCode", 200},
             {"type", "application/vnd.microsoft.activity.message"},
             {"value", "Done."}});
  CHECK(invoke_error_response(400, "BadRequest", "Unknown action") ==
        json{{"statusCode", 400},
             {"type", "application/vnd.microsoft.error"},
             {"value", {{"code", "BadRequest"}, {"message", "Unknown action"}}}});
}

TEST_CASE("the notification text names mentioned people as the card does") {
  Message message;
  message.sections.push_back(
      {accord::commands::Text("Added ").mention("29:1cara-AAAA").plain(" as customer"), {}});
  const auto card = message_card(message, {{"29:1cara-AAAA", "Cara Customer"}});
  CHECK(card["fallbackText"] == "Added @Cara Customer as customer");
}

TEST_CASE(
    "a section's picture is an Image element with its alt text; an unsafe address is left out") {
  Message message;
  message.sections.push_back(Section{
      Text("Sprint"), {}, Image{"https://accord.example.com/charts/ab.png", "4h left", ""}});
  message.sections.push_back(
      Section{Text("Roadmap"), {}, Image{"http://evil.example/<x>", "x", ""}});
  const json card = message_card(message);
  std::vector<json> images;
  for (const auto& element : card["body"]) {
    if (element["type"] == "Image") images.push_back(element);
  }
  REQUIRE(images.size() == 1);
  CHECK(images[0]["url"] == "https://accord.example.com/charts/ab.png");
  CHECK(images[0]["altText"] == "4h left");
}
