#include "commands/backlog/task_dates.hpp"

#include "commands/backlog/task_rules.hpp"
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

using store::Role;

constexpr std::string_view kDueUsage = "task due T-1 YYYY-MM-DD|none [reason=\"...\"]";
constexpr std::string_view kTestDueUsage = "task testdue T-1 YYYY-MM-DD|none [reason=\"...\"]";

// The two dates of a task, told apart where the rules differ.
struct DateKind {
  bool testing = false;
  std::string_view usage;
  std::string_view log_action;  // decision log
  std::string_view name;        // "delivery date"
  std::string_view heading;     // "Delivery date"
  std::string_view soon_job;
  std::string_view passed_job;
  std::vector<Role> setters;
};

const DateKind& delivery() {
  static const DateKind kind{
      false,           kDueUsage,       "task.due",        "delivery date",
      "Delivery date", kTaskDueSoonJob, kTaskDuePassedJob, {Role::lead, Role::dev}};
  return kind;
}

const DateKind& testing() {
  static const DateKind kind{true,           kTestDueUsage,   "task.testdue",    "testing date",
                             "Testing date", kTestDueSoonJob, kTestDuePassedJob, {Role::qa}};
  return kind;
}

const std::optional<std::string>& date_of(const store::Task& task, const DateKind& kind) {
  return kind.testing ? task.test_due_date : task.due_date;
}

// Who may not set this date hears who does, and what they set instead.
std::optional<Reply> refuse_setter(Context& context, const DateKind& kind, const std::string& id) {
  const auto held = requester_roles(context);
  if (holds_any(held, kind.setters)) return std::nullopt;
  Text text("Only a ");
  for (std::size_t i = 0; i < kind.setters.size(); ++i) {
    if (i > 0) text.plain(" or ");
    text.strong(std::string(store::to_string(kind.setters[i])));
  }
  text.plain(" sets a task's " + std::string(kind.name) + ": the people who do the work set its " +
             "dates.");
  if (holds_any(held, {Role::customer, Role::delegate, Role::sponsor})) {
    text.plain(" The customer sets priorities: ")
        .code("/accord task priority " + id + " high")
        .plain(".");
  } else if (holds_any(held, {Role::pm})) {
    text.plain(" The pm plans deployments: ")
        .code("/accord release plan \"v1.0\" date=YYYY-MM-DD tasks=" + id)
        .plain(".");
  } else if (kind.testing && holds_any(held, delivery().setters)) {
    text.plain(" You set its delivery date: ").code("/accord task due " + id + " YYYY-MM-DD");
    text.plain(".");
  } else if (!kind.testing && holds_any(held, testing().setters)) {
    text.plain(" You set its testing date: ").code("/accord task testdue " + id + " YYYY-MM-DD");
    text.plain(".");
  }
  return private_reply(text.plain(" You are: " + describe_roles(held) + ". Nothing changed."));
}

