#include "store/person_names.hpp"

#include "store/statement.hpp"

namespace accord::store {
namespace {

// Longer names are cut: a name is shown inline, never stored unbounded.
constexpr std::size_t kMaxNameBytes = 200;

std::string bounded(const std::string& name) {
  if (name.size() <= kMaxNameBytes) return name;
  std::size_t cut = kMaxNameBytes;
  // Not inside a UTF-8 character.
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
  return name.substr(0, cut);
}

}  // namespace

void PersonNames::upsert(Platform platform, const std::string& user, const std::string& name,
                         Timestamp at, const char* on_conflict) {
  if (user.empty() || name.empty()) return;
  Statement statement(db_, std::string("INSERT INTO person_names (platform, user_id, name, "
                                       "updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (platform, "
                                       "user_id) ") +
                               on_conflict);
  statement.bind(1, platform_name(platform));
  statement.bind(2, user);
  statement.bind(3, bounded(name));
  statement.bind(4, to_millis(at));
  statement.exec();
}

void PersonNames::save(Platform platform, const std::string& user, const std::string& name,
                       Timestamp at) {
  upsert(platform, user, name, at,
         "DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at "
         "WHERE person_names.name <> excluded.name");
}

void PersonNames::save_if_unknown(Platform platform, const std::string& user,
                                  const std::string& name, Timestamp at) {
  upsert(platform, user, name, at, "DO NOTHING");
}

std::optional<std::string> PersonNames::find(Platform platform, const std::string& user) {
  Statement query(db_, "SELECT name FROM person_names WHERE platform = ? AND user_id = ?");
  query.bind(1, platform_name(platform));
  query.bind(2, user);
  if (!query.executeStep()) return std::nullopt;
  return query.getColumn(0).getString();
}

}  // namespace accord::store
