// The work in a sprint as the sprint workflows read it: each task with how it came in and the
// hours it counts for, what stops a planned sprint from starting, and a critical backlog task
// left out while lower-priority work is in (DESIGN §3.4).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "commands/core/context.hpp"
#include "store/sprints.hpp"
#include "store/tasks.hpp"

namespace accord::commands {

struct WorkItem {
  store::Task task;
  store::SprintEntryKind how = store::SprintEntryKind::planned;
  std::string added_by;
  store::Timestamp added_at{};
  // A task split into subtasks counts for no hours itself: its subtasks are the planned work.
  bool split = false;
  double hours = 0;  // its estimate; 0 when split or not estimated
};

struct SprintWork {
  std::vector<WorkItem> items;

  double hours() const;
  double hours_accepted() const;
  bool is_scope_change(const WorkItem& item) const;
  bool contains(std::int64_t task_id) const;
};

SprintWork load_work(Context& context, const store::Sprint& sprint);

// Why the sprint cannot start, a line per task: not estimated, or over kMaxSubtaskHours and not
// split into subtasks. Capacity is checked apart: the pm may override it.
std::vector<Text> start_blockers(const SprintWork& work);
// Critical backlog tasks in no open sprint, when the sprint holds lower-priority work: a warning.
std::optional<Text> critical_left_out(Context& context, const SprintWork& work);

// "`SP-3`"-style id, and the sprint named by positional[position], or the reply saying why not.
std::string sprint_id(const store::Sprint& sprint);
std::variant<store::Sprint, Reply> find_sprint(Context& context, const CommandLine& args,
                                               std::size_t position, std::string_view usage_line);

// "`T-3` bug: Title — 2h · planned"; with `today`, its dates too, overdue ones flagged.
Text work_line(const WorkItem& item, std::optional<std::chrono::sys_days> today = std::nullopt);
// "critical bug", "emergency", "carried over", "planned"
std::string entry_words(store::SprintEntryKind kind);

}  // namespace accord::commands
