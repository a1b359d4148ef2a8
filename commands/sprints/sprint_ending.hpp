// "SP-n ends tomorrow": one business day before a running sprint's last day, the pm, and the
// customer side when something still awaits their acceptance, get the list.
#pragma once

#include "commands/core/registry.hpp"
#include "store/sprints.hpp"

namespace accord::commands {

inline constexpr std::string_view kSprintEndingJob = "sprint_ending";

// Set when the sprint starts, at the digest time one business day before its last day.
void schedule_sprint_ending(Context& context, const store::Sprint& sprint);
// After a change of the calendar or the digest time: a reminder not yet sent moves with the
// sprint's last day (withdrawn if that morning has passed); one already sent stays sent.
void reschedule_sprint_ending(Context& context, const store::Sprint& sprint);
JobOutcome run_sprint_ending(Context& context, const store::ScheduledJob& job);

}  // namespace accord::commands
