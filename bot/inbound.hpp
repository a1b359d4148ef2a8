// The one inbound pipeline. Every request from every platform passes the same steps, in this
// order, in InboundPipeline::run:
//
//   1. verify      the platform proves the request is its own (Slack's signature, the Bot
//                  Framework token) before anything in the body is trusted
//   2. authorise   Accord is installed where the request came from
//   3. repeats     a delivery the platform sends again (Slack event ids, Teams activity ids) is
//                  answered without running twice; it is recorded in the transaction of its work
//   4. dispatch    the core runs the neutral request, guarded: a failure of ours becomes an
//                  apology, never an unanswered request
//   5. reply       the answer is queued inside the workflow's own transaction, so a decision is
//                  never kept without its reply, nor a reply sent for a decision rolled back
//
// A platform supplies what differs as an InboundAdapter, made for one request (it may keep what it
// read between the steps). No endpoint runs the core any other way.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <variant>

#include "bot/guarded_dispatch.hpp"
#include "bot/http/message.hpp"
#include "commands/core/clock.hpp"
#include "commands/core/dispatcher.hpp"
#include "store/database.hpp"
#include "store/platform.hpp"

namespace accord::bot {

// What an adapter made of one verified request.
struct Inbound {
  commands::Request request;  // for the core: who asks what, where
  // The platform's id of this delivery when the platform may deliver it again; empty when it
  // never repeats it (a slash command, a click) or gave no id.
  std::string repeat_key;
  // A platform event rather than a person's request (an App Home opened, the app added to a
  // conversation): the adapter's handle_event does its work instead of the core.
  bool event = false;
};

class InboundAdapter {
 public:
  virtual ~InboundAdapter() = default;
  InboundAdapter() = default;
  InboundAdapter(const InboundAdapter&) = delete;
  InboundAdapter& operator=(const InboundAdapter&) = delete;

  virtual store::Platform platform() const = 0;
  // 1. nullopt when the request is provably the platform's; else the answer (401, 400, 415).
  virtual std::optional<http::Response> verify(const http::Request& request) = 0;
  // The verified body as a neutral request; or the answer when there is nothing to run (a URL
  // check, a malformed body, an activity Accord does not act on).
  virtual std::variant<Inbound, http::Response> read(const http::Request& request) = 0;
  // 2. nullopt when Accord serves the workspace the request came from; else the answer.
  virtual std::optional<http::Response> authorise(const Inbound& inbound) = 0;
  // 3. The answer to a delivery already processed, or running now.
  virtual http::Response repeated(const Inbound& inbound) = 0;
  // 5. Queues the core's reply, in the workflow's transaction.
  virtual void queue_reply(const Inbound& inbound, const commands::Reply& reply) = 0;
  // Whether the apology for a failure of ours is queued (then the delivery is recorded as
  // processed with it), rather than carried by the HTTP answer (then nothing is recorded and a
  // platform that delivers again runs it again).
  virtual bool queues_apology(const Inbound& inbound) const = 0;
  // Queues that apology, in a transaction of its own (the workflow's was rolled back).
  virtual void queue_apology(const Inbound& /*inbound*/, const commands::Reply& /*apology*/) {}
  // For an event: its work, in the transaction that records it as processed.
  virtual void handle_event(const Inbound& /*inbound*/) {}
  // The HTTP answer once the work has committed (`dispatched` is empty for an event).
  virtual http::Response answer(const Inbound& inbound, const Dispatched& dispatched) = 0;
};

// Deliveries processed, by platform and id (store::InboundEvents), and those running now.
class Repeats {
 public:
  // Held while one delivery runs; the claim ends with it.
  class Claim {
   public:
    Claim(Claim&& other) noexcept;
    Claim& operator=(Claim&&) = delete;
    Claim(const Claim&) = delete;
    Claim& operator=(const Claim&) = delete;
    ~Claim();

    // Records the delivery as processed, in the caller's open transaction.
    void record() const;

   private:
    friend class Repeats;
    Claim(Repeats* owner, store::Platform platform, std::string key)
        : owner_(owner), platform_(platform), key_(std::move(key)) {}
    Repeats* owner_;
    store::Platform platform_;
    std::string key_;  // empty: nothing to recognise the delivery by
  };

  // Ids are forgotten `retention` after they were processed (longer than any platform retries).
  Repeats(store::Database& db, const commands::Clock& clock, std::chrono::seconds retention);

  // The claim on a first delivery; nullopt when it was processed already or another delivery of
  // it is running. An empty key is always a first delivery.
  std::optional<Claim> claim(store::Platform platform, const std::string& key);

 private:
  void release(const std::string& running_key);

  store::Database& db_;
  const commands::Clock& clock_;
  std::chrono::seconds retention_;
  std::mutex mutex_;
  std::int64_t next_prune_ms_ = 0;  // guarded by mutex_
  std::set<std::string> running_;   // guarded by mutex_
};

class InboundPipeline {
 public:
  InboundPipeline(store::Database& db, commands::Dispatcher& dispatcher,
                  const commands::Clock& clock, std::chrono::seconds repeat_retention,
                  std::function<void()> wake_outbox);

  http::Response run(InboundAdapter& adapter, const http::Request& request);

 private:
  store::Database& db_;
  commands::Dispatcher& dispatcher_;
  Repeats repeats_;
  std::function<void()> wake_outbox_;
};

}  // namespace accord::bot
