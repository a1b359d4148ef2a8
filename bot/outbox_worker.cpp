#include "bot/outbox_worker.hpp"

#include <algorithm>

#include <unistd.h>

#include <spdlog/spdlog.h>

#include "bot/logging.hpp"
#include "commands/core/message.hpp"
#include "store/delivery_limits.hpp"
#include "store/random_token.hpp"

namespace accord::bot {
namespace {

using Outcome = DeliveryResult::Outcome;
using std::chrono::milliseconds;

constexpr int kBatch = 20;
constexpr auto kNoTokenRecheck = std::chrono::seconds(30);

std::string host_name() {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return host;
}

// A platform's method as rate limited for one workspace.
std::string method_key(const store::OutboxItem& item, const std::string& method) {
  return std::string(store::platform_name(item.platform)) + "/" + item.workspace + "/" + method;
}

}  // namespace

std::string replica_name(std::uint16_t port) {
  return host_name() + ":" + std::to_string(port);
}

OutboxWorker::OutboxWorker(store::Database& db, const commands::Clock& clock,
                           const Platforms& platforms, config::OutboxSettings settings,
                           DeliveryMetrics* metrics, std::string replica)
    : db_(db),
      clock_(clock),
      platforms_(platforms),
      settings_(std::move(settings)),
      metrics_(metrics),
      replica_(replica.empty() ? host_name() + ":" + std::to_string(::getpid())
                               : std::move(replica)),
      claimer_(replica_ + "#" + store::random_hex(4)) {}

void OutboxWorker::count_dead_letter() {
  if (metrics_ != nullptr) metrics_->dead_letter();
}

OutboxWorker::~OutboxWorker() {
  stop();
}

void OutboxWorker::start() {
  try {
    store::Transaction tx(db_);
    // One server per SQLite file: whatever is claimed there, an earlier run of it left.
    const bool alone = db_.engine() == store::Engine::sqlite;
    const int taken =
        store::Outbox(db_).release_earlier_runs(alone ? std::string() : replica_, claimer_);
    tx.commit();
    if (taken > 0) spdlog::info("took back {} outbox rows an earlier run left claimed", taken);
  } catch (const std::exception& error) {
    // They are due again when their lease ends.
    spdlog::error("cannot take back the outbox rows an earlier run claimed: {}", error.what());
  }
  thread_ = std::thread([this] { loop(); });
  if (db_.engine() == store::Engine::postgresql) listener_ = std::thread([this] { listen(); });
}

void OutboxWorker::listen() {
  std::unique_ptr<store::Notifications> signals;
  while (!stopping_) {
    try {
      if (!signals) signals = db_.listen(store::Outbox::kQueuedSignal);
      // Short waits, so stop() is never held up for long.
      if (signals && signals->wait(std::chrono::milliseconds(250))) wake();
    } catch (const std::exception& error) {
      spdlog::warn("cannot listen for queued messages ({}); polling meanwhile", error.what());
      signals.reset();
      std::unique_lock lock(mutex_);
      cv_.wait_for(lock, std::chrono::seconds(5), [&] { return stopping_.load(); });
    }
  }
}

void OutboxWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (listener_.joinable()) listener_.join();
}

void OutboxWorker::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

void OutboxWorker::wake_if_queued() {
  if (store::Outbox::queued_so_far() != seen_queued_.load()) wake();
}

void OutboxWorker::loop() {
  while (true) {
    try {
      run_due();
    } catch (const std::exception& error) {
      spdlog::error("outbox pass failed: {}", error.what());
    }
    std::optional<store::Timestamp> next;
    try {
      store::Transaction tx(db_, store::Scope::read_only);
      next = store::Outbox(db_).next_due();
    } catch (const std::exception& error) {
      spdlog::error("outbox check failed: {}", error.what());
    }
    auto wait = std::chrono::duration_cast<milliseconds>(settings_.poll_interval);
    if (next)
      wait = std::clamp(std::chrono::duration_cast<milliseconds>(*next - clock_.now()),
                        milliseconds(0), wait);
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, wait, [&] { return woken_ || stopping_; });
    if (stopping_) return;
    woken_ = false;
  }
}

