#include "store/projects.hpp"

#include "store/homes.hpp"
#include "store/statement.hpp"

namespace accord::store {
namespace {

constexpr const char* kProjectColumns =
    "p.id, p.platform, p.workspace, p.channel, p.name, p.timezone, p.sprint_weeks, "
    "p.hours_per_day, p.created_by, p.created_at";

Project read_project(Statement& row) {
  Project project;
  project.id = row.getColumn(0).getInt64();
  project.platform = platform_from_row(row.getColumn(1).getString());
  project.workspace = row.getColumn(2).getString();
  project.channel = row.getColumn(3).getString();
  project.name = row.getColumn(4).getString();
  project.timezone = row.getColumn(5).getString();
  project.sprint_weeks = row.getColumn(6).getInt();
  project.hours_per_day = row.getColumn(7).getDouble();
  project.created_by = row.getColumn(8).getString();
  project.created_at = from_millis(row.getColumn(9).getInt64());
  return project;
}

std::optional<Project> first_project(Statement& query) {
  if (!query.executeStep()) return std::nullopt;
  return read_project(query);
}

}  // namespace

std::optional<Project> Projects::create(const Project& project) {
  // A conversation linked to another project is bound too.
  if (Homes(db_).find(project.platform, project.workspace, project.channel)) return std::nullopt;
  Statement insert(db_,
                   "INSERT INTO projects (platform, workspace, channel, name, timezone, "
                   "sprint_weeks, hours_per_day, created_by, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                   "ON CONFLICT (platform, workspace, channel) DO NOTHING RETURNING id");
  insert.bind(1, platform_name(project.platform));
  insert.bind(2, project.workspace);
  insert.bind(3, project.channel);
  insert.bind(4, project.name);
  insert.bind(5, project.timezone);
  insert.bind(6, project.sprint_weeks);
  insert.bind(7, project.hours_per_day);
  insert.bind(8, project.created_by);
  insert.bind(9, to_millis(project.created_at));
  const auto inserted = insert.insert_id();
  if (!inserted) return std::nullopt;
  Project created = project;
  created.id = *inserted;
  // Its first home: the conversation it was set up in.
  Home home;
  home.project_id = created.id;
  home.platform = created.platform;
  home.workspace = created.workspace;
  home.channel = created.channel;
  home.linked_by = created.created_by;
  home.linked_at = created.created_at;
  Homes(db_).add(home);
  return created;
}

std::vector<std::int64_t> Projects::ids() {
  Statement query(db_, "SELECT id FROM projects ORDER BY id");
  std::vector<std::int64_t> found;
  while (query.executeStep()) found.push_back(query.getColumn(0).getInt64());
  return found;
}

std::optional<Project> Projects::find(std::int64_t id) {
  Statement query(db_,
                  std::string("SELECT ") + kProjectColumns + " FROM projects p WHERE p.id = ?");
  query.bind(1, id);
  return first_project(query);
}

std::optional<Project> Projects::find_by_channel(Platform platform, const std::string& workspace,
                                                 const std::string& channel) {
  Statement query(db_, std::string("SELECT ") + kProjectColumns +
                           " FROM projects p JOIN project_homes h ON h.project_id = p.id "
                           "WHERE h.platform = ? AND h.workspace = ? AND h.channel = ?");
  query.bind(1, platform_name(platform));
  query.bind(2, workspace);
  query.bind(3, channel);
  return first_project(query);
}

std::vector<Project> Projects::for_member(Platform platform, const std::string& workspace,
                                          const std::string& user) {
  Statement query(db_, std::string("SELECT ") + kProjectColumns +
                           " FROM projects p WHERE EXISTS (SELECT 1 FROM roles r "
                           "WHERE r.project_id = p.id AND r.user_id = ?1) AND "
                           // Reached on this platform and workspace, or (added before reach
                           // was kept) in the project's own.
                           "COALESCE((SELECT pp.platform = ?2 AND pp.workspace = ?3 "
                           "FROM project_people pp WHERE pp.project_id = p.id AND "
                           "pp.user_id = ?1), p.platform = ?2 AND p.workspace = ?3) "
                           "ORDER BY p.name, p.id");
  query.bind(1, user);
  query.bind(2, platform_name(platform));
  query.bind(3, workspace);
  std::vector<Project> projects;
  while (query.executeStep()) projects.push_back(read_project(query));
  return projects;
}

}  // namespace accord::store
