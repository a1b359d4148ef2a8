// `retro good|problem|action "<text>"` (DESIGN §3.5): anyone on the project notes what went
// well, what went wrong and what to do about it, on the running sprint, or else the sprint
// closed last. `retro` alone shows that sprint's notes.
#pragma once

#include "commands/core/context.hpp"

namespace accord::commands {

Reply retro_command(Context& context, const CommandLine& args);

}  // namespace accord::commands
