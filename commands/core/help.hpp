// `help [topic]`: the overview of every registered command with its help line, and details with
// examples per topic (each domain registers its own, see core/registry.hpp).
#pragma once

#include <string>
#include <string_view>

#include "commands/core/context.hpp"

namespace accord::commands {

Reply show_help(Context& context, const CommandLine& args);

// The parts topics are written with: "`/accord <command>` — description", and an example.
Section command_line(std::string command, std::string_view description);
Section example(std::string command);

}  // namespace accord::commands
