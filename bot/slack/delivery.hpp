// Delivers the outbox rows of Slack: renders the neutral message as Block Kit and calls the Web
// API with the bot token of the row's workspace (chat.postMessage, chat.update, views.publish,
// views.open, users.info), or posts to a response_url. Opens a person's DM once and remembers it.
#pragma once

#include <map>
#include <string>

#include "bot/platform.hpp"
#include "bot/slack/web_api.hpp"
#include "bot/slack/workspace_tokens.hpp"
#include "commands/core/clock.hpp"
#include "store/database.hpp"

namespace accord::bot::slack {

class SlackDelivery final : public PlatformDelivery {
 public:
  SlackDelivery(store::Database& db, const commands::Clock& clock, SlackApi& api,
                WorkspaceTokens& tokens)
      : db_(db), clock_(clock), api_(api), tokens_(tokens) {}

  Credential credential(const store::OutboxItem& item) override;
  std::vector<std::string> methods(const store::OutboxItem& item) const override;
  DeliveryResult send(const store::OutboxItem& item, const std::string& token,
                      const nlohmann::json& payload, const commands::Message& message,
                      std::string& channel, std::string& ts) override;

 private:
  ApiResult call(const std::string& token, const std::string& method,
                 const nlohmann::json& arguments);
  // A body written as JSON text already (render_message, with_view) to a Web API method.
  ApiResult post(const std::string& token, const std::string& method, std::string message_json);

  store::Database& db_;
  const commands::Clock& clock_;
  SlackApi& api_;
  WorkspaceTokens& tokens_;
  std::map<std::string, std::string> dm_channels_;  // "workspace/user" -> D... channel
};

}  // namespace accord::bot::slack
