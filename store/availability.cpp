#include "store/availability.hpp"

#include "store/statement.hpp"

namespace accord::store {

std::optional<std::string> Availability::windows(std::int64_t project_id, const std::string& user) {
  Statement query(db_, "SELECT windows FROM availability WHERE project_id = ? AND user_id = ?");
  query.bind(1, project_id);
  query.bind(2, user);
  if (!query.executeStep()) return std::nullopt;
  return query.getColumn(0).getString();
}

std::map<std::string, std::string> Availability::all(std::int64_t project_id) {
  Statement query(db_, "SELECT user_id, windows FROM availability WHERE project_id = ?");
  query.bind(1, project_id);
  std::map<std::string, std::string> found;
  while (query.executeStep()) {
    found.emplace(query.getColumn(0).getString(), query.getColumn(1).getString());
  }
  return found;
}

void Availability::set(std::int64_t project_id, const std::string& user, const std::string& windows,
                       Timestamp at) {
  Statement upsert(db_,
                   "INSERT INTO availability (project_id, user_id, windows, set_at) "
                   "VALUES (?, ?, ?, ?) ON CONFLICT (project_id, user_id) DO UPDATE SET "
                   "windows = excluded.windows, set_at = excluded.set_at");
  upsert.bind(1, project_id);
  upsert.bind(2, user);
  upsert.bind(3, windows);
  upsert.bind(4, to_millis(at));
  upsert.exec();
}

bool Availability::clear(std::int64_t project_id, const std::string& user) {
  Statement remove(db_, "DELETE FROM availability WHERE project_id = ? AND user_id = ?");
  remove.bind(1, project_id);
  remove.bind(2, user);
  return remove.exec() == 1;
}

}  // namespace accord::store
