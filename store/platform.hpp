// The chat systems Accord speaks to. Every layer names a platform by this enum; the database keeps
// its stored name ("slack", "teams"), which is what platform_name gives and parse_platform reads.
// Adding a platform: a value here, its names below, and its folder under bot/ (README, "Map of
// the code").
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace accord::store {

enum class Platform { slack, teams };

inline constexpr std::array<Platform, 2> kPlatforms = {Platform::slack, Platform::teams};

// The stored name: "slack", "teams".
const char* platform_name(Platform platform);
// A stored name back; nullopt for anything else.
std::optional<Platform> parse_platform(std::string_view name);
// As people call it: "Slack", "Teams".
const char* display_name(Platform platform);

// A stored name read from a row: an unknown one means the database was written by a newer Accord.
Platform platform_from_row(const std::string& name);

}  // namespace accord::store
