// `task ...`: the backlog (DESIGN §3.2). Everyone on the project adds tasks and sees the backlog;
// the customer side sets priorities; the contractor side estimates and splits.
#pragma once

#include "commands/core/context.hpp"

namespace accord::commands {

Reply task_command(Context& context, const CommandLine& args);

}  // namespace accord::commands
