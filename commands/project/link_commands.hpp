// Linking a project's homes across organisations and platforms: the pm makes a one-time code for
// a role (`link customer`); someone in the other organisation redeems it in their own Teams
// channel or chat, or Slack channel (`link <code>`), which becomes a further home of the project,
// and they get the role. `link list` shows the homes; the pm can `unlink` one.
#pragma once

#include "commands/core/context.hpp"

namespace accord::commands {

// `link <role>`, `link <code>`, `link list`.
Reply link_command(Context& context, const CommandLine& args);
// `unlink <home number> [confirm=yes]`.
Reply unlink_command(Context& context, const CommandLine& args);

}  // namespace accord::commands
