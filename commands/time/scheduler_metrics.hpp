// What the scheduler did, for monitoring: jobs run by kind and outcome, reminders queued,
// escalations and how late the last pass ran. The Scheduler records into it after each job's
// transaction commits (a rolled-back job counts only as failed); bot/ reads a snapshot when
// /metrics is scraped. Thread-safe, standard library only.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace accord::commands {

class SchedulerMetrics {
 public:
  enum class JobOutcome { ok, retried, dropped };

  struct Snapshot {
    std::map<std::pair<std::string, std::string>, long long> jobs;  // (kind, outcome) -> count
    std::map<std::string, long long> reminders;                     // kind -> messages queued
    long long escalations = 0;
    double lag_seconds = 0;  // the latest job of the last pass that ran any, behind its due time
  };

  // The job kinds this version runs; any other kind is counted as "other".
  static const std::string& known_kind(std::string_view kind);
  static std::string_view to_string(JobOutcome outcome);

  void job_done(std::string_view kind, JobOutcome outcome);
  void reminders_queued(std::string_view kind, int messages);
  void escalated();
  void pass_lag(double seconds);

  Snapshot snapshot() const;

 private:
  mutable std::mutex mutex_;
  Snapshot counts_;
};

}  // namespace accord::commands
