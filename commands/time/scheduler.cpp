#include "commands/time/scheduler.hpp"

#include <algorithm>

#include "commands/core/registry.hpp"
#include "store/exports.hpp"
#include "store/projects.hpp"
#include "store/schedule.hpp"

namespace accord::commands {
namespace {

using std::chrono::minutes;
using store::Timestamp;

constexpr int kBatch = 50;
constexpr auto kRetryFailedJob = minutes(1);
// A job failing this many times is given up (and reported): it will not fix itself.
constexpr int kMaxJobAttempts = 5;

}  // namespace

int Scheduler::run_due(const ErrorHandler& on_error) {
  delete_expired_exports();
  std::vector<store::ScheduledJob> jobs;
  {
    store::Transaction tx(db_, store::Scope::read_only);
    jobs = store::Schedule(db_).due(clock_.now(), kBatch);
  }
  std::optional<double> lag;
  for (const auto& job : jobs) {
    const Timestamp now = clock_.now();
    JobOutcome outcome;
    try {
      store::Transaction tx(db_);
      // Moved or cancelled since it was read: the newer state decides.
      const auto current = store::Schedule(db_).find(job.key);
      if (!current || current->due_at > now) continue;
      auto project = store::Projects(db_).find(job.project_id);
      if (!project) {
        store::Schedule(db_).cancel(job.key);
        tx.commit();
        continue;
      }
      Request request;
      request.platform = project->platform;
      request.workspace = project->workspace;
      request.channel = project->channel;
      const auto* kind = registry().job(job.kind);
      if (kind == nullptr) {
        store::Schedule(db_).cancel(job.key);  // a kind this version does not know
        tx.commit();
        continue;
      }
      request.user = kind->acts_for_subject ? job.subject : kSystemActor;
      Context context{request, db_, now, project, public_url_, public_url_configured_};
      outcome = kind->run(context, *current);
      tx.commit();
      const double late = std::chrono::duration<double>(now - current->due_at).count();
      lag = std::max(lag.value_or(0.0), late);
      if (metrics_ != nullptr) {
        metrics_->job_done(job.kind, SchedulerMetrics::JobOutcome::ok);
        metrics_->reminders_queued(job.kind, outcome.reminders);
        if (outcome.escalated) metrics_->escalated();
      }
    } catch (const std::exception& error) {
      const bool give_up = job.attempts + 1 >= kMaxJobAttempts;
      if (on_error) on_error(job, error, give_up);
      if (metrics_ != nullptr) {
        metrics_->job_done(job.kind, give_up ? SchedulerMetrics::JobOutcome::dropped
                                             : SchedulerMetrics::JobOutcome::retried);
      }
      store::Transaction tx(db_);
      if (give_up) {
        store::Schedule(db_).cancel(job.key);
      } else {
        store::Schedule(db_).retry(job.key, now + kRetryFailedJob * (1 << job.attempts));
      }
      tx.commit();
    }
  }
  if (lag && metrics_ != nullptr) metrics_->pass_lag(*lag);
  // Every job read was dealt with (run, found moved, or set aside after failing): a caller that
  // loops until this is 0 sees every job due now.
  return static_cast<int>(jobs.size());
}

int Scheduler::delete_expired_exports() {
  store::Exports::Expired expired;
  {
    store::Transaction tx(db_);
    expired = store::Exports(db_).delete_expired(clock_.now());
    tx.commit();
  }
  // The deleted documents' pages are zeroed in the database, but the WAL still holds the frames
  // that wrote them: a truncating checkpoint removes those too. Rare (a log export a day at
  // most); never for chart images alone, which every report makes.
  if (expired.documents > 0) db_.checkpoint();
  return expired.deleted;
}

int Scheduler::catch_up() {
  int done = 0;
  for (const auto& domain : registry().domains()) {
    if (domain.at_start != nullptr) done += domain.at_start(db_, clock_.now(), public_url_);
  }
  return done;
}

std::optional<store::Timestamp> Scheduler::next_due() {
  store::Transaction tx(db_, store::Scope::read_only);
  auto next = store::Schedule(db_).next_due();
  if (const auto expiry = store::Exports(db_).next_expiry(); expiry && (!next || *expiry < *next)) {
    next = expiry;
  }
  return next;
}

}  // namespace accord::commands
