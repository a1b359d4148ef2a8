#include "store/team_capacity.hpp"

#include "store/statement.hpp"

namespace accord::store {

std::map<std::string, double> TeamCapacity::hours_overrides(std::int64_t project_id) {
  Statement query(db_,
                  "SELECT user_id, hours_per_day FROM member_capacity "
                  "WHERE project_id = ?");
  query.bind(1, project_id);
  std::map<std::string, double> hours;
  while (query.executeStep()) {
    hours[query.getColumn(0).getString()] = query.getColumn(1).getDouble();
  }
  return hours;
}

void TeamCapacity::set_hours(std::int64_t project_id, const std::string& user, double hours_per_day,
                             const std::string& by, Timestamp at) {
  Statement upsert(db_,
                   "INSERT INTO member_capacity (project_id, user_id, hours_per_day, "
                   "set_by, set_at) VALUES (?, ?, ?, ?, ?) "
                   "ON CONFLICT (project_id, user_id) DO UPDATE SET "
                   "hours_per_day = excluded.hours_per_day, set_by = excluded.set_by, "
                   "set_at = excluded.set_at");
  upsert.bind(1, project_id);
  upsert.bind(2, user);
  upsert.bind(3, hours_per_day);
  upsert.bind(4, by);
  upsert.bind(5, to_millis(at));
  upsert.exec();
}

bool TeamCapacity::clear_hours(std::int64_t project_id, const std::string& user) {
  Statement remove(db_, "DELETE FROM member_capacity WHERE project_id = ? AND user_id = ?");
  remove.bind(1, project_id);
  remove.bind(2, user);
  return remove.exec() == 1;
}

void TeamCapacity::add_time_off(std::int64_t project_id, const std::string& user,
                                const std::string& from, const std::string& to,
                                const std::string& by, Timestamp at) {
  Statement insert(db_,
                   "INSERT INTO time_off (project_id, user_id, from_date, to_date, "
                   "added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, project_id);
  insert.bind(2, user);
  insert.bind(3, from);
  insert.bind(4, to);
  insert.bind(5, by);
  insert.bind(6, to_millis(at));
  insert.exec();
}

std::vector<TimeOff> TeamCapacity::time_off(std::int64_t project_id, const std::string& from,
                                            const std::string& to) {
  // YYYY-MM-DD compares as text in date order.
  Statement query(db_,
                  "SELECT id, user_id, from_date, to_date, added_by, added_at "
                  "FROM time_off WHERE project_id = ? AND to_date >= ? AND from_date <= ? "
                  "ORDER BY user_id, from_date, id");
  query.bind(1, project_id);
  query.bind(2, from);
  query.bind(3, to);
  std::vector<TimeOff> ranges;
  while (query.executeStep()) {
    TimeOff range;
    range.id = query.getColumn(0).getInt64();
    range.user = query.getColumn(1).getString();
    range.from_date = query.getColumn(2).getString();
    range.to_date = query.getColumn(3).getString();
    range.added_by = query.getColumn(4).getString();
    range.added_at = from_millis(query.getColumn(5).getInt64());
    ranges.push_back(std::move(range));
  }
  return ranges;
}

int TeamCapacity::clear_time_off(std::int64_t project_id, const std::string& user) {
  Statement remove(db_, "DELETE FROM time_off WHERE project_id = ? AND user_id = ?");
  remove.bind(1, project_id);
  remove.bind(2, user);
  return remove.exec();
}

}  // namespace accord::store
