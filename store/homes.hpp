// Where a project lives and where its people are reached. A project has one or more homes: the
// conversation it was set up in, and conversations linked to it later (another organisation's
// Teams channel, or a Slack channel of another workspace). Each person on the project is reached
// on the platform and workspace they were added from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/platform.hpp"
#include "store/time.hpp"

namespace accord::store {

struct Home {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  Platform platform = Platform::slack;
  std::string workspace;
  std::string channel;
  std::string linked_by;
  Timestamp linked_at{};
};

// Where Accord reaches a person of a project: their platform and workspace (Slack team, Teams
// tenant).
struct Reach {
  Platform platform = Platform::slack;
  std::string workspace;
};

// At most this many homes per project: one per organisation, with room for a second channel.
inline constexpr std::size_t kMaxHomes = 4;

class Homes {
 public:
  explicit Homes(Database& db) : db_(db) {}

  // The project's homes, the one it was set up in first.
  std::vector<Home> of(std::int64_t project_id);
  std::optional<Home> find(Platform platform, const std::string& workspace,
                           const std::string& channel);
  // Adds a home (id assigned); nullopt if that conversation already is a home of any project.
  std::optional<Home> add(const Home& home);
  // False if the project has no such home.
  bool remove(std::int64_t project_id, std::int64_t home_id);

  // Records where the person is reached for this project (the latest wins).
  void set_reach(std::int64_t project_id, const std::string& user, const Reach& reach);
  // Where the person was added from; nullopt for someone added before this was kept.
  std::optional<Reach> reach(std::int64_t project_id, const std::string& user);

 private:
  Database& db_;
};

}  // namespace accord::store
