#include "bot/http/listener.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/ssl.hpp>

namespace accord::bot::http::detail {
namespace {

namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;

// After a failed accept (out of file descriptors, say), wait before accepting again.
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(100);

class PlainSession final : public Session<PlainSession>,
                           public std::enable_shared_from_this<PlainSession> {
 public:
  PlainSession(tcp::socket&& socket, std::shared_ptr<Shared> shared)
      : Session(std::move(shared)), stream_(std::move(socket)) {}

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
      : Session(std::move(shared)), stream_(std::move(socket), context) {}

  beast::ssl_stream<beast::tcp_stream>& stream() { return stream_; }

  void run() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&TlsSession::on_run, shared_from_this()));
  }

  void do_close() {
    if (shed) return;  // closed for a newcomer: no TLS goodbye, the socket just closes
    beast::get_lowest_layer(stream_).expires_after(options().write_timeout);
    stream_.async_shutdown(beast::bind_front_handler(&TlsSession::on_shutdown, shared_from_this()));
  }

 private:
  void on_run() {
    // Shutting down, or shed, before the handshake began: just close.
    if (stopping() || shed) return;
    waiting_for_request_ = true;
    awaiting_client = true;
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

template <class Session, class... Args>
void start_session(Shared& shared, Args&&... args) {
  auto session = std::make_shared<Session>(std::forward<Args>(args)...);
  // Turned away at the limit: the session goes, and its socket closes, here.
  if (shared.connections.admit(session)) session->run();
}

}  // namespace

Listener::Listener(net::io_context& ioc, ssl::context* tls, std::shared_ptr<Shared> shared)
    : ioc_(ioc),
      tls_(tls),
      acceptor_(net::make_strand(ioc)),
      retry_timer_(acceptor_.get_executor()),
      shared_(std::move(shared)) {}

std::uint16_t Listener::open(const tcp::endpoint& endpoint) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(net::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(net::socket_base::max_listen_connections);
  return acceptor_.local_endpoint().port();
}

void Listener::start() {
  do_accept();
}

void Listener::close() {
  net::post(acceptor_.get_executor(), [self = shared_from_this()] {
    error_code ignored;
    self->acceptor_.close(ignored);
    self->retry_timer_.cancel();
  });
}

void Listener::do_accept() {
  acceptor_.async_accept(net::make_strand(ioc_),
                         beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(error_code ec, tcp::socket socket) {
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
  if (!shared_->connections.stopping()) {
    if (tls_) {
      start_session<TlsSession>(*shared_, std::move(socket), *tls_, shared_);
    } else {
      start_session<PlainSession>(*shared_, std::move(socket), shared_);
    }
  }
  do_accept();
}

}  // namespace accord::bot::http::detail
