#include "commands/project/sponsor_notice.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/time/availability.hpp"
#include "commands/time/business_calendar.hpp"
#include "commands/time/calendar.hpp"
#include "commands/time/jobs.hpp"
#include "commands/time/time_policy.hpp"
#include "store/acceptances.hpp"
#include "store/capabilities.hpp"
#include "store/change_requests.hpp"
#include "store/projects.hpp"
#include "store/schedule.hpp"
#include "store/sponsor_notices.hpp"

namespace accord::commands {
namespace {

constexpr auto kRepeatAfter = std::chrono::hours(24 * 7);

}  // namespace

std::vector<CustomerWait> waiting_on_customer(Context& context) {
  const auto& project = context.bound_project();
  std::vector<CustomerWait> items;
  for (const auto& request : store::ChangeRequests(context.db).pending(project.id)) {
    const auto id = object_id("CR", request.number);
    const auto& title = request.title_after.empty() ? request.title_before : request.title_after;
    items.push_back({id, request.proposed_at,
                     Text().code(id).plain(" change request (" + request.kind + "): " + title)});
  }
  store::Capabilities capabilities(context.db);
  for (const auto& capability : capabilities.awaiting_decision(project.id)) {
    const auto proposal = capabilities.latest_proposal(capability.objective_id);
    const auto id = object_id("C", capability.number);
    items.push_back({id, proposal ? proposal->submitted_at : capability.created_at,
                     Text().code(id).plain(" proposed capability: " + capability.title)});
  }
  for (const auto& acceptance : store::Acceptances(context.db).waiting(project.id)) {
    const auto id = object_id("T", acceptance.task_number);
    items.push_back({id + "#" + std::to_string(acceptance.id), acceptance.requested_at,
                     Text().code(id).plain(" to accept: " + acceptance.task_title)});
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const CustomerWait& a, const CustomerWait& b) { return a.since < b.since; });
  return items;
}

namespace {

void schedule_at(Context& context, store::Timestamp due, bool earlier_only) {
  const auto& project = context.bound_project();
  store::ScheduledJob job;
  job.key = std::string(kSponsorCheckJob) + "/" + std::to_string(project.id);
  job.project_id = project.id;
  job.kind = kSponsorCheckJob;
  job.due_at = due;
  job.created_at = context.now;
  store::Schedule schedule(context.db);
  earlier_only ? schedule.set_earlier(job) : schedule.set(job);
}

// The next working morning in the project's calendar (tomorrow's or later); with no working
// day in the next month (holidays throughout), a month from now, so the check never stops.
store::Timestamp next_morning(Context& context) {
  return morning_after(context, local_day(context.now, context.bound_project().timezone))
      .value_or(context.now + std::chrono::days(31));
}

}  // namespace

void schedule_sponsor_check(Context& context) {
  schedule_at(context, next_morning(context), true);
}

int schedule_all_sponsor_checks(store::Database& db, store::Timestamp now,
                                const std::string& public_url) {
  store::Transaction tx(db);
  int scheduled = 0;
  for (const auto id : store::SponsorNotices(db).projects_with_waiting_decisions()) {
    auto project = store::Projects(db).find(id);
    if (!project) continue;
    SystemContext system(db, *project, now, public_url);
    schedule_sponsor_check(system.context);
    ++scheduled;
  }
  tx.commit();
  return scheduled;
}

JobOutcome run_sponsor_check(Context& context, const store::ScheduledJob& job) {
  const auto& project = context.bound_project();
  const auto items = waiting_on_customer(context);
  if (items.empty()) {
    store::Schedule(context.db).cancel(job.key);
    return {};
  }
  // Checked again each working morning while anything waits.
  schedule_at(context, next_morning(context), false);
  const auto setting = setting_value(context.db, project.id, "sponsor_after");
  if (setting == "off") return {};
  int days = 3;
  if (const auto parsed = std::atoi(setting.c_str()); parsed > 0) days = parsed;
  const auto sponsors = holders(context, {store::Role::sponsor});
  if (sponsors.empty()) return {};

  const auto calendar = time_policy(context.db, project).calendar;
  store::SponsorNotices notices(context.db);
  std::vector<const CustomerWait*> due;
  for (const auto& item : items) {
    if (add_business_days(calendar, item.since, days) > context.now) continue;
    const auto last = notices.last(project.id, item.item);
    if (last && context.now - *last < kRepeatAfter) continue;
    due.push_back(&item);
  }
  if (due.empty()) return {};

  Text waiting_on;
  for (const auto& user : approvers(context)) {
    waiting_on.plain(waiting_on.empty() ? "" : ", ").mention(user);
  }
  if (waiting_on.empty()) waiting_on.plain("nobody: the project has no customer or delegate yet");
  Text lines = Text("Waiting on the customer side for more than " + std::to_string(days) +
                    (days == 1 ? " business day:" : " business days:"));
  nlohmann::json logged = nlohmann::json::array();
  for (const auto* item : due) {
    lines.plain("\n\xE2\x80\xA2 ")
        .append(item->line)
        .plain(" \xE2\x80\x94 since " + local_time(context, item->since) + " (" +
               describe_age(item->since, context.now) + ")");
    logged.push_back(item->item);
    notices.record(project.id, item->item, context.now);
  }
  Message message;
  message.title = "Decisions waiting in " + project.name;
  message.summary = std::to_string(due.size()) +
                    (due.size() == 1 ? " decision waits" : " decisions wait") +
                    " on the customer side in " + project.name;
  message.sections = {paragraph(std::move(lines)),
                      paragraph(Text("They wait on ").append(waiting_on).plain("."))};
  message.note = Text("You hear of each at most once a week. ")
                     .code("/accord pending")
                     .plain(" shows everything that waits.");
  for (const auto& user : sponsors) {
    notify_person(context, user, message,
                  job.key + ":" + std::to_string(store::to_millis(context.now)) + ":" + user,
                  available_moment(context.db, project, user, context.now));
  }
  record_decision(context, "sponsor.notice", "sponsor", "", logged.dump());
  return {static_cast<int>(sponsors.size()), true};
}

}  // namespace accord::commands
