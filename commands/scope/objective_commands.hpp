// `objective add|list|show`: the customer's business objectives, numbered O-1, O-2, ...
#pragma once

#include "commands/core/context.hpp"

namespace accord::commands {

Reply objective_command(Context& context, const CommandLine& args);
Reply list_objectives(Context& context, const CommandLine& args);

}  // namespace accord::commands
