#include "commands/core/message.hpp"

#include <stdexcept>
#include <utility>

#include <nlohmann/json.hpp>

#include "commands/core/json_text.hpp"

namespace accord::commands {
namespace {

using nlohmann::json;

// Adjacent spans of the same kind read as one, so they are stored as one (mentions and links
// never merge).
void push(std::vector<Span>& spans, Span::Kind kind, std::string value) {
  if (kind != Span::Kind::mention && kind != Span::Kind::link) {
    if (value.empty()) return;
    if (!spans.empty() && spans.back().kind == kind) {
      spans.back().value += value;
      return;
    }
  }
  spans.push_back(Span{kind, std::move(value), {}});
}

const char* kind_name(Span::Kind kind) {
  switch (kind) {
    case Span::Kind::plain:
      return "plain";
    case Span::Kind::strong:
      return "strong";
    case Span::Kind::code:
      return "code";
    case Span::Kind::mention:
      return "mention";
    case Span::Kind::link:
      return "link";
  }
  return "plain";
}

Span::Kind parse_kind(const std::string& name) {
  for (auto kind : {Span::Kind::plain, Span::Kind::strong, Span::Kind::code, Span::Kind::mention,
                    Span::Kind::link}) {
    if (name == kind_name(kind)) return kind;
  }
  throw std::invalid_argument("unknown text span kind: " + name);
}

const char* style_name(ButtonStyle style) {
  switch (style) {
    case ButtonStyle::normal:
      return "normal";
    case ButtonStyle::primary:
      return "primary";
    case ButtonStyle::danger:
      return "danger";
  }
  return "normal";
}

ButtonStyle parse_style(const std::string& name) {
  for (auto style : {ButtonStyle::normal, ButtonStyle::primary, ButtonStyle::danger}) {
    if (name == style_name(style)) return style;
  }
  throw std::invalid_argument("unknown button style: " + name);
}

using json_text::put;
using json_text::Writer;

void put_text(Writer& out, const char* key, const Text& text) {
  out.Key(key);
  out.StartArray();
  for (const auto& span : text.spans()) {
    out.StartObject();
    put(out, "kind", kind_name(span.kind));
    put(out, "value", span.value);
    if (span.kind == Span::Kind::link) put(out, "target", span.target);
    out.EndObject();
  }
  out.EndArray();
}

void put_message_members(Writer& out, const Message& message) {
  put(out, "title", message.title);
  out.Key("sections");
  out.StartArray();
  for (const auto& section : message.sections) {
    out.StartObject();
    put_text(out, "text", section.text);
    out.Key("fields");
    out.StartArray();
    for (const auto& field : section.fields) {
      out.StartObject();
      put(out, "label", field.label);
      put_text(out, "value", field.value);
      out.EndObject();
    }
    out.EndArray();
    if (section.image) {
      out.Key("image");
      out.StartObject();
      put(out, "url", section.image->url);
      put(out, "alt", section.image->alt);
      put(out, "title", section.image->title);
      out.EndObject();
    }
    out.EndObject();
  }
  out.EndArray();
  out.Key("buttons");
  out.StartArray();
  for (const auto& button : message.buttons) {
    out.StartObject();
    put(out, "label", button.label);
    put(out, "action_id", button.action_id);
    put(out, "value", button.value);
    put(out, "style", style_name(button.style));
    out.EndObject();
  }
  out.EndArray();
  put_text(out, "note", message.note);
  put(out, "summary", message.summary);
}

void put_form(Writer& out, const Form& form);

Text text_from_json(const json& spans) {
  Text text;
  for (const auto& span : spans) {
    const auto value = span.at("value").get<std::string>();
    switch (parse_kind(span.at("kind").get<std::string>())) {
      case Span::Kind::plain:
        text.plain(value);
        break;
      case Span::Kind::strong:
        text.strong(value);
        break;
      case Span::Kind::code:
        text.code(value);
        break;
      case Span::Kind::mention:
        text.mention(value);
        break;
      case Span::Kind::link:
        text.link(value, span.at("target").get<std::string>());
        break;
    }
  }
  return text;
}

}  // namespace

Text::Text(std::string plain_text) {
  plain(std::move(plain_text));
}
Text::Text(const char* plain_text) {
  plain(plain_text);
}

Text& Text::plain(std::string value) {
  push(spans_, Span::Kind::plain, std::move(value));
  return *this;
}

Text& Text::strong(std::string value) {
  push(spans_, Span::Kind::strong, std::move(value));
  return *this;
}

Text& Text::code(std::string value) {
  push(spans_, Span::Kind::code, std::move(value));
  return *this;
}

Text& Text::mention(std::string user_id) {
  push(spans_, Span::Kind::mention, std::move(user_id));
  return *this;
}

Text& Text::link(std::string label, std::string url) {
  if (!is_safe_link(url)) return plain(label.empty() ? url : label);
  if (label.empty()) label = url;
  spans_.push_back(Span{Span::Kind::link, std::move(label), std::move(url)});
  return *this;
}

Text& Text::append(const Text& other) {
  for (const auto& span : other.spans_) {
    if (span.kind == Span::Kind::link) {
      spans_.push_back(span);
    } else {
      push(spans_, span.kind, span.value);
    }
  }
  return *this;
}

bool is_safe_link(std::string_view url) {
  constexpr std::size_t kMaxUrl = 2000;
  std::string_view rest;
  if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    return false;
  }
  if (url.size() > kMaxUrl || rest.empty() || rest.front() == '/') return false;
  // No user information ("https://trusted.example@evil.example/"): the host is what it shows.
  const auto authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos) return false;
  for (const char c : url) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F) return false;
    if (std::string_view("<>|()[]\"`\\{}^").find(c) != std::string_view::npos) return false;
  }
  return true;
}

