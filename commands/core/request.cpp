#include "commands/core/request.hpp"

namespace accord::commands {

const char* to_string(Platform platform) {
  switch (platform) {
    case Platform::slack:
      return "slack";
    case Platform::teams:
      return "teams";
  }
  return "slack";
}

std::optional<Platform> parse_platform(std::string_view name) {
  if (name == "slack") return Platform::slack;
  if (name == "teams") return Platform::teams;
  return std::nullopt;
}

const char* display_name(Platform platform) {
  return platform == Platform::teams ? "Teams" : "Slack";
}

}  // namespace accord::commands
