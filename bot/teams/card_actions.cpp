#include "bot/teams/card_actions.hpp"

namespace accord::bot::teams {
namespace {

using nlohmann::json;

// A string member: absent reads as empty, any other type as malformed.
std::optional<std::string> optional_string(const json& object, const char* key) {
  const auto found = object.find(key);
  if (found == object.end()) return std::string();
  if (!found->is_string()) return std::nullopt;
  return found->get<std::string>();
}

// An input's value as text; nullopt for values no Accord input produces.
std::optional<std::string> input_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number()) return value.dump();
  return std::nullopt;
}

}  // namespace

json action_data(const std::string& action_id, const std::string& action_value) {
  return {{kActionIdKey, action_id}, {kActionValueKey, action_value}};
}

std::string input_id(std::string_view field_id) {
  return std::string(kInputIdPrefix) + std::string(field_id);
}

std::optional<CardAction> parse_card_action(const json& value) {
  if (!value.is_object()) return std::nullopt;

  // An invoke names the action and nests its data; a submit's value is the data itself.
  const json* data = &value;
  std::string verb;
  if (const auto action = value.find("action"); action != value.end()) {
    if (!action->is_object() || action->value("type", json()) != "Action.Execute") {
      return std::nullopt;
    }
    auto named = optional_string(*action, "verb");
    if (!named) return std::nullopt;
    verb = std::move(*named);
    static const json kNoData = json::object();
    const auto found = action->find("data");
    data = found == action->end() ? &kNoData : &*found;
    if (!data->is_object()) return std::nullopt;
  }
  if (data->size() > CardActionLimits::inputs + 2) return std::nullopt;

  auto action_id = optional_string(*data, kActionIdKey);
  auto action_value = optional_string(*data, kActionValueKey);
  if (!action_id || !action_value) return std::nullopt;
  // The verb and the data both name the action; a card that disagrees with itself is not ours.
  if (!verb.empty() && !action_id->empty() && verb != *action_id) return std::nullopt;
  CardAction out;
  out.action_id = verb.empty() ? std::move(*action_id) : std::move(verb);
  out.action_value = std::move(*action_value);
  if (out.action_id.empty() || out.action_id.size() > CardActionLimits::action_id ||
      out.action_value.size() > CardActionLimits::action_value) {
    return std::nullopt;
  }

  for (const auto& [key, input] : data->items()) {
    if (!key.starts_with(kInputIdPrefix) || key.size() == kInputIdPrefix.size()) continue;
    auto text = input_text(input);
    if (!text) continue;
    if (text->size() > CardActionLimits::input_value) return std::nullopt;
    out.form_values[key.substr(kInputIdPrefix.size())] = std::move(*text);
  }
  return out;
}

}  // namespace accord::bot::teams
