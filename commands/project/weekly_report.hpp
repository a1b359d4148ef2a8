// The weekly status report (DESIGN §3.9): at `settings report` (e.g. "fri 16:00" in the project's
// zone, off until the pm sets it; a holiday moves it to the next working day), the customer,
// delegates, sponsors and the pm each get the report as they may read it, with its charts, which
// stay reachable for a week.
#pragma once

#include "commands/core/registry.hpp"

namespace accord::commands {

inline constexpr std::string_view kWeeklyReportJob = "weekly_report";

// (Re)schedules the bound project's next report from its setting; cancels it when off.
void schedule_weekly_report(Context& context);
// At start: the next report of every project that has none scheduled (after an upgrade).
int schedule_all_weekly_reports(store::Database& db, store::Timestamp now,
                                const std::string& public_url);
JobOutcome run_weekly_report(Context& context, const store::ScheduledJob& job);

}  // namespace accord::commands
