// The `state` values handed out with "Add to Slack" links: each is random, lives a bounded time
// and is good for one return from Slack only, so a forged or replayed redirect is refused (CSRF).
#pragma once

#include <string>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

class OAuthStates {
 public:
  explicit OAuthStates(Database& db) : db_(db) {}

  // A new state (64 hex characters) valid until `expires_at`; drops the expired ones first.
  std::string issue(Timestamp now, Timestamp expires_at);
  // True once for a state that was issued and has not expired by `now`; it is used up either way.
  bool consume(const std::string& state, Timestamp now);
  // States still valid at `now` (to bound how many may be outstanding).
  int outstanding(Timestamp now);

 private:
  Database& db_;
};

}  // namespace accord::store
