#include "bot/slack/workspace_tokens.hpp"

#include <spdlog/spdlog.h>

#include "store/installations.hpp"

namespace accord::bot::slack {
namespace {

constexpr auto kPlatform = store::Platform::slack;

BotToken unavailable(std::string why) {
  return {BotToken::Status::unavailable, {}, std::move(why)};
}

}  // namespace

BotToken SingleToken::token_for(const std::string&) {
  if (bot_token_.empty()) {
    return {BotToken::Status::not_configured, {}, "no bot token configured"};
  }
  return {BotToken::Status::ok, bot_token_, {}};
}

void SingleToken::revoke(const std::string& workspace, const std::string& reason) {
  spdlog::warn(
      "Slack reports {} for workspace {}; in single-token mode the configured bot token no longer "
      "works there until the app is reinstalled and ACCORD_SLACK_BOT_TOKEN replaced",
      reason, workspace);
}

InstalledTokens::InstalledTokens(store::Database& db, const store::TokenCipher& cipher,
                                 TokenRefresher& oauth, const commands::Clock& clock,
                                 std::chrono::seconds refresh_margin)
    : db_(db), cipher_(cipher), oauth_(oauth), clock_(clock), refresh_margin_(refresh_margin) {}

bool InstalledTokens::serves(const std::string& workspace) {
  store::Transaction tx(db_);
  return store::Installations(db_, cipher_).exists(kPlatform, workspace);
}

void InstalledTokens::revoke(const std::string& workspace, const std::string& reason) {
  store::Transaction tx(db_);
  const bool removed = store::Installations(db_, cipher_).remove(kPlatform, workspace);
  tx.commit();
  if (removed) {
    spdlog::info("{}: deleted the installation and tokens of workspace {}", reason, workspace);
  } else {
    spdlog::info("{}: workspace {} had no installation", reason, workspace);
  }
}

BotToken InstalledTokens::token_for(const std::string& workspace) {
  std::optional<store::Installation> installation;
  try {
    store::Transaction tx(db_);
    installation = store::Installations(db_, cipher_).find(kPlatform, workspace);
  } catch (const store::TokenCipherError& error) {
    spdlog::error("cannot read the token of workspace {}: {}", workspace, error.what());
    return unavailable("the stored token cannot be decrypted with ACCORD_SECRET_KEY");
  }
  if (!installation || installation->bot_token.empty()) {
    return {
        BotToken::Status::not_installed, {}, "Accord is not installed in workspace " + workspace};
  }
  const auto now = clock_.now();
  const bool rotating = !installation->refresh_token.empty() && installation->token_expires_at;
  if (!rotating || now + refresh_margin_ < *installation->token_expires_at) {
    return {BotToken::Status::ok, installation->bot_token, {}};
  }

  // Refresh under the lock, re-reading first: another caller may have just done it.
  const std::lock_guard lock(refresh_mutex_);
  {
    store::Transaction tx(db_);
    installation = store::Installations(db_, cipher_).find(kPlatform, workspace);
  }
  if (!installation || installation->bot_token.empty()) {
    return {
        BotToken::Status::not_installed, {}, "Accord is not installed in workspace " + workspace};
  }
  if (installation->refresh_token.empty() || !installation->token_expires_at ||
      now + refresh_margin_ < *installation->token_expires_at) {
    return {BotToken::Status::ok, installation->bot_token, {}};
  }
  const auto refreshed = oauth_.refresh(installation->refresh_token);
  const bool still_valid = now < *installation->token_expires_at;
  if (!refreshed.grant || refreshed.grant->refresh_token.empty() || !refreshed.grant->expires_in) {
    const std::string error = refreshed.grant ? "no refresh token in the answer" : refreshed.error;
    if (still_valid) {
      spdlog::warn("could not refresh the token of workspace {} ({}); using it until it expires",
                   workspace, error);
      return {BotToken::Status::ok, installation->bot_token, {}};
    }
    spdlog::error("could not refresh the expired token of workspace {}: {}", workspace, error);
    return unavailable("token refresh failed: " + error);
  }
  const auto expires_at =
      now + std::chrono::duration_cast<std::chrono::milliseconds>(*refreshed.grant->expires_in);
  store::Transaction tx(db_);
  const bool stored =
      store::Installations(db_, cipher_)
          .rotate(kPlatform, workspace, installation->refresh_token, refreshed.grant->access_token,
                  refreshed.grant->refresh_token, expires_at);
  tx.commit();
  if (!stored) {
    // Another process refreshed first (or the app was uninstalled meanwhile): use what it stored.
    spdlog::warn("the token of workspace {} changed during its refresh; using the stored one",
                 workspace);
    store::Transaction again(db_);
    installation = store::Installations(db_, cipher_).find(kPlatform, workspace);
    if (!installation || installation->bot_token.empty()) {
      return {
          BotToken::Status::not_installed, {}, "Accord is not installed in workspace " + workspace};
    }
    return {BotToken::Status::ok, installation->bot_token, {}};
  }
  spdlog::info("refreshed the bot token of workspace {} (valid until {})", workspace,
               store::format_utc(expires_at));
  return {BotToken::Status::ok, refreshed.grant->access_token, {}};
}

}  // namespace accord::bot::slack
