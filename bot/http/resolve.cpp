#include "bot/http/resolve.hpp"

#include <atomic>
#include <charconv>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include <boost/asio/io_context.hpp>

#include "bot/http/client.hpp"

namespace accord::bot::http {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

// Lookups left running past their deadline (a resolver that does not answer) each hold a thread
// until the system gives up on them; beyond this many, new lookups fail at once.
constexpr int kMaxLookupsRunning = 8;
std::atomic<int> lookups_running{0};

struct LookupState {
  std::mutex mutex;
  std::condition_variable finished;
  bool done = false;
  Endpoints endpoints;
  std::string error;
};

}  // namespace

Endpoints system_lookup(const std::string& host, const std::string& port) {
  net::io_context ioc;
  tcp::resolver resolver(ioc);
  boost::system::error_code ec;
  const auto results = resolver.resolve(host, port, ec);
  if (ec) throw ClientError("cannot resolve " + host + ": " + ec.message());
  Endpoints endpoints;
  for (const auto& entry : results) endpoints.push_back(entry.endpoint());
  if (endpoints.empty()) throw ClientError("cannot resolve " + host + ": no address");
  return endpoints;
}

Endpoints resolve_within(const std::string& host, const std::string& port,
                         std::chrono::milliseconds timeout, const Lookup& lookup) {
  boost::system::error_code ec;
  const auto address = net::ip::make_address(host, ec);
  if (!ec) {
    unsigned short number = 0;
    const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), number);
    if (error != std::errc{} || end != port.data() + port.size())
      throw ClientError("invalid port '" + port + "'");
    return {tcp::endpoint(address, number)};
  }
  if (lookups_running.fetch_add(1) >= kMaxLookupsRunning) {
    --lookups_running;
    throw ClientError("cannot resolve " + host + ": earlier lookups are still unanswered");
  }
  auto state = std::make_shared<LookupState>();
  std::thread([state, host, port, lookup] {
    Endpoints endpoints;
    std::string error;
    try {
      endpoints = lookup(host, port);
    } catch (const std::exception& failure) {
      error = failure.what();
    }
    {
      const std::lock_guard lock(state->mutex);
      state->endpoints = std::move(endpoints);
      state->error = std::move(error);
      state->done = true;
    }
    state->finished.notify_all();
    --lookups_running;
  }).detach();

  std::unique_lock lock(state->mutex);
  if (!state->finished.wait_for(lock, timeout, [&] { return state->done; })) {
    throw ClientError("cannot resolve " + host + ": no answer within " +
                      std::to_string(timeout.count()) + " ms");
  }
  if (!state->error.empty()) throw ClientError(state->error);
  return state->endpoints;
}

}  // namespace accord::bot::http
