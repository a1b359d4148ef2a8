// Modelled on Beast's server-flex example: a listener that only accepts, and sessions that own one
// connection and live exactly as long as an async operation holds shared_from_this().
#include "bot/http/server.hpp"

#include <atomic>
#include <condition_variable>
#include <list>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include <openssl/ssl.h>
#include <spdlog/spdlog.h>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "bot/logging.hpp"

namespace accord::bot::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

// After an error response that closes the connection, keep reading (and discarding) what the
// client still sends for a moment, so it can read our answer instead of a connection reset.
constexpr auto kLingerTimeout = std::chrono::seconds(2);
// After a failed accept (out of file descriptors, say), wait before accepting again.
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(100);

class SessionControl {
 public:
  virtual ~SessionControl() = default;
  virtual void request_stop() = 0;
};

// State shared by the listener and every session.
struct Shared {
  ServerOptions options;
  Handler handler;
  Observer observer;
  std::atomic<bool> stopping{false};
  std::mutex mutex;
  std::list<std::weak_ptr<SessionControl>> sessions;

  void track(const std::shared_ptr<SessionControl>& session) {
    std::lock_guard lock(mutex);
    sessions.remove_if([](const auto& weak) { return weak.expired(); });
    sessions.push_back(session);
    // Accepted while shutdown began: stop_all may already have passed this session by. (The
    // flag is set before stop_all takes the lock, so one of the two always sees the other.)
    if (stopping) session->request_stop();
  }

  void stop_all() {
    std::lock_guard lock(mutex);
    for (auto& weak : sessions) {
      if (auto session = weak.lock()) session->request_stop();
    }
  }
};

bool is_parse_error(const error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category();
}

Request to_request(bhttp::request<bhttp::string_body>& message) {
  Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  for (const auto& field : message) {
    request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  request.body = std::move(message.body());
  return request;
}

template <class Derived>
class Session : public SessionControl {
 public:
  void request_stop() override {
    net::post(derived().stream().get_executor(),
              [self = derived().shared_from_this()] { self->on_stop_requested(); });
  }

 protected:
  Session(std::shared_ptr<Shared> shared, beast::flat_buffer buffer)
      : shared_(std::move(shared)), buffer_(std::move(buffer)) {}

  Derived& derived() { return static_cast<Derived&>(*this); }
  beast::tcp_stream& lowest() { return beast::get_lowest_layer(derived().stream()); }
  const ServerOptions& options() const { return shared_->options; }
  bool stopping() const { return shared_->stopping; }

  void do_read() {
    // Shutting down: no new request on this connection.
    if (stopping()) return derived().do_close();
    parser_.emplace();
    parser_->body_limit(options().body_limit);
    parser_->header_limit(static_cast<std::uint32_t>(options().header_limit));
    waiting_for_request_ = true;
    // The first request must arrive within the header timeout; later ones within the idle time.
    lowest().expires_after(requests_ == 0 ? options().header_timeout : options().idle_timeout);
    bhttp::async_read_header(
        derived().stream(), buffer_, *parser_,
        beast::bind_front_handler(&Session::on_read_header, derived().shared_from_this()));
  }

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
    Request request = to_request(parser_->get());
    request.request_id = new_request_id();
    request.peer_loopback = peer_loopback();
    request.peer_address = peer_address_;
    const LogScope scope(request.request_id);
    const auto started = std::chrono::steady_clock::now();
    Response response;
    try {
      response = shared_->handler(request);
    } catch (const std::exception& error) {
      spdlog::error("handler failed: {}", error.what());
      response = Response::text(500, "internal error\n");
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const std::string_view route = response.route.empty() ? kUnmatchedRoute : response.route;
    // An unmatched path is shown (truncated) to help find a misconfigured client; a matched one
    // only as its pattern.
    const std::string path = response.route.empty() ? request.path().substr(0, 200) : std::string();
    log_request(request.method, response.route.empty() ? std::string_view(path) : response.route,
                route, response.status, seconds);
    if (shared_->observer) shared_->observer({request.method, route, response.status, seconds});
    const bool keep_alive = parser_->get().keep_alive() && !shared_->stopping;
    send(std::move(response), keep_alive, request.request_id, parser_->get().version());
  }

  void reply_and_close(int status, std::string text) {
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
    auto message = std::make_shared<bhttp::response<bhttp::string_body>>(
        static_cast<bhttp::status>(response.status), version);
    message->set(bhttp::field::server, "accord");
    if (!response.content_type.empty())
      message->set(bhttp::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) message->set(name, value);
    message->set("X-Request-Id", request_id);
    message->body() = std::move(response.body);
    message->keep_alive(keep_alive);
    message->prepare_payload();
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

  // Whether the client is on this machine; asked of the socket once per connection.
  bool peer_loopback() {
    if (!peer_loopback_) {
      error_code peer_error;
      const auto peer = lowest().socket().remote_endpoint(peer_error);
      if (peer_error) return false;
      auto address = peer.address();
      // An IPv4 client of a dual-stack listener shows as ::ffff:127.0.0.1.
      if (address.is_v6() && address.to_v6().is_v4_mapped())
        address = net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6());
      peer_loopback_ = address.is_loopback();
      peer_address_ = address.to_string();
    }
    return *peer_loopback_;
  }

  std::shared_ptr<Shared> shared_;
  std::optional<bool> peer_loopback_;
  std::string peer_address_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::shared_ptr<void> response_;
  std::array<char, 16 * 1024> scratch_{};
  std::size_t lingered_ = 0;
  std::chrono::steady_clock::time_point linger_deadline_{};
  std::size_t requests_ = 0;
  bool linger_ = false;

 protected:
  // No request in progress: handshaking or waiting for a request line. A stop closes it now.
  bool waiting_for_request_ = false;
};

class PlainSession final : public Session<PlainSession>,
                           public std::enable_shared_from_this<PlainSession> {
 public:
  PlainSession(tcp::socket&& socket, std::shared_ptr<Shared> shared)
      : Session(std::move(shared), {}), stream_(std::move(socket)) {}

  beast::tcp_stream& stream() { return stream_; }

  void run() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&PlainSession::do_read, shared_from_this()));
  }

  void do_close() {
    error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

 private:
  beast::tcp_stream stream_;
};

