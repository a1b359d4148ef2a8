// A few threads for the slow part of some responses (an outbound call a route deferred), so the
// request threads keep serving while it waits. Bounded: with every thread busy and the queue
// full, post() refuses and the request is answered 503 at once. The server's handler threads are
// one too, and on SQLite they run what waits in batches (group commit: see Batch).
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
  // Work in two steps: the work itself, which returns what to do once it counts (the finish,
  // told whether it did: see Batch); an empty finish does nothing.
  using Finish = std::function<void(bool counts)>;
  using TwoStep = std::function<Finish()>;
  // Runs several queued works at once: called with a function that runs them all, it answers
  // whether their work counts (e.g. whether the commit that holds it succeeded). Their finishes
  // run after it returns. Without one, works run one by one and always count.
  using Batch = std::function<bool(const std::function<void()>& run_all)>;

  SlowWork(int threads, std::size_t queue_limit, Batch batch = {}, std::size_t batch_limit = 32);
  // Drops the work still queued and waits for the work running.
  ~SlowWork();
  SlowWork(const SlowWork&) = delete;
  SlowWork& operator=(const SlowWork&) = delete;

  // Queues `work`; false when the queue is full.
  bool post(std::function<void()> work);
  bool post(TwoStep work);

 private:
  void run();

  const std::size_t queue_limit_;
  const Batch batch_;
  const std::size_t batch_limit_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<TwoStep> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace accord::bot::http
