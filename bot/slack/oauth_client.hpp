// Slack's oauth.v2.access: exchanges an install's code for a bot token, and with token rotation
// trades a single-use refresh token for a new token pair. Form-encoded POSTs with the client id
// and secret in HTTP Basic auth; nothing it sends or receives is ever logged.
// Thread-safe: installs (the server's slow-work threads) and refreshes (the outbox worker) share
// it, each call on a connection of its own, so neither waits behind the other (they are rare).
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "bot/http/client.hpp"

namespace accord::bot::slack {

struct OAuthGrant {
  std::string access_token;   // the bot token
  std::string refresh_token;  // with token rotation only
  std::optional<std::chrono::seconds> expires_in;
  std::string scope;
  std::string bot_user_id;
  std::string app_id;
  std::string team_id;
  std::string team_name;
  std::string enterprise_id;
  bool enterprise_install = false;
  std::string installer;  // authed_user.id
};

struct OAuthResult {
  std::optional<OAuthGrant> grant;
  std::string error;       // Slack's error code, or what went wrong on the way
  bool transient = false;  // worth trying again later (network, 5xx, Slack-side trouble)
};

// Trades a single-use refresh token for a new token pair (what InstalledTokens needs; tests
// script it).
class TokenRefresher {
 public:
  virtual ~TokenRefresher() = default;
  virtual OAuthResult refresh(const std::string& refresh_token) = 0;
};

class OAuthClient final : public TokenRefresher {
 public:
  OAuthClient(http::ClientOptions client_options, std::string api_base, std::string client_id,
              std::string client_secret);

  OAuthResult exchange_code(const std::string& code, const std::string& redirect_uri);
  OAuthResult refresh(const std::string& refresh_token) override;

 private:
  OAuthResult post(const std::string& form);

  const http::ClientOptions client_options_;
  std::string url_;
  std::string basic_credentials_;
};

}  // namespace accord::bot::slack
