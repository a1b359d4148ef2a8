// The command-line parser on any text: it reads it or explains why not, never throws, and what it
// reads is valid UTF-8 that fits in the text it came from.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "commands/core/command_line.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace accord::commands;
using accord::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // The check that JSON written as text relies on agrees with the repair of user text.
  const bool has_nul = input.find('\0') != std::string_view::npos;
  check((is_valid_utf8(input) && !has_nul) == (valid_utf8(input) == input),
        "is_valid_utf8 agrees with valid_utf8, which also replaces NUL", input);
  const auto parsed = parse_command_line(input);
  if (parsed.error) {
    check(!parsed.error->empty(), "an error says something", input);
    return 0;
  }

  // Entities only shrink, quotes and spaces are dropped; malformed bytes become U+FFFD.
  const std::size_t limit = valid_utf8(input).size();
  std::size_t total = 0;
  for (const auto& token : parsed.line.positional) {
    total += token.text.size();
    check(is_valid_utf8(token.text), "tokens are valid UTF-8", token.text);
    check(token.quoted || !token.text.empty(), "an unquoted token is never empty", input);
    if (token.is_mention()) {
      check(mention_user_id(token.text) == token.user_id, "a mention token carries its own id",
            token.text);
    }
  }
  for (const auto& [key, value] : parsed.line.options) {
    total += key.size() + 1 + value.size();
    check(!key.empty() && key[0] >= 'a' && key[0] <= 'z', "option keys start with a letter", key);
    check(is_valid_utf8(value), "option values are valid UTF-8", value);
  }
  check(total <= limit, "tokens re-joined fit in the input", input);
  return 0;
}
