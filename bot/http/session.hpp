// One connection, modelled on Beast's server-flex example: a session object owns it and lives
// exactly as long as an async operation holds shared_from_this(). It reads a request under a body
// limit and per-phase timeouts, asks the handler for the response (handing a deferred part to the
// slow-work threads) and writes it. Internal to bot/http; TLS and plain sessions share it.
#pragma once

#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <spdlog/spdlog.h>
#include <boost/asio/execution.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "bot/http/connection_registry.hpp"
#include "bot/http/server.hpp"
#include "bot/http/slow_work.hpp"
#include "bot/logging.hpp"

namespace accord::bot::http::detail {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using error_code = boost::system::error_code;

// State shared by the listener and every session.
struct Shared {
  Shared(ServerOptions server_options, Handler request_handler, Observer answered,
         ConnectionObserver connection_observer)
      : options(std::move(server_options)),
        handler(std::move(request_handler)),
        observer(std::move(answered)),
        connections(options.max_connections, std::move(connection_observer)) {}

  ServerOptions options;
  Handler handler;
  Observer observer;
  ConnectionRegistry connections;
  SlowWork* slow_work = nullptr;     // the server's; outlives every session that runs
  SlowWork* handler_work = nullptr;  // the same, when handlers run off the request threads
};

// What a response needs of its request once the request is gone (a deferred one comes later).
struct Pending {
  std::string request_id;
  std::string method;
  std::string path;
  std::chrono::steady_clock::time_point started;
  bool keep_alive = false;
  unsigned version = 11;
};

// Request values from Beast's message (defined in session.cpp).
Request to_request(bhttp::request<bhttp::string_body>& message);
bool is_parse_error(const error_code& ec);
// The remote address, IPv4 clients of a dual-stack listener shown as IPv4; nullopt if unknown.
std::optional<net::ip::address> peer_of(beast::tcp_stream& stream);
// Writes the response and returns the message to keep alive until the write completes.
std::shared_ptr<bhttp::response<bhttp::string_body>> make_message(Response response,
                                                                  bool keep_alive,
                                                                  const std::string& request_id,
                                                                  unsigned version);

// After an error response that closes the connection, keep reading (and discarding) what the
// client still sends for a moment, so it can read our answer instead of a connection reset.
inline constexpr auto kLingerTimeout = std::chrono::seconds(2);

template <class Derived>
class Session : public ConnectionControl {
 public:
  ~Session() override {
    if (admitted) shared_->connections.closed();
  }

  void request_stop() override {
    net::post(derived().stream().get_executor(),
              [self = derived().shared_from_this()] { self->on_stop_requested(); });
  }

  void request_shed() override {
    net::post(derived().stream().get_executor(),
              [self = derived().shared_from_this()] { self->on_shed_requested(); });
  }

 protected:
  explicit Session(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}

  Derived& derived() { return static_cast<Derived&>(*this); }
  beast::tcp_stream& lowest() { return beast::get_lowest_layer(derived().stream()); }
  const ServerOptions& options() const { return shared_->options; }
  bool stopping() const { return shared_->connections.stopping(); }

  void do_read() {
    if (shed) return;  // closed for a newcomer: dropping the session closes the socket
    // Shutting down: no new request on this connection.
    if (stopping()) return derived().do_close();
    parser_.emplace();
    parser_->body_limit(options().body_limit);
    parser_->header_limit(static_cast<std::uint32_t>(options().header_limit));
    waiting_for_request_ = true;
    awaiting_client = true;
    // The first request must arrive within the header timeout; later ones within the idle time.
    lowest().expires_after(requests_ == 0 ? options().header_timeout : options().idle_timeout);
    bhttp::async_read_header(
        derived().stream(), buffer_, *parser_,
        beast::bind_front_handler(&Session::on_read_header, derived().shared_from_this()));
  }

  // No request in progress: handshaking or waiting for a request line. A stop closes it now.
  bool waiting_for_request_ = false;

 private:
  void on_read_header(error_code ec, std::size_t) {
    waiting_for_request_ = false;
    if (ec) return on_read_error(ec);
    if (parser_->is_done()) return handle();
    lowest().expires_after(options().body_timeout);
    bhttp::async_read(
        derived().stream(), buffer_, *parser_,
        beast::bind_front_handler(&Session::on_read_body, derived().shared_from_this()));
  }

