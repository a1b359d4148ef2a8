// `capability add O-n "<title>" covers=S-a,S-b [size=40h]`: the contractor's team drafts the
// capabilities that answer an objective's scenarios, before submitting them as a proposal.
#pragma once

#include "commands/core/context.hpp"

namespace accord::commands {

Reply capability_command(Context& context, const CommandLine& args);

}  // namespace accord::commands
