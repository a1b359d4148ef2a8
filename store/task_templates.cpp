#include "store/task_templates.hpp"

#include <nlohmann/json.hpp>

#include "store/statement.hpp"

namespace accord::store {
namespace {

constexpr const char* kSelectTemplate =
    "SELECT project_id, name, title, kind, story, criteria, added_by, added_at "
    "FROM task_templates ";

TaskTemplate read_template(Statement& row) {
  TaskTemplate found;
  found.project_id = row.getColumn(0).getInt64();
  found.name = row.getColumn(1).getString();
  found.title = row.getColumn(2).getString();
  found.kind = parse_task_kind(row.getColumn(3).getString()).value_or(TaskKind::feature);
  found.story = row.getColumn(4).getString();
  const auto criteria = nlohmann::json::parse(row.getColumn(5).getString(), nullptr, false);
  if (criteria.is_array()) {
    for (const auto& criterion : criteria) {
      if (criterion.is_string()) found.criteria.push_back(criterion.get<std::string>());
    }
  }
  found.added_by = row.getColumn(6).getString();
  found.added_at = from_millis(row.getColumn(7).getInt64());
  return found;
}

}  // namespace

bool TaskTemplates::put(const TaskTemplate& task_template) {
  const bool replacing = find(task_template.project_id, task_template.name).has_value();
  Statement upsert(db_,
                   "INSERT INTO task_templates (project_id, name, title, kind, story, criteria, "
                   "added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                   "ON CONFLICT (project_id, name) DO UPDATE SET title = excluded.title, "
                   "kind = excluded.kind, story = excluded.story, criteria = excluded.criteria, "
                   "added_by = excluded.added_by, added_at = excluded.added_at");
  upsert.bind(1, task_template.project_id);
  upsert.bind(2, task_template.name);
  upsert.bind(3, task_template.title);
  upsert.bind(4, std::string(to_string(task_template.kind)));
  upsert.bind(5, task_template.story);
  upsert.bind(6, nlohmann::json(task_template.criteria).dump());
  upsert.bind(7, task_template.added_by);
  upsert.bind(8, to_millis(task_template.added_at));
  upsert.exec();
  return replacing;
}

std::optional<TaskTemplate> TaskTemplates::find(std::int64_t project_id, const std::string& name) {
  Statement query(db_, std::string(kSelectTemplate) + "WHERE project_id = ? AND name = ?");
  query.bind(1, project_id);
  query.bind(2, name);
  if (!query.executeStep()) return std::nullopt;
  return read_template(query);
}

std::vector<TaskTemplate> TaskTemplates::list(std::int64_t project_id) {
  Statement query(db_, std::string(kSelectTemplate) + "WHERE project_id = ? ORDER BY name");
  query.bind(1, project_id);
  std::vector<TaskTemplate> found;
  while (query.executeStep()) found.push_back(read_template(query));
  return found;
}

bool TaskTemplates::remove(std::int64_t project_id, const std::string& name) {
  Statement remove(db_, "DELETE FROM task_templates WHERE project_id = ? AND name = ?");
  remove.bind(1, project_id);
  remove.bind(2, name);
  return remove.exec() == 1;
}

}  // namespace accord::store
