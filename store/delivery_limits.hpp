// Limits on sending that every replica must respect, shared through the database: the pace of
// posts to one channel (Slack allows about one a second) and a method a platform has rate limited
// (429 with Retry-After). Kept in memory, three replicas would post three times the allowed rate
// to one channel and each would learn of a 429 only by receiving its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

class DeliveryLimits {
 public:
  explicit DeliveryLimits(Database& db) : db_(db) {}

  // Takes the next slot to post under `key` (a channel) if it is free at `now`, keeping the
  // following one `interval` away: nullopt when taken, else when the slot is free. Atomic
  // across replicas (it is one statement in the caller's transaction).
  std::optional<Timestamp> take_slot(const std::string& key, Timestamp now,
                                     std::chrono::milliseconds interval);
  // Nothing may be sent under `key` (a rate-limited method) before `until`; a later block stays.
  void block(const std::string& key, Timestamp until);
  // The latest time any of `keys` is blocked until, if it is after `now`.
  std::optional<Timestamp> blocked_until(const std::vector<std::string>& keys, Timestamp now);
  // Drops limits that ended before `cutoff`; how many.
  int forget_before(Timestamp cutoff);

 private:
  Database& db_;
};

}  // namespace accord::store
