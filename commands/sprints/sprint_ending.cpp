#include "commands/sprints/sprint_ending.hpp"

#include <algorithm>

#include <date/date.h>

#include "commands/core/object_ids.hpp"
#include "commands/project/pending_approvals.hpp"
#include "commands/sprints/sprint_capacity.hpp"
#include "commands/sprints/sprint_work.hpp"
#include "commands/time/availability.hpp"
#include "commands/time/jobs.hpp"
#include "commands/time/time_policy.hpp"
#include "store/acceptances.hpp"
#include "store/schedule.hpp"

namespace accord::commands {

namespace {

std::string ending_key(const store::Sprint& sprint) {
  return "sprint-ending/" + std::to_string(sprint.project_id) + "/" + std::to_string(sprint.number);
}

}  // namespace

void schedule_sprint_ending(Context& context, const store::Sprint& sprint) {
  const auto& project = context.bound_project();
  const auto key = ending_key(sprint);
  const auto at = morning_before(context, sprint_dates(sprint_calendar(context), sprint).end);
  // Started too late for a reminder the day before, or the calendar changed and that morning has
  // passed: a reminder set earlier would now name the wrong day.
  if (!at || *at < context.now) {
    store::Schedule(context.db).cancel(key);
    return;
  }
  store::ScheduledJob job;
  job.key = key;
  job.project_id = project.id;
  job.kind = kSprintEndingJob;
  job.subject = std::to_string(sprint.number);
  job.due_at = *at;
  job.created_at = context.now;
  store::Schedule(context.db).set(job);
}

void reschedule_sprint_ending(Context& context, const store::Sprint& sprint) {
  // Once sent, the job is gone: the people told are not told again.
  if (!store::Schedule(context.db).find(ending_key(sprint))) return;
  schedule_sprint_ending(context, sprint);
}

// One business day before the sprint's last day: the pm always, and the customer side when
// something still awaits their acceptance, get the list.
JobOutcome run_sprint_ending(Context& context, const store::ScheduledJob& job) {
  store::Schedule(context.db).cancel(job.key);
  const auto sprint = store::Sprints(context.db).find(job.project_id, job_number(job));
  if (!sprint || sprint->status != store::SprintStatus::active) return {};
  const auto id = sprint_id(*sprint);
  const auto work = load_work(context, *sprint);
  std::vector<WaitingItem> waiting;
  for (const auto& acceptance : store::Acceptances(context.db).waiting(job.project_id)) {
    if (!work.contains(acceptance.task_id)) continue;
    waiting.push_back(
        {acceptance.requested_at,
         Text().code(object_id("T", acceptance.task_number)).plain(" " + acceptance.task_title)});
  }
  const auto dates = sprint_dates(sprint_calendar(context), *sprint);
  const std::string title = id + " \xE2\x80\x9C" + sprint->goal + "\xE2\x80\x9D ends tomorrow (" +
                            date::format("%F", dates.end) + ")";
  const bool something_waits = !waiting.empty();
  Message message;
  if (!something_waits) {
    message.title = title;
    message.sections.push_back(paragraph(Text("Nothing awaits acceptance.")));
  } else {
    auto reply =
        waiting_list(context, std::move(waiting), title + ": still awaiting acceptance", Text());
    message = std::move(reply.message);
  }
  message.summary = id + " ends tomorrow";
  message.note = Text("Close it with ").code("/accord sprint close " + id).plain(" once it ends.");
  auto people = holders(context, {store::Role::pm});
  if (something_waits) {
    for (const auto& user : holders(context, {store::Role::customer, store::Role::delegate})) {
      if (std::find(people.begin(), people.end(), user) == people.end()) people.push_back(user);
    }
  }
  for (const auto& user : people) {
    notify_person(context, user, message, job.key + ":" + user,
                  available_moment(context.db, context.bound_project(), user, context.now));
  }
  return {static_cast<int>(people.size())};
}

}  // namespace accord::commands
