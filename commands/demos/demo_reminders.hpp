// Reminders to the people of the project a business day and an hour before a demo.
#pragma once

#include "commands/core/registry.hpp"
#include "store/demos.hpp"

namespace accord::commands {

inline constexpr std::string_view kDemoDayJob = "demo_day";
inline constexpr std::string_view kDemoHourJob = "demo_hour";

// Sets both reminders, each only while there is still time for it.
void schedule_demo_reminders(Context& context, const store::Demo& demo);
// The day before it waits for each person's working hours; the hour before goes at once.
JobOutcome run_demo_day_reminder(Context& context, const store::ScheduledJob& job);
JobOutcome run_demo_hour_reminder(Context& context, const store::ScheduledJob& job);

}  // namespace accord::commands
