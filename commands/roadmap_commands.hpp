// `roadmap`, `roadmap add|move|drop ... reason="..."` and `roadmap history` (DESIGN §3.3): the
// approved baseline, what is only proposed, and change requests for every alteration.
#pragma once

#include "commands/context.hpp"

namespace accord::commands {

Reply roadmap_command(Context& context, const CommandLine& args);

}  // namespace accord::commands
