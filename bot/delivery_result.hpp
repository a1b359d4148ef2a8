// The outcome of one outbound call, classified into what the outbox worker needs to decide, for
// every platform: delivered, rate limited (wait Retry-After), transient (back off and retry) or
// permanent (give up and record why).
#pragma once

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

namespace accord::bot {

struct DeliveryResult {
  enum class Outcome { ok, rate_limited, transient_error, permanent_error };
  Outcome outcome = Outcome::ok;
  nlohmann::json body;                  // the parsed response, when there was one
  std::chrono::seconds retry_after{0};  // for rate_limited
  std::string error;                    // the platform's error code or a network error
  std::string method;  // which call answered; set by the caller that knows (the outbox worker)
};

}  // namespace accord::bot
