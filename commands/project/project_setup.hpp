// `setup "<project name>" [tz=] [sprint=] [hours=]`: binds the channel to a new project and makes
// the caller its pm.
#pragma once

#include "commands/core/context.hpp"

namespace accord::commands {

Reply setup_project(Context& context, const CommandLine& args);

}  // namespace accord::commands
