// Delivers the outbox: claims due rows, hands each to its platform's delivery (bot/platform.hpp)
// to render and send, and records the outcome. Keeps each conversation's order, paces posts per
// channel, honours Retry-After, backs off with jitter on transient failures and gives up (dead
// letter) after a bounded number of attempts, the same for every platform.
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
#include "bot/platform.hpp"
#include "commands/core/clock.hpp"
#include "commands/core/message.hpp"
#include "config/settings.hpp"
#include "store/database.hpp"
#include "store/outbox.hpp"

namespace accord::bot {

// "host:port": a replica's name among those on one database, the same across its restarts.
std::string replica_name(std::uint16_t port);

class OutboxWorker {
 public:
  // Each row goes through the delivery `platforms` registers for its platform. Outcomes are
  // counted in `metrics` when given. `replica` names this process among the replicas on one
  // database, the same across its restarts (serve uses host:port); empty: host:pid.
  OutboxWorker(store::Database& db, const commands::Clock& clock, const Platforms& platforms,
               config::OutboxSettings settings, DeliveryMetrics* metrics = nullptr,
               std::string replica = {});
  ~OutboxWorker();

  // Takes back the rows an earlier run of this replica claimed and did not finish (it crashed),
  // then delivers in the background. On PostgreSQL it also listens for rows other replicas (or
  // an operator's command) queue, so they go out at once rather than at the next poll.
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
  // Gives back the claimed rows items[from…] unattempted.
  void release_claims(const std::vector<store::OutboxItem>& items, std::size_t from);
  void follow_card_change(store::Outbox& outbox, const store::OutboxItem& sent,
                          const std::string& channel, const std::string& ts);
  // Why the row must wait and until when, or nullopt when it may be sent now.
  std::optional<std::pair<store::Timestamp, std::string>> hold(const store::OutboxItem& item,
                                                               store::Timestamp now);
  // Takes the row's channel's next posting slot; false when another post (from any replica)
  // has it, and then the row is held until the slot after.
  bool take_pacing_slot(const store::OutboxItem& item, store::Timestamp now);
  // Whether the row may go now with `token` (filled in), else handles the row and says false.
  bool take_token(PlatformDelivery& platform, const store::OutboxItem& item, std::string& token);
  // Marks a row of a platform this process does not deliver to as dead.
  void drop_unconfigured(const store::OutboxItem& item);
  std::chrono::milliseconds backoff(int attempts);
  std::string pacing_key(const store::OutboxItem& item) const;
  void count_dead_letter();

  store::Database& db_;
  const commands::Clock& clock_;
  const Platforms& platforms_;
  config::OutboxSettings settings_;
  DeliveryMetrics* metrics_;
  const std::string replica_;  // this process among the replicas (see the constructor)
  const std::string claimer_;  // "<replica>#<this run>": the name on this run's claims

  // Pacing per channel and 429s per method are shared with the other replicas through the
  // database (store/delivery_limits.hpp); old entries are dropped now and then.
  store::Timestamp limits_swept_at_{};
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
  // On PostgreSQL: wakes this worker when any process queues a row (store::Outbox::kQueuedSignal).
  std::thread listener_;
  void listen();
};

}  // namespace accord::bot
