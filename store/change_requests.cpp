#include "store/change_requests.hpp"

#include "store/sequences.hpp"
#include "store/statement.hpp"

namespace accord::store {
namespace {

constexpr const char* kSelectChangeRequest =
    "SELECT id, project_id, number, kind, item_id, title_before, title_after, due_before, "
    "due_after, reason, status, proposed_by, proposed_at, decided_by, decided_at, "
    "decision_comment FROM change_requests ";

std::optional<std::string> optional_text(const Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getString();
}

void bind_optional(Statement& statement, int index, const std::optional<std::string>& value) {
  if (value) statement.bind(index, *value);
}

ChangeRequest read_request(Statement& row) {
  ChangeRequest request;
  request.id = row.getColumn(0).getInt64();
  request.project_id = row.getColumn(1).getInt64();
  request.number = row.getColumn(2).getInt();
  request.kind = row.getColumn(3).getString();
  request.item_id = row.getColumn(4).getInt64();
  request.title_before = row.getColumn(5).getString();
  request.title_after = row.getColumn(6).getString();
  request.due_before = optional_text(row.getColumn(7));
  request.due_after = optional_text(row.getColumn(8));
  request.reason = row.getColumn(9).getString();
  request.status = row.getColumn(10).getString();
  request.proposed_by = row.getColumn(11).getString();
  request.proposed_at = from_millis(row.getColumn(12).getInt64());
  request.decided_by = row.getColumn(13).getString();
  if (!row.getColumn(14).isNull()) request.decided_at = from_millis(row.getColumn(14).getInt64());
  request.decision_comment = row.getColumn(15).getString();
  return request;
}

}  // namespace

ChangeRequest ChangeRequests::add(const ChangeRequest& request) {
  ChangeRequest stored = request;
  stored.number = next_number(db_, request.project_id, "change_request");
  stored.status = "pending";
  Statement insert(
      db_,
      "INSERT INTO change_requests (project_id, number, kind, item_id, "
      "title_before, title_after, due_before, due_after, reason, status, "
      "proposed_by, proposed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  insert.bind(1, stored.project_id);
  insert.bind(2, stored.number);
  insert.bind(3, stored.kind);
  insert.bind(4, stored.item_id);
  insert.bind(5, stored.title_before);
  insert.bind(6, stored.title_after);
  bind_optional(insert, 7, stored.due_before);
  bind_optional(insert, 8, stored.due_after);
  insert.bind(9, stored.reason);
  insert.bind(10, stored.status);
  insert.bind(11, stored.proposed_by);
  insert.bind(12, to_millis(stored.proposed_at));
  const std::int64_t inserted = insert.inserted_id();
  stored.id = inserted;
  return stored;
}

std::optional<ChangeRequest> ChangeRequests::find(std::int64_t project_id, int number) {
  Statement query(db_, std::string(kSelectChangeRequest) + "WHERE project_id = ? AND number = ?");
  query.bind(1, project_id);
  query.bind(2, number);
  if (!query.executeStep()) return std::nullopt;
  return read_request(query);
}

std::vector<ChangeRequest> ChangeRequests::pending(std::int64_t project_id) {
  Statement query(db_, std::string(kSelectChangeRequest) +
                           "WHERE project_id = ? AND status = 'pending' "
                           "ORDER BY proposed_at, number");
  query.bind(1, project_id);
  std::vector<ChangeRequest> requests;
  while (query.executeStep()) requests.push_back(read_request(query));
  return requests;
}

bool ChangeRequests::decide(std::int64_t id, const std::string& status, const std::string& by,
                            Timestamp at, const std::string& comment) {
  Statement update(db_,
                   "UPDATE change_requests SET status = ?, decided_by = ?, decided_at = ?, "
                   "decision_comment = ? WHERE id = ? AND status = 'pending'");
  update.bind(1, status);
  update.bind(2, by);
  update.bind(3, to_millis(at));
  update.bind(4, comment);
  update.bind(5, id);
  return update.exec() == 1;
}

void ChangeRequests::vote(std::int64_t id, const Vote& vote) {
  Statement upsert(db_,
                   "INSERT INTO change_request_votes (change_request_id, approver, "
                   "decision, comment, at) VALUES (?, ?, ?, ?, ?) "
                   "ON CONFLICT (change_request_id, approver) DO UPDATE SET "
                   "decision = excluded.decision, comment = excluded.comment, at = excluded.at");
  upsert.bind(1, id);
  upsert.bind(2, vote.approver);
  upsert.bind(3, vote.decision);
  upsert.bind(4, vote.comment);
  upsert.bind(5, to_millis(vote.at));
  upsert.exec();
}

std::vector<Vote> ChangeRequests::votes(std::int64_t id) {
  Statement query(db_,
                  "SELECT approver, decision, comment, at FROM change_request_votes "
                  "WHERE change_request_id = ? ORDER BY at, approver");
  query.bind(1, id);
  std::vector<Vote> votes;
  while (query.executeStep()) {
    votes.push_back(Vote{query.getColumn(0).getString(), query.getColumn(1).getString(),
                         query.getColumn(2).getString(),
                         from_millis(query.getColumn(3).getInt64())});
  }
  return votes;
}

}  // namespace accord::store
