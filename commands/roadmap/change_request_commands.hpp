// Deciding change requests: `approve CR-n [comment]`, `changes CR-n "<comment>"`,
// `decline CR-n "<comment>"` (customer or delegate, typed or clicked on the card) and
// `withdraw CR-n` (its proposer or the pm). The decision updates every copy of the card.
#pragma once

#include "commands/core/context.hpp"

namespace accord::commands {

Reply approve_change_request(Context& context, const CommandLine& args);
Reply request_changes(Context& context, const CommandLine& args);
Reply decline_change_request(Context& context, const CommandLine& args);
Reply withdraw_change_request(Context& context, const CommandLine& args);

}  // namespace accord::commands
