#include "bot/metrics_endpoint.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <spdlog/spdlog.h>

#include "store/outbox.hpp"

#ifndef ACCORD_VERSION
#define ACCORD_VERSION "unknown"
#endif

namespace accord::bot {
namespace {

// Resident set size from /proc/self/statm (its second field, in pages); 0 when unreadable.
double resident_memory_bytes() {
  std::ifstream statm("/proc/self/statm");
  long long size = 0;
  long long resident = 0;
  if (!(statm >> size >> resident)) return 0;
  return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE));
}

double open_fds() {
  std::error_code ec;
  double count = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end;
       it.increment(ec)) {
    ++count;
  }
  return count;
}

void write_scheduler(MetricsText& out, const commands::SchedulerMetrics::Snapshot& counts) {
  out.family("accord_escalations_total",
             "Problem reports escalated a level because a deadline passed.", "counter");
  out.sample("accord_escalations_total", {}, static_cast<double>(counts.escalations));

  out.family("accord_reminders_sent_total",
             "Reminder messages queued (digests, sprint endings, demos), by job kind.", "counter");
  for (const char* kind : {"digest", "sprint_ending", "demo_day", "demo_hour"}) {
    const auto found = counts.reminders.find(kind);
    out.sample("accord_reminders_sent_total", {{"kind", kind}},
               found == counts.reminders.end() ? 0.0 : static_cast<double>(found->second));
  }

  out.family("accord_scheduler_jobs_total", "Scheduled jobs run, by kind and outcome.", "counter");
  for (const auto& [key, count] : counts.jobs) {
    out.sample("accord_scheduler_jobs_total", {{"kind", key.first}, {"outcome", key.second}},
               static_cast<double>(count));
  }

  out.family("accord_scheduler_lag_seconds",
             "How late the latest job of the last scheduler pass ran, after its due time.",
             "gauge");
  out.sample("accord_scheduler_lag_seconds", {}, counts.lag_seconds);
}

}  // namespace

MetricsEndpoint::MetricsEndpoint(MetricsSources sources, bool local_only)
    : sources_(sources),
      local_only_(local_only),
      start_time_(std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
                      .count()) {}

http::Response MetricsEndpoint::handle(const http::Request& request) const {
  // A proxy on this machine makes every client look local: a forwarded request is not.
  if (local_only_ && (!request.peer_loopback || !request.header("X-Forwarded-For").empty() ||
                      !request.header("Forwarded").empty())) {
    return http::Response::text(403, "metrics are served to this machine only\n");
  }
  http::Response response;
  response.content_type = kMetricsContentType;
  response.body = render();
  response.headers = {{"Cache-Control", "no-store"}};
  return response;
}

std::string MetricsEndpoint::render() const {
  MetricsText out;
  sources_.http.write(out);

  out.family("accord_outbox_depth", "Outbox messages by status: waiting to be sent, or given up.",
             "gauge");
  try {
    store::Transaction tx(sources_.db, store::Scope::read_only);
    store::Outbox outbox(sources_.db);
    const int pending = outbox.count(store::OutboxStatus::pending);
    const int dead = outbox.count(store::OutboxStatus::dead);
    out.sample("accord_outbox_depth", {{"status", "pending"}}, pending);
    out.sample("accord_outbox_depth", {{"status", "dead"}}, dead);
  } catch (const std::exception& error) {
    spdlog::error("metrics: cannot read the outbox: {}", error.what());
  }
  sources_.deliveries.write(out);
  write_scheduler(out, sources_.scheduler.snapshot());

  const auto checkpoints = sources_.db.checkpoint_stats();
  out.family("accord_db_checkpoints_total",
             "WAL checkpoints run: by the checkpoint thread, or by a commit once the WAL reached "
             "its limit.",
             "counter");
  out.sample("accord_db_checkpoints_total", {{"by", "thread"}},
             static_cast<double>(checkpoints.background));
  out.sample("accord_db_checkpoints_total", {{"by", "commit"}},
             static_cast<double>(checkpoints.inline_runs));

  out.family("accord_build_info", "Always 1, labelled with the version running.", "gauge");
  out.sample("accord_build_info", {{"version", ACCORD_VERSION}}, 1);
  out.family("process_start_time_seconds", "Start time of the process since the Unix epoch.",
             "gauge");
  out.sample("process_start_time_seconds", {}, start_time_);
  out.family("process_resident_memory_bytes", "Resident memory size in bytes.", "gauge");
  out.sample("process_resident_memory_bytes", {}, resident_memory_bytes());
  out.family("process_open_fds", "Number of open file descriptors.", "gauge");
  out.sample("process_open_fds", {}, open_fds());
  return out.take();
}

}  // namespace accord::bot
