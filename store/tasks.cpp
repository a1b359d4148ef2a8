#include "store/tasks.hpp"

#include <algorithm>
#include <array>

#include "store/sequences.hpp"
#include "store/statement.hpp"

namespace accord::store {
namespace {

constexpr std::array<std::string_view, 5> kTaskKindNames = {"feature", "bug", "debt", "test",
                                                            "docs"};
constexpr std::array<std::string_view, 4> kPriorityNames = {"critical", "high", "medium", "low"};
constexpr std::array<std::string_view, 5> kTaskStatusNames = {"backlog", "planned", "in_progress",
                                                              "awaiting_acceptance", "accepted"};

template <typename Enum, std::size_t N>
std::optional<Enum> parse_task_name(const std::array<std::string_view, N>& names,
                                    std::string_view text) {
  const auto found = std::find(names.begin(), names.end(), text);
  if (found == names.end()) return std::nullopt;
  return static_cast<Enum>(found - names.begin());
}

template <typename Enum, std::size_t N>
std::vector<Enum> every(const std::array<std::string_view, N>&) {
  std::vector<Enum> all;
  for (std::size_t i = 0; i < N; ++i) all.push_back(static_cast<Enum>(i));
  return all;
}

// Parent and epic numbers come along so callers can show T-n and C-n without more queries.
constexpr const char* kSelectTask =
    "SELECT t.id, t.project_id, t.number, t.title, t.kind, t.priority, t.story, "
    "t.estimate_hours, t.parent_id, p.number, t.epic_id, c.number, t.status, t.created_by, "
    "t.created_at, t.updated_at, t.owner, t.due_date, t.test_due_date FROM tasks t "
    "LEFT JOIN tasks p ON p.id = t.parent_id "
    "LEFT JOIN capabilities c ON c.id = t.epic_id ";

constexpr const char* kUrgencyOrder =
    " ORDER BY CASE t.priority WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 "
    "ELSE 3 END, t.number";

Task read_task(Statement& row) {
  Task task;
  task.id = row.getColumn(0).getInt64();
  task.project_id = row.getColumn(1).getInt64();
  task.number = row.getColumn(2).getInt();
  task.title = row.getColumn(3).getString();
  task.kind = parse_task_kind(row.getColumn(4).getString()).value_or(TaskKind::feature);
  task.priority = parse_priority(row.getColumn(5).getString()).value_or(Priority::medium);
  task.story = row.getColumn(6).getString();
  if (!row.getColumn(7).isNull()) task.estimate_hours = row.getColumn(7).getDouble();
  if (!row.getColumn(8).isNull()) {
    task.parent_id = row.getColumn(8).getInt64();
    task.parent_number = row.getColumn(9).getInt();
  }
  if (!row.getColumn(10).isNull()) {
    task.epic_id = row.getColumn(10).getInt64();
    task.epic_number = row.getColumn(11).getInt();
  }
  task.status = parse_task_status(row.getColumn(12).getString()).value_or(TaskStatus::backlog);
  task.created_by = row.getColumn(13).getString();
  task.created_at = from_millis(row.getColumn(14).getInt64());
  task.updated_at = from_millis(row.getColumn(15).getInt64());
  task.owner = row.getColumn(16).getString();
  if (!row.getColumn(17).isNull()) task.due_date = row.getColumn(17).getString();
  if (!row.getColumn(18).isNull()) task.test_due_date = row.getColumn(18).getString();
  return task;
}

std::vector<Task> read_tasks(Statement& query) {
  std::vector<Task> tasks;
  while (query.executeStep()) tasks.push_back(read_task(query));
  return tasks;
}

}  // namespace

std::string_view to_string(TaskKind kind) {
  return kTaskKindNames.at(static_cast<std::size_t>(kind));
}
std::string_view to_string(Priority priority) {
  return kPriorityNames.at(static_cast<std::size_t>(priority));
}
std::string_view to_string(TaskStatus status) {
  return kTaskStatusNames.at(static_cast<std::size_t>(status));
}
std::optional<TaskKind> parse_task_kind(std::string_view text) {
  return parse_task_name<TaskKind>(kTaskKindNames, text);
}
std::optional<Priority> parse_priority(std::string_view text) {
  return parse_task_name<Priority>(kPriorityNames, text);
}
std::optional<TaskStatus> parse_task_status(std::string_view text) {
  return parse_task_name<TaskStatus>(kTaskStatusNames, text);
}
const std::vector<TaskKind>& all_task_kinds() {
  static const auto all = every<TaskKind>(kTaskKindNames);
  return all;
}
const std::vector<Priority>& all_priorities() {
  static const auto all = every<Priority>(kPriorityNames);
  return all;
}
const std::vector<TaskStatus>& all_task_statuses() {
  static const auto all = every<TaskStatus>(kTaskStatusNames);
  return all;
}

Task Tasks::add(const Task& task, const std::vector<std::string>& criteria) {
  Task stored = task;
  stored.number = next_number(db_, task.project_id, "task");
  stored.updated_at = stored.created_at;
  Statement insert(db_,
                   "INSERT INTO tasks (project_id, number, title, kind, priority, story, "
                   "estimate_hours, parent_id, epic_id, status, created_by, created_at, "
                   "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  insert.bind(1, stored.project_id);
  insert.bind(2, stored.number);
  insert.bind(3, stored.title);
  insert.bind(4, std::string(to_string(stored.kind)));
  insert.bind(5, std::string(to_string(stored.priority)));
  insert.bind(6, stored.story);
  if (stored.estimate_hours) insert.bind(7, *stored.estimate_hours);
  if (stored.parent_id) insert.bind(8, *stored.parent_id);
  if (stored.epic_id) insert.bind(9, *stored.epic_id);
  insert.bind(10, std::string(to_string(stored.status)));
  insert.bind(11, stored.created_by);
  insert.bind(12, to_millis(stored.created_at));
  insert.bind(13, to_millis(stored.updated_at));
  const std::int64_t inserted = insert.inserted_id();
  stored.id = inserted;
  for (const auto& criterion : criteria) add_criterion(stored.id, criterion, stored.created_at);
  // A parent's or an epic's number comes from its own row; without them the stored task is what
  // was bound: no owner or dates yet.
  if (stored.parent_id || stored.epic_id) return *find(stored.project_id, stored.number);
  stored.parent_number = 0;
  stored.epic_number = 0;
  stored.owner.clear();
  stored.due_date.reset();
  stored.test_due_date.reset();
  return stored;
}

std::optional<Task> Tasks::find(std::int64_t project_id, int number) {
  Statement query(db_, std::string(kSelectTask) + "WHERE t.project_id = ? AND t.number = ?");
  query.bind(1, project_id);
  query.bind(2, number);
  if (!query.executeStep()) return std::nullopt;
  return read_task(query);
}

std::vector<Task> Tasks::list(std::int64_t project_id, std::optional<TaskStatus> status) {
  Statement query(db_, std::string(kSelectTask) +
                           "WHERE t.project_id = ? AND (CAST(? AS TEXT) IS NULL OR t.status = ?)" +
                           kUrgencyOrder);
  query.bind(1, project_id);
  if (status) {
    query.bind(2, std::string(to_string(*status)));
    query.bind(3, std::string(to_string(*status)));
  }
  return read_tasks(query);
}

std::vector<Task> Tasks::subtasks(std::int64_t parent_id) {
  Statement query(db_, std::string(kSelectTask) + "WHERE t.parent_id = ? ORDER BY t.number");
  query.bind(1, parent_id);
  return read_tasks(query);
}

std::vector<std::string> Tasks::criteria(std::int64_t task_id) {
  Statement query(db_, "SELECT text FROM task_criteria WHERE task_id = ? ORDER BY position");
  query.bind(1, task_id);
  std::vector<std::string> texts;
  while (query.executeStep()) texts.push_back(query.getColumn(0).getString());
  return texts;
}

int Tasks::add_criterion(std::int64_t task_id, const std::string& text, Timestamp at) {
  Statement insert(db_,
                   "INSERT INTO task_criteria (task_id, position, text) VALUES (?, "
                   "(SELECT COALESCE(MAX(position), 0) + 1 FROM task_criteria "
                   "WHERE task_id = ?), ?) RETURNING position");
  insert.bind(1, task_id);
  insert.bind(2, task_id);
  insert.bind(3, text);
  insert.executeStep();
  const int position = insert.getColumn(0).getInt();
  touch(task_id, at);
  return position;
}

int Tasks::clear_criteria(std::int64_t task_id, Timestamp at) {
  Statement remove(db_, "DELETE FROM task_criteria WHERE task_id = ?");
  remove.bind(1, task_id);
  const int removed = remove.exec();
  touch(task_id, at);
  return removed;
}

void Tasks::set_story(std::int64_t task_id, const std::string& story, Timestamp at) {
  Statement update(db_, "UPDATE tasks SET story = ?, updated_at = ? WHERE id = ?");
  update.bind(1, story);
  update.bind(2, to_millis(at));
  update.bind(3, task_id);
  update.exec();
}

void Tasks::set_priority(std::int64_t task_id, Priority priority, Timestamp at) {
  Statement update(db_, "UPDATE tasks SET priority = ?, updated_at = ? WHERE id = ?");
  update.bind(1, std::string(to_string(priority)));
  update.bind(2, to_millis(at));
  update.bind(3, task_id);
  update.exec();
}

void Tasks::set_owner(std::int64_t task_id, const std::string& owner, Timestamp at) {
  Statement update(db_, "UPDATE tasks SET owner = ?, updated_at = ? WHERE id = ?");
  update.bind(1, owner);
  update.bind(2, to_millis(at));
  update.bind(3, task_id);
  update.exec();
}

std::vector<Task> Tasks::owned_by(std::int64_t project_id, const std::string& owner) {
  Statement query(db_, std::string(kSelectTask) +
                           "WHERE t.project_id = ? AND t.owner = ? AND t.status <> 'accepted'" +
                           kUrgencyOrder);
  query.bind(1, project_id);
  query.bind(2, owner);
  return read_tasks(query);
}

void Tasks::set_estimate(std::int64_t task_id, double hours, Timestamp at) {
  Statement update(db_, "UPDATE tasks SET estimate_hours = ?, updated_at = ? WHERE id = ?");
  update.bind(1, hours);
  update.bind(2, to_millis(at));
  update.bind(3, task_id);
  update.exec();
}

namespace {

void set_date(Database& db, const char* column, std::int64_t task_id,
              const std::optional<std::string>& date, Timestamp at) {
  Statement update(db,
                   std::string("UPDATE tasks SET ") + column + " = ?, updated_at = ? WHERE id = ?");
  if (date) update.bind(1, *date);
  update.bind(2, to_millis(at));
  update.bind(3, task_id);
  update.exec();
}

}  // namespace

void Tasks::set_due_date(std::int64_t task_id, const std::optional<std::string>& date,
                         Timestamp at) {
  set_date(db_, "due_date", task_id, date, at);
}

void Tasks::set_test_due_date(std::int64_t task_id, const std::optional<std::string>& date,
                              Timestamp at) {
  set_date(db_, "test_due_date", task_id, date, at);
}

bool Tasks::move(std::int64_t task_id, const std::vector<TaskStatus>& from, TaskStatus to,
                 Timestamp at) {
  if (from.empty()) return false;
  std::string placeholders;
  for (std::size_t i = 0; i < from.size(); ++i) placeholders += i == 0 ? "?" : ", ?";
  Statement update(db_,
                   "UPDATE tasks SET status = ?, updated_at = ? WHERE id = ? "
                   "AND status IN (" +
                       placeholders + ")");
  update.bind(1, std::string(to_string(to)));
  update.bind(2, to_millis(at));
  update.bind(3, task_id);
  for (std::size_t i = 0; i < from.size(); ++i) {
    update.bind(static_cast<int>(i) + 4, std::string(to_string(from[i])));
  }
  return update.exec() == 1;
}

void Tasks::touch(std::int64_t task_id, Timestamp at) {
  Statement update(db_, "UPDATE tasks SET updated_at = ? WHERE id = ?");
  update.bind(1, to_millis(at));
  update.bind(2, task_id);
  update.exec();
}

}  // namespace accord::store
