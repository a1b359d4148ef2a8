// `problem report|ack|resolve|reopen|list|show` (DESIGN §3.7): problem reports delivered by
// direct message to the people their category goes to, and only ever shown to those
// problem_visibility allows. They stay out of the shared decision log.
#pragma once

#include "commands/core/context.hpp"

namespace accord::commands {

// Works in the project's channel and in a direct message with Accord (project=<name or id> when
// the person is on several projects).
Reply problem_command(Context& context, const CommandLine& args);

}  // namespace accord::commands
