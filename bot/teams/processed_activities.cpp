#include "bot/teams/processed_activities.hpp"

#include <utility>

#include "store/inbound_events.hpp"

namespace accord::bot::teams {
namespace {

constexpr const char* kSource = "teams";

}  // namespace

ProcessedActivities::Claim::Claim(Claim&& other) noexcept
    : owner_(std::exchange(other.owner_, nullptr)), key_(std::move(other.key_)) {}

ProcessedActivities::Claim::~Claim() {
  if (owner_ != nullptr && !key_.empty()) owner_->release(key_);
}

void ProcessedActivities::Claim::record() const {
  if (owner_ == nullptr || key_.empty()) return;
  store::InboundEvents(owner_->db_).remember(kSource, key_, owner_->clock_.now());
}

ProcessedActivities::ProcessedActivities(store::Database& db, const commands::Clock& clock,
                                         std::chrono::seconds retention)
    : db_(db), clock_(clock), retention_(retention) {}

std::optional<ProcessedActivities::Claim> ProcessedActivities::claim(const Activity& activity) {
  if (activity.id.empty()) return Claim(this, {});
  std::string key = activity.unique_id();
  const auto now = clock_.now();
  bool prune = false;
  {
    std::lock_guard lock(running_mutex_);
    if (!running_.insert(key).second) return std::nullopt;
    if (now.time_since_epoch().count() >= next_prune_ms_) {
      next_prune_ms_ = store::to_millis(now + std::chrono::hours(1));
      prune = true;
    }
  }
  Claim claim(this, std::move(key));  // from here on, released however this ends
  store::Transaction tx(db_);
  store::InboundEvents events(db_);
  if (prune) events.forget_before(now - retention_);
  const bool processed = events.seen(kSource, claim.key_);
  tx.commit();
  if (processed) return std::nullopt;
  return claim;
}

void ProcessedActivities::release(const std::string& key) {
  std::lock_guard lock(running_mutex_);
  running_.erase(key);
}

}  // namespace accord::bot::teams
