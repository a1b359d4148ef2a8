#include "commands/roadmap/change_request_expiry.hpp"

#include "commands/core/object_ids.hpp"
#include "commands/roadmap/change_request_card.hpp"
#include "commands/time/availability.hpp"
#include "commands/time/business_calendar.hpp"
#include "commands/time/jobs.hpp"
#include "commands/time/time_policy.hpp"
#include "store/roadmap.hpp"
#include "store/roles.hpp"
#include "store/schedule.hpp"

namespace accord::commands {
namespace {

std::string expiry_key(std::int64_t project_id, int number) {
  return "cr-expiry/" + std::to_string(project_id) + "/" + std::to_string(number);
}

}  // namespace

void schedule_change_request_expiry(Context& context, const store::ChangeRequest& request) {
  const auto policy = time_policy(context.db, context.bound_project());
  store::ScheduledJob job;
  job.key = expiry_key(request.project_id, request.number);
  job.project_id = request.project_id;
  job.kind = kChangeRequestExpiryJob;
  job.subject = std::to_string(request.number);
  job.due_at =
      add_business_days(policy.calendar, request.proposed_at, policy.change_request_expiry_days);
  job.created_at = context.now;
  store::Schedule(context.db).set(job);
}

JobOutcome run_change_request_expiry(Context& context, const store::ScheduledJob& job) {
  store::Schedule(context.db).cancel(job.key);
  store::ChangeRequests requests(context.db);
  auto request = requests.find(job.project_id, job_number(job));
  if (!request || request->status != "pending") return {};
  const auto days = time_policy(context.db, context.bound_project()).change_request_expiry_days;
  const std::string why =
      "No decision within " + std::to_string(days) + " business day" + (days == 1 ? "" : "s") + ".";
  if (!requests.decide(request->id, "expired", kSystemActor, context.now, why)) return {};
  if (request->kind == "add") store::Roadmap(context.db).set_status(request->item_id, "dropped");
  request = requests.find(job.project_id, request->number);
  const auto id = object_id("CR", request->number);
  record_decision(context, "change_request.expire", id, "pending", "expired");
  update_card(context, card_key(*request), change_request_card(context, *request));
  Message message;
  message.summary = id + " expired";
  message.sections.push_back(paragraph(Text()
                                           .code(id)
                                           .plain(" expired: ")
                                           .append(describe_change(context, *request))
                                           .plain(". " + why +
                                                  " Propose it again if it still "
                                                  "matters.")));
  for (const auto& member : store::Roles(context.db).list(job.project_id)) {
    if (member.role != store::Role::pm) continue;
    notify_person(context, member.user, message, job.key + ":pm:" + member.user,
                  available_moment(context.db, context.bound_project(), member.user, context.now));
  }
  return {};
}

}  // namespace accord::commands
