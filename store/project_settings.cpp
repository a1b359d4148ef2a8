#include "store/project_settings.hpp"

#include "store/statement.hpp"

namespace accord::store {

std::optional<std::string> ProjectSettings::get(std::int64_t project_id, const std::string& key) {
  Statement query(db_, "SELECT value FROM project_settings WHERE project_id = ? AND key = ?");
  query.bind(1, project_id);
  query.bind(2, key);
  if (!query.executeStep()) return std::nullopt;
  return query.getColumn(0).getString();
}

void ProjectSettings::set(std::int64_t project_id, const std::string& key,
                          const std::string& value) {
  Statement upsert(db_,
                   "INSERT INTO project_settings (project_id, key, value) VALUES (?, ?, ?) "
                   "ON CONFLICT (project_id, key) DO UPDATE SET value = excluded.value");
  upsert.bind(1, project_id);
  upsert.bind(2, key);
  upsert.bind(3, value);
  upsert.exec();
}

std::map<std::string, std::string> ProjectSettings::all(std::int64_t project_id) {
  Statement query(db_, "SELECT key, value FROM project_settings WHERE project_id = ?");
  query.bind(1, project_id);
  std::map<std::string, std::string> settings;
  while (query.executeStep()) {
    settings[query.getColumn(0).getString()] = query.getColumn(1).getString();
  }
  return settings;
}

}  // namespace accord::store
