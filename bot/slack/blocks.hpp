// Renders neutral messages as Block Kit. All user text is escaped (&, <, >) so no input can
// ping a channel or forge a mention; Block Kit's limits are enforced here, by truncating with a
// visible note, so Slack never answers invalid_blocks.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "commands/core/message.hpp"

namespace accord::bot::slack {

// Slack's documented limits (reference/slack.md §6).
struct BlockLimits {
  static constexpr std::size_t message_blocks = 50;
  static constexpr std::size_t view_blocks = 100;
  static constexpr std::size_t section_text = 3000;
  static constexpr std::size_t section_fields = 10;
  static constexpr std::size_t field_text = 2000;
  static constexpr std::size_t header_text = 150;
  static constexpr std::size_t image_alt_text = 2000;
  static constexpr std::size_t image_title = 2000;
  static constexpr std::size_t actions_elements = 25;
  static constexpr std::size_t button_text = 75;
  static constexpr std::size_t button_value = 2000;
  static constexpr std::size_t fallback_text = 3000;
  static constexpr std::size_t modal_title = 24;  // also the submit and close labels
  static constexpr std::size_t private_metadata = 3000;
  static constexpr std::size_t input_label = 2000;
  static constexpr std::size_t option_text = 75;
  static constexpr std::size_t option_value = 150;
  static constexpr std::size_t select_options = 100;
  static constexpr std::size_t input_initial_value = 3000;
};

// The callback id of every Accord modal; a view_submission with another one is not ours.
inline constexpr const char* kFormCallbackId = "accord.form";
// Each input's action id; its block id is the form field's id.
inline constexpr const char* kFormInputActionId = "value";

// Escapes the three mrkdwn control characters, and nothing else.
std::string escape_mrkdwn(std::string_view text);

// The mrkdwn for rich text.
std::string render_mrkdwn(const commands::Text& text);

// What a message's body carries besides its text and blocks: where it goes (chat.postMessage,
// chat.update) or how a response_url shows it. Members left empty are left out.
struct Envelope {
  std::string_view channel{};
  std::string_view ts{};
  std::string_view response_type{};  // "in_channel" or "ephemeral"
  std::optional<bool> replace_original{};
};

// {"text": fallback, "blocks": [...]} for chat.postMessage, chat.update and responses, as JSON
// text (written directly: a command's reply is rendered on every request), after the envelope's
// members.
std::string render_message(const commands::Message& message, const Envelope& envelope = {});

// {"type": "home", "blocks": [...]} for views.publish, as JSON text.
std::string render_home_view(const commands::Message& message);

// A modal for views.open, as JSON text. `private_metadata` comes back with the submission (at
// most 3000 characters; the caller keeps it short).
std::string render_modal(const commands::Form& form, const std::string& private_metadata);

// {"<key>": "<value>", "view": <view>}: a view (render_home_view, render_modal) with the member
// that says what to do with it (views.publish's user_id, views.open's trigger_id, a submission's
// response_action).
std::string with_view(const char* key, std::string_view value, const std::string& view);

// Readable terminal text for a Block Kit message (used by `accord send`).
std::string blocks_to_text(const nlohmann::json& message);

// Buttons render with action ids "<action_id>#<n>" (unique within a message, as Slack
// requires); this recovers the neutral action id.
std::string neutral_action_id(std::string_view rendered_action_id);

}  // namespace accord::bot::slack
