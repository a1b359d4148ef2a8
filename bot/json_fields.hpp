// Reading fields from a platform's JSON without trusting its shape: a missing or mistyped field
// reads as empty, so hostile payloads get a clear 400 or a no-op instead of an exception.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace accord::bot {

inline std::string json_string(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  return (it != object.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

// Ids nested in objects that may be null (Slack org installs): {"team": {"id": ...}}.
inline std::string nested_id(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  return (it != object.end() && it->is_object()) ? json_string(*it, "id") : std::string();
}

}  // namespace accord::bot
