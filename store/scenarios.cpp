#include "store/scenarios.hpp"

#include "store/sequences.hpp"
#include "store/statement.hpp"

namespace accord::store {
namespace {

constexpr const char* kSelectScenario =
    "SELECT id, project_id, number, objective_id, title, rank, created_by, created_at "
    "FROM scenarios ";

Scenario read_scenario(Statement& row) {
  Scenario scenario;
  scenario.id = row.getColumn(0).getInt64();
  scenario.project_id = row.getColumn(1).getInt64();
  scenario.number = row.getColumn(2).getInt();
  scenario.objective_id = row.getColumn(3).getInt64();
  scenario.title = row.getColumn(4).getString();
  scenario.rank = row.getColumn(5).getInt();
  scenario.created_by = row.getColumn(6).getString();
  scenario.created_at = from_millis(row.getColumn(7).getInt64());
  return scenario;
}

// Adds `delta` to the rank of the objective's scenarios ranked first..last.
void shift(Database& db, std::int64_t objective_id, int first, int last, int delta) {
  Statement update(db,
                   "UPDATE scenarios SET rank = rank + ? "
                   "WHERE objective_id = ? AND rank BETWEEN ? AND ?");
  update.bind(1, delta);
  update.bind(2, objective_id);
  update.bind(3, first);
  update.bind(4, last);
  update.exec();
}

}  // namespace

Scenario Scenarios::add(const Scenario& scenario) {
  Scenario stored = scenario;
  stored.number = next_number(db_, scenario.project_id, "scenario");
  shift(db_, stored.objective_id, stored.rank, count(stored.objective_id), 1);
  Statement insert(db_,
                   "INSERT INTO scenarios (project_id, number, objective_id, title, rank, "
                   "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  insert.bind(1, stored.project_id);
  insert.bind(2, stored.number);
  insert.bind(3, stored.objective_id);
  insert.bind(4, stored.title);
  insert.bind(5, stored.rank);
  insert.bind(6, stored.created_by);
  insert.bind(7, to_millis(stored.created_at));
  const std::int64_t inserted = insert.inserted_id();
  stored.id = inserted;
  return stored;
}

void Scenarios::rerank(const Scenario& scenario, int rank) {
  if (rank < scenario.rank) shift(db_, scenario.objective_id, rank, scenario.rank - 1, 1);
  if (rank > scenario.rank) shift(db_, scenario.objective_id, scenario.rank + 1, rank, -1);
  Statement update(db_, "UPDATE scenarios SET rank = ? WHERE id = ?");
  update.bind(1, rank);
  update.bind(2, scenario.id);
  update.exec();
}

std::optional<Scenario> Scenarios::find(std::int64_t project_id, int number) {
  Statement query(db_, std::string(kSelectScenario) + "WHERE project_id = ? AND number = ?");
  query.bind(1, project_id);
  query.bind(2, number);
  if (!query.executeStep()) return std::nullopt;
  return read_scenario(query);
}

std::optional<Scenario> Scenarios::find_by_id(std::int64_t id) {
  Statement query(db_, std::string(kSelectScenario) + "WHERE id = ?");
  query.bind(1, id);
  if (!query.executeStep()) return std::nullopt;
  return read_scenario(query);
}

std::vector<Scenario> Scenarios::for_objective(std::int64_t objective_id) {
  Statement query(db_, std::string(kSelectScenario) + "WHERE objective_id = ? ORDER BY rank");
  query.bind(1, objective_id);
  std::vector<Scenario> scenarios;
  while (query.executeStep()) scenarios.push_back(read_scenario(query));
  return scenarios;
}

int Scenarios::count(std::int64_t objective_id) {
  Statement query(db_, "SELECT COUNT(*) FROM scenarios WHERE objective_id = ?");
  query.bind(1, objective_id);
  query.executeStep();
  return query.getColumn(0).getInt();
}

}  // namespace accord::store
