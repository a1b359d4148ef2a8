// Time-driven work (DESIGN §3.7–§3.8): the engine that runs scheduled jobs (digests, expiries,
// reminders, escalations: each kind registered by its domain, see core/registry.hpp) and deletes
// export files once their links expire. Workflows schedule a job when something starts waiting;
// the Scheduler runs jobs as they fall due, each in its own transaction with the messages it
// queues, so a job's effect and its notifications commit together and a crash re-runs it whole or
// not at all.
#pragma once

#include <exception>
#include <functional>
#include <optional>
#include <string>

#include "commands/core/clock.hpp"
#include "commands/core/context.hpp"
#include "commands/time/scheduler_metrics.hpp"
#include "store/database.hpp"
#include "store/schedule.hpp"

namespace accord::commands {

class Scheduler {
 public:
  // `metrics`, when given, is told what each job did once its transaction committed.
  // `public_url_configured`: the operator set the public URL, so the platforms reach it (Context).
  Scheduler(store::Database& db, const Clock& clock, std::string public_url = {},
            SchedulerMetrics* metrics = nullptr, bool public_url_configured = false)
      : db_(db),
        clock_(clock),
        public_url_(std::move(public_url)),
        metrics_(metrics),
        public_url_configured_(public_url_configured) {}

  // `gave_up`: the job failed for the last time and was dropped.
  using ErrorHandler =
      std::function<void(const store::ScheduledJob&, const std::exception&, bool gave_up)>;

  // Runs the jobs due now, earliest first (a bounded batch); returns how many it dealt with. A
  // failing job is reported to `on_error` and retried later (1, 2, 4, 8 minutes), then dropped;
  // it never blocks the others.
  int run_due(const ErrorHandler& on_error = {});
  // The next job or export expiry.
  std::optional<store::Timestamp> next_due();
  // Deletes the exports (`log export` files) expired by now, from the database file and its WAL;
  // returns how many. Every run_due does this first.
  int delete_expired_exports();
  // At start: gives problem reports filed before deadlines were kept their deadline, from now.
  int catch_up();

 private:
  store::Database& db_;
  const Clock& clock_;
  std::string public_url_;
  SchedulerMetrics* metrics_;
  bool public_url_configured_ = false;
};

}  // namespace accord::commands
