// When each person takes requests in a project (DESIGN §3.9): their availability windows, kept as
// the canonical text commands/time/availability.hpp reads ("mon,wed,fri 10:00-12:00"), in their
// own time zone. No row: no window declared, so their working hours apply.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

class Availability {
 public:
  explicit Availability(Database& db) : db_(db) {}

  std::optional<std::string> windows(std::int64_t project_id, const std::string& user);
  // Everyone's in the project, by user.
  std::map<std::string, std::string> all(std::int64_t project_id);
  void set(std::int64_t project_id, const std::string& user, const std::string& windows,
           Timestamp at);
  // True when there was one.
  bool clear(std::int64_t project_id, const std::string& user);

 private:
  Database& db_;
};

}  // namespace accord::store
