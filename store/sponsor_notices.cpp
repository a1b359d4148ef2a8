#include "store/sponsor_notices.hpp"

#include "store/statement.hpp"

namespace accord::store {

std::optional<Timestamp> SponsorNotices::last(std::int64_t project_id, const std::string& item) {
  Statement query(db_, "SELECT notified_at FROM sponsor_notices WHERE project_id = ? AND item = ?");
  query.bind(1, project_id);
  query.bind(2, item);
  if (!query.executeStep()) return std::nullopt;
  return from_millis(query.getColumn(0).getInt64());
}

std::vector<std::int64_t> SponsorNotices::projects_with_waiting_decisions() {
  Statement query(db_,
                  "SELECT project_id FROM change_requests WHERE status = 'pending' "
                  "UNION SELECT t.project_id FROM acceptance_requests a "
                  "JOIN tasks t ON t.id = a.task_id WHERE a.decision IS NULL "
                  "UNION SELECT project_id FROM capabilities WHERE status = 'proposed'");
  std::vector<std::int64_t> projects;
  while (query.executeStep()) projects.push_back(query.getColumn(0).getInt64());
  return projects;
}

void SponsorNotices::record(std::int64_t project_id, const std::string& item, Timestamp at) {
  Statement upsert(
      db_,
      "INSERT INTO sponsor_notices (project_id, item, notified_at) VALUES (?, ?, ?) "
      "ON CONFLICT (project_id, item) DO UPDATE SET notified_at = excluded.notified_at");
  upsert.bind(1, project_id);
  upsert.bind(2, item);
  upsert.bind(3, to_millis(at));
  upsert.exec();
}

}  // namespace accord::store
