// Request counts and durations per route for /metrics. Series for every route are created at
// start, so recording a request takes a lock on its route and no allocation after the first
// request of each (method, status).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bot/http/server.hpp"
#include "bot/metrics_text.hpp"

namespace accord::bot {

// Upper bounds in seconds, from half a millisecond to ten seconds.
inline constexpr std::array<double, 14> kDurationBounds = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

class DurationHistogram {
 public:
  void observe(double seconds);
  void write(MetricsText& out, std::string_view name, std::span<const Label> labels) const;

 private:
  mutable std::mutex mutex_;
  std::array<std::uint64_t, kDurationBounds.size() + 1> counts_{};  // last: above 10 s
  double sum_ = 0;
};

class HttpMetrics {
 public:
  // `routes`: the route patterns served; requests for anything else count as "other".
  explicit HttpMetrics(const std::vector<std::string>& routes);

  void observe(std::string_view route, std::string_view method, int status, double seconds);
  void observe(http::ConnectionEvent event);
  // The request counter and duration histogram families, and the connection figures.
  void write(MetricsText& out) const;

 private:
  struct RouteSeries {
    std::string route;
    DurationHistogram duration;
    mutable std::mutex mutex;
    std::map<std::pair<std::string_view, int>, std::uint64_t> requests;  // (method, status)
  };
  RouteSeries& series(std::string_view route);

  std::vector<std::unique_ptr<RouteSeries>> routes_;  // the last one is "other"
  std::atomic<std::int64_t> connections_open_{0};
  std::atomic<std::uint64_t> connections_shed_{0};
  std::atomic<std::uint64_t> connections_turned_away_{0};
};

// The method as a label: the usual ones by name, anything else "other" (clients choose it).
std::string_view method_label(std::string_view method);

}  // namespace accord::bot
