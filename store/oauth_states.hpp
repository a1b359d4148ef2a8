// The `state` values handed out with "Add to Slack" links: each is random, bound to the browser
// that asked for it (a random cookie value), lives a bounded time and is good for one return from
// Slack only, so a forged, replayed or carried-over redirect is refused (CSRF). States are
// counted per client address, so one client cannot crowd out the others.
#pragma once

#include <string>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

struct IssuedState {
  std::string state;    // 64 hex characters, for Slack's round trip
  std::string browser;  // 64 hex characters, for the browser's cookie
};

enum class StateCheck {
  valid,          // issued to this browser, not expired: now used up
  other_browser,  // issued and valid, but not to this browser (or it sent no cookie): kept
  unknown,        // never issued, already used or expired
};

class OAuthStates {
 public:
  explicit OAuthStates(Database& db) : db_(db) {}

  // A new state and browser binding for `client`, valid until `expires_at`. Drops the expired
  // states first, and the oldest ones beyond `keep_at_most` (the table stays bounded whatever
  // arrives; an install that old most likely was abandoned).
  IssuedState issue(const std::string& client, Timestamp now, Timestamp expires_at,
                    int keep_at_most);
  // Drops the state of a browser that asks for a new one: one install link per browser.
  void forget_browser(const std::string& browser);
  // States still valid at `now` that `client` asked for.
  int outstanding_for(const std::string& client, Timestamp now);
  // Checks `state` against the browser's cookie value (empty: it sent none).
  StateCheck consume(const std::string& state, const std::string& browser, Timestamp now);

 private:
  Database& db_;
};

}  // namespace accord::store
