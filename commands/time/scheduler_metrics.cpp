#include "commands/time/scheduler_metrics.hpp"

#include <array>

namespace accord::commands {

const std::string& SchedulerMetrics::known_kind(std::string_view kind) {
  static const std::array<std::string, 7> kKinds = {
      "digest", "cr_expiry", "problem", "sprint_ending", "demo_day", "demo_hour", "other"};
  for (const auto& known : kKinds) {
    if (known == kind) return known;
  }
  return kKinds.back();
}

std::string_view SchedulerMetrics::to_string(JobOutcome outcome) {
  switch (outcome) {
    case JobOutcome::ok:
      return "ok";
    case JobOutcome::retried:
      return "retried";
    case JobOutcome::dropped:
      return "dropped";
  }
  return "ok";
}

void SchedulerMetrics::job_done(std::string_view kind, JobOutcome outcome) {
  std::lock_guard lock(mutex_);
  ++counts_.jobs[{known_kind(kind), std::string(to_string(outcome))}];
}

void SchedulerMetrics::reminders_queued(std::string_view kind, int messages) {
  if (messages <= 0) return;
  std::lock_guard lock(mutex_);
  counts_.reminders[known_kind(kind)] += messages;
}

void SchedulerMetrics::escalated() {
  std::lock_guard lock(mutex_);
  ++counts_.escalations;
}

void SchedulerMetrics::pass_lag(double seconds) {
  std::lock_guard lock(mutex_);
  counts_.lag_seconds = seconds;
}

SchedulerMetrics::Snapshot SchedulerMetrics::snapshot() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

}  // namespace accord::commands
