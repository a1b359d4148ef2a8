// Tokenises the neutral command text: entities decoded, "quoted words" grouped (typographic quotes
// too), key=value options, <@U123> mentions.
//
// The neutral command text is what a person typed with '&', '<' and '>' escaped as entities and
// each mention written <@user id>, so no typed character can open a mention. It is the core's own
// format; Slack happens to send exactly it (slash commands with "Escape channels, users, and
// links" on), and every other platform's adapter encodes into it with encode_typed_text and
// mention_markup.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/core/message.hpp"

namespace accord::commands {

struct Token {
  std::string text;     // decoded text; for a mention, the markup as sent
  std::string user_id;  // set only for a mention
  bool quoted = false;  // any part of it was in quotes
  bool is_mention() const { return !user_id.empty(); }
};

struct CommandLine {
  std::vector<Token> positional;
  std::map<std::string, std::string> options;
};

struct ParsedCommandLine {
  CommandLine line;
  std::optional<Text> error;  // what to tell the person when the text cannot be read
};

ParsedCommandLine parse_command_line(std::string_view text);

// The text with malformed UTF-8 bytes and NULs replaced by U+FFFD: user text entering any other
// way than the command line (form fields) goes through this too.
std::string valid_utf8(std::string_view text);
// Whether the text is well-formed UTF-8 as valid_utf8 means it (no overlongs, no surrogates).
// NUL is well-formed: text stored before valid_utf8 replaced it still renders.
bool is_valid_utf8(std::string_view text);

// What a person typed, as neutral command text: '&', '<' and '>' escaped.
std::string encode_typed_text(std::string_view typed);
// A mention of the person, as neutral command text.
std::string mention_markup(std::string_view user_id);

// The user id of a whole-text mention ("<@U123>" or "<@U123|name>"), for option values.
std::optional<std::string> mention_user_id(std::string_view text);

}  // namespace accord::commands
