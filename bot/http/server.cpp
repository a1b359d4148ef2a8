// The server: a listener, the sessions it starts (listener.cpp, session.hpp), a thread pool to
// run them, the slow-work threads for deferred responses, and a graceful shutdown on a signal.
#include "bot/http/server.hpp"

#include <condition_variable>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include <openssl/ssl.h>
#include <spdlog/spdlog.h>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>

#include "bot/http/listener.hpp"
#include "bot/http/slow_work.hpp"

namespace accord::bot::http {
namespace {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

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
  Impl(ServerOptions options, Handler handler, Observer observer,
       ConnectionObserver connection_observer)
      : ioc(options.threads),
        control(net::make_strand(ioc)),
        signals(control, SIGINT, SIGTERM),
        shared(std::make_shared<detail::Shared>(std::move(options), std::move(handler),
                                                std::move(observer),
                                                std::move(connection_observer))),
        slow_work(shared->options.slow_work_threads, shared->options.slow_work_queue) {
    shared->slow_work = &slow_work;
    if (shared->options.handler_threads > 0) {
      handler_work.emplace(shared->options.handler_threads, shared->options.handler_queue,
                           shared->options.handler_batch, shared->options.handler_batch_limit);
      shared->handler_work = &*handler_work;
    }
  }

  void begin_shutdown() {
    if (shutting_down.exchange(true)) return;
    spdlog::info("shutting down: no new connections, finishing requests in flight");
    if (listener) listener->close();
    signals.cancel();
    shared->connections.stop_all();
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
  std::shared_ptr<detail::Shared> shared;
  std::optional<ssl::context> tls;
  std::shared_ptr<detail::Listener> listener;
  // Destroyed before the io_context: work it still runs posts its answer there.
  SlowWork slow_work;
  std::optional<SlowWork> handler_work;  // with handler_threads
  std::atomic<bool> shutting_down{false};

  std::mutex watchdog_mutex;
  std::condition_variable watchdog_cv;
  std::optional<std::chrono::steady_clock::time_point> shutdown_deadline;
  bool finished = false;
};

Server::Server(ServerOptions options, Handler handler, Observer observer,
               ConnectionObserver connection_observer)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), std::move(observer),
                                   std::move(connection_observer))) {}

Server::~Server() = default;

std::uint16_t Server::listen() {
  const auto& options = impl_->shared->options;
  if (options.tls) impl_->tls.emplace(make_server_tls(options));
  impl_->listener = std::make_shared<detail::Listener>(
      impl_->ioc, impl_->tls ? &*impl_->tls : nullptr, impl_->shared);
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
