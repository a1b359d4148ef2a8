#include "bot/inbound.hpp"

#include <spdlog/spdlog.h>

#include "store/inbound_events.hpp"

namespace accord::bot {
namespace {

std::string running_key(store::Platform platform, const std::string& key) {
  return std::string(store::platform_name(platform)) + "/" + key;
}

}  // namespace

Repeats::Claim::Claim(Claim&& other) noexcept
    : owner_(std::exchange(other.owner_, nullptr)),
      platform_(other.platform_),
      key_(std::move(other.key_)) {}

Repeats::Claim::~Claim() {
  if (owner_ != nullptr && !key_.empty()) owner_->release(running_key(platform_, key_));
}

void Repeats::Claim::record() const {
  if (owner_ == nullptr || key_.empty()) return;
  store::InboundEvents(owner_->db_).remember(platform_, key_, owner_->clock_.now());
}

Repeats::Repeats(store::Database& db, const commands::Clock& clock, std::chrono::seconds retention)
    : db_(db), clock_(clock), retention_(retention) {}

std::optional<Repeats::Claim> Repeats::claim(store::Platform platform, const std::string& key) {
  if (key.empty()) return Claim(nullptr, platform, {});
  const auto now = clock_.now();
  bool prune = false;
  {
    std::lock_guard lock(mutex_);
    if (!running_.insert(running_key(platform, key)).second) return std::nullopt;
    if (now.time_since_epoch().count() >= next_prune_ms_) {
      next_prune_ms_ = store::to_millis(now + std::chrono::hours(1));
      prune = true;
    }
  }
  Claim claim(this, platform, key);  // from here on, released however this ends
  store::Transaction tx(db_);
  store::InboundEvents events(db_);
  if (prune) events.forget_before(now - retention_);
  const bool processed = events.seen(platform, key);
  tx.commit();
  if (processed) return std::nullopt;
  return claim;
}

void Repeats::release(const std::string& running_key) {
  std::lock_guard lock(mutex_);
  running_.erase(running_key);
}

InboundPipeline::InboundPipeline(store::Database& db, commands::Dispatcher& dispatcher,
                                 const commands::Clock& clock,
                                 std::chrono::seconds repeat_retention,
                                 std::function<void()> wake_outbox)
    : db_(db),
      dispatcher_(dispatcher),
      repeats_(db, clock, repeat_retention),
      wake_outbox_(std::move(wake_outbox)) {}

http::Response InboundPipeline::run(InboundAdapter& adapter, const http::Request& request) {
  // 1. Verify.
  if (auto refused = adapter.verify(request)) return std::move(*refused);
  auto read = adapter.read(request);
  if (auto* answer = std::get_if<http::Response>(&read)) return std::move(*answer);
  const Inbound& inbound = std::get<Inbound>(read);

  // 2. Authorise.
  if (auto refused = adapter.authorise(inbound)) return std::move(*refused);

  // 3. Drop repeats.
  const auto claim = repeats_.claim(adapter.platform(), inbound.repeat_key);
  if (!claim) {
    spdlog::info("{} delivery {} already processed or running, acknowledged",
                 store::display_name(adapter.platform()), inbound.repeat_key.substr(0, 60));
    return adapter.repeated(inbound);
  }

  if (inbound.event) {
    {
      store::Transaction tx(db_);
      claim->record();
      adapter.handle_event(inbound);
      tx.commit();
    }
    wake_outbox_();
    return adapter.answer(inbound, {});
  }

  // 4. Dispatch, guarded; 5. the reply queued in the workflow's transaction, with the record
  // that the delivery was processed.
  const Dispatched dispatched = guarded_dispatch(dispatcher_, inbound.request, request.request_id,
                                                 [&](const commands::Reply& reply) {
                                                   claim->record();
                                                   adapter.queue_reply(inbound, reply);
                                                 });
  if (dispatched.failed && adapter.queues_apology(inbound)) {
    store::Transaction tx(db_);
    claim->record();
    adapter.queue_apology(inbound, dispatched.reply);
    tx.commit();
  }
  wake_outbox_();
  return adapter.answer(inbound, dispatched);
}

}  // namespace accord::bot
