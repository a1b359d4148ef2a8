#include "commands/releases/release_commands.hpp"

#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>

#include "commands/backlog/task_dates.hpp"
#include "commands/backlog/task_rules.hpp"
#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/time/availability.hpp"
#include "commands/time/calendar.hpp"
#include "commands/time/jobs.hpp"
#include "commands/time/time_policy.hpp"
#include "store/releases.hpp"
#include "store/schedule.hpp"
#include "store/tasks.hpp"

namespace accord::commands {
namespace {

using store::Role;

constexpr std::string_view kReleasePlanUsage =
    "release plan \"v1.2\" date=YYYY-MM-DD [tasks=T-1,T-2]";
constexpr std::string_view kReleaseMoveUsage =
    "release move REL-1 date=YYYY-MM-DD [reason=\"...\"]";
constexpr std::string_view kReleaseAddUsage = "release add REL-1 T-1 T-2";
constexpr std::string_view kReleaseShippedUsage = "release shipped REL-1";
constexpr std::string_view kReleaseShowUsage = "release show REL-1";
constexpr std::size_t kMaxReleaseName = 100;
constexpr std::size_t kMaxReleaseTasks = 200;

std::string option(const CommandLine& args, const char* key) {
  const auto found = args.options.find(key);
  return found == args.options.end() ? std::string() : trimmed(found->second);
}

// The pm sets deployment dates; everyone else hears who does, the customer also what they set.
std::optional<Reply> refuse_unless_pm(Context& context, std::string_view action) {
  const auto held = requester_roles(context);
  if (holds_any(held, {Role::pm})) return std::nullopt;
  Text text = Text("Only a ").strong("pm").plain(" can " + std::string(action) + ".");
  if (holds_any(held, {Role::customer, Role::delegate, Role::sponsor})) {
    text.plain(" The people who do the work set its dates; the customer sets priorities: ")
        .code("/accord task priority T-1 high")
        .plain(".");
  } else if (holds_any(held, {Role::lead, Role::dev})) {
    text.plain(" You set a task's delivery date: ").code("/accord task due T-1 YYYY-MM-DD");
    text.plain(".");
  } else if (holds_any(held, {Role::qa})) {
    text.plain(" You set a task's testing date: ").code("/accord task testdue T-1 YYYY-MM-DD");
    text.plain(".");
  }
  return private_reply(text.plain(" You are: " + describe_roles(held) + ". Nothing changed."));
}

std::variant<store::Release, Reply> find_release(Context& context, const CommandLine& args,
                                                 std::string_view usage_line) {
  const auto number =
      args.positional.size() > 1 ? parse_object_id("REL", args.positional[1].text) : std::nullopt;
  if (!number) return usage(Text("Say which release, by its id."), usage_line);
  auto release = store::Releases(context.db).find(context.bound_project().id, *number);
  if (!release) {
    return private_reply(Text("No release ")
                             .code(object_id("REL", *number))
                             .plain(" in this project. ")
                             .code("/accord release list")
                             .plain(" shows them."));
  }
  return *release;
}

// The tasks of "T-1,T-2" (or "T-1 T-2"), each once, or what is wrong with the list.
std::variant<std::vector<store::Task>, Reply> read_tasks(Context& context,
                                                         const std::vector<std::string>& words,
                                                         std::string_view usage_line) {
  std::vector<store::Task> found;
  store::Tasks tasks(context.db);
  for (const auto& written : words) {
    std::stringstream list(written);
    std::string word;
    while (std::getline(list, word, ',')) {
      word = trimmed(word);
      if (word.empty()) continue;
      const auto number = parse_object_id("T", word);
      if (!number) {
        return usage(Text().code(word).plain(" isn't a task id like ").code("T-3").plain("."),
                     usage_line);
      }
      auto task = tasks.find(context.bound_project().id, *number);
      if (!task) {
        return private_reply(Text("No task ")
                                 .code(object_id("T", *number))
                                 .plain(" in this project. Nothing changed."));
      }
      const bool seen = std::any_of(found.begin(), found.end(),
                                    [&](const store::Task& t) { return t.id == task->id; });
      if (!seen) found.push_back(std::move(*task));
    }
  }
  if (found.size() > kMaxReleaseTasks) {
    return private_reply(Text("A release ships at most " + std::to_string(kMaxReleaseTasks) +
                              " tasks at a time. Nothing changed."));
  }
  return found;
}

std::vector<std::int64_t> ids_of(const std::vector<store::Task>& tasks) {
  std::vector<std::int64_t> ids;
  ids.reserve(tasks.size());
  for (const auto& task : tasks) ids.push_back(task.id);
  return ids;
}

std::string numbers_text(const std::vector<store::Task>& tasks) {
  std::string text;
  for (const auto& task : tasks) text += (text.empty() ? "" : ", ") + object_id("T", task.number);
  return text;
}

// The pm's reminder before the deployment date and notice after it, while it is not shipped.
void schedule_release_jobs(Context& context, const store::Release& release) {
  schedule_around_day(context, kReleaseSoonJob, kReleasePassedJob, release.number,
                      release.shipped ? std::nullopt : parse_date(release.deploy_date));
}

bool release_overdue(const store::Release& release, std::chrono::sys_days today) {
  return !release.shipped && release.deploy_date < format_date(today);
}

// "3 tasks, 1 accepted, 1 overdue"
std::string progress_words(Context& context, const store::Release& release,
                           std::chrono::sys_days today) {
  const auto numbers = store::Releases(context.db).task_numbers(release.id);
  store::Tasks tasks(context.db);
  int accepted = 0;
  int overdue = 0;
  for (const int number : numbers) {
    const auto task = tasks.find(release.project_id, number);
    if (!task) continue;
    accepted += task->status == store::TaskStatus::accepted ? 1 : 0;
    overdue += is_overdue(*task, today) ? 1 : 0;
  }
  std::string text = std::to_string(numbers.size()) + (numbers.size() == 1 ? " task" : " tasks");
  if (!numbers.empty()) text += ", " + std::to_string(accepted) + " accepted";
  if (overdue > 0) text += ", " + std::to_string(overdue) + " overdue";
  return text;
}

Text release_line(Context& context, const store::Release& release, std::chrono::sys_days today) {
  Text line = Text()
                  .code(object_id("REL", release.number))
                  .plain(" ")
                  .strong(release.name)
                  .plain(" \xC2\xB7 " + format_day(release.deploy_date));
  if (release.shipped) {
    line.plain(" \xC2\xB7 shipped");
  } else if (release_overdue(release, today)) {
    line.plain(" ").strong("overdue");
  }
  return line.plain(" \xC2\xB7 " + progress_words(context, release, today));
}

Reply plan_release(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {"date", "tasks", "name"}, kReleasePlanUsage)) {
    return std::move(*refusal);
  }
  if (auto refusal = refuse_unless_pm(context, "plan releases")) return std::move(*refusal);
  auto name = option(args, "name");
  if (name.empty()) name = join_words(args.positional, 1);
  if (name.empty())
    return usage(Text("Give the release a name, like \"v1.2\"."), kReleasePlanUsage);
  if (character_count(name) > kMaxReleaseName) {
    return private_reply(Text("Keep the name to " + std::to_string(kMaxReleaseName) +
                              " characters. Nothing changed."));
  }
  const auto date = option(args, "date");
  if (date.empty()) {
    return usage(Text("Say when it deploys: ").code("date=YYYY-MM-DD").plain("."),
                 kReleasePlanUsage);
  }
  auto parsed = planned_date(context, date, kReleasePlanUsage);
  if (auto* reply = std::get_if<Reply>(&parsed)) return std::move(*reply);
  std::vector<store::Task> shipped;
  if (const auto listed = option(args, "tasks"); !listed.empty()) {
    auto found = read_tasks(context, {listed}, kReleasePlanUsage);
    if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
    shipped = std::move(std::get<std::vector<store::Task>>(found));
  }