int OutboxWorker::run_due() {
  std::vector<store::OutboxItem> items;
  // Read before the outbox: a row queued after this wakes the worker again.
  seen_queued_ = store::Outbox::queued_so_far();
  // A pass claims its rows for long enough to attempt them all; if this replica dies, another
  // takes them when the lease ends. Running short of lease, the pass gives the rest back rather
  // than risk another replica sending them too.
  const auto timeout = std::chrono::duration_cast<milliseconds>(settings_.request_timeout);
  const auto lease = std::max<milliseconds>(std::chrono::seconds(60), 6 * timeout);
  const auto lease_until = clock_.now() + lease;
  {
    store::Transaction tx(db_);
    items = store::Outbox(db_).claim_due(clock_.now(), kBatch, claimer_, lease_until);
    tx.commit();
  }
  int attempted = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    if (stopping_ || clock_.now() + 2 * timeout > lease_until) {
      // Shutting down, or the lease nearly over: the rest are due again at once, for any replica.
      release_claims(items, i);
      break;
    }
    ++attempted;
    try {
      deliver(item);
    } catch (const std::exception& error) {
      // One failing row must not stall the queue behind it: it waits its turn again.
      spdlog::error("delivery of outbox row {} failed: {}", item.id, error.what());
      try {
        store::Transaction tx(db_);
        store::Outbox outbox(db_);
        bool dead = false;
        if (item.attempts + 1 >= settings_.max_attempts) {
          dead = outbox.mark_dead(item.id, error.what());
        } else {
          outbox.mark_retry(item.id, clock_.now() + backoff(item.attempts), error.what());
        }
        tx.commit();
        if (dead) count_dead_letter();
      } catch (const std::exception& nested) {
        spdlog::error("cannot record the failure of outbox row {}: {}", item.id, nested.what());
      }
    }
  }
  record_holds();
  return attempted;
}

void OutboxWorker::release_claims(const std::vector<store::OutboxItem>& items, std::size_t from) {
  try {
    store::Transaction tx(db_);
    store::Outbox outbox(db_);
    for (auto i = from; i < items.size(); ++i) outbox.release(items[i].id, claimer_);
    tx.commit();
  } catch (const std::exception& error) {
    // They are due again when the lease ends.
    spdlog::error("cannot give back {} claimed outbox rows: {}", items.size() - from, error.what());
  }
}

void OutboxWorker::record_holds() {
  if (holds_.empty()) return;
  try {
    store::Transaction tx(db_);
    store::Outbox outbox(db_);
    for (const auto& held : holds_) outbox.postpone(held.id, held.until, held.reason);
    tx.commit();
  } catch (const std::exception& error) {
    // They are simply due again on the next pass, and wait again then.
    spdlog::error("cannot record that {} outbox rows wait: {}", holds_.size(), error.what());
  }
  holds_.clear();
  held_conversations_.clear();
}

std::string OutboxWorker::conversation_key(const store::OutboxItem& item) {
  return std::string(store::platform_name(item.platform)) + "/" + item.workspace + "/" +
         std::string(store::to_string(item.kind)) + "/" + item.target;
}

std::string OutboxWorker::pacing_key(const store::OutboxItem& item) const {
  if (item.kind == store::OutboxKind::response_url || item.kind == store::OutboxKind::home_view ||
      item.kind == store::OutboxKind::open_form || item.kind == store::OutboxKind::user_profile) {
    return {};
  }
  return std::string(store::platform_name(item.platform)) + "/" + item.workspace + "/" +
         item.target;
}

milliseconds OutboxWorker::backoff(int attempts) {
  const auto initial = std::chrono::duration_cast<milliseconds>(settings_.initial_backoff);
  const auto ceiling = std::chrono::duration_cast<milliseconds>(settings_.max_backoff);
  const milliseconds delay =
      std::min(milliseconds(initial.count() << std::min(attempts, 20)), ceiling);
  // Full jitter over the upper half, so retries from many rows do not arrive together.
  std::uniform_int_distribution<long long> spread(delay.count() / 2, delay.count());
  return milliseconds(spread(jitter_));
}

