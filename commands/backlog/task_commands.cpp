#include "commands/backlog/task_commands.hpp"

#include <algorithm>
#include <numeric>

#include "commands/backlog/task_acceptance.hpp"
#include "commands/backlog/task_add.hpp"
#include "commands/backlog/task_dates.hpp"
#include "commands/backlog/task_edit_commands.hpp"
#include "commands/backlog/task_rules.hpp"
#include "commands/backlog/task_templates.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/time/calendar.hpp"
#include "store/acceptances.hpp"
#include "store/tasks.hpp"

namespace accord::commands {
namespace {

constexpr std::string_view kTaskShowUsage = "task show T-1";
constexpr std::string_view kTaskListUsage =
    "task list [mine | status=backlog|planned|in_progress|...]";

// "`T-3` *high* bug: Login fails — 3h · in progress"
Text task_line(const store::Task& task, std::chrono::sys_days today) {
  Text line = Text()
                  .code(object_id("T", task.number))
                  .plain(" ")
                  .strong(std::string(store::to_string(task.priority)))
                  .plain(" " + std::string(store::to_string(task.kind)) + ": " + task.title);
  if (task.estimate_hours) line.plain(" \xE2\x80\x94 " + format_hours(*task.estimate_hours));
  line.plain(" \xC2\xB7 " + status_words(task.status));
  if (task.parent_id) line.plain(" \xC2\xB7 subtask of " + object_id("T", task.parent_number));
  if (!task.owner.empty()) line.plain(" \xC2\xB7 ").mention(task.owner);
  return line.append(date_marks(task, today));
}

Reply show_task(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kTaskShowUsage)) return std::move(*refusal);
  auto found = find_task(context, args, kTaskShowUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto& task = std::get<store::Task>(found);
  store::Tasks tasks(context.db);
  const auto id = object_id("T", task.number);

  std::vector<Field> fields = {
      {"Kind", Text(std::string(store::to_string(task.kind)))},
      {"Priority", Text(std::string(store::to_string(task.priority)))},
      {"Status", Text(status_words(task.status))},
      {"Estimate", Text(task.estimate_hours ? format_hours(*task.estimate_hours) : "not yet")}};
  if (task.epic_id) fields.push_back({"Epic", Text(object_id("C", task.epic_number))});
  if (task.parent_id) fields.push_back({"Subtask of", Text(object_id("T", task.parent_number))});
  fields.push_back({"Owner", task.owner.empty() ? Text("nobody yet") : Text().mention(task.owner)});
  const auto today = project_today(context);
  const auto date_field = [&](const std::optional<std::string>& date) {
    if (!date) return Text("not set");
    Text text(format_day(*date));
    if (delivery_open(task) && *date < format_date(today)) text.plain(" ").strong("overdue");
    return text;
  };
  fields.push_back({"Delivery date", date_field(task.due_date)});
  fields.push_back({"Testing date", date_field(task.test_due_date)});

  Message message;
  message.title = "Task " + id;
  message.sections = {
      paragraph(Text().strong(task.title), std::move(fields)),
      paragraph(Text().strong("Story: ").plain(task.story.empty() ? "none yet" : task.story))};
  const auto criteria = tasks.criteria(task.id);
  Text criteria_text = Text().strong("Acceptance criteria:");
  if (criteria.empty()) criteria_text.plain(" none yet");
  for (std::size_t i = 0; i < criteria.size(); ++i) {
    criteria_text.plain("\n" + std::to_string(i + 1) + ". " + criteria[i]);
  }
  message.sections.push_back(paragraph(std::move(criteria_text)));

  const auto subtasks = tasks.subtasks(task.id);
  if (!subtasks.empty()) {
    Text lines = Text().strong("Subtasks:");
    double total = 0;
    for (const auto& subtask : subtasks) {
      total += subtask.estimate_hours.value_or(0.0);
      lines.plain("\n")
          .code(object_id("T", subtask.number))
          .plain(" " + subtask.title + " \xE2\x80\x94 ");
      lines.plain(subtask.estimate_hours ? format_hours(*subtask.estimate_hours) : "no estimate");
      lines.plain(" \xC2\xB7 " + status_words(subtask.status));
    }
    lines.plain("\nTotal: " + format_hours(total));
    message.sections.push_back(paragraph(std::move(lines)));
  }
  if (const auto acceptance = store::Acceptances(context.db).latest(task.id)) {
    const bool rejected = acceptance->decision == store::AcceptanceDecision::rejected;
    Text outcome = Text().strong(rejected ? "Last rejected: " : "Acceptance: ");
    outcome.append(acceptance_outcome(context, *acceptance)).plain(".");
    std::vector<Field> note;
    if (!acceptance->note.empty()) note.push_back({"Note", Text(acceptance->note)});
    message.sections.push_back(paragraph(std::move(outcome), std::move(note)));
  }
  message.note =
      Text("Added by ")
          .mention(task.created_by)
          .plain(" on " + local_date(task.created_at, context.bound_project().timezone) + ".");
  return private_reply(std::move(message));
}

// `task list mine`: the asker's tasks not accepted yet.
Reply list_my_tasks(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kTaskListUsage)) return std::move(*refusal);
  const auto tasks =
      store::Tasks(context.db).owned_by(context.bound_project().id, context.request.user);
  if (tasks.empty()) {
    return private_reply(Text("You own no open task. Take one with ")
                             .code("/accord task assign T-1 @you")
                             .plain(" (or ask the pm)."));
  }
  const auto today = project_today(context);
  Message message;
  message.title = "Your tasks";
  const auto shown = std::min(tasks.size(), kMaxListRows);
  for (std::size_t i = 0; i < shown; ++i) {
    message.sections.push_back(paragraph(task_line(tasks[i], today)));
  }
  if (shown < tasks.size()) message.note = more_rows(tasks.size() - shown);
  return private_reply(std::move(message));
}