  store::Release release;
  release.project_id = context.bound_project().id;
  release.name = name;
  release.deploy_date = format_date(std::get<std::chrono::sys_days>(parsed));
  release.created_by = context.request.user;
  release.created_at = context.now;
  const auto stored = store::Releases(context.db).add(release, ids_of(shipped));
  const auto id = object_id("REL", stored.number);
  record_decision(
      context, "release.plan", id, "",
      nlohmann::json{
          {"name", stored.name}, {"date", stored.deploy_date}, {"tasks", numbers_text(shipped)}}
          .dump());
  schedule_release_jobs(context, stored);

  Message message;
  message.summary = "Release " + id + " " + stored.name + " planned for " + stored.deploy_date;
  message.sections = {
      paragraph(Text("Release ").strong(id).plain(" ").strong(stored.name).plain(" planned"),
                {Field{"Deploys", Text(format_day(stored.deploy_date))},
                 Field{"Tasks", Text(shipped.empty() ? "none yet" : numbers_text(shipped))}})};
  message.note = Text("Planned by ")
                     .mention(context.request.user)
                     .plain(". More tasks: ")
                     .code("/accord release add " + id + " T-1 T-2")
                     .plain(".");
  return channel_reply(std::move(message));
}

Reply move_release(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {"date", "reason"}, kReleaseMoveUsage)) {
    return std::move(*refusal);
  }
  if (auto refusal = refuse_unless_pm(context, "move releases")) return std::move(*refusal);
  auto found = find_release(context, args, kReleaseMoveUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  auto release = std::get<store::Release>(found);
  const auto id = object_id("REL", release.number);
  if (release.shipped) {
    return private_reply(Text().strong(id).plain(" has shipped; its date is history."));
  }
  const auto date = option(args, "date");
  if (date.empty() || args.positional.size() != 2) {
    return usage(Text("Say the new date: ").code("date=YYYY-MM-DD").plain("."), kReleaseMoveUsage);
  }
  auto parsed = planned_date(context, date, kReleaseMoveUsage);
  if (auto* reply = std::get_if<Reply>(&parsed)) return std::move(*reply);
  const auto after = format_date(std::get<std::chrono::sys_days>(parsed));
  const auto before = release.deploy_date;
  if (after == before) {
    return private_reply(Text().strong(id).plain(" deploys " + format_day(after) + " already."));
  }
  store::Releases(context.db).move(release.id, after, context.now);
  release.deploy_date = after;
  record_decision(context, "release.move", id, before, after);
  schedule_release_jobs(context, release);

  const auto reason = option(args, "reason");
  std::vector<Field> fields;
  if (!reason.empty()) fields.push_back({"Reason", Text(reason)});
  const bool later = after > before;
  Text what = Text("Release ")
                  .strong(id)
                  .plain(" " + release.name + ": " + format_day(before) + " \xE2\x86\x92 ")
                  .strong(format_day(after));
  if (later) {
    what.plain(", later than announced");
    Message told;
    told.summary = id + " " + release.name + " moves to " + after;
    told.sections = {paragraph(
        Text("Release ")
            .strong(id)
            .plain(" " + release.name + " moved later: " + format_day(before) + " \xE2\x86\x92 ")
            .strong(format_day(after))
            .plain("."),
        fields)};
    told.note = Text("Moved by ").mention(context.request.user).plain(".");
    for (const auto& approver : approvers(context)) {
      std::string key = "release.move:" + std::to_string(release.id) + ":";
      key += after;
      key += ':';
      key += approver;
      notify_person(context, approver, told, key,
                    availability_wait(context.db, context.bound_project(), approver, context.now));
    }
  }
  Message message;
  message.summary = what.to_plain();
  message.sections = {paragraph(std::move(what), std::move(fields))};
  message.note = Text("Moved by ").mention(context.request.user).plain(".");
  return channel_reply(std::move(message));
}

