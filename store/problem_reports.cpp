#include "store/problem_reports.hpp"

#include "store/sequences.hpp"
#include "store/statement.hpp"

namespace accord::store {
namespace {

constexpr const char* kSelectProblemReport =
    "SELECT id, project_id, number, category, text, about_user, reporter, reported_at, status, "
    "level, owner, acknowledged_at, resolved_at, resolution_note, ack_deadline, "
    "resolve_deadline, policy, COALESCE(code, CAST(number AS TEXT)) FROM problem_reports ";

std::optional<Timestamp> optional_report_time(const Column& column) {
  if (column.isNull()) return std::nullopt;
  return from_millis(column.getInt64());
}

ProblemReport read_report(Statement& row) {
  ProblemReport report;
  report.id = row.getColumn(0).getInt64();
  report.project_id = row.getColumn(1).getInt64();
  report.number = row.getColumn(2).getInt();
  report.category = row.getColumn(3).getString();
  report.text = row.getColumn(4).getString();
  report.about_user = row.getColumn(5).getString();
  report.reporter = row.getColumn(6).getString();
  report.reported_at = from_millis(row.getColumn(7).getInt64());
  report.status = row.getColumn(8).getString();
  report.level = row.getColumn(9).getInt();
  report.owner = row.getColumn(10).getString();
  report.acknowledged_at = optional_report_time(row.getColumn(11));
  report.resolved_at = optional_report_time(row.getColumn(12));
  report.resolution_note = row.getColumn(13).getString();
  report.ack_deadline = optional_report_time(row.getColumn(14));
  report.resolve_deadline = optional_report_time(row.getColumn(15));
  report.policy = row.getColumn(16).getString();
  report.code = row.getColumn(17).getString();
  return report;
}

}  // namespace

ProblemReport ProblemReports::add(const ProblemReport& report) {
  ProblemReport stored = report;
  stored.number = next_number(db_, report.project_id, "problem_report");
  Statement insert(db_,
                   "INSERT INTO problem_reports (project_id, number, category, text, "
                   "about_user, reporter, reported_at, status, level, policy, code) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  insert.bind(1, stored.project_id);
  insert.bind(2, stored.number);
  insert.bind(3, stored.category);
  insert.bind(4, stored.text);
  insert.bind(5, stored.about_user);
  insert.bind(6, stored.reporter);
  insert.bind(7, to_millis(stored.reported_at));
  insert.bind(8, stored.status);
  insert.bind(9, stored.level);
  insert.bind(10, stored.policy);
  // Without a code, the report goes by its number, as one filed before codes did.
  if (stored.code.empty()) {
    stored.code = std::to_string(stored.number);
  } else {
    insert.bind(11, stored.code);
  }
  const std::int64_t inserted = insert.inserted_id();
  stored.id = inserted;
  return stored;
}

std::optional<ProblemReport> ProblemReports::find(std::int64_t project_id, int number) {
  Statement query(db_, std::string(kSelectProblemReport) + "WHERE project_id = ? AND number = ?");
  query.bind(1, project_id);
  query.bind(2, number);
  if (!query.executeStep()) return std::nullopt;
  return read_report(query);
}

bool ProblemReports::code_taken(std::int64_t project_id, const std::string& code) {
  Statement query(db_,
                  "SELECT 1 FROM problem_reports WHERE project_id = ? "
                  "AND COALESCE(code, CAST(number AS TEXT)) = ?");
  query.bind(1, project_id);
  query.bind(2, code);
  return query.executeStep();
}

std::optional<ProblemReport> ProblemReports::find_by_code(std::int64_t project_id,
                                                          const std::string& code) {
  Statement query(db_, std::string(kSelectProblemReport) +
                           "WHERE project_id = ? AND COALESCE(code, CAST(number AS TEXT)) = ?");
  query.bind(1, project_id);
  query.bind(2, code);
  if (!query.executeStep()) return std::nullopt;
  return read_report(query);
}

std::vector<ProblemReport> ProblemReports::waiting_without_deadline() {
  Statement query(db_, std::string(kSelectProblemReport) +
                           "WHERE status IN ('open', 'reopened', 'acknowledged') "
                           "AND ack_deadline IS NULL AND resolve_deadline IS NULL");
  std::vector<ProblemReport> reports;
  while (query.executeStep()) reports.push_back(read_report(query));
  return reports;
}

std::vector<ProblemReport> ProblemReports::for_project(std::int64_t project_id) {
  Statement query(db_,
                  std::string(kSelectProblemReport) + "WHERE project_id = ? ORDER BY number DESC");
  query.bind(1, project_id);
  std::vector<ProblemReport> reports;
  while (query.executeStep()) reports.push_back(read_report(query));
  return reports;
}

void ProblemReports::set_level(std::int64_t id, int level) {
  Statement update(db_, "UPDATE problem_reports SET level = ? WHERE id = ?");
  update.bind(1, level);
  update.bind(2, id);
  update.exec();
}

void ProblemReports::add_recipient(std::int64_t report_id, int level, const std::string& user) {
  Statement insert(db_,
                   "INSERT INTO problem_report_recipients (report_id, level, user_id) "
                   "VALUES (?, ?, ?) ON CONFLICT (report_id, level, user_id) DO NOTHING");
  insert.bind(1, report_id);
  insert.bind(2, level);
  insert.bind(3, user);
  insert.exec();
}

std::vector<std::string> ProblemReports::recipients(std::int64_t report_id, int level) {
  Statement query(db_,
                  "SELECT user_id FROM problem_report_recipients "
                  "WHERE report_id = ? AND level = ? ORDER BY user_id");
  query.bind(1, report_id);
  query.bind(2, level);
  std::vector<std::string> users;
  while (query.executeStep()) users.push_back(query.getColumn(0).getString());
  return users;
}

bool ProblemReports::acknowledge(std::int64_t id, const std::string& by, Timestamp at) {
  Statement update(
      db_,
      "UPDATE problem_reports SET status = 'acknowledged', owner = ?, "
      "acknowledged_at = ? WHERE id = ? AND status IN ('open', 'reopened', 'stalled')");
  update.bind(1, by);
  update.bind(2, to_millis(at));
  update.bind(3, id);
  return update.exec() == 1;
}

bool ProblemReports::resolve(std::int64_t id, const std::string& by, Timestamp at,
                             const std::string& note) {
  Statement update(
      db_,
      "UPDATE problem_reports SET status = 'resolved', "
      "owner = CASE WHEN owner = '' THEN ? ELSE owner END, resolved_at = ?, resolution_note = ? "
      "WHERE id = ? AND status IN ('open', 'acknowledged', 'reopened', 'stalled')");
  update.bind(1, by);
  update.bind(2, to_millis(at));
  update.bind(3, note);
  update.bind(4, id);
  return update.exec() == 1;
}

bool ProblemReports::reopen(std::int64_t id) {
  Statement update(db_,
                   "UPDATE problem_reports SET status = 'reopened', owner = '', "
                   "acknowledged_at = NULL, resolved_at = NULL "
                   "WHERE id = ? AND status = 'resolved'");
  update.bind(1, id);
  return update.exec() == 1;
}

void ProblemReports::set_deadlines(std::int64_t id, std::optional<Timestamp> ack,
                                   std::optional<Timestamp> resolve) {
  Statement update(
      db_, "UPDATE problem_reports SET ack_deadline = ?, resolve_deadline = ? WHERE id = ?");
  if (ack) update.bind(1, to_millis(*ack));
  if (resolve) update.bind(2, to_millis(*resolve));
  update.bind(3, id);
  update.exec();
}

void ProblemReports::escalate(std::int64_t id, int level) {
  Statement update(db_,
                   "UPDATE problem_reports SET level = ?, "
                   "owner = CASE WHEN status = 'acknowledged' THEN '' ELSE owner END, "
                   "acknowledged_at = CASE WHEN status = 'acknowledged' THEN NULL "
                   "ELSE acknowledged_at END, "
                   "status = CASE WHEN status = 'acknowledged' THEN 'open' ELSE status END "
                   "WHERE id = ?");
  update.bind(1, level);
  update.bind(2, id);
  update.exec();
}

bool ProblemReports::stall(std::int64_t id) {
  Statement update(db_,
                   "UPDATE problem_reports SET status = 'stalled', ack_deadline = NULL, "
                   "resolve_deadline = NULL WHERE id = ? AND status IN ('open', "
                   "'acknowledged', 'reopened')");
  update.bind(1, id);
  return update.exec() == 1;
}

std::int64_t ProblemReports::add_event(std::int64_t report_id, const ProblemEvent& event) {
  Statement insert(db_,
                   "INSERT INTO problem_report_events (report_id, at, actor, action, note) "
                   "VALUES (?, ?, ?, ?, ?) RETURNING id");
  insert.bind(1, report_id);
  insert.bind(2, to_millis(event.at));
  insert.bind(3, event.actor);
  insert.bind(4, event.action);
  insert.bind(5, event.note);
  const std::int64_t inserted = insert.inserted_id();
  return inserted;
}

std::vector<ProblemEvent> ProblemReports::events(std::int64_t report_id) {
  Statement query(db_,
                  "SELECT at, actor, action, note FROM problem_report_events "
                  "WHERE report_id = ? ORDER BY at, id");
  query.bind(1, report_id);
  std::vector<ProblemEvent> events;
  while (query.executeStep()) {
    events.push_back(ProblemEvent{from_millis(query.getColumn(0).getInt64()),
                                  query.getColumn(1).getString(), query.getColumn(2).getString(),
                                  query.getColumn(3).getString()});
  }
  return events;
}

}  // namespace accord::store
