#include "commands/demos/demo_reminders.hpp"

#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/time/availability.hpp"
#include "commands/time/calendar.hpp"
#include "commands/time/jobs.hpp"
#include "commands/time/time_policy.hpp"
#include "store/roles.hpp"
#include "store/schedule.hpp"

namespace accord::commands {
namespace {

JobOutcome run_demo_reminder(Context& context, const store::ScheduledJob& job, bool hour_before) {
  store::Schedule(context.db).cancel(job.key);
  const auto demo = store::Demos(context.db).find(job.project_id, job_number(job));
  if (!demo || demo->status != store::DemoStatus::scheduled) return {};
  const auto id = object_id("D", demo->number);
  Message message;
  message.summary = hour_before ? id + " in an hour" : id + " is coming up";
  Text text = Text("Reminder: the demo ").code(id);
  if (demo->sprint_number) text.plain(" of ").code(object_id("SP", *demo->sprint_number));
  text.plain(hour_before ? " starts in an hour, at " : " is on ")
      .plain(local_time(demo->scheduled_at, context.bound_project().timezone) + ".");
  message.sections.push_back(paragraph(std::move(text)));
  message.note = Text("Feedback during or after it: ")
                     .code("/accord demo feedback " + id + " \"...\" [kind=bug|tweak|idea]");
  const auto people =
      holders(context, {store::Role::customer, store::Role::delegate, store::Role::pm,
                        store::Role::lead, store::Role::dev, store::Role::qa});
  for (const auto& user : people) {
    // An hour before, it goes at once; the day before, it waits for their working hours.
    notify_person(context, user, message, job.key + ":" + user,
                  hour_before ? std::nullopt
                              : std::optional(available_moment(context.db, context.bound_project(),
                                                               user, context.now)));
  }
  return {static_cast<int>(people.size())};
}

}  // namespace

void schedule_demo_reminders(Context& context, const store::Demo& demo) {
  const auto& project = context.bound_project();
  const auto base = std::to_string(project.id) + "/" + std::to_string(demo.number);
  const auto day_before = morning_before(context, local_day(demo.scheduled_at, project.timezone));
  const std::pair<std::string_view, std::optional<store::Timestamp>> reminders[] = {
      {kDemoDayJob, day_before},
      {kDemoHourJob, demo.scheduled_at - std::chrono::hours(1)},
  };
  for (const auto& [kind, due] : reminders) {
    if (!due || *due <= context.now) continue;  // too late for this one
    store::ScheduledJob job;
    job.key = std::string(kind) + "/" + base;
    job.project_id = project.id;
    job.kind = kind;
    job.subject = std::to_string(demo.number);
    job.due_at = *due;
    job.created_at = context.now;
    store::Schedule(context.db).set(job);
  }
}

JobOutcome run_demo_day_reminder(Context& context, const store::ScheduledJob& job) {
  return run_demo_reminder(context, job, false);
}

JobOutcome run_demo_hour_reminder(Context& context, const store::ScheduledJob& job) {
  return run_demo_reminder(context, job, true);
}

}  // namespace accord::commands