Reply list_tasks(Context& context, const CommandLine& args) {
  if (args.positional.size() == 2 && lower_ascii(args.positional[1].text) == "mine") {
    return list_my_tasks(context, args);
  }
  if (auto refusal = reject_unknown_options(args, {"status"}, kTaskListUsage)) {
    return std::move(*refusal);
  }
  std::optional<store::TaskStatus> status;
  if (const auto wanted = args.options.find("status"); wanted != args.options.end()) {
    status = store::parse_task_status(lower_ascii(wanted->second));
    if (!status) {
      return usage(Text()
                       .code(wanted->second)
                       .plain(" isn't a status. Statuses: ")
                       .append(choices_text(status_names()))
                       .plain("."),
                   kTaskListUsage);
    }
  }
  const auto& project = context.bound_project();
  const auto tasks = store::Tasks(context.db).list(project.id, status);
  if (tasks.empty()) {
    if (status) return private_reply(Text("No tasks are " + status_words(*status) + "."));
    return private_reply(Text("The backlog is empty. Add a task with ")
                             .code("/accord task add \"Title\"")
                             .plain(", or ")
                             .code("/accord task add")
                             .plain(" for the form."));
  }
  const auto today = project_today(context);
  Message message;
  message.title = "Backlog of " + project.name + (status ? " (" + status_words(*status) + ")" : "");
  // A section per task keeps each within the platforms' text limits; most urgent first.
  const auto shown = std::min(tasks.size(), kMaxListRows);
  for (std::size_t i = 0; i < shown; ++i)
    message.sections.push_back(paragraph(task_line(tasks[i], today)));
  if (shown < tasks.size()) message.note = more_rows(tasks.size() - shown);
  return private_reply(std::move(message));
}

Reply task_usage() {
  return private_reply(Text("Task commands: ")
                           .code("add")
                           .plain(", ")
                           .code("show")
                           .plain(", ")
                           .code("list")
                           .plain(", ")
                           .code("story")
                           .plain(", ")
                           .code("criteria")
                           .plain(", ")
                           .code("priority")
                           .plain(", ")
                           .code("estimate")
                           .plain(", ")
                           .code("assign")
                           .plain(", ")
                           .code("due")
                           .plain(", ")
                           .code("testdue")
                           .plain(", ")
                           .code("split")
                           .plain(", ")
                           .code("template")
                           .plain(", ")
                           .code("start")
                           .plain(", ")
                           .code("done")
                           .plain(". ")
                           .code("/accord help tasks")
                           .plain(" explains each."));
}

}  // namespace

Reply task_command(Context& context, const CommandLine& args) {
  const auto sub = args.positional.empty() ? "" : lower_ascii(args.positional[0].text);
  if (sub == "add") return add_task(context, args);
  if (sub == "show") return show_task(context, args);
  if (sub == "list") return list_tasks(context, args);
  if (sub == "story") return set_task_story(context, args);
  if (sub == "criteria") return change_task_criteria(context, args);
  if (sub == "priority") return set_task_priority(context, args);
  if (sub == "estimate") return set_task_estimate(context, args);
  if (sub == "assign") return assign_task(context, args);
  if (sub == "due") return set_task_due(context, args);
  if (sub == "testdue") return set_task_test_due(context, args);
  if (sub == "split") return split_task(context, args);
  if (sub == "template") return show_template(context, args);
  return task_usage();
}

}  // namespace accord::commands
