// The Slack side of the server: the three inbound endpoints, each an adapter of the one inbound
// pipeline (bot/inbound.hpp). Each request is verified against the raw body before anything is
// parsed, authorised against its workspace (WorkspaceTokens), turned into a neutral request for
// the core, and answered well inside Slack's 3-second window; anything that needs an outbound
// call goes to the outbox.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "bot/guarded_dispatch.hpp"
#include "bot/http/message.hpp"
#include "bot/inbound.hpp"
#include "bot/slack/workspace_tokens.hpp"
#include "commands/core/clock.hpp"
#include "commands/core/dispatcher.hpp"
#include "store/database.hpp"

namespace accord::bot::slack {

struct SlackRoutesOptions {
  std::string signing_secret;
  std::chrono::seconds signature_window{300};
  // Processed event ids are kept this long (longer than Slack's retry schedule), then dropped.
  std::chrono::seconds event_dedupe_retention{24 * 3600};
  // Where a workspace without an installation is sent (<public url>/slack/install).
  std::string install_url;
};

class SlackRoutes {
 public:
  SlackRoutes(SlackRoutesOptions options, store::Database& db, commands::Dispatcher& dispatcher,
              WorkspaceTokens& workspaces, const commands::Clock& clock,
              std::function<void()> wake_outbox);

  http::Response commands(const http::Request& request);
  http::Response interactive(const http::Request& request);
  http::Response events(const http::Request& request);

 private:
  // What every Slack endpoint's adapter of the pipeline shares: the signature check, the platform.
  class SlackAdapter : public InboundAdapter {
   public:
    explicit SlackAdapter(SlackRoutes& routes) : routes_(routes) {}
    store::Platform platform() const override { return store::Platform::slack; }
    std::optional<http::Response> verify(const http::Request& request) override {
      return routes_.reject_unverified(request);
    }
    http::Response repeated(const Inbound& /*inbound*/) override {
      return http::Response::empty(200);
    }

   protected:
    SlackRoutes& routes_;
  };
  // One per endpoint (slack_routes.cpp, interactions.cpp).
  class CommandAdapter;
  class InteractionAdapter;
  class EventAdapter;

  // An error response when the request is not provably from Slack.
  std::optional<http::Response> reject_unverified(const http::Request& request) const;
  // What a workspace without an installation is told.
  commands::Reply not_installed_reply() const;
  // Queues the reply's form as a modal, in the caller's transaction; false when there is no form
  // or no trigger to open it.
  bool enqueue_form(const commands::Request& neutral, const commands::Reply& reply,
                    const std::string& trigger_id, const std::string& response_url);
  // Queues a reply that cannot be the HTTP response (to a click or a submitted form), in the
  // caller's transaction: through the response_url when there is one, else as a direct message.
  void enqueue_reply(const commands::Request& neutral, const commands::Reply& reply,
                     const std::string& response_url, const std::string& dedupe_key);
  // enqueue_reply in a transaction of its own, for answers that come from no workflow (the
  // apology for a failure of ours, "not installed").
  void queue_reply(const commands::Request& neutral, const commands::Reply& reply,
                   const std::string& response_url, const std::string& dedupe_key);

  SlackRoutesOptions options_;
  store::Database& db_;
  WorkspaceTokens& workspaces_;
  const commands::Clock& clock_;
  std::function<void()> wake_outbox_;
  InboundPipeline pipeline_;
};

}  // namespace accord::bot::slack
