// Ids of inbound deliveries already processed (Slack event_id, Teams activity id), so platform
// retries are acknowledged without being applied twice.
#pragma once

#include <string>

#include "store/database.hpp"
#include "store/platform.hpp"
#include "store/time.hpp"

namespace accord::store {

class InboundEvents {
 public:
  explicit InboundEvents(Database& db) : db_(db) {}

  // Records the id; true the first time it is seen, false for a repeat.
  bool remember(Platform source, const std::string& id, Timestamp at);
  // Whether the id was recorded (and not forgotten since).
  bool seen(Platform source, const std::string& id);
  // Drops ids older than the cutoff; returns how many.
  int forget_before(Timestamp cutoff);

 private:
  Database& db_;
};

}  // namespace accord::store
