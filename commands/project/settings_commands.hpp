// `settings [key=value ...]`: the project's settings. Everyone on the project can read them;
// only the pm changes them. Today: approval=any|all, the rule for customer-side decisions.
#pragma once

#include "commands/core/context.hpp"

namespace accord::commands {

Reply settings_command(Context& context, const CommandLine& args);

}  // namespace accord::commands
