// Per-project settings stored as key/value pairs (e.g. "approval" = "any" | "all"). A key that
// was never set reads as empty; callers apply their own default.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "store/database.hpp"

namespace accord::store {

class ProjectSettings {
 public:
  explicit ProjectSettings(Database& db) : db_(db) {}

  std::optional<std::string> get(std::int64_t project_id, const std::string& key);
  void set(std::int64_t project_id, const std::string& key, const std::string& value);
  std::map<std::string, std::string> all(std::int64_t project_id);

 private:
  Database& db_;
};

}  // namespace accord::store
