#include "store/sprint_snapshots.hpp"

#include "store/statement.hpp"

namespace accord::store {

void SprintSnapshots::record(std::int64_t sprint_id, const SprintSnapshot& snapshot) {
  Statement upsert(db_,
                   "INSERT INTO sprint_snapshots "
                   "(sprint_id, day, planned_hours, remaining_hours, taken_at) "
                   "VALUES (?, ?, ?, ?, ?) ON CONFLICT (sprint_id, day) DO UPDATE SET "
                   "planned_hours = excluded.planned_hours, "
                   "remaining_hours = excluded.remaining_hours, taken_at = excluded.taken_at");
  upsert.bind(1, sprint_id);
  upsert.bind(2, snapshot.day);
  upsert.bind(3, snapshot.planned_hours);
  upsert.bind(4, snapshot.remaining_hours);
  upsert.bind(5, to_millis(snapshot.taken_at));
  upsert.exec();
}

std::vector<SprintSnapshot> SprintSnapshots::list(std::int64_t sprint_id) {
  Statement query(db_,
                  "SELECT day, planned_hours, remaining_hours, taken_at FROM sprint_snapshots "
                  "WHERE sprint_id = ? ORDER BY day");
  query.bind(1, sprint_id);
  std::vector<SprintSnapshot> snapshots;
  while (query.executeStep()) {
    SprintSnapshot snapshot;
    snapshot.day = query.getColumn(0).getString();
    snapshot.planned_hours = query.getColumn(1).getDouble();
    snapshot.remaining_hours = query.getColumn(2).getDouble();
    snapshot.taken_at = from_millis(query.getColumn(3).getInt64());
    snapshots.push_back(std::move(snapshot));
  }
  return snapshots;
}

}  // namespace accord::store
