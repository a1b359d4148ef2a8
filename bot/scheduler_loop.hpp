// Runs the core's Scheduler on a thread: sleeps until the next job is due (or a minute, so a job
// set by another process is not missed for long), runs what is due and wakes the outbox worker to
// deliver what the jobs queued.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "commands/core/clock.hpp"
#include "commands/time/scheduler.hpp"
#include "store/database.hpp"

namespace accord::bot {

class SchedulerLoop {
 public:
  // `metrics`, when given, counts what the jobs did; `public_url_configured` as the Scheduler's.
  SchedulerLoop(store::Database& db, const commands::Clock& clock, std::string public_url,
                std::function<void()> after_jobs, commands::SchedulerMetrics* metrics = nullptr,
                bool public_url_configured = false);
  ~SchedulerLoop();

  void start();
  void stop();
  // Looks at the schedule now (the clock moved, or a job was set by another process).
  void wake();
  // Wakes only if this process set or moved a job since the loop last looked at the schedule.
  void wake_if_rescheduled();
  // Runs everything due at this instant, batch after batch, on the caller's thread; returns how
  // many jobs ran. Serialised with the loop's own runs.
  int run_now();
  store::Database& database() { return db_; }

 private:
  void loop();

  store::Database& db_;
  commands::Scheduler scheduler_;
  const commands::Clock& clock_;
  std::function<void()> after_jobs_;

  std::mutex run_mutex_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool woken_ = false;
  std::atomic<bool> stopping_ = false;
  std::atomic<std::uint64_t> seen_changes_ = 0;  // store::Schedule::changed_so_far() at last look
  std::thread thread_;
};

}  // namespace accord::bot
