// `proposal submit|show|decide` (DESIGN §3.1): the contractor sends its capabilities for an
// objective to the customer side, who accepts each, asks for a change or marks it out of scope.
// Accepted capabilities become epics and unscheduled roadmap items.
#pragma once

#include "commands/core/context.hpp"

namespace accord::commands {

Reply proposal_command(Context& context, const CommandLine& args);

}  // namespace accord::commands
