// The neutral message model: what a workflow says, independent of Slack or Teams. Renderers turn
// it into Block Kit or Adaptive Cards; they escape every text span, so user input cannot ping a
// channel or forge a mention. Only a `mention` span renders as a real mention.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace accord::commands {

struct Span {
  enum class Kind { plain, strong, code, mention, link };
  Kind kind = Kind::plain;
  std::string value;   // for a mention: the platform user id; for a link: its visible text
  std::string target;  // for a link: the URL, checked by whoever made it (see is_safe_link)
  bool operator==(const Span&) const = default;
};

// Inline rich text, built fluently: Text().plain("Added ").mention(user).plain(" as ").strong("pm")
class Text {
 public:
  Text() = default;
  Text(std::string plain_text);  // NOLINT(google-explicit-constructor): plain text reads naturally
  Text(const char* plain_text);  // NOLINT(google-explicit-constructor)

  Text& plain(std::string value);
  Text& strong(std::string value);
  Text& code(std::string value);
  Text& mention(std::string user_id);
  // A link showing `label`; `url` must pass is_safe_link (an unsafe one shows as plain text).
  Text& link(std::string label, std::string url);
  Text& append(const Text& other);

  const std::vector<Span>& spans() const { return spans_; }
  bool empty() const { return spans_.empty(); }
  // Unformatted text for notification fallbacks and terminals; mentions become "@U123".
  std::string to_plain() const;

  bool operator==(const Text&) const = default;

 private:
  std::vector<Span> spans_;
};

// An absolute http(s) URL that renders safely on both platforms: no white space, control
// characters or the characters Slack and Markdown use to delimit links (< > | ( ) [ ] " ` \\), and
// no user information before the host.
bool is_safe_link(std::string_view url);

struct Field {
  std::string label;
  Text value;
  bool operator==(const Field&) const = default;
};

// A picture served by Accord (a chart): an https URL that passes is_safe_link, and alt text that
// says what it shows in words, for screen readers and notifications.
struct Image {
  std::string url;
  std::string alt;
  std::string title;  // optional caption
  bool operator==(const Image&) const = default;
};

// A paragraph of text, optionally with label/value fields shown in columns, and a picture under it.
struct Section {
  Section() = default;
  // NOLINTNEXTLINE(google-explicit-constructor): {text, fields} reads as the section it is
  Section(Text text_, std::vector<Field> fields_ = {}, std::optional<Image> image_ = {})
      : text(std::move(text_)), fields(std::move(fields_)), image(std::move(image_)) {}

  Text text;
  std::vector<Field> fields;
  std::optional<Image> image;
  bool operator==(const Section&) const = default;
};

enum class ButtonStyle { normal, primary, danger };

struct Button {
  std::string label;
  std::string action_id;
  std::string value;
  ButtonStyle style = ButtonStyle::normal;
  bool operator==(const Button&) const = default;
};

struct Message {
  std::string title;  // optional heading, plain text
  std::vector<Section> sections;
  std::vector<Button> buttons;
  Text note;            // small print under the message
  std::string summary;  // notification fallback; when empty, renderers derive one
  bool operator==(const Message&) const = default;

  // The fallback text: summary, or the title, or the first section.
  std::string fallback() const;
};

// A form the person fills in: a modal in Slack, card inputs in Teams. Submitting it runs
// `command` (command text, e.g. "changes CR-3") as the person, with the field values added as
// options (field id = option key), through the same parser and permission checks as typing it.
struct FormField {
  enum class Kind { text, multiline, choice };
  std::string id;  // the option key the value arrives as
  std::string label;
  Kind kind = Kind::text;
  std::vector<std::pair<std::string, std::string>> choices;  // value, label (for Kind::choice)
  std::string initial;
  std::string hint;
  bool optional = false;
  bool operator==(const FormField&) const = default;
};

struct Form {
  std::string title;         // at most 24 characters
  std::string submit_label;  // at most 24 characters
  std::string command;       // run on submit, with the field values as options
  Text intro;                // optional text above the fields
  std::vector<FormField> fields;
  bool operator==(const Form&) const = default;
};

enum class Visibility { requester_only, channel };

struct Reply {
  Visibility visibility = Visibility::requester_only;
  Message message;
  // Open this form instead of showing the message, where the platform can (a button click or a
  // slash command in Slack). Where it cannot, the message is shown, so it should say how to do
  // the same from the command line.
  std::optional<Form> form;
  // For a submitted form: problems by field id, shown next to the fields; nothing was changed.
  std::map<std::string, std::string> field_errors;
};

// Serialisation for the outbox, which stores neutral messages and renders them at delivery. The
// JSON text is written directly (RapidJSON's writer) rather than built as a document and dumped:
// a click stores its card two or three times, and the documents took a fifth of its handler's
// time. Text that is not UTF-8 throws std::invalid_argument (the adapters clean what they read).
std::string message_json(const Message& message);
std::string form_json(const Form& form);
// A reply as the outbox keeps it: the message's members, plus "visibility" ("channel" or
// "requester_only") and, when it opens one, the "form". message_from_json reads it too.
std::string reply_json(const Reply& reply);
Message message_from_json(const nlohmann::json& json);
Form form_from_json(const nlohmann::json& json);

// Text made safe inside HTML or XML, as element content or a quoted attribute value: & < > " '
// become entities. For the pages Accord serves and the charts' SVG.
std::string escape_html(std::string_view text);

// Cuts text to at most `max_bytes` on a UTF-8 boundary (and not inside an entity), marking the
// cut with an ellipsis: how every platform keeps within its limits.
std::string truncate_text(std::string_view text, std::size_t max_bytes);
// The longest start of the text within max_bytes that does not split a character, cut without
// a mark: for values a platform limits that must otherwise stay as they are (a button's command).
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

}  // namespace accord::commands
