// Releases (REL-1, REL-2, ...): a deployment the pm plans for a date, with the tasks it ships.
// The pm sets deployment dates (DESIGN §3.9); a release is planned until the pm marks it shipped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

struct Release {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  int number = 0;  // the n of REL-n
  std::string name;
  std::string deploy_date;  // YYYY-MM-DD in the project's calendar
  bool shipped = false;
  std::string created_by;
  Timestamp created_at{};
  Timestamp updated_at{};
};

class Releases {
 public:
  explicit Releases(Database& db) : db_(db) {}

  // Assigns the next per-project number and ships the given tasks with it.
  Release add(const Release& release, const std::vector<std::int64_t>& task_ids);
  std::optional<Release> find(std::int64_t project_id, int number);
  // Soonest deployment first; shipped ones after the planned.
  std::vector<Release> list(std::int64_t project_id);
  // The numbers (T-n) of the tasks it ships, in order.
  std::vector<int> task_numbers(std::int64_t release_id);
  // Adds tasks it does not ship yet; returns how many were new.
  int add_tasks(std::int64_t release_id, const std::vector<std::int64_t>& task_ids, Timestamp at);
  void move(std::int64_t release_id, const std::string& deploy_date, Timestamp at);
  // Guarded: false when it was shipped already.
  bool ship(std::int64_t release_id, Timestamp at);

 private:
  Database& db_;
};

}  // namespace accord::store
