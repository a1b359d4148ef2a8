// Delivers the outbox rows of Teams (store::Platform::teams): renders the neutral message as an
// Adaptive Card and posts it through the Connector to the conversation the row names, creating a
// person's 1:1 chat the first time Accord writes to them. Conversations are found by the
// references Teams sent (store/teams_conversations.hpp); without one, nothing can be sent.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "bot/platform.hpp"
#include "bot/teams/connector.hpp"
#include "commands/core/clock.hpp"
#include "commands/core/message.hpp"
#include "store/database.hpp"
#include "store/outbox.hpp"

namespace accord::bot::teams {

// The core writes commands as Slack users type them ("/accord accept T-3"); in Teams they are
// addressed to the bot by mention: "@Accord accept T-3".
std::string in_teams_words(std::string text);
commands::Message in_teams_words(commands::Message message);

// The Adaptive Card of an outbox payload: its neutral message, or, when the payload has a
// "form", that form; mentioned people are named as Teams last showed them (call in a transaction).
nlohmann::json card_for(store::Database& db, const std::string& tenant,
                        const nlohmann::json& payload, const commands::Message& message);
// The message activity that carries that card.
nlohmann::json card_activity(store::Database& db, const std::string& tenant,
                             const nlohmann::json& payload, const commands::Message& message);

class TeamsDelivery final : public PlatformDelivery {
 public:
  TeamsDelivery(store::Database& db, Connector& connector, const commands::Clock& clock)
      : db_(db), connector_(connector), clock_(clock) {}

  // The Connector gets its own token for each call.
  Credential credential(const store::OutboxItem&) override { return {}; }
  std::vector<std::string> methods(const store::OutboxItem&) const override {
    return {"connector"};
  }
  // Sends one row; fills in the conversation and the new message's id (for later updates).
  DeliveryResult send(const store::OutboxItem& item, const std::string& token,
                      const nlohmann::json& payload, const commands::Message& message,
                      std::string& conversation, std::string& activity_id) override;

 private:
  DeliveryResult send_row(const store::OutboxItem& item, const nlohmann::json& payload,
                          const commands::Message& message, std::string& conversation,
                          std::string& activity_id);

  // The person's 1:1 chat, created through the Connector when none is known yet.
  DeliveryResult personal_chat(const store::OutboxItem& item, std::string& conversation,
                               std::string& service_url);
  std::string service_url_of(const std::string& conversation);

  store::Database& db_;
  Connector& connector_;
  const commands::Clock& clock_;
};

}  // namespace accord::bot::teams