Reply set_date(Context& context, const CommandLine& args, const DateKind& kind) {
  if (auto refusal = reject_unknown_options(args, {"reason"}, kind.usage)) {
    return std::move(*refusal);
  }
  const auto named =
      args.positional.size() > 1 ? parse_object_id("T", args.positional[1].text) : std::nullopt;
  if (auto refusal = refuse_setter(context, kind, object_id("T", named.value_or(1)))) {
    return std::move(*refusal);
  }
  auto found = find_task(context, args, kind.usage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto& task = std::get<store::Task>(found);
  const auto id = object_id("T", task.number);
  if (args.positional.size() != 3) {
    return usage(Text("Give one date, YYYY-MM-DD, or ").code("none").plain(" to clear it."),
                 kind.usage);
  }
  if (task.status == store::TaskStatus::accepted) {
    return private_reply(Text().strong(id).plain(" is accepted already; it needs no " +
                                                 std::string(kind.name) + ". Nothing changed."));
  }
  const auto reason_option = args.options.find("reason");
  const auto reason = reason_option == args.options.end() ? "" : trimmed(reason_option->second);
  const auto& before = date_of(task, kind);
  std::optional<std::string> after;
  const auto& word = args.positional[2];
  if (word.quoted || lower_ascii(word.text) != "none") {
    auto parsed = planned_date(context, word.text, kind.usage);
    if (auto* reply = std::get_if<Reply>(&parsed)) return std::move(*reply);
    const auto day = std::get<std::chrono::sys_days>(parsed);
    after = format_date(day);
    if (kind.testing && task.due_date && *after < *task.due_date) {
      return private_reply(Text("Testing can't end before delivery: ")
                               .strong(id)
                               .plain(" is due " + format_day(*task.due_date) +
                                      ". Choose that day or later. Nothing changed."));
    }
  } else if (!before) {
    return private_reply(
        Text().strong(id).plain(" has no " + std::string(kind.name) + " to clear."));
  }
  if (before == after) {
    return private_reply(Text().strong(id).plain("'s " + std::string(kind.name) + " is already " +
                                                 format_day(*after) + "."));
  }

  store::Tasks tasks(context.db);
  if (kind.testing) {
    tasks.set_test_due_date(task.id, after, context.now);
  } else {
    tasks.set_due_date(task.id, after, context.now);
  }
  record_decision(context, std::string(kind.log_action), id, before.value_or(""),
                  after.value_or(""));
  // The reminder before the date and the pm's notice after it (none once cleared).
  schedule_around_day(context, kind.soon_job, kind.passed_job, task.number,
                      after ? parse_date(*after) : std::nullopt);
  if (!task.owner.empty()) refresh_home(context, task.owner);

  const std::string label(kind.name);
  const bool later = before && after && *after > *before;
  Text what = Text(std::string(kind.heading) + " of ").strong(id).plain(" " + task.title + ": ");
  if (!after) {
    what.plain("cleared (was " + format_day(*before) + ")");
  } else if (before) {
    what.plain(format_day(*before) + " \xE2\x86\x92 ").strong(format_day(*after));
    if (later) what.plain(", later than announced");
  } else {
    what.strong(format_day(*after));
  }
  std::vector<Field> fields;
  if (!reason.empty()) fields.push_back({"Reason", Text(reason)});
  if (!kind.testing && after && task.test_due_date && *task.test_due_date < *after) {
    fields.push_back({"Testing date", Text(format_day(*task.test_due_date) +
                                           " is now before delivery; qa moves it with ")
                                          .code("/accord task testdue " + id + " YYYY-MM-DD")});
  }

  // The customer was told the earlier date: a later one is news for them, privately too.
  if (later) {
    Message told;
    told.summary = id + " moves to " + *after;
    told.sections = {paragraph(
        Text("The " + label + " of ")
            .strong(id)
            .plain(" " + task.title + " moved later: " + format_day(*before) + " \xE2\x86\x92 ")
            .strong(format_day(*after))
            .plain("."),
        fields)};
    told.note = Text("Moved by ").mention(context.request.user).plain(".");
    for (const auto& approver : approvers(context)) {
      notify_person(context, approver, told,
                    std::string(kind.log_action) + ":" + std::to_string(task.id) + ":" + *after +
                        ":" + approver,
                    availability_wait(context.db, context.bound_project(), approver, context.now));
    }
  }

  Message message;
  message.summary = what.to_plain();
  message.sections = {paragraph(std::move(what), std::move(fields))};
  message.note = Text("Set by ").mention(context.request.user).plain(".");
  return channel_reply(std::move(message));
}

// The task a date job is about while that date still stands and its work is open.
std::optional<store::Task> open_task_of(Context& context, const store::ScheduledJob& job,
                                        const DateKind& kind) {
  store::Schedule(context.db).cancel(job.key);
  auto task = store::Tasks(context.db).find(job.project_id, job_number(job));
  if (!task || !date_of(*task, kind) || !delivery_open(*task)) return std::nullopt;
  return task;
}

Text status_of(const store::Task& task) {
  Text text(" It is " + status_words(task.status));
  if (task.owner.empty()) return text.plain(" and has no owner.");
  return text.plain(", owned by ").mention(task.owner).plain(".");
}

JobOutcome run_soon(Context& context, const store::ScheduledJob& job, const DateKind& kind) {
  const auto task = open_task_of(context, job, kind);
  if (!task) return {};
  const auto id = object_id("T", task->number);
  const auto date = format_day(*date_of(*task, kind));
  // Delivery: its owner (the pm when nobody owns it yet); testing: the project's qa.
  std::vector<std::string> people;
  if (kind.testing) {
    people = holders(context, {Role::qa});
  } else if (!task->owner.empty()) {
    people = {task->owner};
  } else {
    people = holders(context, {Role::pm});
  }
  Message message;
  message.summary = id + " is due " + date;
  message.sections = {paragraph(Text("Reminder: the " + std::string(kind.name) + " of ")
                                    .strong(id)
                                    .plain(" " + task->title + " is " + date + ".")
                                    .append(status_of(*task)))};
  message.note = Text(kind.testing ? "When testing needs longer: " : "When it needs longer: ")
                     .code("/accord task " + std::string(kind.testing ? "testdue " : "due ") + id +
                           " YYYY-MM-DD reason=\"...\"");
  for (const auto& user : people) {
    notify_person(context, user, message, job.key + ":" + *date_of(*task, kind) + ":" + user,
                  available_moment(context.db, context.bound_project(), user, context.now));
  }
  return {static_cast<int>(people.size())};
}

JobOutcome run_passed(Context& context, const store::ScheduledJob& job, const DateKind& kind) {
  const auto task = open_task_of(context, job, kind);
  if (!task) return {};
  const auto id = object_id("T", task->number);
  Message message;
  message.summary = id + " passed its " + std::string(kind.name);
  message.sections = {
      paragraph(Text()
                    .strong(id)
                    .plain(" " + task->title + " passed its " + std::string(kind.name) + ", " +
                           format_day(*date_of(*task, kind)) + ".")
                    .append(status_of(*task)))};
  message.note = Text("A new date: ")
                     .code("/accord task " + std::string(kind.testing ? "testdue " : "due ") + id +
                           " YYYY-MM-DD")
                     .plain(kind.testing ? " (qa)." : " (its dev or lead).");
  const auto people = holders(context, {Role::pm});
  for (const auto& user : people) {
    notify_person(context, user, message, job.key + ":" + *date_of(*task, kind) + ":" + user,
                  available_moment(context.db, context.bound_project(), user, context.now));
  }
  return {static_cast<int>(people.size())};
}

}  // namespace

