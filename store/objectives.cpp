#include "store/objectives.hpp"

#include "store/sequences.hpp"
#include "store/statement.hpp"

namespace accord::store {
namespace {

constexpr const char* kSelectObjective =
    "SELECT id, project_id, number, title, context, metric, target_date, created_by, created_at "
    "FROM objectives ";

Objective read_objective(Statement& row) {
  Objective objective;
  objective.id = row.getColumn(0).getInt64();
  objective.project_id = row.getColumn(1).getInt64();
  objective.number = row.getColumn(2).getInt();
  objective.title = row.getColumn(3).getString();
  objective.context = row.getColumn(4).getString();
  objective.metric = row.getColumn(5).getString();
  objective.target_date = row.getColumn(6).getString();
  objective.created_by = row.getColumn(7).getString();
  objective.created_at = from_millis(row.getColumn(8).getInt64());
  return objective;
}

}  // namespace

Objective Objectives::add(const Objective& objective) {
  Objective stored = objective;
  stored.number = next_number(db_, objective.project_id, "objective");
  Statement insert(
      db_,
      "INSERT INTO objectives (project_id, number, title, context, metric, "
      "target_date, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  insert.bind(1, stored.project_id);
  insert.bind(2, stored.number);
  insert.bind(3, stored.title);
  insert.bind(4, stored.context);
  insert.bind(5, stored.metric);
  insert.bind(6, stored.target_date);
  insert.bind(7, stored.created_by);
  insert.bind(8, to_millis(stored.created_at));
  const std::int64_t inserted = insert.inserted_id();
  stored.id = inserted;
  return stored;
}

std::vector<Objective> Objectives::list(std::int64_t project_id) {
  Statement query(db_, std::string(kSelectObjective) + "WHERE project_id = ? ORDER BY number");
  query.bind(1, project_id);
  std::vector<Objective> objectives;
  while (query.executeStep()) objectives.push_back(read_objective(query));
  return objectives;
}

std::optional<Objective> Objectives::find(std::int64_t project_id, int number) {
  Statement query(db_, std::string(kSelectObjective) + "WHERE project_id = ? AND number = ?");
  query.bind(1, project_id);
  query.bind(2, number);
  if (!query.executeStep()) return std::nullopt;
  return read_objective(query);
}

std::optional<Objective> Objectives::find_by_id(std::int64_t id) {
  Statement query(db_, std::string(kSelectObjective) + "WHERE id = ?");
  query.bind(1, id);
  if (!query.executeStep()) return std::nullopt;
  return read_objective(query);
}

}  // namespace accord::store
