// The HTTP(S) server: a listener that only accepts (up to a connection limit), and one session
// object per connection that reads a request under a body limit and per-phase timeouts, asks the
// handler for the response (running its slow part, if any, off the request threads) and writes
// it. Beast stays inside bot/http's sources; callers see plain request/response values.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "bot/http/message.hpp"
#include "bot/http/slow_work.hpp"

namespace accord::bot::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8443;
  bool tls = true;
  std::string cert_file;
  std::string key_file;
  int threads = 2;
  std::size_t body_limit = 1024 * 1024;
  std::size_t header_limit = 16 * 1024;
  std::chrono::seconds handshake_timeout{10};
  std::chrono::seconds header_timeout{10};
  std::chrono::seconds body_timeout{30};
  std::chrono::seconds write_timeout{10};
  std::chrono::seconds idle_timeout{60};
  std::chrono::seconds shutdown_grace{10};
  // Connections held at once. A newcomer beyond takes the place of the oldest connection still
  // waiting on its client (TLS handshake, request headers or body, keep-alive), or is closed at
  // once when every connection is being answered.
  std::size_t max_connections = 1000;
  // Threads for the deferred part of responses (Response::deferred), and how many such responses
  // may wait for one; beyond that the request gets 503.
  int slow_work_threads = 2;
  std::size_t slow_work_queue = 32;
  // 0: the handler runs on the request threads. N: it runs on N threads of its own, so the
  // threads that accept, read and write connections never wait on the database (serve: one for
  // SQLite's one writer, a pool's worth for PostgreSQL); at most handler_queue requests wait for
  // one. A deferred part of a response still runs on the slow-work threads.
  int handler_threads = 0;
  std::size_t handler_queue = 1024;
  // With handler_threads: runs the handlers of requests that wait together, up to
  // handler_batch_limit of them, inside one call (serve: one SQLite commit for all, see
  // store::CommitGroup); it answers whether their work counts. Their responses are sent after
  // it returns, or 500 if it did not. Empty: one handler at a time.
  SlowWork::Batch handler_batch;
  std::size_t handler_batch_limit = 32;
};

// Produces the response for a complete request; called on a server thread (a request thread, or
// one of handler_threads), so it must be quick (an outbound call goes into Response::deferred)
// and thread-safe.
using Handler = std::function<Response(const Request&)>;

// One answered request, for metrics: route is the pattern (kUnmatchedRoute when none matched, and
// for requests refused before they were complete: malformed, too large).
struct Answered {
  std::string_view method;
  std::string_view route;
  int status = 0;
  double seconds = 0;
};
// Told of every answered request, on a server thread: must be quick and thread-safe.
using Observer = std::function<void(const Answered&)>;

// What happens to connections, for metrics: shed (an idle one closed for a newcomer) and
// turned_away (a newcomer closed at once) happen at the connection limit.
enum class ConnectionEvent { opened, closed, shed, turned_away };
// Told of each, on a server thread: must be quick and thread-safe.
using ConnectionObserver = std::function<void(ConnectionEvent)>;

class Server {
 public:
  Server(ServerOptions options, Handler handler, Observer observer = {},
         ConnectionObserver connection_observer = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; throws std::runtime_error with a readable message on failure.
  // Returns the bound port (useful when the configured port is 0).
  std::uint16_t listen();

  // Serves on the thread pool until SIGTERM/SIGINT or stop(), then shuts down gracefully: stops
  // accepting, lets in-flight requests finish (up to the grace period) and returns.
  void run();

  // Begins the graceful shutdown from any thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace accord::bot::http
