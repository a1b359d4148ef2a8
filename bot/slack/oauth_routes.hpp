// "Add to Slack": GET /slack/install hands out a link to Slack's authorize page with a one-time
// state; GET /slack/oauth_redirect checks that state, exchanges the code for the workspace's bot
// token and stores the installation. Both answer people in a browser, with plain HTML pages.
// The state is random, stored, single-use and expires (reference/slack.md §7), and bound to the
// browser that opened the install page by a cookie: the redirect must come back to that browser.
// Install links are bounded per client address, so anonymous requests cannot use them all up.
#pragma once

#include <chrono>
#include <string>

#include "bot/http/message.hpp"
#include "bot/slack/oauth_client.hpp"
#include "commands/core/clock.hpp"
#include "store/database.hpp"
#include "store/token_cipher.hpp"

namespace accord::bot::slack {

struct OAuthRoutesOptions {
  std::string client_id;
  std::string scopes;        // bot scopes, comma-separated
  std::string oauth_base;    // https://slack.com
  std::string redirect_uri;  // <public url>/slack/oauth_redirect
  std::chrono::seconds state_ttl{600};
  int links_per_client = 10;  // install links outstanding at once for one client address
  // The client address is the proxy's last X-Forwarded-For entry (the server runs without TLS
  // behind a reverse proxy), not the peer.
  bool behind_proxy = false;
  int max_outstanding_states = 10000;  // beyond this, the oldest links give way to new ones
};

class OAuthRoutes {
 public:
  OAuthRoutes(OAuthRoutesOptions options, store::Database& db, const store::TokenCipher& cipher,
              OAuthClient& oauth, const commands::Clock& clock);

  http::Response install(const http::Request& request);
  // The code exchange is an outbound call: it runs as the response's deferred part, off the
  // request threads.
  http::Response redirect(const http::Request& request);

 private:
  http::Response finish_install(const std::string& code);

  OAuthRoutesOptions options_;
  store::Database& db_;
  const store::TokenCipher& cipher_;
  OAuthClient& oauth_;
  const commands::Clock& clock_;
};

}  // namespace accord::bot::slack
