// Releases (DESIGN §3.9): the pm plans a deployment for a date with the tasks it ships, moves it
// (a later date is told to the customer) and marks it shipped; anyone on the project reads them.
// A working day before the date the pm is reminded; if it passes unshipped, the pm hears.
#pragma once

#include "commands/core/registry.hpp"

namespace accord::commands {

inline constexpr std::string_view kReleaseSoonJob = "release_soon";
inline constexpr std::string_view kReleasePassedJob = "release_passed";

Reply release_command(Context& context, const CommandLine& args);

JobOutcome run_release_soon(Context& context, const store::ScheduledJob& job);
JobOutcome run_release_passed(Context& context, const store::ScheduledJob& job);

}  // namespace accord::commands
