#include "store/page_sessions.hpp"

#include "store/random_token.hpp"
#include "store/statement.hpp"

namespace accord::store {
namespace {

constexpr const char* kColumns =
    "token, kind, project_id, platform, workspace, user_id, created_at, expires_at";

PageSession read_session(Statement& query) {
  PageSession session;
  session.token = query.getColumn(0).getString();
  session.kind =
      query.getColumn(1).getString() == "session" ? PageCredential::session : PageCredential::link;
  session.project_id = query.getColumn(2).getInt64();
  session.platform = query.getColumn(3).getString();
  session.workspace = query.getColumn(4).getString();
  session.user_id = query.getColumn(5).getString();
  session.created_at = from_millis(query.getColumn(6).getInt64());
  session.expires_at = from_millis(query.getColumn(7).getInt64());
  return session;
}

}  // namespace

PageSession PageSessions::create(const PageSession& session) {
  Statement expired(db_, "DELETE FROM page_sessions WHERE expires_at <= ?");
  expired.bind(1, to_millis(session.created_at));
  expired.exec();
  PageSession stored = session;
  stored.token = random_hex(32);
  Statement insert(db_, std::string("INSERT INTO page_sessions (") + kColumns +
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, stored.token);
  insert.bind(2, stored.kind == PageCredential::session ? "session" : "link");
  insert.bind(3, stored.project_id);
  insert.bind(4, stored.platform);
  insert.bind(5, stored.workspace);
  insert.bind(6, stored.user_id);
  insert.bind(7, to_millis(stored.created_at));
  insert.bind(8, to_millis(stored.expires_at));
  insert.exec();
  return stored;
}

std::optional<PageSession> PageSessions::use_link(const std::string& token, Timestamp now) {
  Statement use(db_,
                "UPDATE page_sessions SET used_at = ? WHERE token = ? AND kind = 'link' "
                "AND used_at IS NULL AND expires_at > ?");
  use.bind(1, to_millis(now));
  use.bind(2, token);
  use.bind(3, to_millis(now));
  if (use.exec() != 1) return std::nullopt;
  Statement query(db_, std::string("SELECT ") + kColumns + " FROM page_sessions WHERE token = ?");
  query.bind(1, token);
  if (!query.executeStep()) return std::nullopt;
  return read_session(query);
}

std::optional<PageSession> PageSessions::find_session(const std::string& token, Timestamp now) {
  Statement query(db_, std::string("SELECT ") + kColumns +
                           " FROM page_sessions WHERE token = ? AND kind = 'session' "
                           "AND expires_at > ?");
  query.bind(1, token);
  query.bind(2, to_millis(now));
  if (!query.executeStep()) return std::nullopt;
  return read_session(query);
}

bool PageSessions::is_open_link(const std::string& token, Timestamp now) {
  Statement query(db_,
                  "SELECT 1 FROM page_sessions WHERE token = ? AND kind = 'link' "
                  "AND used_at IS NULL AND expires_at > ?");
  query.bind(1, token);
  query.bind(2, to_millis(now));
  return query.executeStep();
}

bool PageSessions::was_used(const std::string& token, Timestamp now) {
  Statement query(db_,
                  "SELECT 1 FROM page_sessions WHERE token = ? AND kind = 'link' "
                  "AND used_at IS NOT NULL AND expires_at > ?");
  query.bind(1, token);
  query.bind(2, to_millis(now));
  return query.executeStep();
}

}  // namespace accord::store
