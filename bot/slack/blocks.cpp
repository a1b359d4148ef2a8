#include "bot/slack/blocks.hpp"

#include <regex>

#include "commands/core/command_line.hpp"

namespace accord::bot::slack {
namespace {

using commands::Span;
using commands::truncate_text;
using nlohmann::json;

bool is_user_id(std::string_view id) {
  if (id.size() < 2 || id.size() > 24 || (id[0] != 'U' && id[0] != 'W')) return false;
  for (const char c : id) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

json plain_text(std::string_view text, std::size_t limit) {
  return {{"type", "plain_text"}, {"text", truncate_text(text, limit)}, {"emoji", true}};
}

json mrkdwn(std::string text) {
  return {{"type", "mrkdwn"}, {"text", std::move(text)}};
}

json context_block(std::string text) {
  return {{"type", "context"},
          {"elements", json::array({mrkdwn(truncate_text(text, BlockLimits::section_text))})}};
}

std::vector<json> section_blocks(const commands::Section& section) {
  std::vector<json> blocks;
  const std::string text = render_mrkdwn(section.text);
  std::size_t field = 0;
  do {
    json block = {{"type", "section"}};
    if (blocks.empty() && !text.empty()) {
      block["text"] = mrkdwn(truncate_text(text, BlockLimits::section_text));
    }
    json fields = json::array();
    for (; field < section.fields.size() && fields.size() < BlockLimits::section_fields; ++field) {
      const auto& f = section.fields[field];
      fields.push_back(mrkdwn(truncate_text(
          "*" + escape_mrkdwn(f.label) + "*\n" + render_mrkdwn(f.value), BlockLimits::field_text)));
    }
    if (!fields.empty()) block["fields"] = std::move(fields);
    if (block.contains("text") || block.contains("fields")) blocks.push_back(std::move(block));
  } while (field < section.fields.size());
  if (section.image && commands::is_safe_link(section.image->url)) {
    json image = {{"type", "image"},
                  {"image_url", section.image->url},
                  {"alt_text", truncate_text(section.image->alt, BlockLimits::image_alt_text)}};
    if (!section.image->title.empty()) {
      image["title"] = plain_text(section.image->title, BlockLimits::image_title);
    }
    blocks.push_back(std::move(image));
  }
  return blocks;
}

std::vector<json> action_blocks(const std::vector<commands::Button>& buttons) {
  std::vector<json> blocks;
  for (std::size_t i = 0; i < buttons.size(); ++i) {
    if (i % BlockLimits::actions_elements == 0) {
      blocks.push_back({{"type", "actions"}, {"elements", json::array()}});
    }
    const auto& button = buttons[i];
    json element = {{"type", "button"},
                    {"text", plain_text(button.label, BlockLimits::button_text)},
                    {"action_id", button.action_id + "#" + std::to_string(i)},
                    {"value", button.value.substr(0, BlockLimits::button_value)}};
    if (button.style == commands::ButtonStyle::primary) element["style"] = "primary";
    if (button.style == commands::ButtonStyle::danger) element["style"] = "danger";
    blocks.back()["elements"].push_back(std::move(element));
  }
  return blocks;
}

// Header, sections, buttons and note, cut to `max_blocks` with a note saying what was left out.
json render_blocks(const commands::Message& message, std::size_t max_blocks) {
  std::vector<json> head;
  if (!message.title.empty()) {
    head.push_back(
        {{"type", "header"}, {"text", plain_text(message.title, BlockLimits::header_text)}});
  }
  std::vector<json> body;
  for (const auto& section : message.sections) {
    for (auto& block : section_blocks(section)) body.push_back(std::move(block));
  }
  std::vector<json> tail = action_blocks(message.buttons);
  if (!message.note.empty()) tail.push_back(context_block(render_mrkdwn(message.note)));

  // Reserve room for the tail and a truncation note; trailing buttons beyond that are dropped.
  if (tail.size() + head.size() + 1 > max_blocks) tail.resize(max_blocks - head.size() - 1);
  const std::size_t room = max_blocks - head.size() - tail.size();
  if (body.size() > room) {
    const std::size_t hidden = body.size() - (room - 1);
    body.resize(room - 1);
    body.push_back(context_block("… " + std::to_string(hidden) +
                                 " more not shown. Narrow the request to see the rest."));
  }

  json blocks = json::array();
  for (auto* part : {&head, &body, &tail}) {
    for (auto& block : *part) blocks.push_back(std::move(block));
  }
  return blocks;
}

std::string unescape_entities(std::string text) {
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}};
  for (const auto& [entity, literal] : kEntities) {
    for (auto at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1)) {
      text.replace(at, std::char_traits<char>::length(entity), literal);
    }
  }
  return text;
}

// mrkdwn → terminal: real mentions as @U123, bold markers dropped, entities decoded last so
// that escaped user text reads as typed.
std::string mrkdwn_to_text(const std::string& text) {
  static const std::regex kMention("<@([UW][A-Z0-9]+)(\\|[^>]*)?>");
  static const std::regex kBold("\\*([^*\\n]+)\\*");
  static const std::regex kLink("<(https?://[^|>]+)\\|([^>]*)>");
  std::string out = std::regex_replace(text, kMention, "@$1");
  out = std::regex_replace(out, kLink, "$2 ($1)");
  out = std::regex_replace(out, kBold, "$1");
  return unescape_entities(out);
}

}  // namespace

