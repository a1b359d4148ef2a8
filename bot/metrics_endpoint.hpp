// GET /metrics: everything Accord counts, in the Prometheus text format. Counters live where the
// work happens (the server's observer, the outbox worker, the core's scheduler); the outbox depth
// and the process figures are read when scraped.
#pragma once

#include <string>

#include "bot/delivery_metrics.hpp"
#include "bot/http/message.hpp"
#include "bot/http_metrics.hpp"
#include "commands/time/scheduler_metrics.hpp"
#include "store/database.hpp"

namespace accord::bot {

struct MetricsSources {
  const HttpMetrics& http;
  const DeliveryMetrics& deliveries;
  const commands::SchedulerMetrics& scheduler;
  store::Database& db;
};

class MetricsEndpoint {
 public:
  // `local_only`: answer only clients on this machine that did not come through a proxy.
  MetricsEndpoint(MetricsSources sources, bool local_only);

  http::Response handle(const http::Request& request) const;
  std::string render() const;

 private:
  MetricsSources sources_;
  bool local_only_;
  double start_time_;  // seconds since the epoch, real time even on a test clock
};

}  // namespace accord::bot
