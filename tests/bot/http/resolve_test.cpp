// Host name lookups with a deadline: a resolver that never answers costs an outbound call its
// timeout, not a thread forever.
#include <atomic>
#include <chrono>
#include <future>

#include <catch2/catch.hpp>

#include "bot/http/client.hpp"
#include "bot/http/resolve.hpp"

using accord::bot::http::ClientError;
using accord::bot::http::Endpoints;
using accord::bot::http::resolve_within;
using namespace std::chrono_literals;

TEST_CASE("a lookup that never answers fails at the deadline, naming the host") {
  std::promise<void> release;
  const std::shared_future<void> released = release.get_future().share();
  const auto hanging = [released](const std::string&, const std::string&) -> Endpoints {
    released.wait();
    throw ClientError("too late");
  };
  const auto started = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH(resolve_within("slack.example", "443", 200ms, hanging),
                    Catch::Contains("cannot resolve slack.example") && Catch::Contains("200 ms"));
  CHECK(std::chrono::steady_clock::now() - started < 1s);
  release.set_value();
}

TEST_CASE("lookups answer with their endpoints or their failure") {
  std::atomic<int> lookups{0};
  const auto answering = [&](const std::string& host, const std::string& port) -> Endpoints {
    ++lookups;
    if (host == "nowhere.example") throw ClientError("cannot resolve nowhere.example: not found");
    return {boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("192.0.2.7"),
                                           static_cast<unsigned short>(std::stoi(port)))};
  };
  const auto found = resolve_within("slack.example", "8443", 1s, answering);
  REQUIRE(found.size() == 1);
  CHECK(found[0].address().to_string() == "192.0.2.7");
  CHECK(found[0].port() == 8443);
  CHECK_THROWS_WITH(resolve_within("nowhere.example", "443", 1s, answering),
                    Catch::Contains("not found"));
  // An address is not looked up at all.
  CHECK(resolve_within("127.0.0.1", "9", 1s, answering)[0].port() == 9);
  CHECK(resolve_within("::1", "9", 1s, answering)[0].address().is_loopback());
  CHECK(lookups == 2);
}

TEST_CASE("lookups left hanging are bounded: beyond a few, new ones fail at once") {
  std::promise<void> release;
  const std::shared_future<void> released = release.get_future().share();
  const auto hanging = [released](const std::string&, const std::string&) -> Endpoints {
    released.wait();
    return {};
  };
  int timed_out = 0;
  for (int i = 0; i < 8; ++i) {
    try {
      resolve_within("stuck.example", "443", 10ms, hanging);
    } catch (const ClientError&) {
      ++timed_out;
    }
  }
  CHECK(timed_out == 8);
  const auto started = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH(resolve_within("stuck.example", "443", 1s, hanging),
                    Catch::Contains("still unanswered"));
  CHECK(std::chrono::steady_clock::now() - started < 500ms);
  release.set_value();
}
