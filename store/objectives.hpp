// Business objectives of a project, numbered per project (O-1, O-2, ...).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

struct Objective {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  int number = 0;  // the n of O-n
  std::string title;
  std::string context;      // the business context, may be empty
  std::string metric;       // success metric, may be empty
  std::string target_date;  // YYYY-MM-DD or empty
  std::string created_by;
  Timestamp created_at{};
};

class Objectives {
 public:
  explicit Objectives(Database& db) : db_(db) {}

  // Assigns the next per-project number and returns the stored objective.
  Objective add(const Objective& objective);
  std::vector<Objective> list(std::int64_t project_id);
  std::optional<Objective> find(std::int64_t project_id, int number);
  std::optional<Objective> find_by_id(std::int64_t id);

 private:
  Database& db_;
};

}  // namespace accord::store