class TlsSession final : public Session<TlsSession>,
                         public std::enable_shared_from_this<TlsSession> {
 public:
  TlsSession(tcp::socket&& socket, ssl::context& context, std::shared_ptr<Shared> shared)
      : Session(std::move(shared), {}), stream_(std::move(socket), context) {}

  beast::ssl_stream<beast::tcp_stream>& stream() { return stream_; }

  void run() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&TlsSession::on_run, shared_from_this()));
  }

  void do_close() {
    beast::get_lowest_layer(stream_).expires_after(options().write_timeout);
    stream_.async_shutdown(beast::bind_front_handler(&TlsSession::on_shutdown, shared_from_this()));
  }

 private:
  void on_run() {
    if (stopping()) return;  // shutting down before the handshake began: just close
    waiting_for_request_ = true;
    beast::get_lowest_layer(stream_).expires_after(options().handshake_timeout);
    stream_.async_handshake(
        ssl::stream_base::server,
        beast::bind_front_handler(&TlsSession::on_handshake, shared_from_this()));
  }

  void on_handshake(error_code ec) {
    if (ec) {
      spdlog::debug("TLS handshake failed: {}", ec.message());
      return;
    }
    do_read();
  }

  void on_shutdown(error_code) {}

  beast::ssl_stream<beast::tcp_stream> stream_;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& ioc, ssl::context* tls, std::shared_ptr<Shared> shared)
      : ioc_(ioc),
        tls_(tls),
        acceptor_(net::make_strand(ioc)),
        retry_timer_(acceptor_.get_executor()),
        shared_(std::move(shared)) {}

  std::uint16_t open(const tcp::endpoint& endpoint) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
    return acceptor_.local_endpoint().port();
  }

  void start() { do_accept(); }

  void close() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
      error_code ignored;
      self->acceptor_.close(ignored);
      self->retry_timer_.cancel();
    });
  }

 private:
  void do_accept() {
    acceptor_.async_accept(net::make_strand(ioc_),
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }

  void on_accept(error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
    if (ec) {
      // Typically out of file descriptors: pause rather than spin on an accept that fails.
      spdlog::warn("accept failed: {}; pausing new connections briefly", ec.message());
      retry_timer_.expires_after(kAcceptRetryDelay);
      retry_timer_.async_wait([self = shared_from_this()](error_code) {
        if (self->acceptor_.is_open()) self->do_accept();
      });
      return;
    }
    if (!shared_->stopping) {
      if (tls_) {
        auto session = std::make_shared<TlsSession>(std::move(socket), *tls_, shared_);
        shared_->track(session);
        session->run();
      } else {
        auto session = std::make_shared<PlainSession>(std::move(socket), shared_);
        shared_->track(session);
        session->run();
      }
    }
    do_accept();
  }

  net::io_context& ioc_;
  ssl::context* tls_;
  tcp::acceptor acceptor_;
  net::steady_timer retry_timer_;
  std::shared_ptr<Shared> shared_;
};

