// `availability`: when a person takes requests in the project, in their own zone (DESIGN §3.9).
#pragma once

#include "commands/core/context.hpp"

namespace accord::commands {

// `availability mon,wed,fri 10:00-12:00 [fri 14:00-16:00 ...]`, `availability clear`, and
// `availability` alone to see one's own.
Reply availability_command(Context& context, const CommandLine& args);

}  // namespace accord::commands
