#include "bot/scheduler_loop.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "bot/logging.hpp"
#include "store/schedule.hpp"

namespace accord::bot {
namespace {

constexpr auto kLongestSleep = std::chrono::milliseconds(std::chrono::minutes(1));

}  // namespace

SchedulerLoop::SchedulerLoop(store::Database& db, const commands::Clock& clock,
                             std::string public_url, std::function<void()> after_jobs,
                             commands::SchedulerMetrics* metrics, bool public_url_configured)
    : db_(db),
      scheduler_(db, clock, std::move(public_url), metrics, public_url_configured),
      clock_(clock),
      after_jobs_(std::move(after_jobs)) {}

SchedulerLoop::~SchedulerLoop() {
  stop();
}

void SchedulerLoop::start() {
  if (const int armed = scheduler_.catch_up(); armed > 0) {
    spdlog::info("gave {} problem report{} filed before deadlines were kept a deadline", armed,
                 armed == 1 ? "" : "s");
  }
  thread_ = std::thread([this] { loop(); });
}

void SchedulerLoop::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SchedulerLoop::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

void SchedulerLoop::wake_if_rescheduled() {
  if (store::Schedule::changed_so_far() != seen_changes_.load()) wake();
}

int SchedulerLoop::run_now() {
  const LogScope scope("scheduler");
  std::lock_guard lock(run_mutex_);
  int total = 0;
  // A batch is bounded; keep going while batches come back full of work.
  while (!stopping_) {
    const int ran =
        scheduler_.run_due([](const auto& job, const std::exception& error, bool gave_up) {
          if (gave_up) {
            spdlog::error("scheduled job {} failed {} times and was dropped: {}", job.key,
                          job.attempts + 1, error.what());
          } else {
            spdlog::error("scheduled job {} failed, retrying later: {}", job.key, error.what());
          }
        });
    total += ran;
    if (ran == 0) break;
  }
  if (total > 0) {
    spdlog::info("ran {} scheduled job{}", total, total == 1 ? "" : "s");
    if (after_jobs_) after_jobs_();
  }
  return total;
}

void SchedulerLoop::loop() {
  while (!stopping_) {
    std::optional<store::Timestamp> next;
    try {
      run_now();
      // Read before the schedule: a job set after this wakes the loop again.
      seen_changes_ = store::Schedule::changed_so_far();
      next = scheduler_.next_due();
    } catch (const std::exception& error) {
      spdlog::error("scheduler pass failed: {}", error.what());
    }
    auto wait = kLongestSleep;
    if (next) {
      wait = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(*next - clock_.now()),
                        std::chrono::milliseconds(0), kLongestSleep);
    }
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, wait, [&] { return woken_ || stopping_.load(); });
    woken_ = false;
  }
}

}  // namespace accord::bot