ssl::context make_server_tls(const ServerOptions& options) {
  ssl::context context(ssl::context::tls_server);
  context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                      ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                      ssl::context::single_dh_use);
  SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION);
  try {
    context.use_certificate_chain_file(options.cert_file);
  } catch (const std::exception& error) {
    throw std::runtime_error("cannot load the TLS certificate '" + options.cert_file +
                             "': " + error.what());
  }
  try {
    context.use_private_key_file(options.key_file, ssl::context::pem);
  } catch (const std::exception& error) {
    throw std::runtime_error("cannot load the TLS key '" + options.key_file + "': " + error.what());
  }
  return context;
}

tcp::endpoint resolve(net::io_context& ioc, const std::string& host, std::uint16_t port) {
  error_code ec;
  const auto address = net::ip::make_address(host, ec);
  if (!ec) return {address, port};
  tcp::resolver resolver(ioc);
  const auto results = resolver.resolve(host, std::to_string(port), ec);
  if (ec || results.empty()) throw std::runtime_error("cannot resolve listen host '" + host + "'");
  return *results.begin();
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions options, Handler handler, Observer observer)
      : ioc(options.threads),
        control(net::make_strand(ioc)),
        signals(control, SIGINT, SIGTERM),
        shared(std::make_shared<Shared>()) {
    shared->options = std::move(options);
    shared->handler = std::move(handler);
    shared->observer = std::move(observer);
  }

  void begin_shutdown() {
    if (shared->stopping.exchange(true)) return;
    spdlog::info("shutting down: no new connections, finishing requests in flight");
    if (listener) listener->close();
    signals.cancel();
    shared->stop_all();
    std::lock_guard lock(watchdog_mutex);
    shutdown_deadline = std::chrono::steady_clock::now() + shared->options.shutdown_grace;
    watchdog_cv.notify_all();
  }

  // Stops the io_context if in-flight work outlives the grace period.
  void watch() {
    std::unique_lock lock(watchdog_mutex);
    watchdog_cv.wait(lock, [&] { return finished || shutdown_deadline.has_value(); });
    if (finished) return;
    if (!watchdog_cv.wait_until(lock, *shutdown_deadline, [&] { return finished; })) {
      spdlog::warn("grace period over; closing the remaining connections");
      ioc.stop();
    }
  }

  net::io_context ioc;
  net::strand<net::io_context::executor_type> control;
  net::signal_set signals;
  std::shared_ptr<Shared> shared;
  std::optional<ssl::context> tls;
  std::shared_ptr<Listener> listener;

  std::mutex watchdog_mutex;
  std::condition_variable watchdog_cv;
  std::optional<std::chrono::steady_clock::time_point> shutdown_deadline;
  bool finished = false;
};

Server::Server(ServerOptions options, Handler handler, Observer observer)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), std::move(observer))) {}

Server::~Server() = default;

std::uint16_t Server::listen() {
  const auto& options = impl_->shared->options;
  if (options.tls) impl_->tls.emplace(make_server_tls(options));
  impl_->listener =
      std::make_shared<Listener>(impl_->ioc, impl_->tls ? &*impl_->tls : nullptr, impl_->shared);
  const auto endpoint = resolve(impl_->ioc, options.host, options.port);
  try {
    return impl_->listener->open(endpoint);
  } catch (const boost::system::system_error& error) {
    throw std::runtime_error("cannot listen on " + options.host + ":" +
                             std::to_string(options.port) + ": " + error.code().message());
  }
}

void Server::run() {
  impl_->signals.async_wait([impl = impl_.get()](const error_code& ec, int signal_number) {
    if (ec) return;
    spdlog::info("received signal {}", signal_number);
    impl->begin_shutdown();
  });
  impl_->listener->start();

  std::thread watchdog([impl = impl_.get()] { impl->watch(); });
  std::vector<std::thread> pool;
  for (int i = 1; i < impl_->shared->options.threads; ++i) {
    pool.emplace_back([impl = impl_.get()] { impl->ioc.run(); });
  }
  impl_->ioc.run();
  for (auto& thread : pool) thread.join();
  {
    std::lock_guard lock(impl_->watchdog_mutex);
    impl_->finished = true;
  }
  impl_->watchdog_cv.notify_all();
  watchdog.join();
}

void Server::stop() {
  net::post(impl_->control, [impl = impl_.get()] { impl->begin_shutdown(); });
}

}  // namespace accord::bot::http
