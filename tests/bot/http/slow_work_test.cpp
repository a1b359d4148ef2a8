// The server's slow-work threads: work runs off the caller's thread, a full queue refuses at once
// (the request then gets 503) and shutting down waits only for the work already running.
#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

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

TEST_CASE("with a batch, what waits runs inside one call of it, and is finished after it") {
  std::promise<void> release;
  const std::shared_future<void> released = release.get_future().share();
  std::vector<std::string> events;  // only the one worker thread touches it
  std::atomic<int> finished{0};
  std::atomic<bool> blocking{false};
  {
    SlowWork work(
        1, 16,
        [&](const std::function<void()>& run_all) {
          events.emplace_back("begin");
          run_all();
          events.emplace_back("end");
          return false;  // as a failed commit: none of it counts
        },
        8);
    // The first runs alone (nothing else waits yet) while the next three queue behind it.
    REQUIRE(work.post([&, released] {
      blocking = true;
      released.wait();
      events.emplace_back("alone");
    }));
    while (!blocking) std::this_thread::sleep_for(1ms);
    for (int i = 0; i < 3; ++i) {
      REQUIRE(work.post(SlowWork::TwoStep([&, i]() -> SlowWork::Finish {
        events.push_back("run " + std::to_string(i));
        return [&, i](bool counts) {
          events.push_back("finish " + std::to_string(i) + (counts ? "" : ", not counted"));
          ++finished;
        };
      })));
    }
    release.set_value();
    for (int i = 0; i < 1000 && finished < 3; ++i) std::this_thread::sleep_for(1ms);
  }
  CHECK(finished == 3);
  CHECK(events == std::vector<std::string>{"alone", "begin", "run 0", "run 1", "run 2", "end",
                                           "finish 0, not counted", "finish 1, not counted",
                                           "finish 2, not counted"});
}
