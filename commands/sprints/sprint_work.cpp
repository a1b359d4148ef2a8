#include "commands/sprints/sprint_work.hpp"

#include <algorithm>

#include "commands/backlog/task_dates.hpp"
#include "commands/backlog/task_rules.hpp"
#include "commands/core/object_ids.hpp"

namespace accord::commands {

using store::SprintEntryKind;

double SprintWork::hours() const {
  double total = 0;
  for (const auto& item : items) total += item.hours;
  return total;
}

double SprintWork::hours_accepted() const {
  double total = 0;
  for (const auto& item : items) {
    if (item.task.status == store::TaskStatus::accepted) total += item.hours;
  }
  return total;
}

bool SprintWork::is_scope_change(const WorkItem& item) const {
  return item.how == SprintEntryKind::critical_bug || item.how == SprintEntryKind::emergency;
}

bool SprintWork::contains(std::int64_t task_id) const {
  return std::any_of(items.begin(), items.end(),
                     [&](const WorkItem& item) { return item.task.id == task_id; });
}

SprintWork load_work(Context& context, const store::Sprint& sprint) {
  store::Tasks tasks(context.db);
  SprintWork work;
  for (const auto& entry : store::Sprints(context.db).entries(sprint.id)) {
    auto task = tasks.find(sprint.project_id, entry.task_number);
    if (!task) continue;
    WorkItem item;
    item.split = !tasks.subtasks(task->id).empty();
    item.hours = item.split ? 0.0 : task->estimate_hours.value_or(0.0);
    item.task = std::move(*task);
    item.how = entry.kind;
    item.added_by = entry.added_by;
    item.added_at = entry.added_at;
    work.items.push_back(std::move(item));
  }
  return work;
}

std::vector<Text> start_blockers(const SprintWork& work) {
  std::vector<Text> blockers;
  for (const auto& item : work.items) {
    if (item.split || item.task.status == store::TaskStatus::accepted) continue;
    const auto id = object_id("T", item.task.number);
    if (!item.task.estimate_hours) {
      blockers.push_back(Text()
                             .code(id)
                             .plain(" " + item.task.title + " has no estimate: ")
                             .code("/accord task estimate " + id + " 2h"));
    } else if (*item.task.estimate_hours > kMaxSubtaskHours) {
      blockers.push_back(Text()
                             .code(id)
                             .plain(" " + item.task.title + " is " +
                                    format_hours(*item.task.estimate_hours) + ", over " +
                                    format_hours(kMaxSubtaskHours) + ", and not split: ")
                             .code("/accord task split " + id + " \"Part\" estimate=2h"));
    }
  }
  return blockers;
}

std::optional<Text> critical_left_out(Context& context, const SprintWork& work) {
  const auto lower = std::count_if(work.items.begin(), work.items.end(), [](const auto& item) {
    return item.task.priority != store::Priority::critical;
  });
  if (lower == 0) return std::nullopt;
  store::Sprints sprints(context.db);
  Text left;
  for (const auto& task :
       store::Tasks(context.db).list(context.bound_project().id, store::TaskStatus::backlog)) {
    if (task.priority != store::Priority::critical) break;  // most urgent first
    if (work.contains(task.id) || sprints.open_sprint_of(task.id)) continue;
    left.plain(left.empty() ? "" : ", ").code(object_id("T", task.number)).plain(" " + task.title);
  }
  if (left.empty()) return std::nullopt;
  return Text("Critical work left out: ")
      .append(left)
      .plain(", while " + std::to_string(lower) + " lower-priority task" +
             (lower == 1 ? " is" : "s are") + " in the sprint.");
}

std::string sprint_id(const store::Sprint& sprint) {
  return object_id("SP", sprint.number);
}

std::variant<store::Sprint, Reply> find_sprint(Context& context, const CommandLine& args,
                                               std::size_t position, std::string_view usage_line) {
  const auto number = args.positional.size() > position
                          ? parse_object_id("SP", args.positional[position].text)
                          : std::nullopt;
  if (!number) return usage(Text("Say which sprint, by its id (SP-1)."), usage_line);
  auto sprint = store::Sprints(context.db).find(context.bound_project().id, *number);
  if (!sprint) {
    return private_reply(Text("No sprint ")
                             .code(object_id("SP", *number))
                             .plain(" in this project. ")
                             .code("/accord sprint list")
                             .plain(" shows them."));
  }
  return std::move(*sprint);
}

Text work_line(const WorkItem& item, std::optional<std::chrono::sys_days> today) {
  const auto& task = item.task;
  Text line = Text().code(object_id("T", task.number));
  if (task.priority == store::Priority::critical) line.plain(" ").strong("critical");
  line.plain(" " + std::string(store::to_string(task.kind)) + ": " + task.title + " \xE2\x80\x94 ");
  if (item.split) {
    line.plain("split into subtasks");
  } else {
    line.plain(task.estimate_hours ? format_hours(*task.estimate_hours) : "no estimate");
  }
  line.plain(" \xC2\xB7 " + status_words(task.status));
  if (!task.owner.empty()) line.plain(" \xC2\xB7 ").mention(task.owner);
  if (item.how == SprintEntryKind::carried_over) line.plain(" \xC2\xB7 carried over");
  if (item.how == SprintEntryKind::critical_bug || item.how == SprintEntryKind::emergency) {
    line.plain(" \xC2\xB7 added after the start (" + entry_words(item.how) + ")");
  }
  if (today) line.append(date_marks(task, *today));
  return line;
}

std::string entry_words(SprintEntryKind kind) {
  switch (kind) {
    case SprintEntryKind::planned:
      return "planned";
    case SprintEntryKind::critical_bug:
      return "critical bug";
    case SprintEntryKind::emergency:
      return "emergency";
    case SprintEntryKind::carried_over:
      return "carried over";
  }
  return "";
}

}  // namespace accord::commands