  void on_read_body(error_code ec, std::size_t) {
    if (ec) return on_read_error(ec);
    handle();
  }

  void on_read_error(const error_code& ec) {
    if (ec == bhttp::error::end_of_stream) return derived().do_close();
    if (ec == bhttp::error::body_limit) {
      spdlog::warn("refused a request body over the {} byte limit", options().body_limit);
      return reply_and_close(413, "request body is larger than the limit\n");
    }
    if (ec == bhttp::error::header_limit) {
      return reply_and_close(431, "request headers are too large\n");
    }
    if (is_parse_error(ec)) return reply_and_close(400, "malformed HTTP request\n");
    // Timeouts, resets and aborted operations: the connection is gone or not worth keeping.
    if (ec != net::error::operation_aborted) spdlog::debug("connection closed: {}", ec.message());
  }

  void handle() {
    awaiting_client = false;
    auto& message = parser_->get();
    Request request = to_request(message);
    request.request_id = new_request_id();
    request.peer_loopback = peer_loopback();
    request.peer_address = peer_address_;
    pending_ = Pending{request.request_id,   request.method,
                       std::string(),        std::chrono::steady_clock::now(),
                       message.keep_alive(), message.version()};
    pending_.path = request.path();
    if (shared_->handler_work != nullptr) {
      // The whole handler off the request threads. A deferred part of its response (an outbound
      // call, the test clock's jobs) runs after it on the same thread from a pool of handler
      // threads; where handlers are batched (SQLite's one thread, whose batch holds the
      // database) it goes on to the slow-work threads instead, so it never holds up the batch.
      const bool batched = static_cast<bool>(shared_->options.handler_batch);
      Response offloaded;
      offloaded.deferred = [handler = &shared_->handler, request = std::move(request), batched] {
        Response answer = (*handler)(request);
        if (batched || !answer.deferred) return answer;
        Response later = answer.deferred();
        if (later.route.empty()) later.route = answer.route;
        return later;
      };
      return defer(std::move(offloaded), *shared_->handler_work,
                   batched ? shared_->slow_work : nullptr);
    }
    const LogScope scope(request.request_id);
    Response response;
    try {
      response = shared_->handler(request);
    } catch (const std::exception& error) {
      spdlog::error("handler failed: {}", error.what());
      response = Response::text(500, "internal error\n");
    }
    if (response.deferred) return defer(std::move(response), *shared_->slow_work);
    respond(std::move(response));
  }

  // Runs the slow part on `threads`; the answer comes back to this session's strand. An answer
  // with a deferred part of its own goes on to `then` (when given), else is sent as it is.
  // The tracked executor keeps the server running (within its shutdown grace) until it does.
  void defer(Response response, SlowWork& threads, SlowWork* then = nullptr) {
    const std::string_view route = response.route;
    auto executor =
        net::prefer(derived().stream().get_executor(), net::execution::outstanding_work.tracked);
    const bool queued = threads.post(SlowWork::TwoStep(
        [work = std::move(response.deferred), route, executor, then, id = pending_.request_id,
         self = derived().shared_from_this()]() mutable -> SlowWork::Finish {
          Response answer;
          {
            const LogScope scope(id);
            try {
              answer = work();
            } catch (const std::exception& error) {
              spdlog::error("handler failed: {}", error.what());
              answer = Response::text(500, "internal error\n");
            }
          }
          if (answer.route.empty()) answer.route = route;
          // Sent once its work counts: with group commit, after the commit that holds it.
          return [self = std::move(self), answer = std::move(answer), executor, then,
                  id](bool counts) mutable {
            if (!counts) {
              const LogScope scope(id);
              spdlog::error("the commit that held this request's work failed: answered 500");
              auto failed = Response::text(500, "internal error\n");
              failed.route = answer.route;
              answer = std::move(failed);
            }
            net::post(executor,
                      [self = std::move(self), answer = std::move(answer), then]() mutable {
                        if (then != nullptr && answer.deferred) {
                          self->defer(std::move(answer), *then);
                        } else {
                          self->respond(std::move(answer));
                        }
                      });
          };
        }));
    if (queued) return;
    spdlog::warn("refused a request: its slow part finds every worker busy");
    auto busy = Response::text(503, "busy, try again shortly\n");
    busy.route = route;
    busy.headers.emplace_back("Retry-After", "5");
    respond(std::move(busy));
  }

