#include "store/delivery_limits.hpp"

#include "store/statement.hpp"

namespace accord::store {

std::optional<Timestamp> DeliveryLimits::take_slot(const std::string& key, Timestamp now,
                                                   std::chrono::milliseconds interval) {
  // Inserted, or moved on only if the slot has come: a row back means the slot is ours.
  Statement take(db_,
                 "INSERT INTO delivery_limits (limit_key, not_before) VALUES (?, ?) "
                 "ON CONFLICT (limit_key) DO UPDATE SET not_before = excluded.not_before "
                 "WHERE delivery_limits.not_before <= ? RETURNING not_before");
  take.bind(1, key);
  take.bind(2, to_millis(now + interval));
  take.bind(3, to_millis(now));
  if (take.executeStep()) return std::nullopt;
  Statement current(db_, "SELECT not_before FROM delivery_limits WHERE limit_key = ?");
  current.bind(1, key);
  if (!current.executeStep()) return std::nullopt;
  return from_millis(current.getColumn(0).getInt64());
}

void DeliveryLimits::block(const std::string& key, Timestamp until) {
  Statement upsert(db_,
                   "INSERT INTO delivery_limits (limit_key, not_before) VALUES (?, ?) "
                   "ON CONFLICT (limit_key) DO UPDATE SET not_before = excluded.not_before "
                   "WHERE delivery_limits.not_before < excluded.not_before");
  upsert.bind(1, key);
  upsert.bind(2, to_millis(until));
  upsert.exec();
}

std::optional<Timestamp> DeliveryLimits::blocked_until(const std::vector<std::string>& keys,
                                                       Timestamp now) {
  std::optional<Timestamp> latest;
  Statement query(db_, "SELECT not_before FROM delivery_limits WHERE limit_key = ?");
  for (const auto& key : keys) {
    query.bind(1, key);
    if (query.executeStep()) {
      const auto until = from_millis(query.getColumn(0).getInt64());
      if (until > now && (!latest || until > *latest)) latest = until;
    }
    query.reset();
  }
  return latest;
}

int DeliveryLimits::forget_before(Timestamp cutoff) {
  Statement remove(db_, "DELETE FROM delivery_limits WHERE not_before < ?");
  remove.bind(1, to_millis(cutoff));
  return remove.exec();
}

}  // namespace accord::store
