// Outbox delivery outcomes for /metrics, counted by the outbox worker: attempts by platform and
// outcome, and rows given up on (dead letters). Lock-free counters.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string_view>

#include "bot/delivery_result.hpp"
#include "bot/metrics_text.hpp"
#include "store/platform.hpp"

namespace accord::bot {

class DeliveryMetrics {
 public:
  using Outcome = DeliveryResult::Outcome;

  void attempted(store::Platform platform, Outcome outcome);
  void dead_letter();
  void write(MetricsText& out) const;

 private:
  static constexpr std::array<std::string_view, 4> kOutcomes = {
      "ok", "rate_limited", "transient_error", "permanent_error"};  // in Outcome's order

  std::array<std::array<std::atomic<std::uint64_t>, kOutcomes.size()>, store::kPlatforms.size()>
      attempts_{};
  std::atomic<std::uint64_t> dead_letters_{0};
};

}  // namespace accord::bot
