#include "store/releases.hpp"

#include "store/sequences.hpp"
#include "store/statement.hpp"

namespace accord::store {
namespace {

constexpr const char* kSelectRelease =
    "SELECT id, project_id, number, name, deploy_date, status, created_by, created_at, "
    "updated_at FROM releases ";

Release read_release(Statement& row) {
  Release release;
  release.id = row.getColumn(0).getInt64();
  release.project_id = row.getColumn(1).getInt64();
  release.number = row.getColumn(2).getInt();
  release.name = row.getColumn(3).getString();
  release.deploy_date = row.getColumn(4).getString();
  release.shipped = row.getColumn(5).getString() == "shipped";
  release.created_by = row.getColumn(6).getString();
  release.created_at = from_millis(row.getColumn(7).getInt64());
  release.updated_at = from_millis(row.getColumn(8).getInt64());
  return release;
}

}  // namespace

Release Releases::add(const Release& release, const std::vector<std::int64_t>& task_ids) {
  Release stored = release;
  stored.number = next_number(db_, release.project_id, "release");
  stored.updated_at = stored.created_at;
  Statement insert(db_,
                   "INSERT INTO releases (project_id, number, name, deploy_date, status, "
                   "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, 'planned', ?, ?, ?) "
                   "RETURNING id");
  insert.bind(1, stored.project_id);
  insert.bind(2, stored.number);
  insert.bind(3, stored.name);
  insert.bind(4, stored.deploy_date);
  insert.bind(5, stored.created_by);
  insert.bind(6, to_millis(stored.created_at));
  insert.bind(7, to_millis(stored.updated_at));
  stored.id = insert.inserted_id();
  add_tasks(stored.id, task_ids, stored.created_at);
  return stored;
}

std::optional<Release> Releases::find(std::int64_t project_id, int number) {
  Statement query(db_, std::string(kSelectRelease) + "WHERE project_id = ? AND number = ?");
  query.bind(1, project_id);
  query.bind(2, number);
  if (!query.executeStep()) return std::nullopt;
  return read_release(query);
}

std::vector<Release> Releases::list(std::int64_t project_id) {
  Statement query(db_, std::string(kSelectRelease) +
                           "WHERE project_id = ? ORDER BY status = 'shipped', deploy_date, number");
  query.bind(1, project_id);
  std::vector<Release> releases;
  while (query.executeStep()) releases.push_back(read_release(query));
  return releases;
}

std::vector<int> Releases::task_numbers(std::int64_t release_id) {
  Statement query(db_,
                  "SELECT t.number FROM release_tasks rt JOIN tasks t ON t.id = rt.task_id "
                  "WHERE rt.release_id = ? ORDER BY t.number");
  query.bind(1, release_id);
  std::vector<int> numbers;
  while (query.executeStep()) numbers.push_back(query.getColumn(0).getInt());
  return numbers;
}

int Releases::add_tasks(std::int64_t release_id, const std::vector<std::int64_t>& task_ids,
                        Timestamp at) {
  int added = 0;
  for (const auto task_id : task_ids) {
    Statement insert(db_,
                     "INSERT INTO release_tasks (release_id, task_id) VALUES (?, ?) "
                     "ON CONFLICT DO NOTHING");
    insert.bind(1, release_id);
    insert.bind(2, task_id);
    added += insert.exec();
  }
  if (added > 0) {
    Statement touch(db_, "UPDATE releases SET updated_at = ? WHERE id = ?");
    touch.bind(1, to_millis(at));
    touch.bind(2, release_id);
    touch.exec();
  }
  return added;
}

void Releases::move(std::int64_t release_id, const std::string& deploy_date, Timestamp at) {
  Statement update(db_, "UPDATE releases SET deploy_date = ?, updated_at = ? WHERE id = ?");
  update.bind(1, deploy_date);
  update.bind(2, to_millis(at));
  update.bind(3, release_id);
  update.exec();
}

bool Releases::ship(std::int64_t release_id, Timestamp at) {
  Statement update(db_,
                   "UPDATE releases SET status = 'shipped', updated_at = ? "
                   "WHERE id = ? AND status = 'planned'");
  update.bind(1, to_millis(at));
  update.bind(2, release_id);
  return update.exec() == 1;
}

}  // namespace accord::store
