#include "bot/slack/blocks.hpp"

#include <algorithm>
#include <regex>
#include <vector>

#include "commands/core/command_line.hpp"
#include "commands/core/json_text.hpp"

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

// Blocks are written as JSON text (commands/core/json_text.hpp), each on its own, so that
// put_blocks can count them before it cuts.
using commands::json_text::put;
using commands::json_text::put_flag;
using commands::json_text::Writer;
using Block = std::string;

void put_plain_text(Writer& out, const char* key, std::string_view text, std::size_t limit) {
  out.Key(key);
  out.StartObject();
  put(out, "type", "plain_text");
  put(out, "text", truncate_text(text, limit));
  put_flag(out, "emoji", true);
  out.EndObject();
}

void put_mrkdwn(Writer& out, std::string_view text) {
  out.StartObject();
  put(out, "type", "mrkdwn");
  put(out, "text", text);
  out.EndObject();
}

Block context_block(const std::string& text) {
  commands::json_text::Document block;
  Writer& out = block.out();
  out.StartObject();
  put(out, "type", "context");
  out.Key("elements");
  out.StartArray();
  put_mrkdwn(out, truncate_text(text, BlockLimits::section_text));
  out.EndArray();
  out.EndObject();
  return block.str();
}

std::vector<Block> section_blocks(const commands::Section& section) {
  std::vector<Block> blocks;
  const std::string text = render_mrkdwn(section.text);
  std::size_t field = 0;
  do {
    // The text goes in the first block; fields fill blocks of at most ten.
    const bool with_text = blocks.empty() && !text.empty();
    const bool with_fields = field < section.fields.size();
    if (!with_text && !with_fields) break;
    commands::json_text::Document block;
    Writer& out = block.out();
    out.StartObject();
    put(out, "type", "section");
    if (with_text) {
      out.Key("text");
      put_mrkdwn(out, truncate_text(text, BlockLimits::section_text));
    }
    if (with_fields) {
      out.Key("fields");
      out.StartArray();
      for (std::size_t in_block = 0;
           field < section.fields.size() && in_block < BlockLimits::section_fields;
           ++field, ++in_block) {
        const auto& f = section.fields[field];
        // Appended rather than "*" + …: GCC 12 warns (-Wrestrict) on that, wrongly.
        std::string label_and_value = "*";
        label_and_value += escape_mrkdwn(f.label);
        label_and_value += "*\n";
        label_and_value += render_mrkdwn(f.value);
        put_mrkdwn(out, truncate_text(label_and_value, BlockLimits::field_text));
      }
      out.EndArray();
    }
    out.EndObject();
    blocks.push_back(block.str());
  } while (field < section.fields.size());
  if (section.image && commands::is_safe_link(section.image->url)) {
    commands::json_text::Document block;
    Writer& out = block.out();
    out.StartObject();
    put(out, "type", "image");
    put(out, "image_url", section.image->url);
    put(out, "alt_text", truncate_text(section.image->alt, BlockLimits::image_alt_text));
    if (!section.image->title.empty()) {
      put_plain_text(out, "title", section.image->title, BlockLimits::image_title);
    }
    out.EndObject();
    blocks.push_back(block.str());
  }
  return blocks;
}

std::vector<Block> action_blocks(const std::vector<commands::Button>& buttons) {
  std::vector<Block> blocks;
  for (std::size_t first = 0; first < buttons.size(); first += BlockLimits::actions_elements) {
    commands::json_text::Document block;
    Writer& out = block.out();
    out.StartObject();
    put(out, "type", "actions");
    out.Key("elements");
    out.StartArray();
    const std::size_t end = std::min(buttons.size(), first + BlockLimits::actions_elements);
    for (std::size_t i = first; i < end; ++i) {
      const auto& button = buttons[i];
      out.StartObject();
      put(out, "type", "button");
      put_plain_text(out, "text", button.label, BlockLimits::button_text);
      put(out, "action_id", button.action_id + "#" + std::to_string(i));
      put(out, "value", commands::utf8_prefix(button.value, BlockLimits::button_value));
      if (button.style == commands::ButtonStyle::primary) put(out, "style", "primary");
      if (button.style == commands::ButtonStyle::danger) put(out, "style", "danger");
      out.EndObject();
    }
    out.EndArray();
    out.EndObject();
    blocks.push_back(block.str());
  }
  return blocks;
}

// Header, sections, buttons and note, cut to `max_blocks` with a note saying what was left out,
// written as the value of "blocks".
void put_blocks(Writer& out, const commands::Message& message, std::size_t max_blocks) {
  std::vector<Block> head;
  if (!message.title.empty()) {
    commands::json_text::Document header;
    header.out().StartObject();
    put(header.out(), "type", "header");
    put_plain_text(header.out(), "text", message.title, BlockLimits::header_text);
    header.out().EndObject();
    head.push_back(header.str());
  }
  std::vector<Block> body;
  for (const auto& section : message.sections) {
    for (auto& block : section_blocks(section)) body.push_back(std::move(block));
  }
  std::vector<Block> tail = action_blocks(message.buttons);
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

  out.Key("blocks");
  out.StartArray();
  for (const auto* part : {&head, &body, &tail}) {
    for (const auto& block : *part) commands::json_text::put_raw(out, block);
  }
  out.EndArray();
}