  void respond(Response response) {
    const LogScope scope(pending_.request_id);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - pending_.started).count();
    const std::string_view route = response.route.empty() ? kUnmatchedRoute : response.route;
    // An unmatched path is shown (truncated) to help find a misconfigured client; a matched one
    // only as its pattern.
    const std::string path = response.route.empty() ? pending_.path.substr(0, 200) : std::string();
    log_request(pending_.method, response.route.empty() ? std::string_view(path) : response.route,
                route, response.status, seconds);
    if (shared_->observer) shared_->observer({pending_.method, route, response.status, seconds});
    const bool keep_alive = pending_.keep_alive && !stopping() && !shed;
    send(std::move(response), keep_alive, pending_.request_id, pending_.version);
  }

  void reply_and_close(int status, std::string text) {
    awaiting_client = false;
    linger_ = true;
    linger_deadline_ = std::chrono::steady_clock::now() + kLingerTimeout;
    const std::string id = new_request_id();
    const LogScope scope(id);
    spdlog::info("-> {} {}", status, text.substr(0, text.size() - 1));
    if (shared_->observer) {
      const bool has_method = parser_ && parser_->is_header_done();
      const std::string method =
          has_method ? std::string(parser_->get().method_string()) : std::string("other");
      shared_->observer({method, kUnmatchedRoute, status, 0.0});
    }
    send(Response::text(status, std::move(text)), false, id, 11);
  }

  void send(Response response, bool keep_alive, const std::string& request_id, unsigned version) {
    auto message = make_message(std::move(response), keep_alive, request_id, version);
    response_ = message;
    lowest().expires_after(options().write_timeout);
    bhttp::async_write(
        derived().stream(), *message,
        beast::bind_front_handler(&Session::on_write, derived().shared_from_this(), !keep_alive));
  }

  void on_write(bool close, error_code ec, std::size_t) {
    response_.reset();
    if (ec) {
      spdlog::debug("write failed: {}", ec.message());
      return;
    }
    if (close) return linger_ ? do_linger() : derived().do_close();
    ++requests_;
    do_read();
  }

  void do_linger() {
    awaiting_client = true;
    // One deadline for the whole linger: a trickling client cannot extend it.
    lowest().expires_at(linger_deadline_);
    derived().stream().async_read_some(
        net::buffer(scratch_),
        beast::bind_front_handler(&Session::on_linger, derived().shared_from_this()));
  }

  void on_linger(error_code ec, std::size_t bytes) {
    lingered_ += bytes;
    if (ec || lingered_ > 2 * options().body_limit) return derived().do_close();
    do_linger();
  }

  void on_stop_requested() {
    // Mid-request (body, handler, write): it finishes and the connection then closes. Waiting
    // for a request or lingering: close now; a client that had sent only part of a request
    // sees the connection close without an answer and can retry elsewhere.
    if (waiting_for_request_ || linger_) lowest().cancel();
  }

  void on_shed_requested() {
    // The client's turn (handshake, request, keep-alive, linger): close now. Otherwise the
    // response in progress is sent and the connection then closes.
    if (awaiting_client) lowest().cancel();
  }

  // Whether the client is on this machine; asked of the socket once per connection.
  bool peer_loopback() {
    if (!peer_loopback_) {
      const auto address = peer_of(lowest());
      if (!address) return false;
      peer_loopback_ = address->is_loopback();
      peer_address_ = address->to_string();
    }
    return *peer_loopback_;
  }

  std::shared_ptr<Shared> shared_;
  std::optional<bool> peer_loopback_;
  std::string peer_address_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Pending pending_;
  std::shared_ptr<void> response_;
  std::array<char, 4 * 1024> scratch_{};
  std::size_t lingered_ = 0;
  std::chrono::steady_clock::time_point linger_deadline_{};
  std::size_t requests_ = 0;
  bool linger_ = false;
};

}  // namespace accord::bot::http::detail