void OutboxWorker::deliver(const store::OutboxItem& item) {
  const LogScope scope("outbox-" + std::to_string(item.id));
  const auto now = clock_.now();
  store::Outbox outbox(db_);

  PlatformDelivery* platform = platforms_.delivery(item.platform);
  if (platform == nullptr) return drop_unconfigured(item);
  std::string token;
  if (!take_token(*platform, item, token)) return;

  // A payload this build cannot read (corrupt, or written by a newer version) never will be.
  nlohmann::json payload;
  commands::Message message;
  try {
    payload = nlohmann::json::parse(item.payload);
    message = commands::message_from_json(payload);
  } catch (const std::exception& error) {
    store::Transaction tx(db_);
    const bool dead =
        outbox.mark_dead(item.id, std::string("stored payload cannot be read: ") + error.what());
    tx.commit();
    if (dead) count_dead_letter();
    spdlog::error("outbox row {} has a payload that cannot be read: {}", item.id, error.what());
    return;
  }

  if (auto wait = hold(item, now)) {
    auto& until = held_conversations_[conversation_key(item)];
    until = std::max(until, wait->first);
    holds_.push_back({item.id, wait->first, std::move(wait->second)});
    return;
  }
  if (!take_pacing_slot(item, now)) return;

  std::string channel;
  std::string ts;
  const DeliveryResult result = platform->send(item, token, payload, message, channel, ts);

  store::Transaction tx(db_);
  bool dead = false;
  switch (result.outcome) {
    case Outcome::ok:
      outbox.mark_delivered(item.id, channel, ts, clock_.now());
      follow_card_change(outbox, item, channel, ts);
      spdlog::info("delivered {} to {}", to_string(item.kind), item.target.substr(0, 24));
      break;
    case Outcome::rate_limited: {
      // A platform blocks the method for the whole workspace (Slack does), so every row that
      // needs it waits.
      const auto extra = milliseconds(std::uniform_int_distribution<int>(0, 250)(jitter_));
      const auto until = clock_.now() + result.retry_after + extra;
      if (!result.method.empty()) {
        store::DeliveryLimits(db_).block(method_key(item, result.method), until);
      }
      outbox.postpone(item.id, until, "rate limited");
      spdlog::warn("rate limited by {} on {}; retrying after {} s",
                   store::display_name(item.platform), result.method, result.retry_after.count());
      break;
    }
    case Outcome::transient_error:
      if (item.attempts + 1 >= settings_.max_attempts) {
        dead = outbox.mark_dead(item.id, result.error);
        spdlog::error("gave up after {} attempts: {}", item.attempts + 1, result.error);
      } else {
        const auto delay = backoff(item.attempts);
        outbox.mark_retry(item.id, clock_.now() + delay, result.error);
        spdlog::warn("delivery failed ({}); retry in {} ms", result.error, delay.count());
      }
      break;
    case Outcome::permanent_error:
      dead = outbox.mark_dead(item.id, result.error);
      spdlog::error("{} refused the message: {}", store::display_name(item.platform), result.error);
      break;
  }
  tx.commit();
  if (metrics_ != nullptr) metrics_->attempted(item.platform, result.outcome);
  if (dead) count_dead_letter();
}

void OutboxWorker::drop_unconfigured(const store::OutboxItem& item) {
  const std::string why = std::string(store::display_name(item.platform)) +
                          " is not configured in this Accord, so nothing can be sent there";
  store::Transaction tx(db_);
  const bool dead = store::Outbox(db_).mark_dead(item.id, why);
  tx.commit();
  spdlog::error("dropped a {}: {}", to_string(item.kind), why);
  if (metrics_ != nullptr) metrics_->attempted(item.platform, Outcome::permanent_error);
  if (dead) count_dead_letter();
}

