// `sprint ...` (DESIGN §3.4): the pm plans a sprint with a goal, start date and length, adds
// backlog tasks, starts it when every task is estimated and split and the work fits capacity,
// and closes it when nothing awaits acceptance. Anyone on the project sees its numbers.
#pragma once

#include "commands/core/context.hpp"

namespace accord::commands {

Reply sprint_command(Context& context, const CommandLine& args);

// The pm-only steps, each taking the `sprint ...` arguments with positional[0] the subcommand.
Reply plan_sprint(Context& context, const CommandLine& args);
Reply add_to_sprint(Context& context, const CommandLine& args);
Reply start_sprint(Context& context, const CommandLine& args);
Reply close_sprint(Context& context, const CommandLine& args);
Reply set_member_hours(Context& context, const CommandLine& args);
Reply declare_time_off(Context& context, const CommandLine& args);

// The pm alone plans, starts and closes sprints and sets the team's hours.
const std::vector<store::Role>& sprint_planners();

}  // namespace accord::commands
