// Renders neutral messages and forms as Adaptive Cards for Teams (version 1.5, the newest Teams
// accepts from bots), and wraps them for activities and invoke answers. Buttons are
// Action.Execute with an Action.Submit fallback, so clients without Universal Actions still
// work; card_actions.hpp says what a click carries back.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "bot/teams/card_actions.hpp"
#include "bot/teams/card_markdown.hpp"
#include "commands/core/message.hpp"

namespace accord::bot::teams {

// Bounds that keep every card well under Teams' message size (reference/teams.md §3.3).
struct CardLimits {
  static constexpr const char* version = "1.5";
  static constexpr std::size_t title = 300;       // bytes of a title or form title
  static constexpr std::size_t text = 4000;       // bytes of one TextBlock or fact value
  static constexpr std::size_t fact_title = 200;  // bytes of a field's label
  static constexpr std::size_t sections = 60;
  static constexpr std::size_t sections_bytes = 20000;  // JSON of the sections shown, all told
  static constexpr std::size_t button_title = 75;
  static constexpr std::size_t actions_per_set = 5;  // Teams shows at most 6 side by side
  static constexpr std::size_t buttons = 20;
  static constexpr std::size_t fallback_text = 1000;
  static constexpr std::size_t input_characters = 5000;  // Input.Text maxLength
  static constexpr std::size_t choices = 100;
};

// The Adaptive Card (attachment content) for a message. `names` gives mentions their display
// names.
nlohmann::json message_card(const commands::Message& message, const MentionNames& names = {});

// The card of a form: one input per field, shown again with `values` and `field_errors` (by
// field id) when a submission had problems; its submit runs the form's command.
nlohmann::json form_card(const commands::Form& form,
                         const std::map<std::string, std::string>& field_errors = {},
                         const std::map<std::string, std::string>& values = {});

// {"contentType": "application/vnd.microsoft.card.adaptive", "content": card}
nlohmann::json card_attachment(const nlohmann::json& card);

// Answers to an adaptiveCard/action invoke (sent with HTTP 200 whatever the statusCode):
// replace the card for the person, show them a message, or report an error.
nlohmann::json invoke_card_response(const nlohmann::json& card);
nlohmann::json invoke_message_response(std::string text);
nlohmann::json invoke_error_response(int status, std::string code, std::string message);

}  // namespace accord::bot::teams