Reply add_to_release(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kReleaseAddUsage)) return std::move(*refusal);
  if (auto refusal = refuse_unless_pm(context, "change releases")) return std::move(*refusal);
  auto found = find_release(context, args, kReleaseAddUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto& release = std::get<store::Release>(found);
  const auto id = object_id("REL", release.number);
  if (release.shipped) return private_reply(Text().strong(id).plain(" has shipped already."));
  std::vector<std::string> words;
  for (std::size_t i = 2; i < args.positional.size(); ++i) {
    words.push_back(args.positional[i].text);
  }
  auto listed = read_tasks(context, words, kReleaseAddUsage);
  if (auto* reply = std::get_if<Reply>(&listed)) return std::move(*reply);
  const auto& tasks = std::get<std::vector<store::Task>>(listed);
  if (tasks.empty()) return usage(Text("Name the tasks it ships."), kReleaseAddUsage);
  store::Releases releases(context.db);
  const auto before = releases.task_numbers(release.id);
  const int added = releases.add_tasks(release.id, ids_of(tasks), context.now);
  if (added == 0) {
    return private_reply(Text().strong(id).plain(" ships " + numbers_text(tasks) + " already."));
  }
  std::string before_text;
  for (const int n : before) before_text += (before_text.empty() ? "" : ", ") + object_id("T", n);
  std::string after_text;
  for (const int n : releases.task_numbers(release.id)) {
    after_text += (after_text.empty() ? "" : ", ") + object_id("T", n);
  }
  record_decision(context, "release.tasks", id, before_text, after_text);
  Message message;
  message.summary = id + " ships " + after_text;
  message.sections = {paragraph(
      Text("Release ").strong(id).plain(" " + release.name + " ships " + after_text + "."))};
  message.note = Text("Changed by ").mention(context.request.user).plain(".");
  return channel_reply(std::move(message));
}

