// The Teams side of the server: POST /api/messages (reference/teams.md §1, §2, §4.3), an adapter
// of the one inbound pipeline (bot/inbound.hpp). The Bot Framework token is checked before the
// body is read; then the activity is bound to it, its conversation reference kept for later
// messages, repeats acknowledged without effect, and it is turned into a neutral request for the
// core. Replies go out through the outbox (Teams wants them
// as separate Connector calls), except a card click's answer, which is the HTTP response.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "bot/guarded_dispatch.hpp"
#include "bot/http/message.hpp"
#include "bot/inbound.hpp"
#include "bot/teams/activity.hpp"
#include "bot/teams/auth.hpp"
#include "commands/core/clock.hpp"
#include "commands/core/dispatcher.hpp"
#include "store/database.hpp"

namespace accord::bot::teams {

class TeamsRoutes {
 public:
  // `playground`: Agents Playground mode (config TeamsSettings::playground): an activity that
  // comes without an Authorization header is accepted when its serviceUrl is on this machine.
  TeamsRoutes(ChannelAuthenticator& auth, store::Database& db, commands::Dispatcher& dispatcher,
              const commands::Clock& clock, std::chrono::seconds dedupe_retention,
              std::function<void()> wake_outbox, bool playground = false);

  http::Response messages(const http::Request& request);

 private:
  // The pipeline's adapter for one activity (teams_routes.cpp).
  class ActivityAdapter;

  // In the caller's transaction: the card a click was made on, when the click queued an update
  // of it (outbox rows after `before`), as Teams should show it now.
  std::optional<nlohmann::json> changed_card(const Activity& activity, std::int64_t before);
  // Queues a reply, in the caller's transaction, where only the person sees it: their personal
  // chat (the conversation itself when it is one), or the conversation for everyone when the
  // reply is for the channel.
  void enqueue_reply(const Activity& activity, const commands::Reply& reply,
                     const std::string& dedupe_key);
  // The welcome when Accord is added to a conversation, or forgetting it when removed; in the
  // caller's transaction.
  void on_installation(const Activity& activity);

  ChannelAuthenticator& auth_;
  store::Database& db_;
  const commands::Clock& clock_;
  bool playground_ = false;
  InboundPipeline pipeline_;
};

}  // namespace accord::bot::teams
