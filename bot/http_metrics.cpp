#include "bot/http_metrics.hpp"

#include <algorithm>
#include <string>

#include "bot/http/message.hpp"

namespace accord::bot {

std::string_view method_label(std::string_view method) {
  static constexpr std::array<std::string_view, 7> kMethods = {"GET",    "HEAD",    "POST", "PUT",
                                                               "DELETE", "OPTIONS", "PATCH"};
  for (const auto known : kMethods) {
    if (known == method) return known;
  }
  return "other";
}

void DurationHistogram::observe(double seconds) {
  const auto bucket = static_cast<std::size_t>(
      std::lower_bound(kDurationBounds.begin(), kDurationBounds.end(), seconds) -
      kDurationBounds.begin());
  std::lock_guard lock(mutex_);
  ++counts_[bucket];
  sum_ += seconds;
}

void DurationHistogram::write(MetricsText& out, std::string_view name,
                              std::span<const Label> labels) const {
  std::array<std::uint64_t, kDurationBounds.size() + 1> counts{};
  double sum = 0;
  {
    std::lock_guard lock(mutex_);
    counts = counts_;
    sum = sum_;
  }
  out.histogram(name, labels, kDurationBounds, counts, sum);
}

HttpMetrics::HttpMetrics(const std::vector<std::string>& routes) {
  for (const auto& route : routes) {
    if (route == http::kUnmatchedRoute) continue;
    routes_.push_back(std::make_unique<RouteSeries>());
    routes_.back()->route = route;
  }
  routes_.push_back(std::make_unique<RouteSeries>());
  routes_.back()->route = http::kUnmatchedRoute;
}

HttpMetrics::RouteSeries& HttpMetrics::series(std::string_view route) {
  for (auto& entry : routes_) {
    if (entry->route == route) return *entry;
  }
  return *routes_.back();
}

void HttpMetrics::observe(std::string_view route, std::string_view method, int status,
                          double seconds) {
  auto& entry = series(route);
  entry.duration.observe(seconds);
  std::lock_guard lock(entry.mutex);
  ++entry.requests[{method_label(method), status}];
}

void HttpMetrics::observe(http::ConnectionEvent event) {
  switch (event) {
    case http::ConnectionEvent::opened:
      ++connections_open_;
      break;
    case http::ConnectionEvent::closed:
      --connections_open_;
      break;
    case http::ConnectionEvent::shed:
      ++connections_shed_;
      break;
    case http::ConnectionEvent::turned_away:
      ++connections_turned_away_;
      break;
  }
}

void HttpMetrics::write(MetricsText& out) const {
  out.family("accord_http_connections_open", "Client connections open now.", "gauge");
  out.sample("accord_http_connections_open", {}, static_cast<double>(connections_open_.load()));
  out.family("accord_http_connections_refused_total",
             "Connections closed unserved at the connection limit: an idle one shed for a "
             "newcomer, or a newcomer turned away when every connection was being answered.",
             "counter");
  out.sample("accord_http_connections_refused_total", {{"how", "shed_idle"}},
             static_cast<double>(connections_shed_.load()));
  out.sample("accord_http_connections_refused_total", {{"how", "turned_away"}},
             static_cast<double>(connections_turned_away_.load()));

  out.family("accord_http_requests_total", "HTTP requests answered, by route pattern.", "counter");
  for (const auto& entry : routes_) {
    std::map<std::pair<std::string_view, int>, std::uint64_t> requests;
    {
      std::lock_guard lock(entry->mutex);
      requests = entry->requests;
    }
    for (const auto& [key, count] : requests) {
      const std::string status = std::to_string(key.second);
      out.sample("accord_http_requests_total",
                 {{"route", entry->route}, {"method", key.first}, {"status", status}},
                 static_cast<double>(count));
    }
  }
  out.family("accord_http_request_duration_seconds",
             "Time from a complete request to its response, by route pattern.", "histogram");
  for (const auto& entry : routes_) {
    const Label labels[] = {{"route", entry->route}};
    entry->duration.write(out, "accord_http_request_duration_seconds", labels);
  }
}

}  // namespace accord::bot
