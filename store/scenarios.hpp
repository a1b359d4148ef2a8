// Key scenarios of an objective (S-1, S-2, ... per project), ranked by impact 1..N without gaps:
// inserting or re-ranking one shifts the others. Ranks 1-5 are the top five.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

struct Scenario {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  int number = 0;  // the n of S-n
  std::int64_t objective_id = 0;
  std::string title;
  int rank = 0;
  std::string created_by;
  Timestamp created_at{};
};

class Scenarios {
 public:
  explicit Scenarios(Database& db) : db_(db) {}

  // Inserts at `scenario.rank` (1..count+1), moving those at and below it down one.
  Scenario add(const Scenario& scenario);
  // Moves the scenario to `rank` (1..count), shifting those in between.
  void rerank(const Scenario& scenario, int rank);
  std::optional<Scenario> find(std::int64_t project_id, int number);
  std::optional<Scenario> find_by_id(std::int64_t id);
  // By rank.
  std::vector<Scenario> for_objective(std::int64_t objective_id);
  int count(std::int64_t objective_id);

 private:
  Database& db_;
};

}  // namespace accord::store
