// `task add`: typed with options, or through the "New task" form when no title is given. A
// submitted form that doesn't validate gets its problems next to the fields; nothing is saved.
#pragma once

#include "commands/core/context.hpp"

namespace accord::commands {

// `args.positional[0]` is "add".
Reply add_task(Context& context, const CommandLine& args);

inline constexpr std::string_view kTaskAddUsage =
    "task add \"Title\" [kind=feature|bug|debt|test|docs] [priority=critical|high|medium|low] "
    "[estimate=3h] [epic=C-1] [story=\"...\"] [criteria=\"first; second\"]";

}  // namespace accord::commands
