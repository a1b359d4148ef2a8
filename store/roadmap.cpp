#include "store/roadmap.hpp"

#include "store/sequences.hpp"
#include "store/statement.hpp"

namespace accord::store {
namespace {

constexpr const char* kSelectRoadmapItem =
    "SELECT id, project_id, number, title, epic_id, due_date, status, created_by, created_at "
    "FROM roadmap_items ";

RoadmapItem read_roadmap_item(Statement& row) {
  RoadmapItem item;
  item.id = row.getColumn(0).getInt64();
  item.project_id = row.getColumn(1).getInt64();
  item.number = row.getColumn(2).getInt();
  item.title = row.getColumn(3).getString();
  if (!row.getColumn(4).isNull()) item.epic_id = row.getColumn(4).getInt64();
  if (!row.getColumn(5).isNull()) item.due_date = row.getColumn(5).getString();
  item.status = row.getColumn(6).getString();
  item.created_by = row.getColumn(7).getString();
  item.created_at = from_millis(row.getColumn(8).getInt64());
  return item;
}

}  // namespace

RoadmapItem Roadmap::add(const RoadmapItem& item) {
  RoadmapItem stored = item;
  stored.number = next_number(db_, item.project_id, "roadmap_item");
  Statement insert(
      db_,
      "INSERT INTO roadmap_items (project_id, number, title, epic_id, "
      "due_date, status, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  insert.bind(1, stored.project_id);
  insert.bind(2, stored.number);
  insert.bind(3, stored.title);
  if (stored.epic_id) insert.bind(4, *stored.epic_id);
  if (stored.due_date) insert.bind(5, *stored.due_date);
  insert.bind(6, stored.status);
  insert.bind(7, stored.created_by);
  insert.bind(8, to_millis(stored.created_at));
  const std::int64_t inserted = insert.inserted_id();
  stored.id = inserted;
  return stored;
}

std::optional<RoadmapItem> Roadmap::find(std::int64_t project_id, int number) {
  Statement query(db_, std::string(kSelectRoadmapItem) + "WHERE project_id = ? AND number = ?");
  query.bind(1, project_id);
  query.bind(2, number);
  if (!query.executeStep()) return std::nullopt;
  return read_roadmap_item(query);
}

std::optional<RoadmapItem> Roadmap::find_by_id(std::int64_t id) {
  Statement query(db_, std::string(kSelectRoadmapItem) + "WHERE id = ?");
  query.bind(1, id);
  if (!query.executeStep()) return std::nullopt;
  return read_roadmap_item(query);
}

std::vector<RoadmapItem> Roadmap::approved(std::int64_t project_id) {
  Statement query(db_, std::string(kSelectRoadmapItem) +
                           "WHERE project_id = ? AND status = 'approved' "
                           "ORDER BY due_date IS NULL, due_date, number");
  query.bind(1, project_id);
  std::vector<RoadmapItem> items;
  while (query.executeStep()) items.push_back(read_roadmap_item(query));
  return items;
}

void Roadmap::set_status(std::int64_t id, const std::string& status) {
  Statement update(db_, "UPDATE roadmap_items SET status = ? WHERE id = ?");
  update.bind(1, status);
  update.bind(2, id);
  update.exec();
}

void Roadmap::set_due(std::int64_t id, const std::optional<std::string>& due_date) {
  Statement update(db_, "UPDATE roadmap_items SET due_date = ? WHERE id = ?");
  if (due_date) update.bind(1, *due_date);
  update.bind(2, id);
  update.exec();
}

int Roadmap::add_baseline(std::int64_t project_id, std::optional<std::int64_t> change_request_id,
                          const std::string& approved_by, Timestamp at,
                          const std::string& snapshot) {
  const int version = next_number(db_, project_id, "baseline");
  Statement insert(db_,
                   "INSERT INTO baselines (project_id, version, change_request_id, "
                   "approved_by, approved_at, snapshot) VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, project_id);
  insert.bind(2, version);
  if (change_request_id) insert.bind(3, *change_request_id);
  insert.bind(4, approved_by);
  insert.bind(5, to_millis(at));
  insert.bind(6, snapshot);
  insert.exec();
  return version;
}

std::vector<Baseline> Roadmap::baselines(std::int64_t project_id) {
  Statement query(db_,
                  "SELECT version, change_request_id, approved_by, approved_at, snapshot "
                  "FROM baselines WHERE project_id = ? ORDER BY version");
  query.bind(1, project_id);
  std::vector<Baseline> baselines;
  while (query.executeStep()) {
    Baseline baseline;
    baseline.version = query.getColumn(0).getInt();
    if (!query.getColumn(1).isNull()) baseline.change_request_id = query.getColumn(1).getInt64();
    baseline.approved_by = query.getColumn(2).getString();
    baseline.approved_at = from_millis(query.getColumn(3).getInt64());
    baseline.snapshot = query.getColumn(4).getString();
    baselines.push_back(std::move(baseline));
  }
  return baselines;
}

}  // namespace accord::store
