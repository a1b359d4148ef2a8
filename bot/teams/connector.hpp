// Outbound to Teams through the Bot Connector (reference/teams.md §3): an OAuth client-credentials
// token for the bot (cached until five minutes before it expires, dropped and fetched again once
// when the Connector answers 401), and the REST calls Accord needs, each classified for the
// outbox: 429 waits Retry-After, 412 and 502-504 are retried, the rest are final.
// Only serviceUrls on the allowlist ever receive the token.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/delivery_result.hpp"
#include "commands/core/clock.hpp"

namespace accord::bot::http {
class HttpClient;
}

namespace accord::bot::teams {

struct ConnectorOptions {
  std::string app_id;
  std::string app_password;
  std::string token_url;
  std::vector<std::string> service_url_hosts;
  std::chrono::seconds refresh_margin{300};
  // Agents Playground mode: no token is fetched or sent, and only loopback serviceUrls (the
  // Playground's own connector, any port) are called; the allowlist is not used.
  bool playground = false;
};

class Connector {
 public:
  // `client` must outlive the connector and is used from one thread at a time.
  Connector(http::HttpClient& client, const commands::Clock& clock, ConnectorOptions options);

  // POST v3/conversations/{id}/activities; body.id in the result is the new message's id.
  DeliveryResult send(const std::string& service_url, const std::string& conversation_id,
                      const nlohmann::json& activity);
  // PUT v3/conversations/{id}/activities/{activity id}: replaces a message (a card) in place.
  DeliveryResult update(const std::string& service_url, const std::string& conversation_id,
                        const std::string& activity_id, const nlohmann::json& activity);
  // POST v3/conversations: the 1:1 chat with a person (the same id every time for one person).
  DeliveryResult create_personal_chat(const std::string& service_url, const std::string& tenant,
                                      const std::string& user_id);

 private:
  DeliveryResult call(const std::string& method, const std::string& service_url,
                      const std::string& path, const nlohmann::json& body);
  // The cached token, or a fresh one; nullopt with `failure` filled when none could be had.
  std::optional<std::string> token(DeliveryResult& failure);

  http::HttpClient& client_;
  const commands::Clock& clock_;
  ConnectorOptions options_;

  std::mutex mutex_;
  std::string token_;
  store::Timestamp token_expires_{};
  // After the token endpoint refused (e.g. an expired secret), no new try before this: rows wait
  // without using up their attempts, rather than each asking again.
  store::Timestamp token_refused_until_{};
};

}  // namespace accord::bot::teams
