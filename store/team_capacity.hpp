// What a sprint's capacity is made of, per person on the project: hours per day when they differ
// from the project's, and declared time off (inclusive ranges of YYYY-MM-DD dates).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

struct TimeOff {
  std::int64_t id = 0;
  std::string user;
  std::string from_date;  // YYYY-MM-DD, inclusive
  std::string to_date;    // YYYY-MM-DD, inclusive
  std::string added_by;
  Timestamp added_at{};
};

class TeamCapacity {
 public:
  explicit TeamCapacity(Database& db) : db_(db) {}

  // Hours per day by user, for those whose hours differ from the project's.
  std::map<std::string, double> hours_overrides(std::int64_t project_id);
  void set_hours(std::int64_t project_id, const std::string& user, double hours_per_day,
                 const std::string& by, Timestamp at);
  // False when the person had no override.
  bool clear_hours(std::int64_t project_id, const std::string& user);

  void add_time_off(std::int64_t project_id, const std::string& user, const std::string& from,
                    const std::string& to, const std::string& by, Timestamp at);
  // Ranges that overlap [from, to], by user then date.
  std::vector<TimeOff> time_off(std::int64_t project_id, const std::string& from,
                                const std::string& to);
  // Removes the person's ranges; returns how many there were.
  int clear_time_off(std::int64_t project_id, const std::string& user);

 private:
  Database& db_;
};

}  // namespace accord::store
