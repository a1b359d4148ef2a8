// The project page's credentials (DESIGN §3.9): a personal link, good for one opening, and the
// session it opens (the token in a cookie), each for one person in one project and short-lived.
// The unguessable token is the whole credential; expired ones are deleted as new ones are made.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

enum class PageCredential { link, session };

struct PageSession {
  std::string token;  // 64 hex characters from the operating system's CSPRNG
  PageCredential kind = PageCredential::link;
  std::int64_t project_id = 0;
  std::string platform;  // the person's own platform and workspace
  std::string workspace;
  std::string user_id;
  Timestamp created_at{};
  Timestamp expires_at{};
};

class PageSessions {
 public:
  explicit PageSessions(Database& db) : db_(db) {}

  // Stores a new credential under a new token (the `token` given is ignored) and returns it.
  PageSession create(const PageSession& session);
  // Guarded, for a link: the unexpired, never-used link, now marked used; nullopt for an unknown,
  // expired or already used one (two openings cannot both win).
  std::optional<PageSession> use_link(const std::string& token, Timestamp now);
  // The unexpired session with this token.
  std::optional<PageSession> find_session(const std::string& token, Timestamp now);
  // Whether this token is a link that has been used, and has not expired (for the answer a
  // second opening gets).
  bool was_used(const std::string& token, Timestamp now);
  // Whether this token is a link still to be used: unexpired and never used.
  bool is_open_link(const std::string& token, Timestamp now);

 private:
  Database& db_;
};

}  // namespace accord::store
