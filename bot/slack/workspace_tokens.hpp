// Which workspaces Accord serves and with which bot token. Two modes (README "Slack modes"):
// single-token mode serves every workspace with the one configured token; OAuth mode serves only
// workspaces with an installation, each with its own token, refreshed before it expires when
// token rotation is on.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

#include "bot/slack/oauth_client.hpp"
#include "commands/core/clock.hpp"
#include "store/database.hpp"
#include "store/token_cipher.hpp"

namespace accord::bot::slack {

struct BotToken {
  enum class Status {
    ok,
    not_configured,  // single-token mode without a token: wait until one is configured
    not_installed,   // OAuth mode: the workspace has no installation (never, or uninstalled)
    unavailable,     // a refresh failed or the stored token cannot be read: try again later
  };
  Status status = Status::ok;
  std::string token;
  std::string why;  // when not ok, for logs and the outbox record; never holds a secret
};

class WorkspaceTokens {
 public:
  virtual ~WorkspaceTokens() = default;
  // Whether requests from the workspace are served.
  virtual bool serves(const std::string& workspace) = 0;
  // The bot token for calls on the workspace's behalf.
  virtual BotToken token_for(const std::string& workspace) = 0;
  // The app was uninstalled from the workspace or its tokens revoked: forget them.
  virtual void revoke(const std::string& workspace, const std::string& reason) = 0;
};

class SingleToken final : public WorkspaceTokens {
 public:
  explicit SingleToken(std::string bot_token) : bot_token_(std::move(bot_token)) {}
  bool serves(const std::string&) override { return true; }
  BotToken token_for(const std::string& workspace) override;
  void revoke(const std::string& workspace, const std::string& reason) override;

 private:
  std::string bot_token_;
};

class InstalledTokens final : public WorkspaceTokens {
 public:
  InstalledTokens(store::Database& db, const store::TokenCipher& cipher, TokenRefresher& oauth,
                  const commands::Clock& clock, std::chrono::seconds refresh_margin);
  bool serves(const std::string& workspace) override;
  BotToken token_for(const std::string& workspace) override;
  void revoke(const std::string& workspace, const std::string& reason) override;

 private:
  store::Database& db_;
  const store::TokenCipher& cipher_;
  TokenRefresher& oauth_;
  const commands::Clock& clock_;
  std::chrono::seconds refresh_margin_;
  std::mutex refresh_mutex_;  // one refresh at a time: refresh tokens are single-use
};

}  // namespace accord::bot::slack
