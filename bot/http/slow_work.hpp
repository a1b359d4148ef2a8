// A few threads for the slow part of some responses (an outbound call a route deferred), so the
// request threads keep serving while it waits. Bounded: with every thread busy and the queue
// full, post() refuses and the request is answered 503 at once.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace accord::bot::http {

class SlowWork {
 public:
  SlowWork(int threads, std::size_t queue_limit);
  // Drops the work still queued and waits for the work running.
  ~SlowWork();
  SlowWork(const SlowWork&) = delete;
  SlowWork& operator=(const SlowWork&) = delete;

  // Queues `work`; false when the queue is full.
  bool post(std::function<void()> work);

 private:
  void run();

  const std::size_t queue_limit_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace accord::bot::http
