// The Slack and Teams sides `serve` wires up from the settings.
#pragma once

#include <memory>

#include "bot/http/client.hpp"
#include "bot/slack/oauth_client.hpp"
#include "bot/slack/workspace_tokens.hpp"
#include "bot/teams/auth.hpp"
#include "bot/teams/connector.hpp"
#include "bot/teams/delivery.hpp"
#include "bot/teams/openid.hpp"
#include "commands/core/clock.hpp"
#include "config/settings.hpp"
#include "store/database.hpp"
#include "store/token_cipher.hpp"

namespace accord::bot {

// The two Slack modes (README, "Slack modes"): OAuth installs, each workspace with its own
// encrypted token, or one configured token for every workspace.
struct SlackAccess {
  std::unique_ptr<store::TokenCipher> cipher;  // OAuth mode only
  std::unique_ptr<slack::OAuthClient> oauth;   // OAuth mode only
  std::unique_ptr<slack::WorkspaceTokens> workspaces;
};

// Throws when ACCORD_SECRET_KEY cannot decrypt the tokens already stored.
SlackAccess slack_access(const config::Settings& settings, store::Database& db,
                         const http::ClientOptions& client_options, const commands::Clock& clock);

// Microsoft Teams (reference/teams.md), when an app id is configured: the channel's signing keys
// (with an HTTP client of their own: the key cache fetches on request threads), the Connector for
// delivery and the authenticator for /api/messages. All null when Teams is not configured.
struct TeamsAccess {
  std::unique_ptr<http::HttpClient> keys_client;
  std::unique_ptr<teams::SigningKeyCache> keys;
  std::unique_ptr<teams::ChannelAuthenticator> auth;
  std::unique_ptr<http::HttpClient> connector_client;
  std::unique_ptr<teams::Connector> connector;
  std::unique_ptr<teams::TeamsDelivery> delivery;
};

TeamsAccess teams_access(const config::Settings& settings, store::Database& db,
                         const http::ClientOptions& client_options, const commands::Clock& clock,
                         const commands::Clock& delivery_clock);

}  // namespace accord::bot
