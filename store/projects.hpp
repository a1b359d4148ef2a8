// Projects: bound to the channel they were set up in (their first home, see store/homes.hpp),
// with the settings given at setup.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/platform.hpp"
#include "store/time.hpp"

namespace accord::store {

struct Project {
  std::int64_t id = 0;
  Platform platform = Platform::slack;
  std::string workspace;
  std::string channel;
  std::string name;
  std::string timezone = "UTC";  // IANA zone
  int sprint_weeks = 2;
  double hours_per_day = 6.0;
  std::string created_by;
  Timestamp created_at{};
};

class Projects {
 public:
  explicit Projects(Database& db) : db_(db) {}

  // Inserts the project (id is assigned) and its first home. Returns nullopt if the channel is
  // already a home of a project.
  std::optional<Project> create(const Project& project);
  std::optional<Project> find(std::int64_t id);
  // Every project's id, oldest first (for the work the server does at start).
  std::vector<std::int64_t> ids();
  // The project the conversation is a home of.
  std::optional<Project> find_by_channel(Platform platform, const std::string& workspace,
                                         const std::string& channel);
  // Projects in which the user holds any role and is reached on this platform and workspace, by
  // name.
  std::vector<Project> for_member(Platform platform, const std::string& workspace,
                                  const std::string& user);

 private:
  Database& db_;
};

}  // namespace accord::store
