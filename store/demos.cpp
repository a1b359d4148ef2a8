#include "store/demos.hpp"

#include <algorithm>
#include <array>

#include "store/sequences.hpp"
#include "store/statement.hpp"

namespace accord::store {
namespace {

constexpr std::array<std::string_view, 3> kDemoStatusNames = {"scheduled", "closed", "converted"};
constexpr std::array<std::string_view, 3> kDemoKindNames = {"bug", "tweak", "idea"};

template <typename Enum, std::size_t N>
std::optional<Enum> parse_demo_name(const std::array<std::string_view, N>& names,
                                    std::string_view text) {
  const auto found = std::find(names.begin(), names.end(), text);
  if (found == names.end()) return std::nullopt;
  return static_cast<Enum>(found - names.begin());
}

constexpr const char* kSelectDemo =
    "SELECT id, project_id, number, scheduled_at, sprint_number, status, created_by, created_at, "
    "closed_by, closed_at, converted_by, converted_at FROM demos ";

// The task's number comes along so callers can show T-n without another query.
constexpr const char* kSelectFeedback =
    "SELECT f.id, f.demo_id, f.author, f.text, f.task_id, t.number, f.kind, f.at, "
    "f.converted_to FROM demo_feedback f LEFT JOIN tasks t ON t.id = f.task_id ";

std::optional<Timestamp> optional_demo_time(const Column& column) {
  if (column.isNull()) return std::nullopt;
  return from_millis(column.getInt64());
}

Demo read_demo(Statement& row) {
  Demo demo;
  demo.id = row.getColumn(0).getInt64();
  demo.project_id = row.getColumn(1).getInt64();
  demo.number = row.getColumn(2).getInt();
  demo.scheduled_at = from_millis(row.getColumn(3).getInt64());
  if (!row.getColumn(4).isNull()) demo.sprint_number = row.getColumn(4).getInt();
  demo.status = parse_demo_name<DemoStatus>(kDemoStatusNames, row.getColumn(5).getString())
                    .value_or(DemoStatus::scheduled);
  demo.created_by = row.getColumn(6).getString();
  demo.created_at = from_millis(row.getColumn(7).getInt64());
  demo.closed_by = row.getColumn(8).getString();
  demo.closed_at = optional_demo_time(row.getColumn(9));
  demo.converted_by = row.getColumn(10).getString();
  demo.converted_at = optional_demo_time(row.getColumn(11));
  return demo;
}

DemoFeedback read_feedback(Statement& row) {
  DemoFeedback feedback;
  feedback.id = row.getColumn(0).getInt64();
  feedback.demo_id = row.getColumn(1).getInt64();
  feedback.author = row.getColumn(2).getString();
  feedback.text = row.getColumn(3).getString();
  if (!row.getColumn(4).isNull()) {
    feedback.task_id = row.getColumn(4).getInt64();
    feedback.task_number = row.getColumn(5).getInt();
  }
  feedback.kind = parse_feedback_kind(row.getColumn(6).getString()).value_or(FeedbackKind::tweak);
  feedback.at = from_millis(row.getColumn(7).getInt64());
  if (!row.getColumn(8).isNull()) feedback.converted_to = row.getColumn(8).getString();
  return feedback;
}

}  // namespace

std::string_view to_string(DemoStatus status) {
  return kDemoStatusNames.at(static_cast<std::size_t>(status));
}
std::string_view to_string(FeedbackKind kind) {
  return kDemoKindNames.at(static_cast<std::size_t>(kind));
}
std::optional<FeedbackKind> parse_feedback_kind(std::string_view text) {
  return parse_demo_name<FeedbackKind>(kDemoKindNames, text);
}

Demo Demos::add(const Demo& demo) {
  Demo stored = demo;
  stored.number = next_number(db_, demo.project_id, "demo");
  stored.status = DemoStatus::scheduled;
  Statement insert(db_,
                   "INSERT INTO demos (project_id, number, scheduled_at, sprint_number, "
                   "status, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  insert.bind(1, stored.project_id);
  insert.bind(2, stored.number);
  insert.bind(3, to_millis(stored.scheduled_at));
  if (stored.sprint_number) insert.bind(4, *stored.sprint_number);
  insert.bind(5, std::string(to_string(stored.status)));
  insert.bind(6, stored.created_by);
  insert.bind(7, to_millis(stored.created_at));
  stored.id = insert.inserted_id();
  return stored;
}

std::optional<Demo> Demos::find(std::int64_t project_id, int number) {
  Statement query(db_, std::string(kSelectDemo) + "WHERE project_id = ? AND number = ?");
  query.bind(1, project_id);
  query.bind(2, number);
  if (!query.executeStep()) return std::nullopt;
  return read_demo(query);
}

std::vector<Demo> Demos::list(std::int64_t project_id) {
  Statement query(db_,
                  std::string(kSelectDemo) + "WHERE project_id = ? ORDER BY scheduled_at, number");
  query.bind(1, project_id);
  std::vector<Demo> demos;
  while (query.executeStep()) demos.push_back(read_demo(query));
  return demos;
}

std::optional<DemoFeedback> Demos::add_feedback(const DemoFeedback& feedback) {
  Statement insert(db_,
                   "INSERT INTO demo_feedback (demo_id, author, text, task_id, kind, at) "
                   "SELECT id, ?, ?, ?, ?, ? FROM demos WHERE id = ? AND status = ? RETURNING id");
  insert.bind(1, feedback.author);
  insert.bind(2, feedback.text);
  if (feedback.task_id) insert.bind(3, *feedback.task_id);
  insert.bind(4, std::string(to_string(feedback.kind)));
  insert.bind(5, to_millis(feedback.at));
  insert.bind(6, feedback.demo_id);
  insert.bind(7, std::string(to_string(DemoStatus::scheduled)));
  const auto inserted = insert.insert_id();
  if (!inserted) return std::nullopt;
  Statement query(db_, std::string(kSelectFeedback) + "WHERE f.id = ?");
  query.bind(1, *inserted);
  query.executeStep();
  return read_feedback(query);
}

std::vector<DemoFeedback> Demos::feedback(std::int64_t demo_id) {
  Statement query(db_, std::string(kSelectFeedback) + "WHERE f.demo_id = ? ORDER BY f.id");
  query.bind(1, demo_id);
  std::vector<DemoFeedback> items;
  while (query.executeStep()) items.push_back(read_feedback(query));
  return items;
}

int Demos::feedback_count(std::int64_t demo_id) {
  Statement query(db_, "SELECT COUNT(*) FROM demo_feedback WHERE demo_id = ?");
  query.bind(1, demo_id);
  query.executeStep();
  return query.getColumn(0).getInt();
}

bool Demos::close(std::int64_t id, const std::string& by, Timestamp at) {
  Statement update(db_,
                   "UPDATE demos SET status = 'closed', closed_by = ?, closed_at = ? "
                   "WHERE id = ? AND status = 'scheduled'");
  update.bind(1, by);
  update.bind(2, to_millis(at));
  update.bind(3, id);
  return update.exec() == 1;
}

bool Demos::mark_converted(std::int64_t id, const std::string& by, Timestamp at) {
  Statement update(db_,
                   "UPDATE demos SET status = 'converted', converted_by = ?, "
                   "converted_at = ? WHERE id = ? AND status = 'closed'");
  update.bind(1, by);
  update.bind(2, to_millis(at));
  update.bind(3, id);
  return update.exec() == 1;
}

void Demos::set_converted_to(std::int64_t feedback_id, const std::string& object) {
  Statement update(db_, "UPDATE demo_feedback SET converted_to = ? WHERE id = ?");
  update.bind(1, object);
  update.bind(2, feedback_id);
  update.exec();
}

}  // namespace accord::store
