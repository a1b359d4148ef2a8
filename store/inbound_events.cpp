#include "store/inbound_events.hpp"

#include "store/statement.hpp"

namespace accord::store {

bool InboundEvents::remember(Platform source, const std::string& id, Timestamp at) {
  Statement insert(db_,
                   "INSERT INTO inbound_events (source, event_id, seen_at) VALUES (?, ?, ?) "
                   "ON CONFLICT (source, event_id) DO NOTHING");
  insert.bind(1, platform_name(source));
  insert.bind(2, id);
  insert.bind(3, to_millis(at));
  return insert.exec() == 1;
}

bool InboundEvents::seen(Platform source, const std::string& id) {
  Statement query(db_, "SELECT 1 FROM inbound_events WHERE source = ? AND event_id = ?");
  query.bind(1, platform_name(source));
  query.bind(2, id);
  return query.executeStep();
}

int InboundEvents::forget_before(Timestamp cutoff) {
  Statement remove(db_, "DELETE FROM inbound_events WHERE seen_at < ?");
  remove.bind(1, to_millis(cutoff));
  return remove.exec();
}

}  // namespace accord::store
