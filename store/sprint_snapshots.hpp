// A running sprint's burn-down as it was at the end of each working day (the scheduler takes
// one a day): the hours planned, which change only with the scope, and the hours still open.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

struct SprintSnapshot {
  std::string day;  // YYYY-MM-DD in the project's time zone
  double planned_hours = 0;
  double remaining_hours = 0;
  Timestamp taken_at{};
};

class SprintSnapshots {
 public:
  explicit SprintSnapshots(Database& db) : db_(db) {}

  // The day's snapshot; a second one the same day replaces the first.
  void record(std::int64_t sprint_id, const SprintSnapshot& snapshot);
  // Oldest day first.
  std::vector<SprintSnapshot> list(std::int64_t sprint_id);

 private:
  Database& db_;
};

}  // namespace accord::store
