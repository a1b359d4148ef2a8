// The server's open connections, oldest first, so it holds at most a set number: a newcomer
// beyond the limit takes the place of the oldest connection still waiting on its client (a slow
// or idle client costs a connection, a request being answered is never cut off), or is turned
// away when there is none. Also stops them all at shutdown.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>

#include "bot/http/server.hpp"

namespace accord::bot::http {

// A connection as the registry sees it.
class ConnectionControl {
 public:
  virtual ~ConnectionControl() = default;
  // Shutdown: close now if waiting for a request, else once the request in progress is answered.
  virtual void request_stop() = 0;
  // The limit: close now if waiting on the client, else once the request in progress is answered.
  virtual void request_shed() = 0;

  // In the TLS handshake, reading a request, waiting for the next one or lingering: the client's
  // turn, so the connection may be shed. Set by the connection, read by the registry.
  std::atomic<bool> awaiting_client{true};
  std::atomic<bool> shed{false};
  bool admitted = false;
};

class ConnectionRegistry {
 public:
  ConnectionRegistry(std::size_t limit, ConnectionObserver observer);

  // Takes a new connection in, shedding another to make room at the limit; false when it must
  // be turned away instead. Once shutdown has begun it is admitted and told to stop at once.
  bool admit(const std::shared_ptr<ConnectionControl>& connection);
  // An admitted connection is gone.
  void closed();
  // Shutdown: every connection is told to stop; later ones are stopped as they are admitted.
  void stop_all();
  bool stopping() const { return stopping_; }

 private:
  void notify(ConnectionEvent event) const;
  void warn_at_limit(bool shedding);

  const std::size_t limit_;
  const ConnectionObserver observer_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::list<std::weak_ptr<ConnectionControl>> connections_;
  std::chrono::steady_clock::time_point last_warning_{};
};

}  // namespace accord::bot::http
