// The listener: accepts connections and hands each to a session of its own (TLS or plain), as
// the connection registry admits it. Internal to bot/http.
#pragma once

#include <cstdint>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "bot/http/session.hpp"

namespace accord::bot::http::detail {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // `tls`: null for plain HTTP; otherwise it must outlive the listener and every session.
  Listener(net::io_context& ioc, net::ssl::context* tls, std::shared_ptr<Shared> shared);

  // Binds and listens; returns the bound port. Throws boost::system::system_error.
  std::uint16_t open(const net::ip::tcp::endpoint& endpoint);
  void start();
  // Stops accepting, from any thread.
  void close();

 private:
  void do_accept();
  void on_accept(error_code ec, net::ip::tcp::socket socket);

  net::io_context& ioc_;
  net::ssl::context* tls_;
  net::ip::tcp::acceptor acceptor_;
  net::steady_timer retry_timer_;
  std::shared_ptr<Shared> shared_;
};

}  // namespace accord::bot::http::detail
