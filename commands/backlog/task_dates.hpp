// Dates set by the people who do the work (DESIGN §3.9): a task's delivery date (dev or lead) and
// testing date (qa). The customer sets priorities, not dates. A working day before a date the
// people concerned are reminded in their hours; once it passed with the work not done, the pm
// hears.
#pragma once

#include <chrono>
#include <variant>

#include "commands/core/registry.hpp"
#include "store/tasks.hpp"

namespace accord::commands {

inline constexpr std::string_view kTaskDueSoonJob = "task_due_soon";
inline constexpr std::string_view kTaskDuePassedJob = "task_due_passed";
inline constexpr std::string_view kTestDueSoonJob = "task_testdue_soon";
inline constexpr std::string_view kTestDuePassedJob = "task_testdue_passed";

// `task due T-1 YYYY-MM-DD|none [reason="..."]`: dev or lead.
Reply set_task_due(Context& context, const CommandLine& args);
// `task testdue T-1 YYYY-MM-DD|none [reason="..."]`: qa.
Reply set_task_test_due(Context& context, const CommandLine& args);

JobOutcome run_task_due_soon(Context& context, const store::ScheduledJob& job);
JobOutcome run_task_due_passed(Context& context, const store::ScheduledJob& job);
JobOutcome run_test_due_soon(Context& context, const store::ScheduledJob& job);
JobOutcome run_test_due_passed(Context& context, const store::ScheduledJob& job);

// Today in the bound project's calendar.
std::chrono::sys_days project_today(Context& context);
// A date someone plans for: YYYY-MM-DD, today or later in the project's calendar; otherwise the
// private reply saying what is wrong with it.
std::variant<std::chrono::sys_days, Reply> planned_date(Context& context, std::string_view text,
                                                        std::string_view usage_line);

// Whether the task's work for a date is still to do: delivery until it is done, testing too.
bool delivery_open(const store::Task& task);
// " · due Thu 2026-12-10 · testing Fri 2026-12-11", with "overdue" where a date passed and the
// work is open; empty without dates.
Text date_marks(const store::Task& task, std::chrono::sys_days today);
// True when either date passed with the work open.
bool is_overdue(const store::Task& task, std::chrono::sys_days today);

}  // namespace accord::commands