std::string Text::to_plain() const {
  std::string out;
  for (const auto& span : spans_) {
    if (span.kind == Span::Kind::mention) out += '@';
    out += span.value;
    if (span.kind == Span::Kind::link && span.target != span.value) out += " (" + span.target + ")";
  }
  return out;
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string Message::fallback() const {
  if (!summary.empty()) return summary;
  if (!title.empty()) return title;
  if (!sections.empty()) return sections.front().text.to_plain();
  return {};
}

std::string message_json(const Message& message) {
  json_text::Document document;
  Writer& out = document.out();
  out.StartObject();
  put_message_members(out, message);
  out.EndObject();
  return document.str();
}

std::string reply_json(const Reply& reply) {
  json_text::Document document;
  Writer& out = document.out();
  out.StartObject();
  put_message_members(out, reply.message);
  put(out, "visibility", reply.visibility == Visibility::channel ? "channel" : "requester_only");
  if (reply.form) {
    out.Key("form");
    put_form(out, *reply.form);
  }
  out.EndObject();
  return document.str();
}

// Lenient about missing keys (an older payload) and extra keys (the adapter's own); strict about
// types, so a corrupt payload fails loudly at delivery instead of sending something half-right.
Message message_from_json(const nlohmann::json& payload) {
  Message message;
  message.title = payload.value("title", std::string());
  message.summary = payload.value("summary", std::string());
  if (payload.contains("note")) message.note = text_from_json(payload.at("note"));
  for (const auto& section_json : payload.value("sections", json::array())) {
    Section section;
    if (section_json.contains("text")) section.text = text_from_json(section_json.at("text"));
    for (const auto& field : section_json.value("fields", json::array())) {
      section.fields.push_back(
          Field{field.value("label", std::string()), text_from_json(field.at("value"))});
    }
    if (section_json.contains("image")) {
      const auto& image = section_json.at("image");
      section.image = Image{image.at("url").get<std::string>(), image.at("alt").get<std::string>(),
                            image.value("title", std::string())};
    }
    message.sections.push_back(std::move(section));
  }
  for (const auto& button : payload.value("buttons", json::array())) {
    message.buttons.push_back(Button{button.value("label", std::string()),
                                     button.value("action_id", std::string()),
                                     button.value("value", std::string()),
                                     parse_style(button.value("style", std::string("normal")))});
  }
  return message;
}

}  // namespace accord::commands

namespace accord::commands {
namespace {

const char* field_kind_name(FormField::Kind kind) {
  switch (kind) {
    case FormField::Kind::text:
      return "text";
    case FormField::Kind::multiline:
      return "multiline";
    case FormField::Kind::choice:
      return "choice";
  }
  return "text";
}

FormField::Kind parse_field_kind(const std::string& name) {
  if (name == "multiline") return FormField::Kind::multiline;
  if (name == "choice") return FormField::Kind::choice;
  return FormField::Kind::text;
}

void put_form(Writer& out, const Form& form) {
  out.StartObject();
  put(out, "title", form.title);
  put(out, "submit_label", form.submit_label);
  put(out, "command", form.command);
  put_text(out, "intro", form.intro);
  out.Key("fields");
  out.StartArray();
  for (const auto& field : form.fields) {
    out.StartObject();
    put(out, "id", field.id);
    put(out, "label", field.label);
    put(out, "kind", field_kind_name(field.kind));
    out.Key("choices");
    out.StartArray();
    for (const auto& [value, label] : field.choices) {
      out.StartArray();
      put(out, value);
      put(out, label);
      out.EndArray();
    }
    out.EndArray();
    put(out, "initial", field.initial);
    put(out, "hint", field.hint);
    json_text::put_flag(out, "optional", field.optional);
    out.EndObject();
  }
  out.EndArray();
  out.EndObject();
}

}  // namespace

std::string form_json(const Form& form) {
  json_text::Document document;
  Writer& out = document.out();
  put_form(out, form);
  return document.str();
}

Form form_from_json(const nlohmann::json& payload) {
  Form form;
  form.title = payload.value("title", std::string());
  form.submit_label = payload.value("submit_label", std::string());
  form.command = payload.value("command", std::string());
  if (payload.contains("intro")) form.intro = text_from_json(payload.at("intro"));
  for (const auto& field_json : payload.value("fields", json::array())) {
    FormField field;
    field.id = field_json.value("id", std::string());
    field.label = field_json.value("label", std::string());
    field.kind = parse_field_kind(field_json.value("kind", std::string("text")));
    for (const auto& choice : field_json.value("choices", json::array())) {
      field.choices.emplace_back(choice.at(0).get<std::string>(), choice.at(1).get<std::string>());
    }
    field.initial = field_json.value("initial", std::string());
    field.hint = field_json.value("hint", std::string());
    field.optional = field_json.value("optional", false);
    form.fields.push_back(std::move(field));
  }
  return form;
}

std::string truncate_text(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  static constexpr std::string_view kEllipsis = "…";
  std::size_t cut =
      utf8_prefix(text, max_bytes > kEllipsis.size() ? max_bytes - kEllipsis.size() : 0).size();
  // Do not leave half an entity such as "&am".
  const auto amp = text.rfind('&', cut == 0 ? 0 : cut - 1);
  if (amp != std::string_view::npos && cut - amp < 5 &&
      text.substr(amp, cut - amp).find(';') == std::string_view::npos) {
    cut = amp;
  }
  return std::string(text.substr(0, cut)) + std::string(kEllipsis);
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

}  // namespace accord::commands
