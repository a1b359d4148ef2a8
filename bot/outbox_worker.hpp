// Delivers the outbox: claims due rows, renders each neutral message for its platform (Slack, or
// Teams through teams::TeamsDelivery), sends it, and
// records the outcome. Paces posts per channel, honours Retry-After, backs off with jitter on
// transient failures and gives up (dead letter) after a bounded number of attempts.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bot/delivery_metrics.hpp"
#include "bot/slack/web_api.hpp"
#include "bot/slack/workspace_tokens.hpp"
#include "bot/teams/delivery.hpp"
#include "commands/core/clock.hpp"
#include "commands/core/message.hpp"
#include "config/settings.hpp"
#include "store/database.hpp"
#include "store/outbox.hpp"

namespace accord::bot {

class OutboxWorker {
 public:
  // Each row is sent with the bot token of its workspace, from `tokens`. Outcomes are counted
  // in `metrics` when given.
  // Rows for Teams go through `teams` (nullptr when Teams is not configured).
  OutboxWorker(store::Database& db, const commands::Clock& clock, slack::SlackApi& api,
               slack::WorkspaceTokens& tokens, config::OutboxSettings settings,
               DeliveryMetrics* metrics = nullptr, teams::TeamsDelivery* teams = nullptr);
  ~OutboxWorker();

  void start();
  void stop();
  // Asks the worker to look at the outbox now (the clock moved, or rows came from elsewhere).
  void wake();
  // Wakes only if this process queued a row since the worker last looked at the outbox: most
  // requests queue nothing, and a pass for them would only contend for the database.
  void wake_if_queued();

  // Delivers every row due now, one attempt each; returns how many were attempted.
  int run_due();

 private:
  void loop();
  void deliver(const store::OutboxItem& item);
  // Records the holds a pass decided, in one transaction: with a backlog for one busy channel
  // most rows of a pass wait, and a commit each made the pass cost more than its deliveries.
  void record_holds();
  void follow_card_change(store::Outbox& outbox, const store::OutboxItem& sent,
                          const std::string& channel, const std::string& ts);
  // Why the row must wait and until when, or nullopt when it may be sent now.
  std::optional<std::pair<store::Timestamp, std::string>> hold(const store::OutboxItem& item,
                                                               store::Timestamp now);
  // Whether the row may go now with `token` (filled in), else handles the row and says false.
  bool take_token(const store::OutboxItem& item, std::string& token);
  // Renders and sends one row (its payload already decoded) with the workspace's bot token;
  // fills in where it landed.
  slack::ApiResult send(const store::OutboxItem& item, const std::string& token,
                        const nlohmann::json& payload, const commands::Message& message,
                        std::string& channel, std::string& ts);
  slack::ApiResult call(const std::string& token, const std::string& method,
                        const nlohmann::json& arguments);
  std::chrono::milliseconds backoff(int attempts);
  std::string pacing_key(const store::OutboxItem& item) const;
  void count_dead_letter();

  store::Database& db_;
  const commands::Clock& clock_;
  slack::SlackApi& api_;
  slack::WorkspaceTokens& tokens_;
  config::OutboxSettings settings_;
  DeliveryMetrics* metrics_;
  teams::TeamsDelivery* teams_;

  std::map<std::string, std::string> dm_channels_;         // user id -> D... channel
  std::map<std::string, store::Timestamp> last_post_;      // pacing key -> last post
  std::map<std::string, store::Timestamp> blocked_until_;  // "workspace/method" after a 429
  struct Hold {
    std::int64_t id;
    store::Timestamp until;
    std::string reason;
  };
  std::vector<Hold> holds_;  // rows this pass found must wait, not yet recorded
  // The latest of those holds per conversation (as Outbox::earlier_pending groups rows).
  std::map<std::string, store::Timestamp> held_conversations_;
  static std::string conversation_key(const store::OutboxItem& item);
  std::mt19937 jitter_{std::random_device{}()};
  bool warned_no_token_ = false;

  std::mutex mutex_;
  std::condition_variable cv_;
  bool woken_ = false;
  std::atomic<bool> stopping_ = false;
  std::atomic<std::uint64_t> seen_queued_ = 0;  // store::Outbox::queued_so_far() at last look
  std::thread thread_;
};

}  // namespace accord::bot
