#include "bot/http/slow_work.hpp"

#include <algorithm>

namespace accord::bot::http {

SlowWork::SlowWork(int threads, std::size_t queue_limit, Batch batch, std::size_t batch_limit)
    : queue_limit_(queue_limit),
      batch_(std::move(batch)),
      batch_limit_(std::max<std::size_t>(batch_limit, 1)) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

SlowWork::~SlowWork() {
  std::deque<TwoStep> dropped;
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
    dropped.swap(queue_);
  }
  ready_.notify_all();
  for (auto& thread : threads_) thread.join();
}

bool SlowWork::post(std::function<void()> work) {
  return post(TwoStep([work = std::move(work)] {
    work();
    return Finish();
  }));
}

bool SlowWork::post(TwoStep work) {
  {
    const std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= queue_limit_) return false;
    queue_.push_back(std::move(work));
  }
  ready_.notify_one();
  return true;
}

void SlowWork::run() {
  std::vector<TwoStep> taken;
  std::vector<Finish> finishes;
  for (;;) {
    taken.clear();
    finishes.clear();
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      // Everything that waits, up to the limit, when batching; else the first.
      const std::size_t count = batch_ ? std::min(queue_.size(), batch_limit_) : 1;
      for (std::size_t i = 0; i < count; ++i) {
        taken.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    const auto run_all = [&] {
      for (auto& work : taken) finishes.push_back(work());
    };
    // One work alone gains nothing from a batch.
    const bool counts = taken.size() > 1 ? batch_(run_all) : (run_all(), true);
    for (auto& finish : finishes) {
      if (finish) finish(counts);
    }
  }
}

}  // namespace accord::bot::http
