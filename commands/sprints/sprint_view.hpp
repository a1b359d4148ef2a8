// How sprints read: the planned and started announcements, `sprint [SP-n]` with the numbers a
// burn-down needs, `sprint list`, and retrospective notes grouped good / problem / action.
#pragma once

#include <vector>

#include "commands/core/context.hpp"
#include "commands/sprints/sprint_capacity.hpp"
#include "commands/sprints/sprint_work.hpp"
#include "store/sprints.hpp"

namespace accord::commands {

Message planned_message(Context& context, const store::Sprint& sprint, const Capacity& capacity);
Message started_message(Context& context, const store::Sprint& sprint, const SprintWork& work,
                        const Capacity& capacity);
// Notes under "Went well", "Problems", "Actions"; a single line when there are none.
std::vector<Section> retro_sections(const std::vector<store::RetroNote>& notes);
// Up to kMaxListRows lines of work, then "… and n more".
Text work_lines(const std::vector<const WorkItem*>& items,
                std::optional<std::chrono::sys_days> today = std::nullopt);

// `sprint [SP-n]`, `sprint show SP-n`: anyone on the project.
Reply show_sprint(Context& context, const CommandLine& args);
// `sprint list`: anyone on the project.
Reply list_sprints(Context& context, const CommandLine& args);

}  // namespace accord::commands