Reply set_task_due(Context& context, const CommandLine& args) {
  return set_date(context, args, delivery());
}

Reply set_task_test_due(Context& context, const CommandLine& args) {
  return set_date(context, args, testing());
}

JobOutcome run_task_due_soon(Context& context, const store::ScheduledJob& job) {
  return run_soon(context, job, delivery());
}
JobOutcome run_task_due_passed(Context& context, const store::ScheduledJob& job) {
  return run_passed(context, job, delivery());
}
JobOutcome run_test_due_soon(Context& context, const store::ScheduledJob& job) {
  return run_soon(context, job, testing());
}
JobOutcome run_test_due_passed(Context& context, const store::ScheduledJob& job) {
  return run_passed(context, job, testing());
}

std::chrono::sys_days project_today(Context& context) {
  return local_day(context.now, context.bound_project().timezone);
}

std::variant<std::chrono::sys_days, Reply> planned_date(Context& context, std::string_view text,
                                                        std::string_view usage_line) {
  const auto day = parse_date(text);
  if (!day) {
    return usage(Text()
                     .code(std::string(text))
                     .plain(" isn't a date. Write it YYYY-MM-DD, like ")
                     .code(format_date(project_today(context) + std::chrono::days(7)))
                     .plain("."),
                 usage_line);
  }
  const auto today = project_today(context);
  if (*day < today) {
    return private_reply(Text(format_day(*day) + " is in the past: today is " + format_day(today) +
                              " in the project's time zone. Nothing changed."));
  }
  return *day;
}

bool delivery_open(const store::Task& task) {
  return task.status != store::TaskStatus::awaiting_acceptance &&
         task.status != store::TaskStatus::accepted;
}

bool is_overdue(const store::Task& task, std::chrono::sys_days today) {
  if (!delivery_open(task)) return false;
  const auto passed = [&](const std::optional<std::string>& date) {
    return date && *date < format_date(today);
  };
  return passed(task.due_date) || passed(task.test_due_date);
}

Text date_marks(const store::Task& task, std::chrono::sys_days today) {
  Text marks;
  const bool open = delivery_open(task);
  const auto mark = [&](const std::optional<std::string>& date, const char* word) {
    if (!date) return;
    marks.plain(std::string(" \xC2\xB7 ") + word + " " + format_day(*date));
    if (open && *date < format_date(today)) marks.plain(" ").strong("overdue");
  };
  mark(task.due_date, "due");
  mark(task.test_due_date, "testing");
  return marks;
}

}  // namespace accord::commands
