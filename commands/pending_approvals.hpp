// `approvals`: what waits on a customer-side decision, oldest first with its age: pending
// change requests and capabilities of submitted proposals. An approver sees what waits on them.
#pragma once

#include "commands/context.hpp"

namespace accord::commands {

Reply list_approvals(Context& context, const CommandLine& args);

}  // namespace accord::commands
