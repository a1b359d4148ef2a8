// A mutex that serves its waiters in the order they came (a ticket lock). SQLite's one writer is
// taken in turns by the server's handler thread, the outbox worker and the scheduler; with group
// commit the handler thread asks again the moment it lets go, and a plain mutex, which lets any
// waiter in, kept handing it back to the handler thread while the others starved (the outbox
// delivered nothing under load). Uncontended, it costs a lock and unlock of a std::mutex.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace accord::store {

class FairMutex {
 public:
  void lock() {
    std::unique_lock guard(mutex_);
    const std::uint64_t ticket = next_ticket_++;
    turn_.wait(guard, [&] { return serving_ == ticket; });
  }

  void unlock() {
    bool waiting = false;
    {
      const std::lock_guard guard(mutex_);
      ++serving_;
      waiting = next_ticket_ != serving_;
    }
    if (waiting) turn_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable turn_;
  std::uint64_t next_ticket_ = 0;
  std::uint64_t serving_ = 0;
};

}  // namespace accord::store
