// `pending`: what waits on the person asking, oldest first with how long it has waited. For the
// customer side, the tasks to accept and the scope decisions; for everyone else, what waits on
// the customer ("the ball is in the customer's court").
#pragma once

#include "commands/core/context.hpp"

namespace accord::commands {

Reply list_pending(Context& context, const CommandLine& args);

}  // namespace accord::commands
