#include "store/homes.hpp"

#include "store/statement.hpp"

namespace accord::store {
namespace {

constexpr const char* kHomeColumns =
    "id, project_id, platform, workspace, channel, linked_by, linked_at FROM project_homes";

Home read_home(Statement& row) {
  Home home;
  home.id = row.getColumn(0).getInt64();
  home.project_id = row.getColumn(1).getInt64();
  home.platform = platform_from_row(row.getColumn(2).getString());
  home.workspace = row.getColumn(3).getString();
  home.channel = row.getColumn(4).getString();
  home.linked_by = row.getColumn(5).getString();
  home.linked_at = from_millis(row.getColumn(6).getInt64());
  return home;
}

}  // namespace

std::vector<Home> Homes::of(std::int64_t project_id) {
  Statement query(db_, std::string("SELECT ") + kHomeColumns + " WHERE project_id = ? ORDER BY id");
  query.bind(1, project_id);
  std::vector<Home> homes;
  while (query.executeStep()) homes.push_back(read_home(query));
  return homes;
}

std::optional<Home> Homes::find(Platform platform, const std::string& workspace,
                                const std::string& channel) {
  Statement query(db_, std::string("SELECT ") + kHomeColumns +
                           " WHERE platform = ? AND workspace = ? AND channel = ?");
  query.bind(1, platform_name(platform));
  query.bind(2, workspace);
  query.bind(3, channel);
  if (!query.executeStep()) return std::nullopt;
  return read_home(query);
}

std::optional<Home> Homes::add(const Home& home) {
  Statement insert(db_,
                   "INSERT INTO project_homes (project_id, platform, workspace, channel, "
                   "linked_by, linked_at) VALUES (?, ?, ?, ?, ?, ?) "
                   "ON CONFLICT (platform, workspace, channel) DO NOTHING RETURNING id");
  insert.bind(1, home.project_id);
  insert.bind(2, platform_name(home.platform));
  insert.bind(3, home.workspace);
  insert.bind(4, home.channel);
  insert.bind(5, home.linked_by);
  insert.bind(6, to_millis(home.linked_at));
  const auto inserted = insert.insert_id();
  if (!inserted) return std::nullopt;
  Home added = home;
  added.id = *inserted;
  return added;
}

bool Homes::remove(std::int64_t project_id, std::int64_t home_id) {
  Statement erase(db_, "DELETE FROM project_homes WHERE project_id = ? AND id = ?");
  erase.bind(1, project_id);
  erase.bind(2, home_id);
  return erase.exec() > 0;
}

void Homes::set_reach(std::int64_t project_id, const std::string& user, const Reach& reach) {
  Statement upsert(db_,
                   "INSERT INTO project_people (project_id, user_id, platform, workspace) "
                   "VALUES (?, ?, ?, ?) ON CONFLICT (project_id, user_id) DO UPDATE SET "
                   "platform = excluded.platform, workspace = excluded.workspace");
  upsert.bind(1, project_id);
  upsert.bind(2, user);
  upsert.bind(3, platform_name(reach.platform));
  upsert.bind(4, reach.workspace);
  upsert.exec();
}

std::optional<Reach> Homes::reach(std::int64_t project_id, const std::string& user) {
  Statement query(db_,
                  "SELECT platform, workspace FROM project_people "
                  "WHERE project_id = ? AND user_id = ?");
  query.bind(1, project_id);
  query.bind(2, user);
  if (!query.executeStep()) return std::nullopt;
  return Reach{platform_from_row(query.getColumn(0).getString()), query.getColumn(1).getString()};
}

}  // namespace accord::store
