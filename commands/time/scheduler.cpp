#include "commands/time/scheduler.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include <date/date.h>

#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/problems/problem_routing.hpp"
#include "commands/project/digest.hpp"
#include "commands/project/pending_approvals.hpp"
#include "commands/roadmap/change_request_card.hpp"
#include "commands/sprints/sprint_capacity.hpp"
#include "commands/sprints/sprint_work.hpp"
#include "commands/time/calendar.hpp"
#include "commands/time/time_policy.hpp"
#include "store/acceptances.hpp"
#include "store/exports.hpp"
#include "store/problem_reports.hpp"
#include "store/projects.hpp"
#include "store/roadmap.hpp"
#include "store/roles.hpp"
#include "store/schedule.hpp"

namespace accord::commands {
namespace {

using std::chrono::minutes;
using store::Timestamp;

constexpr int kBatch = 50;
constexpr auto kRetryFailedJob = minutes(1);
// A job failing this many times is given up (and reported): it will not fix itself.
constexpr int kMaxJobAttempts = 5;

std::string expiry_key(std::int64_t project_id, int number) {
  return "cr-expiry/" + std::to_string(project_id) + "/" + std::to_string(number);
}

// The object number a job is about (its subject). Stored by this code, so a bad one means a
// corrupt row: 0, which finds nothing, so the job ends quietly.
int number_of(const store::ScheduledJob& job) {
  int number = 0;
  const auto* end = job.subject.data() + job.subject.size();
  const auto [ptr, ec] = std::from_chars(job.subject.data(), end, number);
  return ec == std::errc() && ptr == end ? number : 0;
}

// The digest time of the last working day before `day` (a local date), in the project's zone.
std::optional<Timestamp> morning_before(Context& context, std::chrono::sys_days day) {
  const auto policy = time_policy(context.db, context.bound_project());
  for (int back = 1; back <= 31; ++back) {
    const auto at = parse_local_minute(
        date::format("%F ", day - std::chrono::days(back)) + format_time_of_day(policy.digest_time),
        policy.calendar.zone);
    const auto* instant = std::get_if<Timestamp>(&at);
    if (instant != nullptr && is_working_day(policy.calendar, *instant)) return *instant;
  }
  return std::nullopt;
}

std::vector<std::string> holders(Context& context, const std::vector<store::Role>& wanted) {
  std::vector<std::string> users;
  for (const auto& member : store::Roles(context.db).list(context.bound_project().id)) {
    if (std::find(wanted.begin(), wanted.end(), member.role) == wanted.end()) continue;
    if (std::find(users.begin(), users.end(), member.user) == users.end()) {
      users.push_back(member.user);
    }
  }
  return users;
}

// One business day before the sprint's last day: the pm always, and the customer side when
// something still awaits their acceptance, get the list. Returns how many reminders it queued.
int run_sprint_ending(Context& context, const store::ScheduledJob& job) {
  store::Schedule(context.db).cancel(job.key);
  const auto sprint = store::Sprints(context.db).find(job.project_id, number_of(job));
  if (!sprint || sprint->status != store::SprintStatus::active) return 0;
  const auto id = sprint_id(*sprint);
  const auto work = load_work(context, *sprint);
  std::vector<WaitingItem> waiting;
  for (const auto& acceptance : store::Acceptances(context.db).waiting(job.project_id)) {
    if (!work.contains(acceptance.task_id)) continue;
    waiting.push_back(
        {acceptance.requested_at,
         Text().code(object_id("T", acceptance.task_number)).plain(" " + acceptance.task_title)});
  }
  const auto dates = sprint_dates(*sprint);
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
                  working_moment(context.db, context.bound_project(), user, context.now));
  }
  return static_cast<int>(people.size());
}

// Returns how many reminders it queued.
int run_demo_reminder(Context& context, const store::ScheduledJob& job, bool hour_before) {
  store::Schedule(context.db).cancel(job.key);
  const auto demo = store::Demos(context.db).find(job.project_id, number_of(job));
  if (!demo || demo->status != store::DemoStatus::scheduled) return 0;
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
                              : std::optional(working_moment(context.db, context.bound_project(),
                                                             user, context.now)));
  }
  return static_cast<int>(people.size());
}

void run_change_request_expiry(Context& context, const store::ScheduledJob& job) {
  store::Schedule(context.db).cancel(job.key);
  store::ChangeRequests requests(context.db);
  auto request = requests.find(job.project_id, number_of(job));
  if (!request || request->status != "pending") return;
  const auto days = time_policy(context.db, context.bound_project()).change_request_expiry_days;
  const std::string why =
      "No decision within " + std::to_string(days) + " business day" + (days == 1 ? "" : "s") + ".";
  if (!requests.decide(request->id, "expired", kSystemActor, context.now, why)) return;
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
                  working_moment(context.db, context.bound_project(), member.user, context.now));
  }
}

}  // namespace

void schedule_change_request_expiry(Context& context, const store::ChangeRequest& request) {
  const auto policy = time_policy(context.db, context.bound_project());
  store::ScheduledJob job;
  job.key = expiry_key(request.project_id, request.number);
  job.project_id = request.project_id;
  job.kind = "cr_expiry";
  job.subject = std::to_string(request.number);
  job.due_at =
      add_business_days(policy.calendar, request.proposed_at, policy.change_request_expiry_days);
  job.created_at = context.now;
  store::Schedule(context.db).set(job);
}

