#include "bot/delivery_metrics.hpp"

namespace accord::bot {

void DeliveryMetrics::attempted(store::Platform platform, Outcome outcome) {
  const auto row = static_cast<std::size_t>(platform);
  const auto column = static_cast<std::size_t>(outcome);
  if (column < kOutcomes.size()) attempts_[row][column].fetch_add(1, std::memory_order_relaxed);
}

void DeliveryMetrics::dead_letter() {
  dead_letters_.fetch_add(1, std::memory_order_relaxed);
}

void DeliveryMetrics::write(MetricsText& out) const {
  out.family("accord_outbox_deliveries_total",
             "Outbox delivery attempts that reached the platform, by outcome.", "counter");
  for (const auto platform : store::kPlatforms) {
    const auto row = static_cast<std::size_t>(platform);
    for (std::size_t column = 0; column < kOutcomes.size(); ++column) {
      out.sample("accord_outbox_deliveries_total",
                 {{"platform", store::platform_name(platform)}, {"outcome", kOutcomes[column]}},
                 static_cast<double>(attempts_[row][column].load(std::memory_order_relaxed)));
    }
  }
  out.family("accord_outbox_dead_letters_total",
             "Outbox messages given up on (kept as dead letters) since start.", "counter");
  out.sample("accord_outbox_dead_letters_total", {},
             static_cast<double>(dead_letters_.load(std::memory_order_relaxed)));
}

}  // namespace accord::bot