bool OutboxWorker::take_token(PlatformDelivery& platform, const store::OutboxItem& item,
                              std::string& token) {
  Credential found = platform.credential(item);
  if (found.status == Credential::Status::ready) {
    token = std::move(found.token);
    return true;
  }
  store::Transaction tx(db_);
  store::Outbox outbox(db_);
  bool dead = false;
  if (found.status == Credential::Status::not_configured) {
    if (!warned_no_token_) {
      spdlog::warn("{}: {}; messages wait in the outbox until it is",
                   store::display_name(item.platform), found.why);
      warned_no_token_ = true;
    }
    outbox.postpone(item.id, clock_.now() + kNoTokenRecheck, found.why);
  } else if (found.status == Credential::Status::gone) {
    // Uninstalled (or never installed): nothing can reach that workspace any more.
    dead = outbox.mark_dead(item.id, found.why);
    spdlog::warn("dropped a {} for workspace {}: {}", to_string(item.kind), item.workspace,
                 found.why);
  } else if (item.attempts + 1 >= settings_.max_attempts) {
    dead = outbox.mark_dead(item.id, found.why);
    spdlog::error("gave up after {} attempts: {}", item.attempts + 1, found.why);
  } else {
    outbox.mark_retry(item.id, clock_.now() + backoff(item.attempts), found.why);
  }
  tx.commit();
  if (dead) count_dead_letter();
  return false;
}

void OutboxWorker::follow_card_change(store::Outbox& outbox, const store::OutboxItem& sent,
                                      const std::string& channel, const std::string& ts) {
  // The card changed (it was decided) while this copy was on its way: update it at once.
  if (sent.card_key.empty() || ts.empty()) return;
  const auto stored = outbox.find(sent.id);
  if (!stored || stored->payload == sent.payload) return;
  store::OutboxItem update;
  update.platform = sent.platform;
  update.workspace = sent.workspace;
  update.kind = store::OutboxKind::update_message;
  update.target = channel;
  update.ref_ts = ts;
  update.payload = stored->payload;
  update.dedupe_key = "card-follow:" + std::to_string(sent.id);
  update.created_at = update.next_attempt_at = clock_.now();
  outbox.enqueue(update);
}

std::optional<std::pair<store::Timestamp, std::string>> OutboxWorker::hold(
    const store::OutboxItem& item, store::Timestamp now) {
  // The methods the row needs, as a platform rate limits them for this workspace.
  const PlatformDelivery* platform = platforms_.delivery(item.platform);
  const auto methods = platform != nullptr ? platform->methods(item) : std::vector<std::string>();
  std::vector<std::string> keys;
  keys.reserve(methods.size());
  for (const auto& method : methods) keys.push_back(method_key(item, method));

  // One read of committed rows (never another thread's half-work) that waits for no writer: an
  // older message of the conversation still pending, and a 429 any replica received.
  std::optional<store::Timestamp> earlier;
  std::optional<store::Timestamp> blocked;
  {
    store::Transaction tx(db_, store::Scope::read_only);
    earlier = store::Outbox(db_).earlier_pending(item);
    if (!earlier && !keys.empty()) blocked = store::DeliveryLimits(db_).blocked_until(keys, now);
  }
  // Messages to one conversation keep their order: wait for an older one still pending.
  if (earlier) {
    // The earlier row may be one this pass held and has not recorded yet: then it goes no sooner
    // than it was held until, and neither does this one.
    auto until = std::max(*earlier, now);
    if (const auto held = held_conversations_.find(conversation_key(item));
        held != held_conversations_.end()) {
      until = std::max(until, held->second);
    }
    return std::pair{until, std::string("after an earlier message")};
  }

  if (blocked) return std::pair{*blocked, std::string("rate limited")};
  return std::nullopt;
}

bool OutboxWorker::take_pacing_slot(const store::OutboxItem& item, store::Timestamp now) {
  // Slack allows about one message per second per channel; every platform is paced alike.
  const auto key = pacing_key(item);
  if (key.empty()) return true;
  std::optional<store::Timestamp> next;
  {
    store::Transaction tx(db_);
    store::DeliveryLimits limits(db_);
    next = limits.take_slot(key, now, settings_.per_channel_interval);
    // Now and then, the limits that ended long ago go (one row per channel ever posted to).
    if (!next && now - limits_swept_at_ > std::chrono::hours(1)) {
      limits.forget_before(now - std::chrono::hours(1));
      limits_swept_at_ = now;
    }
    tx.commit();
  }
  if (!next) return true;
  auto& until = held_conversations_[conversation_key(item)];
  until = std::max(until, *next);
  holds_.push_back({item.id, *next, "paced"});
  return false;
}

}  // namespace accord::bot