void schedule_sprint_ending(Context& context, const store::Sprint& sprint) {
  const auto& project = context.bound_project();
  const auto at = morning_before(context, sprint_dates(sprint).end);
  if (!at || *at < context.now) return;  // started too late for a reminder the day before
  store::ScheduledJob job;
  job.key = "sprint-ending/" + std::to_string(project.id) + "/" + std::to_string(sprint.number);
  job.project_id = project.id;
  job.kind = "sprint_ending";
  job.subject = std::to_string(sprint.number);
  job.due_at = *at;
  job.created_at = context.now;
  store::Schedule(context.db).set(job);
}

void schedule_demo_reminders(Context& context, const store::Demo& demo) {
  const auto& project = context.bound_project();
  const auto base = std::to_string(project.id) + "/" + std::to_string(demo.number);
  const auto day_before = morning_before(context, local_day(demo.scheduled_at, project.timezone));
  const std::pair<const char*, std::optional<Timestamp>> reminders[] = {
      {"demo_day", day_before},
      {"demo_hour", demo.scheduled_at - std::chrono::hours(1)},
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

std::string problem_job_key(std::int64_t project_id, int number) {
  return "problem/" + std::to_string(project_id) + "/" + std::to_string(number);
}

int Scheduler::run_due(const ErrorHandler& on_error) {
  delete_expired_exports();
  std::vector<store::ScheduledJob> jobs;
  {
    store::Transaction tx(db_);
    jobs = store::Schedule(db_).due(clock_.now(), kBatch);
  }
  std::optional<double> lag;
  for (const auto& job : jobs) {
    const Timestamp now = clock_.now();
    int reminders = 0;
    bool escalated = false;
    try {
      store::Transaction tx(db_);
      // Moved or cancelled since it was read: the newer state decides.
      const auto current = store::Schedule(db_).find(job.key);
      if (!current || current->due_at > now) continue;
      auto project = store::Projects(db_).find(job.project_id);
      if (!project) {
        store::Schedule(db_).cancel(job.key);
        tx.commit();
        continue;
      }
      Request request;
      request.platform = project->platform == "teams" ? Platform::teams : Platform::slack;
      request.workspace = project->workspace;
      request.channel = project->channel;
      request.user = job.kind == "digest" ? job.subject : kSystemActor;
      Context context{request, db_, now, project, public_url_};
      if (job.kind == "digest") {
        reminders = run_digest(context, *current);
      } else if (job.kind == "cr_expiry") {
        run_change_request_expiry(context, *current);
      } else if (job.kind == "sprint_ending") {
        reminders = run_sprint_ending(context, *current);
      } else if (job.kind == "demo_day" || job.kind == "demo_hour") {
        reminders = run_demo_reminder(context, *current, job.kind == "demo_hour");
      } else if (job.kind == "problem") {
        store::Schedule(db_).cancel(job.key);
        escalated = problem_deadline_passed(context, number_of(job));
      } else {
        store::Schedule(db_).cancel(job.key);  // a kind this version does not know
      }
      tx.commit();
      const double late = std::chrono::duration<double>(now - current->due_at).count();
      lag = std::max(lag.value_or(0.0), late);
      if (metrics_ != nullptr) {
        metrics_->job_done(job.kind, SchedulerMetrics::JobOutcome::ok);
        metrics_->reminders_queued(job.kind, reminders);
        if (escalated) metrics_->escalated();
      }
    } catch (const std::exception& error) {
      const bool give_up = job.attempts + 1 >= kMaxJobAttempts;
      if (on_error) on_error(job, error, give_up);
      if (metrics_ != nullptr) {
        metrics_->job_done(job.kind, give_up ? SchedulerMetrics::JobOutcome::dropped
                                             : SchedulerMetrics::JobOutcome::retried);
      }
      store::Transaction tx(db_);
      if (give_up) {
        store::Schedule(db_).cancel(job.key);
      } else {
        store::Schedule(db_).retry(job.key, now + kRetryFailedJob * (1 << job.attempts));
      }
      tx.commit();
    }
  }
  if (lag && metrics_ != nullptr) metrics_->pass_lag(*lag);
  // Every job read was dealt with (run, found moved, or set aside after failing): a caller that
  // loops until this is 0 sees every job due now.
  return static_cast<int>(jobs.size());
}

int Scheduler::delete_expired_exports() {
  int deleted = 0;
  {
    store::Transaction tx(db_);
    deleted = store::Exports(db_).delete_expired(clock_.now());
    tx.commit();
  }
  // The deleted files' pages are zeroed in the database, but the WAL still holds the frames that
  // wrote them: a truncating checkpoint removes those too. Rare (a log export a day at most).
  if (deleted > 0) db_.checkpoint();
  return deleted;
}

int Scheduler::catch_up() {
  store::Transaction tx(db_);
  std::set<std::int64_t> projects;
  for (const auto& report : store::ProblemReports(db_).waiting_without_deadline()) {
    projects.insert(report.project_id);
  }
  int armed = 0;
  for (const auto id : projects) {
    auto project = store::Projects(db_).find(id);
    if (!project) continue;
    Request request;
    request.platform = project->platform == "teams" ? Platform::teams : Platform::slack;
    request.workspace = project->workspace;
    request.channel = project->channel;
    request.user = kSystemActor;
    Context context{request, db_, clock_.now(), project, public_url_};
    armed += arm_reports_without_deadline(context);
  }
  tx.commit();
  return armed;
}

std::optional<store::Timestamp> Scheduler::next_due() {
  store::Transaction tx(db_);
  auto next = store::Schedule(db_).next_due();
  if (const auto expiry = store::Exports(db_).next_expiry(); expiry && (!next || *expiry < *next)) {
    next = expiry;
  }
  return next;
}

}  // namespace accord::commands
