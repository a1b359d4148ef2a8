// The decision log: every state change, who made it, when, and what it was before and after.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

struct Decision {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  std::string actor;  // user id
  Timestamp at{};
  std::string action;  // e.g. "role.add", "objective.add", "project.setup"
  std::string object;  // e.g. "O-3", "U123"
  std::string before;  // free text or JSON, empty when the object is new
  std::string after;
  std::string channel;  // where it was done
};

class DecisionLog {
 public:
  explicit DecisionLog(Database& db) : db_(db) {}

  std::int64_t record(const Decision& decision);
  // Newest first.
  std::vector<Decision> recent(std::int64_t project_id, int limit);

 private:
  Database& db_;
};

}  // namespace accord::store
