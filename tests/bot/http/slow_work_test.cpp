// The server's slow-work threads: work runs off the caller's thread, a full queue refuses at once
// (the request then gets 503) and shutting down waits only for the work already running.
#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include <catch2/catch.hpp>

#include "bot/http/slow_work.hpp"

using accord::bot::http::SlowWork;
using namespace std::chrono_literals;

TEST_CASE("slow work runs on its own threads, and a full queue refuses more") {
  std::promise<void> release;
  const std::shared_future<void> released = release.get_future().share();
  std::atomic<int> ran{0};
  std::atomic<int> started{0};
  {
    SlowWork work(1, 2);
    const auto caller = std::this_thread::get_id();
    std::atomic<bool> elsewhere{false};
    REQUIRE(work.post([&, released] {
      elsewhere = std::this_thread::get_id() != caller;
      ++started;
      released.wait();
      ++ran;
    }));
    while (started == 0) std::this_thread::sleep_for(1ms);
    CHECK(work.post([&] { ++ran; }));
    CHECK(work.post([&] { ++ran; }));
    CHECK_FALSE(work.post([&] { ++ran; }));  // one running, two queued: full
    CHECK(elsewhere);
    release.set_value();
    for (int i = 0; i < 500 && ran < 3; ++i) std::this_thread::sleep_for(1ms);
    CHECK(ran == 3);
  }
  CHECK(ran == 3);
}

TEST_CASE("stopping slow work drops what waits and waits for what runs") {
  std::promise<void> release;
  const std::shared_future<void> released = release.get_future().share();
  std::atomic<int> ran{0};
  std::atomic<bool> running{false};
  std::thread releaser;
  {
    SlowWork work(1, 4);
    REQUIRE(work.post([&, released] {
      running = true;
      released.wait();
      ++ran;
    }));
    REQUIRE(work.post([&] { ++ran; }));
    while (!running) std::this_thread::sleep_for(1ms);
    releaser = std::thread([&] {
      std::this_thread::sleep_for(50ms);
      release.set_value();
    });
  }
  CHECK(ran == 1);
  releaser.join();
}
