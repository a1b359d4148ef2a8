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
