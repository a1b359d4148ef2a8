// Problem reports on their way (DESIGN §3.7): who a report goes to at each level, the deadlines
// it must be acknowledged and resolved by, and what happens when one passes (the next level, or
// stalled). The scheduler's entry points, and the bookkeeping problem_commands shares with them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "commands/core/context.hpp"
#include "commands/core/registry.hpp"
#include "commands/problems/problem_ids.hpp"
#include "store/problem_reports.hpp"

namespace accord::commands {

// The job key of a problem report's next deadline; set, moved or cancelled with its state.
std::string problem_job_key(std::int64_t project_id, int number);

// The scheduler calls this when report `number` (ProblemReport::number) of the bound project
// reaches its deadline: not acknowledged or not resolved in time moves it to the next level with
// recipients (an empty level is skipped), telling them and the reporter why; after the last level
// it is marked stalled and the reporter told. Does nothing when the report was acted on in time.
// Returns whether it escalated the report.
bool problem_deadline_passed(Context& context, int number);

// The job of a report's next deadline: acknowledge or resolve by then, or it escalates.
inline constexpr std::string_view kProblemDeadlineJob = "problem";
JobOutcome run_problem_deadline(Context& context, const store::ScheduledJob& job);

// Sets the deadline of every report of the bound project waiting on someone without one (filed
// before deadlines were kept), counted from now; returns how many.
int arm_reports_without_deadline(Context& context);
// The same for every project, when the server starts (the problems domain's startup work).
int arm_all_reports_without_deadline(store::Database& db, store::Timestamp now,
                                     const std::string& public_url);

namespace problem_routing {

// The last level any category has.
inline constexpr int kLastLevel = 2;

// The people the report went to at its level and the levels below, each once.
std::vector<std::string> recipients_so_far(Context& context, const store::ProblemReport& report);
// The people a level goes to: frozen on the report when it was filed, else (older reports) the
// level's role holders now; only those who may see it.
std::vector<std::string> level_recipients(Context& context, const store::ProblemReport& report,
                                          int level);
// Records a step in the report's timeline, by the requester; returns the event's id.
std::int64_t add_event(Context& context, const store::ProblemReport& report, std::string action,
                       std::string note = {});
// The outbox key of what event `event` tells `user`: once, however often it is retried.
std::string dedupe_key(const store::ProblemReport& report, std::int64_t event,
                       const std::string& user);
// "@a, @b and @c".
Text names(const std::vector<std::string>& users);
// Sets the deadline the report's state calls for, counted in business time from now: to be
// acknowledged while open, to be resolved once acknowledged, none once resolved or stalled.
void arm_deadline(Context& context, const store::ProblemReport& report);
// Shows the report as it is now on every copy of its card whose holder may still see it; a copy
// of someone who may no longer see it is left as it was, or withdrawn if it has not gone out.
void update_report_card(Context& context, const store::ProblemReport& report);
// Tells the reporter, by direct message, about event `event`; nothing once they may no longer
// see the report.
void tell_reporter(Context& context, const store::ProblemReport& report, Message message,
                   std::int64_t event, std::optional<store::Timestamp> not_before = {});

}  // namespace problem_routing
}  // namespace accord::commands
