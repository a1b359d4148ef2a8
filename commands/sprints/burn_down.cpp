#include "commands/sprints/burn_down.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <date/date.h>

#include "commands/sprints/sprint_capacity.hpp"
#include "commands/sprints/sprint_work.hpp"
#include "commands/time/calendar.hpp"
#include "commands/time/jobs.hpp"
#include "store/projects.hpp"
#include "store/schedule.hpp"
#include "store/sprint_snapshots.hpp"

namespace accord::commands {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

std::string burn_down_key(const store::Sprint& sprint) {
  return std::string(kBurnDownJob) + "/" + std::to_string(sprint.id);
}

// The first end of a working day after `after`, up to the sprint's last; nullopt past it.
std::optional<store::Timestamp> next_snapshot(Context& context, const store::Sprint& sprint,
                                              store::Timestamp after) {
  const auto calendar = sprint_calendar(context);
  const auto dates = sprint_dates(calendar, sprint);
  if (dates.working.empty()) return std::nullopt;
  // Not before the sprint's first day (a sprint may be started early).
  after =
      std::max(after, local_instant(calendar.zone, dates.working.front(), std::chrono::minutes(0)) -
                          std::chrono::milliseconds(1));
  const auto at = next_working_time(calendar, after, calendar.day_end);
  if (at > local_instant(calendar.zone, dates.working.back(), calendar.day_end)) {
    return std::nullopt;
  }
  return at;
}

void schedule_at(Context& context, const store::Sprint& sprint, store::Timestamp after,
                 bool keep_existing) {
  store::Schedule schedule(context.db);
  const auto key = burn_down_key(sprint);
  if (keep_existing && schedule.find(key)) return;
  const auto due = next_snapshot(context, sprint, after);
  if (!due) {
    schedule.cancel(key);
    return;
  }
  store::ScheduledJob job;
  job.key = key;
  job.project_id = sprint.project_id;
  job.kind = kBurnDownJob;
  job.subject = std::to_string(sprint.number);
  job.due_at = *due;
  job.created_at = context.now;
  schedule.set(job);
}

// Hours planned when the sprint started: the work in it then, at today's estimates.
double hours_at_start(const SprintWork& work, const store::Sprint& sprint) {
  double hours = 0;
  for (const auto& item : work.items) {
    if (!sprint.started_at || item.added_at <= *sprint.started_at) hours += item.hours;
  }
  return hours;
}

// "Wed 2"
std::string day_label(sys_days day) {
  return date::format("%a ", day) +
         std::to_string(static_cast<unsigned>(date::year_month_day(day).day()));
}

}  // namespace

void schedule_burn_down(Context& context, const store::Sprint& sprint) {
  schedule_at(context, sprint, context.now, false);
}

int schedule_all_burn_downs(store::Database& db, store::Timestamp now,
                            const std::string& public_url) {
  store::Transaction tx(db);
  int scheduled = 0;
  for (const auto& sprint : store::Sprints(db).running()) {
    auto project = store::Projects(db).find(sprint.project_id);
    if (!project) continue;
    SystemContext system(db, *project, now, public_url);
    schedule_at(system.context, sprint, now, true);
    ++scheduled;
  }
  tx.commit();
  return scheduled;
}

JobOutcome run_burn_down_snapshot(Context& context, const store::ScheduledJob& job) {
  const auto sprint = store::Sprints(context.db).find(job.project_id, job_number(job));
  if (!sprint || sprint->status != store::SprintStatus::active) {
    store::Schedule(context.db).cancel(job.key);
    return {};
  }
  // The figures now stand for the latest working day that has ended: the one the job was due for,
  // or, after the server was down for days (or a retry), the last of those it missed. Days before
  // stay without a figure rather than get today's.
  const auto calendar = sprint_calendar(context);
  const auto dates = sprint_dates(calendar, *sprint);
  std::optional<sys_days> ended;
  for (const auto day : dates.working) {
    if (local_instant(calendar.zone, day, calendar.day_end) <= context.now) ended = day;
  }
  if (ended) {
    const auto work = load_work(context, *sprint);
    store::SprintSnapshot snapshot;
    snapshot.day = format_date(*ended);
    snapshot.planned_hours = work.hours();
    snapshot.remaining_hours = work.hours() - work.hours_accepted();
    snapshot.taken_at = context.now;
    store::SprintSnapshots(context.db).record(sprint->id, snapshot);
  }
  schedule_at(context, *sprint, context.now, false);
  return {};
}

charts::BurnDown burn_down(Context& context, const store::Sprint& sprint, sys_days today) {
  const auto dates = sprint_dates(sprint_calendar(context), sprint);
  const auto work = load_work(context, sprint);
  std::map<std::string, store::SprintSnapshot> taken;
  for (auto& snapshot : store::SprintSnapshots(context.db).list(sprint.id)) {
    taken.emplace(snapshot.day, std::move(snapshot));
  }
  const double start =
      sprint.status == store::SprintStatus::planned ? work.hours() : hours_at_start(work, sprint);
  charts::BurnDown chart;
  chart.title = sprint_id(sprint) + " burn-down";
  chart.planned = start;
  double planned_before = start;
  const auto count = static_cast<double>(dates.working.size());
  for (std::size_t i = 0; i < dates.working.size(); ++i) {
    const auto day = dates.working[i];
    charts::BurnDownDay point;
    point.label = day_label(day);
    point.ideal = std::max(0.0, start * (1.0 - static_cast<double>(i + 1) / count));
    std::optional<double> planned;
    if (const auto found = taken.find(format_date(day)); found != taken.end()) {
      planned = found->second.planned_hours;
      point.remaining = found->second.remaining_hours;
    } else if (day == today && sprint.status == store::SprintStatus::active) {
      planned = work.hours();
      point.remaining = work.hours() - work.hours_accepted();
      point.live = true;
    }
    if (planned) {
      point.scope_changed = std::fabs(*planned - planned_before) > 0.01;
      planned_before = *planned;
    }
    chart.days.push_back(std::move(point));
  }
  return chart;
}

}  // namespace accord::commands
