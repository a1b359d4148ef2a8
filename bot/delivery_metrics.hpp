// Outbox delivery outcomes for /metrics, counted by the outbox worker: attempts by platform and
// outcome, and rows given up on (dead letters). Lock-free counters.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string_view>

#include "bot/metrics_text.hpp"
#include "bot/slack/web_api.hpp"

namespace accord::bot {

class DeliveryMetrics {
 public:
  using Outcome = slack::ApiResult::Outcome;

  void attempted(std::string_view platform, Outcome outcome);
  void dead_letter();
  void write(MetricsText& out) const;

 private:
  static constexpr std::array<std::string_view, 3> kPlatforms = {"slack", "teams", "other"};
  static constexpr std::array<std::string_view, 4> kOutcomes = {
      "ok", "rate_limited", "transient_error", "permanent_error"};  // in Outcome's order

  std::array<std::array<std::atomic<std::uint64_t>, kOutcomes.size()>, kPlatforms.size()>
      attempts_{};
  std::atomic<std::uint64_t> dead_letters_{0};
};

}  // namespace accord::bot
