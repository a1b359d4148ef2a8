#include "commands/project/weekly_report.hpp"

#include <date/date.h>

#include "commands/backlog/task_dates.hpp"
#include "commands/project/report.hpp"
#include "commands/project/report_charts.hpp"
#include "commands/time/calendar.hpp"
#include "commands/time/jobs.hpp"
#include "commands/time/time_policy.hpp"
#include "store/projects.hpp"
#include "store/schedule.hpp"

namespace accord::commands {
namespace {

// A week and a little: a chart stays reachable until the next report's replaces it.
constexpr std::chrono::hours kWeeklyChartLifetime{8 * 24};

std::string report_key(std::int64_t project_id) {
  return std::string(kWeeklyReportJob) + "/" + std::to_string(project_id);
}

// One week's report: the day the setting names (its occurrence) and when it goes, which a holiday
// moves to the next working day.
struct Occurrence {
  std::chrono::sys_days day;
  store::Timestamp at;
};

// The first report after now among the occurrences from `first` on; nullopt when it is off.
std::optional<Occurrence> next_report(Context& context, std::chrono::sys_days first) {
  const auto& project = context.bound_project();
  const auto when = parse_weekly_time(setting_value(context.db, project.id, "report"));
  if (!when) return std::nullopt;
  const auto calendar = time_policy(context.db, project).calendar;
  const auto today = local_day(context.now, calendar.zone);
  std::optional<Occurrence> next;
  for (auto day = std::max(first, today - std::chrono::days(7));
       day <= today + std::chrono::days(14); day += std::chrono::days(1)) {
    if (date::weekday(day).c_encoding() != static_cast<unsigned>(when->weekday)) continue;
    auto sent_on = day;
    if (calendar.holidays.count(format_date(day)) != 0) {
      // The next working day (bounded: a calendar of nothing but holidays must not loop).
      for (int moved = 0; moved < 31 && !is_working_date(calendar, sent_on); ++moved) {
        sent_on += std::chrono::days(1);
      }
    }
    const auto at = local_instant(calendar.zone, sent_on, when->time);
    if (at > context.now && (!next || at < next->at)) next = Occurrence{day, at};
  }
  return next;
}

// Schedules the first report from the occurrence `first` on (each occurrence goes once: the job
// names its own, and the next is looked for after it).
void schedule_from(Context& context, std::chrono::sys_days first) {
  store::Schedule schedule(context.db);
  const auto key = report_key(context.bound_project().id);
  const auto next = next_report(context, first);
  if (!next) {
    schedule.cancel(key);
    return;
  }
  store::ScheduledJob job;
  job.key = key;
  job.project_id = context.bound_project().id;
  job.kind = kWeeklyReportJob;
  job.subject = format_date(next->day);
  job.due_at = next->at;
  job.created_at = context.now;
  schedule.cancel(key);  // set() keeps a job's subject: this one names another occurrence
  schedule.set(job);
}

// The occurrence a scheduled report stands for, or the earliest one worth looking at: a week back
// (last week's report, moved past a holiday, may still be ahead).
std::chrono::sys_days pending_occurrence(Context& context) {
  if (const auto job = store::Schedule(context.db).find(report_key(context.bound_project().id))) {
    if (const auto day = parse_date(job->subject)) return *day;
  }
  return local_day(context.now, context.bound_project().timezone) - std::chrono::days(7);
}

}  // namespace

void schedule_weekly_report(Context& context) {
  schedule_from(context, pending_occurrence(context));
}

int schedule_all_weekly_reports(store::Database& db, store::Timestamp now,
                                const std::string& public_url) {
  store::Transaction tx(db);
  int scheduled = 0;
  for (const auto id : store::Projects(db).ids()) {
    auto project = store::Projects(db).find(id);
    if (!project) continue;
    SystemContext system(db, *project, now, public_url);
    auto& context = system.context;
    if (store::Schedule(db).find(report_key(id))) continue;
    schedule_from(context, pending_occurrence(context));
    scheduled += store::Schedule(db).find(report_key(id)) ? 1 : 0;
  }
  tx.commit();
  return scheduled;
}

JobOutcome run_weekly_report(Context& context, const store::ScheduledJob& job) {
  // The next occurrence after this one, never this one again (a holiday set afterwards).
  const auto sent = parse_date(job.subject);
  schedule_from(context, sent ? *sent + std::chrono::days(1)
                              : local_day(context.now, context.bound_project().timezone));
  const auto& project = context.bound_project();
  const auto readers = holders(context, {store::Role::customer, store::Role::delegate,
                                         store::Role::sponsor, store::Role::pm});
  if (readers.empty()) return {};
  // Drawn once: the charts show nothing a member of the project may not see.
  const auto pictures = report_charts(context, project_today(context), kWeeklyChartLifetime);
  for (const auto& user : readers) {
    auto message = status_report(context, user, pictures);
    message.title = "Weekly report: " + project.name;
    message.summary = "Weekly report of " + project.name;
    notify_person(context, user, message,
                  job.key + ":" + std::to_string(store::to_millis(job.due_at)) + ":" + user);
  }
  return {static_cast<int>(readers.size()), false};
}

}  // namespace accord::commands