std::string escape_mrkdwn(std::string_view text) {
  // Slack escapes the same three characters in what it sends and what it shows: the core's
  // neutral command text is exactly that encoding.
  return commands::encode_typed_text(text);
}

std::string render_mrkdwn(const commands::Text& text) {
  std::string out;
  for (const auto& span : text.spans()) {
    switch (span.kind) {
      case Span::Kind::plain:
        out += escape_mrkdwn(span.value);
        break;
      case Span::Kind::strong:
        if (!span.value.empty()) out += "*" + escape_mrkdwn(span.value) + "*";
        break;
      case Span::Kind::code: {
        std::string value = escape_mrkdwn(span.value);
        for (auto& c : value) c = (c == '`') ? '\'' : c;
        if (!value.empty()) out += "`" + value + "`";
        break;
      }
      case Span::Kind::mention:
        out += is_user_id(span.value) ? "<@" + span.value + ">" : escape_mrkdwn("@" + span.value);
        break;
      case Span::Kind::link:
        // The URL has no < > | (is_safe_link); & is escaped as Slack expects inside a link.
        out += "<" + escape_mrkdwn(span.target) + "|" + escape_mrkdwn(span.value) + ">";
        break;
    }
  }
  return out;
}

json render_message(const commands::Message& message) {
  std::string fallback = escape_mrkdwn(message.fallback());
  if (fallback.empty()) fallback = "Accord";
  return {{"text", truncate_text(fallback, BlockLimits::fallback_text)},
          {"blocks", render_blocks(message, BlockLimits::message_blocks)}};
}

json render_home_view(const commands::Message& message) {
  return {{"type", "home"}, {"blocks", render_blocks(message, BlockLimits::view_blocks)}};
}

json render_modal(const commands::Form& form, const std::string& private_metadata) {
  json blocks = json::array();
  if (!form.intro.empty()) {
    blocks.push_back(
        {{"type", "section"},
         {"text", mrkdwn(truncate_text(render_mrkdwn(form.intro), BlockLimits::section_text))}});
  }
  for (const auto& field : form.fields) {
    if (blocks.size() >= BlockLimits::view_blocks) break;
    json element;
    if (field.kind == commands::FormField::Kind::choice) {
      json options = json::array();
      json initial;
      for (const auto& [value, label] : field.choices) {
        if (options.size() >= BlockLimits::select_options) break;
        json option = {{"text", plain_text(label, BlockLimits::option_text)},
                       {"value", value.substr(0, BlockLimits::option_value)}};
        if (value == field.initial) initial = option;
        options.push_back(std::move(option));
      }
      element = {{"type", "static_select"}, {"options", std::move(options)}};
      if (!initial.is_null()) element["initial_option"] = std::move(initial);
    } else {
      element = {{"type", "plain_text_input"},
                 {"multiline", field.kind == commands::FormField::Kind::multiline}};
      if (!field.initial.empty()) {
        element["initial_value"] = truncate_text(field.initial, BlockLimits::input_initial_value);
      }
    }
    element["action_id"] = kFormInputActionId;
    json input = {{"type", "input"},
                  {"block_id", field.id},
                  {"optional", field.optional},
                  {"label", plain_text(field.label, BlockLimits::input_label)},
                  {"element", std::move(element)}};
    if (!field.hint.empty()) input["hint"] = plain_text(field.hint, BlockLimits::input_label);
    blocks.push_back(std::move(input));
  }
  const std::string submit = form.submit_label.empty() ? "Submit" : form.submit_label;
  return {
      {"type", "modal"},
      {"callback_id", kFormCallbackId},
      {"title", plain_text(form.title.empty() ? "Accord" : form.title, BlockLimits::modal_title)},
      {"submit", plain_text(submit, BlockLimits::modal_title)},
      {"close", plain_text("Cancel", BlockLimits::modal_title)},
      {"private_metadata", private_metadata.substr(0, BlockLimits::private_metadata)},
      {"blocks", std::move(blocks)}};
}

std::string blocks_to_text(const json& message) {
  const auto blocks = message.find("blocks");
  if (blocks == message.end() || !blocks->is_array() || blocks->empty()) {
    return mrkdwn_to_text(message.value("text", "")) + "\n";
  }
  std::string out;
  for (const auto& block : *blocks) {
    const std::string type = block.value("type", "");
    if (type == "header") {
      const std::string title = block["text"].value("text", "");
      out += title + "\n" + std::string(title.size() < 60 ? title.size() : 60, '=') + "\n";
    } else if (type == "section") {
      if (block.contains("text")) out += mrkdwn_to_text(block["text"].value("text", "")) + "\n";
      for (const auto& field : block.value("fields", json::array())) {
        std::string text = mrkdwn_to_text(field.value("text", ""));
        const auto newline = text.find('\n');
        if (newline != std::string::npos) text.replace(newline, 1, ": ");
        out += "  " + text + "\n";
      }
    } else if (type == "actions") {
      for (const auto& element : block.value("elements", json::array())) {
        out += "  [" + element["text"].value("text", "") + "]";
        if (element.contains("value")) out += " → /accord " + element.value("value", "");
        out += "\n";
      }
    } else if (type == "context") {
      for (const auto& element : block.value("elements", json::array())) {
        out += "  " + mrkdwn_to_text(element.value("text", "")) + "\n";
      }
    }
  }
  return out;
}

std::string neutral_action_id(std::string_view rendered_action_id) {
  return std::string(rendered_action_id.substr(0, rendered_action_id.rfind('#')));
}

}  // namespace accord::bot::slack