Reply ship_release(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kReleaseShippedUsage))
    return std::move(*refusal);
  if (auto refusal = refuse_unless_pm(context, "mark releases shipped")) {
    return std::move(*refusal);
  }
  auto found = find_release(context, args, kReleaseShippedUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  auto release = std::get<store::Release>(found);
  const auto id = object_id("REL", release.number);
  if (!store::Releases(context.db).ship(release.id, context.now)) {
    return private_reply(Text().strong(id).plain(" has shipped already."));
  }
  release.shipped = true;
  record_decision(context, "release.ship", id, "planned", "shipped");
  schedule_release_jobs(context, release);
  Message message;
  message.summary = "Release " + id + " " + release.name + " shipped";
  message.sections = {
      paragraph(Text("Release ").strong(id).plain(" ").strong(release.name).plain(" shipped"),
                {Field{"Planned for", Text(format_day(release.deploy_date))},
                 Field{"Tasks", Text(progress_words(context, release, project_today(context)))}})};
  message.note = Text("Marked by ").mention(context.request.user).plain(".");
  return channel_reply(std::move(message));
}

Reply list_releases(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, "release list")) return std::move(*refusal);
  const auto releases = store::Releases(context.db).list(context.bound_project().id);
  if (releases.empty()) {
    return private_reply(Text("No releases planned yet. The pm plans one with ")
                             .code("/accord " + std::string(kReleasePlanUsage))
                             .plain("."));
  }
  const auto today = project_today(context);
  Message message;
  message.title = "Releases of " + context.bound_project().name;
  const auto shown = std::min(releases.size(), kMaxListRows);
  for (std::size_t i = 0; i < shown; ++i) {
    message.sections.push_back(paragraph(release_line(context, releases[i], today)));
  }
  if (shown < releases.size()) message.note = more_rows(releases.size() - shown);
  return private_reply(std::move(message));
}