// A choice of a select menu: its label and its value.
void put_option(Writer& out, const std::pair<std::string, std::string>& choice) {
  out.StartObject();
  put_plain_text(out, "text", choice.second, BlockLimits::option_text);
  put(out, "value", commands::utf8_prefix(choice.first, BlockLimits::option_value));
  out.EndObject();
}

void put_choice(Writer& out, const commands::FormField& field) {
  put(out, "type", "static_select");
  out.Key("options");
  out.StartArray();
  const std::pair<std::string, std::string>* initial = nullptr;
  std::size_t shown = 0;
  for (const auto& choice : field.choices) {
    if (shown++ == BlockLimits::select_options) break;
    if (choice.first == field.initial) initial = &choice;
    put_option(out, choice);
  }
  out.EndArray();
  if (initial) {
    out.Key("initial_option");
    put_option(out, *initial);
  }
}

void put_input(Writer& out, const commands::FormField& field) {
  out.StartObject();
  put(out, "type", "input");
  put(out, "block_id", field.id);
  put_flag(out, "optional", field.optional);
  put_plain_text(out, "label", field.label, BlockLimits::input_label);
  if (!field.hint.empty()) put_plain_text(out, "hint", field.hint, BlockLimits::input_label);
  out.Key("element");
  out.StartObject();
  if (field.kind == commands::FormField::Kind::choice) {
    put_choice(out, field);
  } else {
    put(out, "type", "plain_text_input");
    put_flag(out, "multiline", field.kind == commands::FormField::Kind::multiline);
    if (!field.initial.empty()) {
      put(out, "initial_value", truncate_text(field.initial, BlockLimits::input_initial_value));
    }
  }
  put(out, "action_id", kFormInputActionId);
  out.EndObject();
  out.EndObject();
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

std::string render_message(const commands::Message& message, const Envelope& envelope) {
  commands::json_text::Document document;
  Writer& out = document.out();
  out.StartObject();
  if (!envelope.channel.empty()) put(out, "channel", envelope.channel);
  if (!envelope.ts.empty()) put(out, "ts", envelope.ts);
  if (!envelope.response_type.empty()) put(out, "response_type", envelope.response_type);
  if (envelope.replace_original) put_flag(out, "replace_original", *envelope.replace_original);
  std::string fallback = escape_mrkdwn(message.fallback());
  if (fallback.empty()) fallback = "Accord";
  put(out, "text", truncate_text(fallback, BlockLimits::fallback_text));
  put_blocks(out, message, BlockLimits::message_blocks);
  out.EndObject();
  return document.str();
}

std::string render_home_view(const commands::Message& message) {
  commands::json_text::Document document;
  Writer& out = document.out();
  out.StartObject();
  put(out, "type", "home");
  put_blocks(out, message, BlockLimits::view_blocks);
  out.EndObject();
  return document.str();
}

std::string render_modal(const commands::Form& form, const std::string& private_metadata) {
  commands::json_text::Document document;
  Writer& out = document.out();
  out.StartObject();
  put(out, "type", "modal");
  put(out, "callback_id", kFormCallbackId);
  put_plain_text(out, "title", form.title.empty() ? "Accord" : form.title,
                 BlockLimits::modal_title);
  put_plain_text(out, "submit", form.submit_label.empty() ? "Submit" : form.submit_label,
                 BlockLimits::modal_title);
  put_plain_text(out, "close", "Cancel", BlockLimits::modal_title);
  put(out, "private_metadata",
      commands::utf8_prefix(private_metadata, BlockLimits::private_metadata));
  out.Key("blocks");
  out.StartArray();
  std::size_t blocks = 0;
  if (!form.intro.empty()) {
    out.StartObject();
    put(out, "type", "section");
    out.Key("text");
    put_mrkdwn(out, truncate_text(render_mrkdwn(form.intro), BlockLimits::section_text));
    out.EndObject();
    ++blocks;
  }
  for (const auto& field : form.fields) {
    if (blocks++ == BlockLimits::view_blocks) break;
    put_input(out, field);
  }
  out.EndArray();
  out.EndObject();
  return document.str();
}

std::string with_view(const char* key, std::string_view value, const std::string& view) {
  commands::json_text::Document document;
  Writer& out = document.out();
  out.StartObject();
  put(out, key, value);
  out.Key("view");
  commands::json_text::put_raw(out, view);
  out.EndObject();
  return document.str();
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
