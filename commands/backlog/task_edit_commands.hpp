// Changing a task: its story and acceptance criteria (either side), its priority (customer
// side), its estimate and subtasks (contractor side). Each change is logged with before/after.
#pragma once

#include "commands/core/context.hpp"

namespace accord::commands {

// Each takes the `task ...` arguments, positional[0] being the subcommand.
Reply set_task_story(Context& context, const CommandLine& args);
Reply change_task_criteria(Context& context, const CommandLine& args);
Reply set_task_priority(Context& context, const CommandLine& args);
Reply set_task_estimate(Context& context, const CommandLine& args);
Reply split_task(Context& context, const CommandLine& args);
// `task assign T-1 @person|none`: the one team member (lead, dev or qa) who does the task.
Reply assign_task(Context& context, const CommandLine& args);

}  // namespace accord::commands