Reply show_release(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kReleaseShowUsage))
    return std::move(*refusal);
  auto found = find_release(context, args, kReleaseShowUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto& release = std::get<store::Release>(found);
  const auto today = project_today(context);
  Text date(format_day(release.deploy_date));
  if (release.shipped) {
    date.plain(" (shipped)");
  } else if (release_overdue(release, today)) {
    date.plain(" ").strong("overdue");
  }
  Message message;
  message.title = "Release " + object_id("REL", release.number) + " " + release.name;
  message.sections = {paragraph(Text().strong(release.name),
                                {Field{"Deploys", std::move(date)},
                                 Field{"Tasks", Text(progress_words(context, release, today))}})};
  store::Tasks tasks(context.db);
  const auto numbers = store::Releases(context.db).task_numbers(release.id);
  Text lines = Text().strong("Ships:");
  if (numbers.empty()) lines.plain(" no tasks yet");
  const auto shown = std::min(numbers.size(), kMaxListRows);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto task = tasks.find(release.project_id, numbers[i]);
    if (!task) continue;
    lines.plain("\n")
        .code(object_id("T", task->number))
        .plain(" " + task->title + " \xC2\xB7 " + status_words(task->status));
    if (!task->owner.empty()) lines.plain(" \xC2\xB7 ").mention(task->owner);
    lines.append(date_marks(*task, today));
  }
  if (shown < numbers.size()) lines.plain("\n").append(more_rows(numbers.size() - shown));
  message.sections.push_back(paragraph(std::move(lines)));
  message.note =
      Text("Planned by ")
          .mention(release.created_by)
          .plain(" on " + local_date(release.created_at, context.bound_project().timezone) + ".");
  return private_reply(std::move(message));
}

Reply release_usage() {
  return private_reply(Text("Release commands: ")
                           .code("plan")
                           .plain(", ")
                           .code("move")
                           .plain(", ")
                           .code("add")
                           .plain(", ")
                           .code("shipped")
                           .plain(", ")
                           .code("list")
                           .plain(", ")
                           .code("show")
                           .plain(". ")
                           .code("/accord help releases")
                           .plain(" explains each."));
}

// The release a job is about while it is still planned.
std::optional<store::Release> planned_release(Context& context, const store::ScheduledJob& job) {
  store::Schedule(context.db).cancel(job.key);
  auto release = store::Releases(context.db).find(job.project_id, job_number(job));
  if (!release || release->shipped) return std::nullopt;
  return release;
}

JobOutcome tell_pm(Context& context, const store::ScheduledJob& job, const store::Release& release,
                   const Text& text) {
  Message message;
  message.summary = text.to_plain();
  message.sections = {paragraph(text)};
  message.note = Text("Open work: ")
                     .code("/accord release show " + object_id("REL", release.number))
                     .plain(". When it is out: ")
                     .code("/accord release shipped " + object_id("REL", release.number))
                     .plain(".");
  const auto people = holders(context, {Role::pm});
  for (const auto& user : people) {
    notify_person(context, user, message, job.key + ":" + release.deploy_date + ":" + user,
                  available_moment(context.db, context.bound_project(), user, context.now));
  }
  return {static_cast<int>(people.size())};
}

}  // namespace

Reply release_command(Context& context, const CommandLine& args) {
  const auto sub = args.positional.empty() ? "list" : lower_ascii(args.positional[0].text);
  if (sub == "plan") return plan_release(context, args);
  if (sub == "move") return move_release(context, args);
  if (sub == "add") return add_to_release(context, args);
  if (sub == "shipped") return ship_release(context, args);
  if (sub == "list") return list_releases(context, args);
  if (sub == "show") return show_release(context, args);
  return release_usage();
}

JobOutcome run_release_soon(Context& context, const store::ScheduledJob& job) {
  const auto release = planned_release(context, job);
  if (!release) return {};
  const auto today = project_today(context);
  return tell_pm(context, job, *release,
                 Text("Reminder: release ")
                     .strong(object_id("REL", release->number))
                     .plain(" " + release->name + " deploys " + format_day(release->deploy_date) +
                            " (" + progress_words(context, *release, today) + ")."));
}

JobOutcome run_release_passed(Context& context, const store::ScheduledJob& job) {
  const auto release = planned_release(context, job);
  if (!release) return {};
  const auto today = project_today(context);
  return tell_pm(context, job, *release,
                 Text("Release ")
                     .strong(object_id("REL", release->number))
                     .plain(" " + release->name + " passed its deployment date, " +
                            format_day(release->deploy_date) + ", without being marked shipped (" +
                            progress_words(context, *release, today) + ")."));
}

}  // namespace accord::commands
