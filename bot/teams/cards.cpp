#include "bot/teams/cards.hpp"

#include <algorithm>

#include "commands/core/request.hpp"

namespace accord::bot::teams {
namespace {

using nlohmann::json;

constexpr const char* kSchema = "http://adaptivecards.io/schemas/adaptive-card.json";
constexpr const char* kCardContentType = "application/vnd.microsoft.card.adaptive";

std::string cut(std::string_view text, std::size_t limit) {
  return commands::truncate_text(text, limit);
}

// Cuts rendered Markdown without leaving half a mention tag or a backslash that would escape
// the ellipsis.
std::string cut_markdown(const std::string& markdown, std::size_t limit) {
  std::string out = cut(markdown, limit);
  if (out.size() == markdown.size()) return out;
  static constexpr std::string_view kEllipsis = "…";
  std::string kept = out.substr(0, out.size() - kEllipsis.size());
  if (const auto open = kept.rfind("<at>");
      open != std::string::npos && kept.find("</at>", open) == std::string::npos) {
    kept.resize(open);
  }
  const auto last = kept.find_last_not_of('\\');
  const std::size_t backslashes = kept.size() - (last == std::string::npos ? 0 : last + 1);
  if (backslashes % 2 == 1) kept.pop_back();
  return kept + std::string(kEllipsis);
}

json text_block(std::string markdown) {
  return {{"type", "TextBlock"}, {"text", std::move(markdown)}, {"wrap", true}};
}

json title_block(const std::string& title) {
  json block = text_block(escape_markdown(cut(title, CardLimits::title)));
  block["size"] = "Large";
  block["weight"] = "Bolder";
  return block;
}

json attention_block(const std::string& problem) {
  json block = text_block(escape_markdown(cut(problem, CardLimits::text)));
  block["color"] = "Attention";
  block["spacing"] = "None";
  return block;
}

// Action.Execute for clients with Universal Actions, falling back to Action.Submit with the same
// data, which arrives as a message activity instead of an invoke.
json execute_action(const std::string& title, const std::string& action_id,
                    const std::string& value) {
  const std::string shown = cut(title.empty() ? "OK" : title, CardLimits::button_title);
  const json data = action_data(action_id, value);
  return {{"type", "Action.Execute"},
          {"title", shown},
          {"verb", action_id},
          {"data", data},
          {"fallback", {{"type", "Action.Submit"}, {"title", shown}, {"data", data}}}};
}

json card(json body, std::string fallback_text) {
  return {{"type", "AdaptiveCard"},
          {"$schema", kSchema},
          {"version", CardLimits::version},
          {"fallbackText",
           cut(fallback_text.empty() ? "Accord" : fallback_text, CardLimits::fallback_text)},
          {"body", std::move(body)},
          {"msteams", {{"width", "Full"}}}};
}

// Every string in the card, for finding which mention tags made it in.
void collect_text(const json& node, std::string& out) {
  if (node.is_string()) {
    out += node.get<std::string>();
    out += '\n';
  } else if (node.is_structured()) {
    for (const auto& child : node) collect_text(child, out);
  }
}

void add_mentions(json& card, const MarkdownWriter& writer) {
  std::string text;
  collect_text(card["body"], text);
  json entities = writer.entities(text);
  if (!entities.empty()) card["msteams"]["entities"] = std::move(entities);
}

json fact_set(const std::vector<commands::Field>& fields, MarkdownWriter& writer) {
  json facts = json::array();
  for (const auto& field : fields) {
    // The renderer needs both parts; a dash stands in for an empty value.
    std::string value = cut_markdown(writer.render(field.value), CardLimits::text);
    facts.push_back({{"title", escape_markdown(cut(field.label, CardLimits::fact_title))},
                     {"value", value.empty() ? "-" : value}});
  }
  return {{"type", "FactSet"}, {"facts", std::move(facts)}};
}

json input_for(const commands::FormField& field, const std::string& value) {
  using Kind = commands::FormField::Kind;
  json input = {{"id", input_id(field.id)}, {"label", cut(field.label, CardLimits::title)}};
  if (field.kind == Kind::choice && !field.choices.empty()) {
    input["type"] = "Input.ChoiceSet";
    input["style"] = "compact";
    json choices = json::array();
    for (const auto& [choice, label] : field.choices) {
      if (choices.size() >= CardLimits::choices) break;
      choices.push_back({{"title", cut(label, CardLimits::button_title)}, {"value", choice}});
      if (choice == value) input["value"] = value;
    }
    input["choices"] = std::move(choices);
  } else {
    input["type"] = "Input.Text";
    input["maxLength"] = CardLimits::input_characters;
    if (field.kind == Kind::multiline) input["isMultiline"] = true;
    if (!value.empty()) input["value"] = value;
  }
  if (!field.hint.empty()) input["placeholder"] = cut(field.hint, CardLimits::title);
  if (!field.optional) {
    input["isRequired"] = true;
    input["errorMessage"] = cut(field.label + " is required.", CardLimits::title);
  }
  return input;
}

}  // namespace

json message_card(const commands::Message& message, const MentionNames& names) {
  MarkdownWriter writer(names);
  json body = json::array();
  if (!message.title.empty()) body.push_back(title_block(message.title));

  // Sections while they fit; the rest are summarised, so the card stays under 28 KB.
  std::size_t shown = 0;
  std::size_t used = 0;
  for (const auto& section : message.sections) {
    json elements = json::array();
    if (!section.text.empty()) {
      elements.push_back(text_block(cut_markdown(writer.render(section.text), CardLimits::text)));
    }
    if (!section.fields.empty()) elements.push_back(fact_set(section.fields, writer));
    if (section.image && commands::is_safe_link(section.image->url)) {
      elements.push_back({{"type", "Image"},
                          {"url", section.image->url},
                          {"altText", cut(section.image->alt, CardLimits::text)},
                          {"size", "Stretch"}});
    }
    const std::size_t size = elements.dump().size();
    if (shown >= CardLimits::sections || used + size > CardLimits::sections_bytes) break;
    ++shown;
    used += size;
    for (auto& element : elements) body.push_back(std::move(element));
  }
  if (shown < message.sections.size()) {
    json more = text_block(escape_markdown("… " + std::to_string(message.sections.size() - shown) +
                                           " more not shown. Narrow the request to see the rest."));
    more["isSubtle"] = true;
    body.push_back(std::move(more));
  }

  // Teams draws no positive or destructive styling (reference/teams.md §4.1), so every button
  // keeps the default look; labels such as "Reject" carry the meaning, as on mobile.
  const std::size_t buttons = std::min(message.buttons.size(), CardLimits::buttons);
  for (std::size_t i = 0; i < buttons; ++i) {
    if (i % CardLimits::actions_per_set == 0) {
      body.push_back({{"type", "ActionSet"}, {"actions", json::array()}});
    }
    const auto& button = message.buttons[i];
    body.back()["actions"].push_back(execute_action(button.label, button.action_id, button.value));
  }

  if (!message.note.empty()) {
    json note = text_block(cut_markdown(writer.render(message.note), CardLimits::text));
    note["size"] = "Small";
    note["isSubtle"] = true;
    body.push_back(std::move(note));
  }

  // The notification text names people as the card does, not by their ids.
  std::string fallback = message.fallback();
  for (const auto& [user_id, name] : names) {
    const std::string id_form = "@" + user_id;
    for (auto at = fallback.find(id_form); at != std::string::npos;
         at = fallback.find(id_form, at + 1)) {
      fallback.replace(at, id_form.size(), "@" + mention_name(user_id, names));
    }
  }
  json out = card(std::move(body), fallback);
  add_mentions(out, writer);
  return out;
}

json form_card(const commands::Form& form, const std::map<std::string, std::string>& field_errors,
               const std::map<std::string, std::string>& values) {
  const MentionNames no_names;
  MarkdownWriter writer(no_names);
  json body = json::array();
  if (!form.title.empty()) body.push_back(title_block(form.title));
  if (!form.intro.empty()) {
    body.push_back(text_block(cut_markdown(writer.render(form.intro), CardLimits::text)));
  }
  // A problem with no input of its own goes above the inputs, so it is never lost.
  for (const auto& error : field_errors) {
    const bool has_input = std::any_of(form.fields.begin(), form.fields.end(),
                                       [&](const auto& field) { return field.id == error.first; });
    if (!has_input) body.push_back(attention_block(error.second));
  }
  for (const auto& field : form.fields) {
    const auto given = values.find(field.id);
    body.push_back(input_for(field, given != values.end() ? given->second : field.initial));
    if (const auto problem = field_errors.find(field.id); problem != field_errors.end()) {
      body.push_back(attention_block(problem->second));
    }
  }
  const std::string submit = form.submit_label.empty() ? "Submit" : form.submit_label;
  body.push_back({{"type", "ActionSet"},
                  {"actions", json::array({execute_action(submit, commands::kSubmitFormAction,
                                                          form.command)})}});

  json out = card(std::move(body), form.title);
  add_mentions(out, writer);
  return out;
}

json card_attachment(const json& card) {
  return {{"contentType", kCardContentType}, {"content", card}};
}

json invoke_card_response(const json& card) {
  return {{"statusCode", 200}, {"type", kCardContentType}, {"value", card}};
}

json invoke_message_response(std::string text) {
  return {{"statusCode", 200},
          {"type", "application/vnd.microsoft.activity.message"},
          {"value", std::move(text)}};
}

json invoke_error_response(int status, std::string code, std::string message) {
  return {{"statusCode", status},
          {"type", "application/vnd.microsoft.error"},
          {"value", {{"code", std::move(code)}, {"message", std::move(message)}}}};
}

}  // namespace accord::bot::teams
