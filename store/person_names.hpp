// People's names as their own platform last showed them (a Teams activity's sender and mentions,
// a Slack mention's label or profile). A mention cannot cross platforms: a message shown on Slack
// names a Teams person by this name, and the other way round.
#pragma once

#include <optional>
#include <string>

#include "store/database.hpp"
#include "store/platform.hpp"
#include "store/time.hpp"

namespace accord::store {

class PersonNames {
 public:
  explicit PersonNames(Database& db) : db_(db) {}

  // Keeps the latest name; an empty one changes nothing, the same one writes nothing.
  void save(Platform platform, const std::string& user, const std::string& name, Timestamp at);
  // Keeps the name only for someone without one yet: a mention's label is the sender's to
  // choose, so it never replaces the name the person's own messages or profile gave.
  void save_if_unknown(Platform platform, const std::string& user, const std::string& name,
                       Timestamp at);
  std::optional<std::string> find(Platform platform, const std::string& user);

 private:
  void upsert(Platform platform, const std::string& user, const std::string& name, Timestamp at,
              const char* on_conflict);
  Database& db_;
};

}  // namespace accord::store
