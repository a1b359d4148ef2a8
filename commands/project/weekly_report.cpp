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

// The first moment after now that the setting names; on a holiday, the same time on the next
// working day. nullopt when the report is off. The search starts a week back: last week's report,
// moved past a holiday, may still be ahead.
std::optional<store::Timestamp> next_report(Context& context) {
  const auto& project = context.bound_project();
  const auto when = parse_weekly_time(setting_value(context.db, project.id, "report"));
  if (!when) return std::nullopt;
  const auto calendar = time_policy(context.db, project).calendar;
  const auto today = local_day(context.now, calendar.zone);
  std::optional<store::Timestamp> next;
  for (int n = -7; n <= 14; ++n) {
    auto day = today + std::chrono::days(n);
    if (date::weekday(day).c_encoding() != static_cast<unsigned>(when->weekday)) continue;
    if (calendar.holidays.count(format_date(day)) != 0) {
      // The next working day (bounded: a calendar of nothing but holidays must not loop).
      for (int moved = 0; moved < 31 && !is_working_date(calendar, day); ++moved) {
        day += std::chrono::days(1);
      }
    }
    const auto at = local_instant(calendar.zone, day, when->time);
    if (at > context.now && (!next || at < *next)) next = at;
  }
  return next;
}

void schedule_at(Context& context, bool keep_existing) {
  store::Schedule schedule(context.db);
  const auto key = report_key(context.bound_project().id);
  if (keep_existing && schedule.find(key)) return;
  const auto due = next_report(context);
  if (!due) {
    schedule.cancel(key);
    return;
  }
  store::ScheduledJob job;
  job.key = key;
  job.project_id = context.bound_project().id;
  job.kind = kWeeklyReportJob;
  job.due_at = *due;
  job.created_at = context.now;
  schedule.set(job);
}

}  // namespace

void schedule_weekly_report(Context& context) {
  schedule_at(context, false);
}

int schedule_all_weekly_reports(store::Database& db, store::Timestamp now,
                                const std::string& public_url) {
  store::Transaction tx(db);
  int scheduled = 0;
  for (const auto id : store::Projects(db).ids()) {
    auto project = store::Projects(db).find(id);
    if (!project) continue;
    Request request;
    request.platform = project->platform;
    request.workspace = project->workspace;
    request.channel = project->channel;
    request.user = kSystemActor;
    Context context{request, db, now, project, public_url};
    schedule_at(context, true);
    ++scheduled;
  }
  tx.commit();
  return scheduled;
}

JobOutcome run_weekly_report(Context& context, const store::ScheduledJob& job) {
  schedule_at(context, false);
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
