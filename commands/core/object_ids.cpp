#include "commands/core/object_ids.hpp"

#include <cctype>
#include <charconv>

namespace accord::commands {

std::string object_id(std::string_view prefix, int number) {
  return std::string(prefix) + "-" + std::to_string(number);
}

std::optional<int> parse_object_id(std::string_view prefix, std::string_view text) {
  if (text.size() < prefix.size() + 2 || text[prefix.size()] != '-') return std::nullopt;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(text[i])) != prefix[i]) return std::nullopt;
  }
  const auto digits = text.substr(prefix.size() + 1);
  if (!std::isdigit(static_cast<unsigned char>(digits.front()))) return std::nullopt;
  int number = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (ec != std::errc() || end != digits.data() + digits.size() || number < 1) return std::nullopt;
  return number;
}

}  // namespace accord::commands
