#include "bot/delivery_metrics.hpp"

namespace accord::bot {

void DeliveryMetrics::attempted(std::string_view platform, Outcome outcome) {
  std::size_t row = kPlatforms.size() - 1;
  for (std::size_t i = 0; i + 1 < kPlatforms.size(); ++i) {
    if (kPlatforms[i] == platform) row = i;
  }
  const auto column = static_cast<std::size_t>(outcome);
  if (column < kOutcomes.size()) attempts_[row][column].fetch_add(1, std::memory_order_relaxed);
}

void DeliveryMetrics::dead_letter() {
  dead_letters_.fetch_add(1, std::memory_order_relaxed);
}

void DeliveryMetrics::write(MetricsText& out) const {
  out.family("accord_outbox_deliveries_total",
             "Outbox delivery attempts that reached the platform, by outcome.", "counter");
  for (std::size_t row = 0; row < kPlatforms.size(); ++row) {
    if (kPlatforms[row] == "other") continue;
    for (std::size_t column = 0; column < kOutcomes.size(); ++column) {
      out.sample("accord_outbox_deliveries_total",
                 {{"platform", kPlatforms[row]}, {"outcome", kOutcomes[column]}},
                 static_cast<double>(attempts_[row][column].load(std::memory_order_relaxed)));
    }
  }
  out.family("accord_outbox_dead_letters_total",
             "Outbox messages given up on (kept as dead letters) since start.", "counter");
  out.sample("accord_outbox_dead_letters_total", {},
             static_cast<double>(dead_letters_.load(std::memory_order_relaxed)));
}

}  // namespace accord::bot
