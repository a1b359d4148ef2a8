// A running sprint's burn-down (DESIGN §3.9): the scheduler takes a snapshot at the end of each
// working day (hours planned, hours still open), and the chart compares those days with the ideal
// line from the hours planned at the start, marking the days the scope changed.
#pragma once

#include <chrono>

#include "commands/charts/charts.hpp"
#include "commands/core/registry.hpp"
#include "store/sprints.hpp"

namespace accord::commands {

inline constexpr std::string_view kBurnDownJob = "burn_down_snapshot";

// The next snapshot of a running sprint: the end of today's working hours, or the next working
// day's.
void schedule_burn_down(Context& context, const store::Sprint& sprint);
// At start: every running sprint's next snapshot, unless one is scheduled already.
int schedule_all_burn_downs(store::Database& db, store::Timestamp now,
                            const std::string& public_url);
JobOutcome run_burn_down_snapshot(Context& context, const store::ScheduledJob& job);

// The chart's data: the hours planned at the start, then one point per working day of the sprint,
// today's from the live figures when its snapshot is not taken yet; later days have no actual
// value.
charts::BurnDown burn_down(Context& context, const store::Sprint& sprint,
                           std::chrono::sys_days today);

}  // namespace accord::commands
