#include "bot/serve/platforms.hpp"

#include <stdexcept>

#include <spdlog/spdlog.h>

#include "store/installations.hpp"

namespace accord::bot {
namespace {

// Refuses to start when ACCORD_SECRET_KEY cannot open the tokens already stored (it was
// changed): every workspace would otherwise fail one message at a time.
void check_secret_key(store::Database& db, const store::TokenCipher& cipher) {
  try {
    store::Transaction tx(db);
    store::Installations(db, cipher).check_readable();
  } catch (const store::TokenCipherError&) {
    throw std::runtime_error(
        "ACCORD_SECRET_KEY does not decrypt the tokens stored in the database: use the key they "
        "were stored with (or reinstall every workspace after deleting the installations)");
  }
}

}  // namespace

SlackAccess slack_access(const config::Settings& settings, store::Database& db,
                         const http::ClientOptions& client_options, const commands::Clock& clock) {
  SlackAccess access;
  if (!settings.slack.oauth_enabled()) {
    access.workspaces = std::make_unique<slack::SingleToken>(settings.slack.bot_token);
    return access;
  }
  access.cipher =
      std::make_unique<store::TokenCipher>(store::TokenCipher::from_hex(settings.slack.secret_key));
  check_secret_key(db, *access.cipher);
  access.oauth =
      std::make_unique<slack::OAuthClient>(client_options, settings.slack.api_base,
                                           settings.slack.client_id, settings.slack.client_secret);
  access.workspaces = std::make_unique<slack::InstalledTokens>(
      db, *access.cipher, *access.oauth, clock, settings.slack.token_refresh_margin);
  spdlog::info("Slack OAuth mode: workspaces install at {}/slack/install",
               settings.effective_public_url());
  if (!settings.slack.bot_token.empty()) {
    spdlog::warn(
        "ACCORD_SLACK_BOT_TOKEN is ignored in OAuth mode: each workspace uses the token of its "
        "own installation");
  }
  return access;
}

TeamsAccess teams_access(const config::Settings& settings, store::Database& db,
                         const http::ClientOptions& client_options, const commands::Clock& clock,
                         const commands::Clock& delivery_clock) {
  TeamsAccess access;
  const auto& teams = settings.teams;
  if (!teams.enabled()) return access;
  access.keys_client = std::make_unique<http::HttpClient>(client_options);
  teams::KeyCacheOptions key_options;
  key_options.metadata_url = teams.openid_metadata_url;
  access.keys = std::make_unique<teams::SigningKeyCache>(
      teams::http_document_fetcher(*access.keys_client), delivery_clock, key_options);
  teams::ChannelAuthOptions auth_options;
  auth_options.app_id = teams.effective_app_id();
  auth_options.service_url_hosts = teams.service_url_hosts;
  access.auth = std::make_unique<teams::ChannelAuthenticator>(*access.keys, clock, auth_options);
  access.connector_client = std::make_unique<http::HttpClient>(client_options);
  access.connector = std::make_unique<teams::Connector>(
      *access.connector_client, delivery_clock,
      teams::ConnectorOptions{teams.effective_app_id(), teams.app_password,
                              teams.effective_token_url(), teams.service_url_hosts,
                              std::chrono::seconds(300), teams.playground});
  access.delivery = std::make_unique<teams::TeamsDelivery>(db, *access.connector, delivery_clock);
  if (teams.playground) {
    spdlog::warn(
        "Teams PLAYGROUND mode: activities without a token are accepted on this machine and "
        "answers go only to this machine (Microsoft 365 Agents Playground). Never for a real "
        "deployment: turn ACCORD_TEAMS_PLAYGROUND off.");
    return access;
  }
  if (!access.keys->refresh()) {
    spdlog::warn(
        "the Bot Framework signing keys could not be fetched from {} yet; Teams requests "
        "are refused until they can be",
        teams.openid_metadata_url);
  }
  spdlog::info("Microsoft Teams: POST /api/messages for app {}", teams.app_id);
  return access;
}

}  // namespace accord::bot
