#include "store/acceptances.hpp"

#include "store/statement.hpp"

namespace accord::store {
namespace {

constexpr const char* kSelectAcceptance =
    "SELECT a.id, a.task_id, t.number, t.title, a.requested_by, a.requested_at, a.decision, "
    "a.decided_by, a.decided_at, a.reason, a.note FROM acceptance_requests a "
    "JOIN tasks t ON t.id = a.task_id ";

Acceptance read_acceptance(Statement& row) {
  Acceptance acceptance;
  acceptance.id = row.getColumn(0).getInt64();
  acceptance.task_id = row.getColumn(1).getInt64();
  acceptance.task_number = row.getColumn(2).getInt();
  acceptance.task_title = row.getColumn(3).getString();
  acceptance.requested_by = row.getColumn(4).getString();
  acceptance.requested_at = from_millis(row.getColumn(5).getInt64());
  if (!row.getColumn(6).isNull()) {
    acceptance.decision = row.getColumn(6).getString() == "accepted" ? AcceptanceDecision::accepted
                                                                     : AcceptanceDecision::rejected;
  }
  acceptance.decided_by = row.getColumn(7).getString();
  if (!row.getColumn(8).isNull()) acceptance.decided_at = from_millis(row.getColumn(8).getInt64());
  acceptance.reason = row.getColumn(9).getString();
  acceptance.note = row.getColumn(10).getString();
  return acceptance;
}

}  // namespace

std::string_view to_string(AcceptanceDecision decision) {
  return decision == AcceptanceDecision::accepted ? "accepted" : "rejected";
}

Acceptance Acceptances::request(std::int64_t task_id, const std::string& by, Timestamp at) {
  Statement insert(db_,
                   "INSERT INTO acceptance_requests (task_id, requested_by, requested_at) "
                   "VALUES (?, ?, ?) RETURNING id");
  insert.bind(1, task_id);
  insert.bind(2, by);
  insert.bind(3, to_millis(at));
  const std::int64_t inserted = insert.inserted_id();
  return *find(inserted);
}

std::optional<Acceptance> Acceptances::find(std::int64_t id) {
  Statement query(db_, std::string(kSelectAcceptance) + "WHERE a.id = ?");
  query.bind(1, id);
  if (!query.executeStep()) return std::nullopt;
  return read_acceptance(query);
}

std::optional<Acceptance> Acceptances::latest(std::int64_t task_id) {
  Statement query(
      db_, std::string(kSelectAcceptance) + "WHERE a.task_id = ? ORDER BY a.id DESC LIMIT 1");
  query.bind(1, task_id);
  if (!query.executeStep()) return std::nullopt;
  return read_acceptance(query);
}

std::vector<Acceptance> Acceptances::waiting(std::int64_t project_id) {
  Statement query(db_, std::string(kSelectAcceptance) +
                           "WHERE t.project_id = ? AND a.decision IS NULL "
                           "ORDER BY a.requested_at, a.id");
  query.bind(1, project_id);
  std::vector<Acceptance> found;
  while (query.executeStep()) found.push_back(read_acceptance(query));
  return found;
}

std::vector<Acceptance> Acceptances::for_project(std::int64_t project_id) {
  Statement query(
      db_, std::string(kSelectAcceptance) + "WHERE t.project_id = ? ORDER BY a.requested_at, a.id");
  query.bind(1, project_id);
  std::vector<Acceptance> found;
  while (query.executeStep()) found.push_back(read_acceptance(query));
  return found;
}

bool Acceptances::decide(Acceptance& request, AcceptanceDecision decision, const std::string& by,
                         Timestamp at, const std::string& reason, const std::string& note) {
  Statement update(db_,
                   "UPDATE acceptance_requests SET decision = ?, decided_by = ?, "
                   "decided_at = ?, reason = ?, note = ? WHERE id = ? AND decision IS NULL");
  update.bind(1, std::string(to_string(decision)));
  update.bind(2, by);
  update.bind(3, to_millis(at));
  update.bind(4, reason);
  update.bind(5, note);
  update.bind(6, request.id);
  if (update.exec() != 1) return false;
  request.decision = decision;
  request.decided_by = by;
  request.decided_at = at;
  request.reason = reason;
  request.note = note;
  return true;
}

}  // namespace accord::store
