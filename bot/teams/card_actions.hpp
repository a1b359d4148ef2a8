// What an Adaptive Card click carries and how it becomes a neutral action. A button's data is
// {"accord.action": <action id>, "accord.value": <value>}; a form's inputs have ids
// "field.<field id>", so Teams can merge them into that data without ever overwriting a reserved
// key. Action.Execute also names the action id as its verb; an Action.Submit fallback (older
// clients) sends the same data, merged with the inputs, as a message activity's value.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace accord::bot::teams {

// The reserved data keys of every Accord card action.
inline constexpr const char* kActionIdKey = "accord.action";
inline constexpr const char* kActionValueKey = "accord.value";
// Input ids are this prefix and the form field's id.
inline constexpr std::string_view kInputIdPrefix = "field.";

// What a click may carry; anything larger is not from a card Accord rendered.
struct CardActionLimits {
  static constexpr std::size_t action_id = 256;
  static constexpr std::size_t action_value = 8000;
  static constexpr std::size_t inputs = 100;
  static constexpr std::size_t input_value = 20000;
};

struct CardAction {
  std::string action_id;
  std::string action_value;
  std::map<std::string, std::string> form_values;  // by form field id
  bool operator==(const CardAction&) const = default;
};

// The `data` of an Action.Execute or Action.Submit for this action.
nlohmann::json action_data(const std::string& action_id, const std::string& action_value);

// The input id of a form field.
std::string input_id(std::string_view field_id);

// Reads the `value` of an `adaptiveCard/action` invoke ({"action": {"type": "Action.Execute",
// "verb", "data"}}) or of an Action.Submit message activity (the data merged with the inputs).
// nullopt for anything else or anything malformed; never throws. Number and boolean inputs read
// as their JSON text; null, object and array inputs are left out.
std::optional<CardAction> parse_card_action(const nlohmann::json& value);

}  // namespace accord::bot::teams
