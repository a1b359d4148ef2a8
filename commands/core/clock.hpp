// Time is injected: production uses the system clock, tests a clock they move by hand.
#pragma once

#include <atomic>
#include <chrono>

#include "store/time.hpp"

namespace accord::commands {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual store::Timestamp now() const = 0;
};

class SystemClock final : public Clock {
 public:
  store::Timestamp now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
  }
};

// A clock that only moves when told to; thread-safe so a server can run on it.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(store::Timestamp start) : now_ms_(start.time_since_epoch().count()) {}
  store::Timestamp now() const override {
    return store::Timestamp(std::chrono::milliseconds(now_ms_.load()));
  }
  void advance(std::chrono::milliseconds by) { now_ms_ += by.count(); }
  void set(store::Timestamp at) { now_ms_ = at.time_since_epoch().count(); }

 private:
  std::atomic<long long> now_ms_;
};

// `base` plus the real time elapsed since construction: on a test clock that stands still, the
// outbox worker still paces and backs off in real seconds, and sees every row queued at the test
// clock's time as due.
class RunningClock final : public Clock {
 public:
  explicit RunningClock(const Clock& base)
      : base_(base), started_(std::chrono::steady_clock::now()) {}
  store::Timestamp now() const override {
    return base_.now() + std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - started_);
  }

 private:
  const Clock& base_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace accord::commands
