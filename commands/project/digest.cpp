#include "commands/project/digest.hpp"

#include <algorithm>

#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/project/pending_approvals.hpp"
#include "commands/time/availability.hpp"
#include "commands/time/business_calendar.hpp"
#include "commands/time/calendar.hpp"
#include "commands/time/time_policy.hpp"
#include "store/acceptances.hpp"
#include "store/roles.hpp"

namespace accord::commands {
namespace {

using store::Timestamp;

constexpr std::string_view kSnoozeUsage = "snooze digest 1h|tomorrow";
// A digest time set before working hours (08:00 with hours from 09:00) still sends within this.
constexpr auto kDigestWindow = std::chrono::hours(1);

std::string digest_key(std::int64_t project_id, const std::string& user) {
  return "digest/" + std::to_string(project_id) + "/" + user;
}

bool is_approver(Context& context, const std::string& user) {
  return holds_any(store::Roles(context.db).of(context.bound_project().id, user),
                   {store::Role::customer, store::Role::delegate});
}

Timestamp next_morning(Context& context, const std::string& user, Timestamp after) {
  const auto& project = context.bound_project();
  return next_working_time(person_calendar(context.db, project, user), after,
                           time_policy(context.db, project).digest_time);
}

// Today's digest time in the calendar's zone, once it has come: nullopt on a day off and before it.
std::optional<Timestamp> this_morning(const BusinessCalendar& calendar,
                                      std::chrono::minutes digest_time, Timestamp now) {
  const auto at = next_working_time(calendar, now - std::chrono::hours(24), digest_time);
  if (at > now || local_date(at, calendar.zone) != local_date(now, calendar.zone)) {
    return std::nullopt;
  }
  return at;
}

// What waits on the approver, oldest first: tasks to accept, change requests and proposals.
std::vector<WaitingItem> digest_waiting_on(Context& context) {
  auto items = waiting_scope_decisions(context, true);
  for (const auto& acceptance :
       store::Acceptances(context.db).waiting(context.bound_project().id)) {
    items.push_back(
        {acceptance.requested_at, Text("Accept ")
                                      .code(object_id("T", acceptance.task_number))
                                      .plain(" " + acceptance.task_title + ", marked done by ")
                                      .mention(acceptance.requested_by)});
  }
  return items;
}

void set_digest(Context& context, const std::string& user, Timestamp due, bool earlier_only) {
  const auto& project = context.bound_project();
  store::ScheduledJob job;
  job.key = digest_key(project.id, user);
  job.project_id = project.id;
  job.kind = kDigestJob;
  job.subject = user;
  job.due_at = due;
  job.created_at = context.now;
  store::Schedule schedule(context.db);
  earlier_only ? schedule.set_earlier(job) : schedule.set(job);
}

}  // namespace

void schedule_digest(Context& context, const std::string& user) {
  set_digest(context, user, next_morning(context, user, context.now), true);
}

void schedule_digests(Context& context) {
  for (const auto& user : approvers(context)) schedule_digest(context, user);
}

// The digest is this morning's in the person's own zone: it goes once their digest time has come
// on a working day, for what already waited then, while they are at work. A job that comes due at
// any other hour waits for their next morning: one set in the project's zone before theirs was
// known, one run late into the evening after downtime, or one for something that started waiting
// after this morning's digest.
int run_digest(Context& context, const store::ScheduledJob& job) {
  store::Schedule schedule(context.db);
  const auto& user = job.subject;
  if (!is_approver(context, user)) {
    schedule.cancel(job.key);
    return 0;
  }
  refresh_profile(context, user);  // their zone, looked up again at most once a day
  auto items = digest_waiting_on(context);
  if (items.empty()) {
    schedule.cancel(job.key);
    return 0;
  }
  const auto calendar = person_calendar(context.db, context.bound_project(), user);
  const auto morning = this_morning(
      calendar, time_policy(context.db, context.bound_project()).digest_time, context.now);
  const bool owed = morning && std::ranges::any_of(items, [&](const WaitingItem& item) {
                      return item.since <= *morning;
                    });
  const bool at_work = in_working_hours(calendar, context.now) ||
                       (morning && context.now < *morning + kDigestWindow);
  if (!owed || !at_work) {
    set_digest(context, user, next_morning(context, user, context.now), false);
    return 0;
  }
  const auto count = items.size();
  auto reply = waiting_list(context, std::move(items),
                            "Waiting on you in " + context.bound_project().name, Text());
  Message message = std::move(reply.message);
  message.summary = std::to_string(count) + (count == 1 ? " thing waits" : " things wait") +
                    " on you in " + context.bound_project().name;
  const auto project = project_option(context.bound_project());
  message.buttons.push_back(command_button("Snooze 1 h", "snooze digest 1h" + project));
  message.buttons.push_back(
      command_button("Snooze until tomorrow", "snooze digest tomorrow" + project));
  Text note = message.note;
  note.plain(note.empty() ? "" : " ")
      .plain("Your morning digest. ")
      .code("/accord pending")
      .plain(" shows it any time.");
  message.note = std::move(note);
  // Someone who takes requests only at certain hours gets it at the next of them.
  notify_person(context, user, message,
                job.key + "@" + std::to_string(store::to_millis(job.due_at)),
                availability_wait(context.db, context.bound_project(), user, context.now));
  set_digest(context, user, next_morning(context, user, context.now), false);
  return 1;
}

Reply snooze_command(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kSnoozeUsage)) return std::move(*refusal);
  if (args.positional.size() != 2 || lower_ascii(args.positional[0].text) != "digest") {
    return usage(Text("Say what to snooze and for how long."), kSnoozeUsage);
  }
  const auto how = lower_ascii(args.positional[1].text);
  if (how != "1h" && how != "tomorrow") {
    return usage(Text("Snooze for ").code("1h").plain(" or until ").code("tomorrow").plain("."),
                 kSnoozeUsage);
  }
  const auto& user = context.request.user;
  if (!is_approver(context, user)) {
    return private_reply(Text("Only the customer and delegates get digests to snooze."));
  }
  const auto calendar = person_calendar(context.db, context.bound_project(), user);
  const auto due = how == "1h"
                       ? defer_to_working_hours(calendar, context.now + std::chrono::hours(1))
                       : next_morning(context, user, context.now);
  set_digest(context, user, due, false);
  const auto when = local_time(due, calendar.zone);
  record_decision(context, "reminder.snooze", "digest", "", "until " + when);
  return private_reply(Text("Snoozed. I'll remind you again at " + when + "."));
}

JobOutcome run_digest_job(Context& context, const store::ScheduledJob& job) {
  return {run_digest(context, job)};
}

}  // namespace accord::commands
