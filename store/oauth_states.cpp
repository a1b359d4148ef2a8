#include "store/oauth_states.hpp"

#include "store/exports.hpp"
#include "store/statement.hpp"

namespace accord::store {

IssuedState OAuthStates::issue(const std::string& client, Timestamp now, Timestamp expires_at,
                               int keep_at_most) {
  Statement prune(db_, "DELETE FROM oauth_states WHERE expires_at <= ?");
  prune.bind(1, to_millis(now));
  prune.exec();
  Statement count(db_, "SELECT COUNT(*) FROM oauth_states");
  count.executeStep();
  if (const int surplus = count.getColumn(0).getInt() - keep_at_most + 1; surplus > 0) {
    Statement oldest(db_,
                     "DELETE FROM oauth_states WHERE state IN "
                     "(SELECT state FROM oauth_states ORDER BY expires_at LIMIT ?)");
    oldest.bind(1, surplus);
    oldest.exec();
  }
  // The same unguessable 32 random bytes as a download link, each.
  IssuedState issued{new_export_token(), new_export_token()};
  Statement insert(db_,
                   "INSERT INTO oauth_states (state, created_at, expires_at, browser, client) "
                   "VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, issued.state);
  insert.bind(2, to_millis(now));
  insert.bind(3, to_millis(expires_at));
  insert.bind(4, issued.browser);
  insert.bind(5, client);
  insert.exec();
  return issued;
}

void OAuthStates::forget_browser(const std::string& browser) {
  if (browser.empty()) return;
  Statement forget(db_, "DELETE FROM oauth_states WHERE browser = ?");
  forget.bind(1, browser);
  forget.exec();
}

int OAuthStates::outstanding_for(const std::string& client, Timestamp now) {
  Statement count(db_, "SELECT COUNT(*) FROM oauth_states WHERE client = ? AND expires_at > ?");
  count.bind(1, client);
  count.bind(2, to_millis(now));
  count.executeStep();
  return count.getColumn(0).getInt();
}

StateCheck OAuthStates::consume(const std::string& state, const std::string& browser,
                                Timestamp now) {
  if (!browser.empty()) {
    Statement take(db_,
                   "DELETE FROM oauth_states WHERE state = ? AND browser = ? RETURNING expires_at");
    take.bind(1, state);
    take.bind(2, browser);
    if (take.executeStep()) {
      return take.getColumn(0).getInt64() > to_millis(now) ? StateCheck::valid
                                                           : StateCheck::unknown;
    }
  }
  Statement other(db_, "SELECT 1 FROM oauth_states WHERE state = ? AND expires_at > ?");
  other.bind(1, state);
  other.bind(2, to_millis(now));
  return other.executeStep() ? StateCheck::other_browser : StateCheck::unknown;
}

}  // namespace accord::store
