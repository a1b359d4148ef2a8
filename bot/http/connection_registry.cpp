#include "bot/http/connection_registry.hpp"

#include <spdlog/spdlog.h>

namespace accord::bot::http {
namespace {

// At the limit, one warning in this long is enough to tell an operator what is going on.
constexpr auto kWarningInterval = std::chrono::seconds(10);

}  // namespace

ConnectionRegistry::ConnectionRegistry(std::size_t limit, ConnectionObserver observer)
    : limit_(limit), observer_(std::move(observer)) {}

bool ConnectionRegistry::admit(const std::shared_ptr<ConnectionControl>& connection) {
  const std::lock_guard lock(mutex_);
  std::size_t live = 0;
  std::shared_ptr<ConnectionControl> oldest_waiting;
  for (auto it = connections_.begin(); it != connections_.end();) {
    auto other = it->lock();
    if (!other) {
      it = connections_.erase(it);
      continue;
    }
    // One already shed is on its way out: it neither counts nor is shed twice.
    if (!other->shed) {
      ++live;
      if (!oldest_waiting && other->awaiting_client) oldest_waiting = std::move(other);
    }
    ++it;
  }
  if (live >= limit_) {
    warn_at_limit(oldest_waiting != nullptr);
    if (!oldest_waiting) {
      notify(ConnectionEvent::turned_away);
      return false;
    }
    oldest_waiting->shed = true;
    oldest_waiting->request_shed();
    notify(ConnectionEvent::shed);
  }
  connection->admitted = true;
  connections_.push_back(connection);
  notify(ConnectionEvent::opened);
  // Admitted while shutdown began: stop_all may already have passed it by. (The flag is set
  // before stop_all takes the lock, so one of the two always sees the other.)
  if (stopping_) connection->request_stop();
  return true;
}

void ConnectionRegistry::closed() {
  notify(ConnectionEvent::closed);
}

void ConnectionRegistry::stop_all() {
  stopping_ = true;
  const std::lock_guard lock(mutex_);
  for (auto& weak : connections_) {
    if (auto connection = weak.lock()) connection->request_stop();
  }
}

void ConnectionRegistry::notify(ConnectionEvent event) const {
  if (observer_) observer_(event);
}

void ConnectionRegistry::warn_at_limit(bool shedding) {
  const auto now = std::chrono::steady_clock::now();
  if (now - last_warning_ < kWarningInterval) return;
  last_warning_ = now;
  if (shedding) {
    spdlog::warn("{} connections open, the limit: closing the oldest that wait on their client",
                 limit_);
  } else {
    spdlog::warn("{} connections open, the limit, all being answered: turning new ones away",
                 limit_);
  }
}

}  // namespace accord::bot::http
