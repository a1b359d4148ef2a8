#include "commands/problems/problem_routing.hpp"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/problems/problem_card.hpp"
#include "commands/problems/problem_visibility.hpp"
#include "commands/time/jobs.hpp"
#include "commands/time/scheduler.hpp"
#include "commands/time/time_policy.hpp"
#include "store/problem_reports.hpp"
#include "store/projects.hpp"
#include "store/schedule.hpp"

namespace accord::commands {

std::string problem_job_key(std::int64_t project_id, int number) {
  return "problem/" + std::to_string(project_id) + "/" + std::to_string(number);
}

namespace problem_routing {
namespace {

// The timeouts frozen on the report when it was filed; the project's current ones for a report
// filed before policies were frozen.
std::pair<BusinessDuration, BusinessDuration> report_timeouts(Context& context,
                                                              const store::ProblemReport& report) {
  const auto policy = time_policy(context.db, context.bound_project());
  auto ack = policy.ack_timeout;
  auto resolve = policy.resolve_timeout;
  const auto frozen = nlohmann::json::parse(report.policy, nullptr, false);
  if (frozen.is_object()) {
    if (auto value = parse_business_duration(frozen.value("ack_timeout", ""))) ack = *value;
    if (auto value = parse_business_duration(frozen.value("resolve_timeout", ""))) {
      resolve = *value;
    }
  }
  return {ack, resolve};
}

}  // namespace

std::vector<std::string> recipients_so_far(Context& context, const store::ProblemReport& report) {
  store::ProblemReports reports(context.db);
  std::vector<std::string> users;
  for (int level = 1; level <= report.level; ++level) {
    for (auto& user : reports.recipients(report.id, level)) {
      if (std::find(users.begin(), users.end(), user) == users.end()) users.push_back(user);
    }
  }
  return users;
}

std::int64_t add_event(Context& context, const store::ProblemReport& report, std::string action,
                       std::string note) {
  return store::ProblemReports(context.db)
      .add_event(report.id, store::ProblemEvent{context.now, context.request.user,
                                                std::move(action), std::move(note)});
}

std::string dedupe_key(const store::ProblemReport& report, std::int64_t event,
                       const std::string& user) {
  return problem_card_key(report) + ":" + std::to_string(event) + ":" + user;
}

Text names(const std::vector<std::string>& users) {
  Text text;
  for (std::size_t i = 0; i < users.size(); ++i) {
    if (i > 0) text.plain(i + 1 == users.size() ? " and " : ", ");
    text.mention(users[i]);
  }
  return text;
}

void arm_deadline(Context& context, const store::ProblemReport& report) {
  const auto [ack_timeout, resolve_timeout] = report_timeouts(context, report);
  const auto& project = context.bound_project();
  // Business time counts in the calendar of whoever must act (DESIGN §3.7): the owner once it
  // is acknowledged; before that each person of the level, and the last of their deadlines
  // holds, so everyone has their full time. Nobody to act: the project's calendar.
  const auto deadline = [&](const std::vector<std::string>& people,
                            const BusinessDuration& timeout) {
    if (people.empty()) {
      return add_business_duration(time_policy(context.db, project).calendar, context.now, timeout);
    }
    store::Timestamp latest{};
    for (const auto& user : people) {
      latest = std::max(latest, add_business_duration(person_calendar(context.db, project, user),
                                                      context.now, timeout));
    }
    return latest;
  };
  std::optional<store::Timestamp> ack;
  std::optional<store::Timestamp> resolve;
  if (report.status == "open" || report.status == "reopened") {
    ack = deadline(store::ProblemReports(context.db).recipients(report.id, report.level),
                   ack_timeout);
  } else if (report.status == "acknowledged") {
    resolve = deadline(
        report.owner.empty() ? std::vector<std::string>{} : std::vector<std::string>{report.owner},
        resolve_timeout);
  }
  store::ProblemReports(context.db).set_deadlines(report.id, ack, resolve);
  store::Schedule schedule(context.db);
  const auto key = problem_job_key(report.project_id, report.number);
  if (!ack && !resolve) {
    schedule.cancel(key);
    return;
  }
  store::ScheduledJob job;
  job.key = key;
  job.project_id = report.project_id;
  job.kind = kProblemDeadlineJob;
  job.subject = std::to_string(report.number);
  job.due_at = ack ? *ack : *resolve;
  job.created_at = context.now;
  schedule.set(job);
}

std::vector<std::string> level_recipients(Context& context, const store::ProblemReport& report,
                                          int level) {
  auto users = store::ProblemReports(context.db).recipients(report.id, level);
  std::erase_if(users, [&](const auto& user) { return !may_see_report(context, report, user); });
  // Nobody left of those frozen (they left the role, or the level was empty when it was filed):
  // whoever holds the level's roles now.
  if (users.empty()) users = eligible_recipients(context, report, level);
  return users;
}

void update_report_card(Context& context, const store::ProblemReport& report) {
  update_card(context, problem_card_key(report), problem_card(context, report),
              [&](const std::string& user) { return may_see_report(context, report, user); });
}

void tell_reporter(Context& context, const store::ProblemReport& report, Message message,
                   std::int64_t event, std::optional<store::Timestamp> not_before) {
  if (!may_see_report(context, report, report.reporter)) return;
  notify_person(context, report.reporter, message, dedupe_key(report, event, report.reporter),
                not_before);
}

}  // namespace problem_routing

using namespace problem_routing;

int arm_reports_without_deadline(Context& context) {
  int armed = 0;
  for (const auto& report : store::ProblemReports(context.db).waiting_without_deadline()) {
    if (report.project_id != context.bound_project().id) continue;
    arm_deadline(context, report);
    ++armed;
  }
  return armed;
}

bool problem_deadline_passed(Context& context, int number) {
  store::ProblemReports reports(context.db);
  auto report = reports.find(context.bound_project().id, number);
  if (!report) return false;
  const auto [ack_timeout, resolve_timeout] = report_timeouts(context, *report);
  const bool waiting_ack = report->status == "open" || report->status == "reopened";
  const bool ack_missed =
      waiting_ack && report->ack_deadline && *report->ack_deadline <= context.now;
  const bool resolve_missed = report->status == "acknowledged" && report->resolve_deadline &&
                              *report->resolve_deadline <= context.now;
  if (!ack_missed && !resolve_missed) {
    // Acted on in time, or the deadline moved: keep the job in step with the report.
    const auto next = waiting_ack ? report->ack_deadline : report->resolve_deadline;
    if (next && (waiting_ack || report->status == "acknowledged")) {
      store::ScheduledJob job{0,
                              problem_job_key(report->project_id, report->number),
                              report->project_id,
                              std::string(kProblemDeadlineJob),
                              std::to_string(number),
                              *next,
                              context.now};
      store::Schedule(context.db).set(job);
    }
    return false;
  }
  const auto id = pr_id(*report);
  const std::string reason =
      ack_missed ? "not acknowledged within " + format_business_duration(ack_timeout)
                 : "not resolved within " + format_business_duration(resolve_timeout) +
                       " of being acknowledged";
  const auto before = recipients_so_far(context, *report);
  int level = report->level + 1;
  std::vector<std::string> users;
  for (; level <= kLastLevel && users.empty(); ++level) {
    users = level_recipients(context, *report, level);
  }
  --level;
  if (!users.empty()) {
    reports.escalate(report->id, level);
    report = reports.find(report->project_id, report->number);
    const auto event =
        add_event(context, *report, "escalated", reason + ": to level " + std::to_string(level));
    // The copies already out show it waiting for an acknowledgement again.
    update_report_card(context, *report);
    for (const auto& user : users) {
      reports.add_recipient(report->id, level, user);
      auto card = problem_card(context, *report);
      card.sections.insert(card.sections.begin(),
                           paragraph(Text("Escalated to you: ")
                                         .code(id)
                                         .plain(" was " + reason + " at the level before.")));
      // Not urgent (DESIGN §3.8): it waits for the new level's working hours.
      post_card(context, store::OutboxKind::direct_message, user, card, problem_card_key(*report),
                dedupe_key(*report, event, user),
                working_moment(context.db, context.bound_project(), user, context.now));
    }
    Message told;
    told.summary = id + " escalated";
    told.sections.push_back(paragraph(Text("Your problem report ")
                                          .code(id)
                                          .plain(" was " + reason + ", so it went a level up, to ")
                                          .append(names(users))
                                          .plain(".")));
    tell_reporter(
        context, *report, told, event,
        working_moment(context.db, context.bound_project(), report->reporter, context.now));
    arm_deadline(context, *report);
    return true;
  }
  if (!reports.stall(report->id)) return false;
  const auto event = add_event(context, *report, "stalled", reason + " at the last level");
  report = reports.find(report->project_id, report->number);
  update_report_card(context, *report);
  store::Schedule(context.db).cancel(problem_job_key(report->project_id, report->number));
  Message told;
  told.title = id + " is stalled";
  told.summary = id + " is stalled";
  told.sections.push_back(
      paragraph(Text("Your problem report ")
                    .code(id)
                    .plain(" was " + reason + " by the last people it can go to, so it is marked ")
                    .strong("stalled")
                    .plain(". It stays open: they can still acknowledge and resolve it, and ")
                    .code("/accord problem show " + id)
                    .plain(" shows its timeline.")));
  tell_reporter(context, *report, told, event,
                working_moment(context.db, context.bound_project(), report->reporter, context.now));
  for (const auto& user : before) {
    if (user == report->reporter || !may_see_report(context, *report, user)) continue;
    Message message;
    message.summary = id + " is stalled";
    message.sections.push_back(
        paragraph(Text().code(id).plain(" was " + reason +
                                        " and is now marked stalled; its reporter was "
                                        "told.")));
    notify_person(context, user, message, dedupe_key(*report, event, user),
                  working_moment(context.db, context.bound_project(), user, context.now));
  }
  return false;
}

JobOutcome run_problem_deadline(Context& context, const store::ScheduledJob& job) {
  store::Schedule(context.db).cancel(job.key);
  return {0, problem_deadline_passed(context, job_number(job))};
}

int arm_all_reports_without_deadline(store::Database& db, store::Timestamp now,
                                     const std::string& public_url) {
  store::Transaction tx(db);
  std::set<std::int64_t> projects;
  for (const auto& report : store::ProblemReports(db).waiting_without_deadline()) {
    projects.insert(report.project_id);
  }
  int armed = 0;
  for (const auto id : projects) {
    auto project = store::Projects(db).find(id);
    if (!project) continue;
    SystemContext system(db, *project, now, public_url);
    armed += arm_reports_without_deadline(system.context);
  }
  tx.commit();
  return armed;
}

}  // namespace accord::commands
