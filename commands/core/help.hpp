// `help [topic]`: what Accord can do today, and usage with examples per topic.
#pragma once

#include "commands/core/context.hpp"

namespace accord::commands {

Reply show_help(Context& context, const CommandLine& args);

}  // namespace accord::commands
