#include "store/oauth_states.hpp"

#include <SQLiteCpp/Database.h>

#include "store/exports.hpp"
#include "store/statement.hpp"

namespace accord::store {

std::string OAuthStates::issue(Timestamp now, Timestamp expires_at) {
  Statement prune(db_, "DELETE FROM oauth_states WHERE expires_at <= ?");
  prune.bind(1, to_millis(now));
  prune.exec();
  // The same unguessable 32 random bytes as a download link.
  const std::string state = new_export_token();
  Statement insert(db_,
                   "INSERT INTO oauth_states (state, created_at, expires_at) "
                   "VALUES (?, ?, ?)");
  insert.bind(1, state);
  insert.bind(2, to_millis(now));
  insert.bind(3, to_millis(expires_at));
  insert.exec();
  return state;
}

bool OAuthStates::consume(const std::string& state, Timestamp now) {
  Statement take(db_, "DELETE FROM oauth_states WHERE state = ? RETURNING expires_at");
  take.bind(1, state);
  if (!take.executeStep()) return false;
  return take.getColumn(0).getInt64() > to_millis(now);
}

int OAuthStates::outstanding(Timestamp now) {
  Statement count(db_, "SELECT COUNT(*) FROM oauth_states WHERE expires_at > ?");
  count.bind(1, to_millis(now));
  count.executeStep();
  return count.getColumn(0).getInt();
}

}  // namespace accord::store
