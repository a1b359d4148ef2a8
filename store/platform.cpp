#include "store/platform.hpp"

#include <stdexcept>

namespace accord::store {

const char* platform_name(Platform platform) {
  switch (platform) {
    case Platform::slack:
      return "slack";
    case Platform::teams:
      return "teams";
  }
  return "slack";
}

std::optional<Platform> parse_platform(std::string_view name) {
  for (const auto platform : kPlatforms) {
    if (std::string_view(platform_name(platform)) == name) return platform;
  }
  return std::nullopt;
}

const char* display_name(Platform platform) {
  return platform == Platform::teams ? "Teams" : "Slack";
}

Platform platform_from_row(const std::string& name) {
  if (const auto platform = parse_platform(name)) return *platform;
  throw std::runtime_error("the database names a platform this Accord does not know: " + name);
}

}  // namespace accord::store
