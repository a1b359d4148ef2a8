// Tokenises command text as Slack sends it with "Escape channels, users, and links" on: entities
// decoded, "quoted words" grouped (typographic quotes too), key=value options, <@U123> mentions.
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

// The text with malformed UTF-8 bytes replaced by U+FFFD: user text entering any other way than
// the command line (form fields) goes through this too.
std::string valid_utf8(std::string_view text);

// The user id of a whole-text mention ("<@U123>" or "<@U123|name>"), for option values.
std::optional<std::string> mention_user_id(std::string_view text);

}  // namespace accord::commands
