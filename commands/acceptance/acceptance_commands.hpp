// Acceptance (DESIGN §3.6): the team starts a task and marks it done; the customer side then
// accepts it or rejects it with a reason, by command or from the card each approver gets.
#pragma once

#include "commands/core/context.hpp"

namespace accord::commands {

// `task start T-n`, `task done T-n`: contractor roles (pm, lead, dev, qa).
Reply start_task(Context& context, const CommandLine& args);
Reply finish_task(Context& context, const CommandLine& args);
// `accept T-n [note]`, `reject T-n "<reason>"`: customer or delegate.
Reply accept_task(Context& context, const CommandLine& args);
Reply reject_task(Context& context, const CommandLine& args);

}  // namespace accord::commands
