// The backlog: tasks numbered per project (T-1, T-2, ...), with acceptance criteria, subtasks
// (parent) and an epic (an accepted capability).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

enum class TaskKind { feature, bug, debt, test, docs };
enum class Priority { critical, high, medium, low };
enum class TaskStatus { backlog, planned, in_progress, awaiting_acceptance, accepted };

std::string_view to_string(TaskKind kind);
std::string_view to_string(Priority priority);
std::string_view to_string(TaskStatus status);
// Exact lower-case names; nullopt for anything else.
std::optional<TaskKind> parse_task_kind(std::string_view text);
std::optional<Priority> parse_priority(std::string_view text);
std::optional<TaskStatus> parse_task_status(std::string_view text);
const std::vector<TaskKind>& all_task_kinds();
const std::vector<Priority>& all_priorities();
const std::vector<TaskStatus>& all_task_statuses();

struct Task {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  int number = 0;  // the n of T-n
  std::string title;
  TaskKind kind = TaskKind::feature;
  Priority priority = Priority::medium;
  std::string story;
  std::optional<double> estimate_hours;
  std::optional<std::int64_t> parent_id;
  int parent_number = 0;  // T-n of the parent, when parent_id is set
  std::optional<std::int64_t> epic_id;
  int epic_number = 0;  // C-n of the epic, when epic_id is set
  TaskStatus status = TaskStatus::backlog;
  std::string owner;  // the team member who does it; empty when nobody does yet
  // YYYY-MM-DD in the project's calendar: delivery (set by dev or lead) and testing (qa).
  std::optional<std::string> due_date;
  std::optional<std::string> test_due_date;
  std::string created_by;
  Timestamp created_at{};
  Timestamp updated_at{};
};

class Tasks {
 public:
  explicit Tasks(Database& db) : db_(db) {}

  // Assigns the next per-project number, stores the criteria in order, returns the stored task.
  Task add(const Task& task, const std::vector<std::string>& criteria);
  std::optional<Task> find(std::int64_t project_id, int number);
  // Most urgent first, then by number; all statuses when `status` is empty.
  std::vector<Task> list(std::int64_t project_id, std::optional<TaskStatus> status = std::nullopt);
  std::vector<Task> subtasks(std::int64_t parent_id);

  std::vector<std::string> criteria(std::int64_t task_id);
  // Appends a criterion; returns its 1-based position.
  int add_criterion(std::int64_t task_id, const std::string& text, Timestamp at);
  // Removes every criterion; returns how many there were.
  int clear_criteria(std::int64_t task_id, Timestamp at);

  void set_story(std::int64_t task_id, const std::string& story, Timestamp at);
  void set_priority(std::int64_t task_id, Priority priority, Timestamp at);
  // Empty `owner`: nobody.
  void set_owner(std::int64_t task_id, const std::string& owner, Timestamp at);
  // The tasks the person owns that are not accepted yet, most urgent first.
  std::vector<Task> owned_by(std::int64_t project_id, const std::string& owner);
  void set_estimate(std::int64_t task_id, double hours, Timestamp at);
  // nullopt clears the date.
  void set_due_date(std::int64_t task_id, const std::optional<std::string>& date, Timestamp at);
  void set_test_due_date(std::int64_t task_id, const std::optional<std::string>& date,
                         Timestamp at);
  // Guarded: moves the task to `to` only from one of `from`; false when it was elsewhere.
  bool move(std::int64_t task_id, const std::vector<TaskStatus>& from, TaskStatus to, Timestamp at);

 private:
  void touch(std::int64_t task_id, Timestamp at);
  Database& db_;
};

}  // namespace accord::store
