// The seam between the one delivery pipeline and the chat systems. Each platform (bot/slack/,
// bot/teams/) implements PlatformDelivery; the registry hands the outbox worker the one a row
// names by its store::Platform. The worker owns everything common to every platform: claiming
// due rows, keeping a conversation's order, pacing, Retry-After parking, backoff, dead letters,
// card copies that changed on the way, metrics. A platform only says what a row needs and sends it.
#pragma once

#include <array>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/delivery_result.hpp"
#include "commands/core/message.hpp"
#include "store/outbox.hpp"
#include "store/platform.hpp"

namespace accord::bot {

// What a row needs before it can go: the platform's credential for its workspace.
struct Credential {
  enum class Status {
    ready,           // `token` holds it (empty when the platform's calls carry their own)
    not_configured,  // none is set up yet: the row waits without counting an attempt
    gone,            // the workspace removed Accord: nothing can reach it any more
    unavailable,     // could not be had this time (e.g. a refresh failed): retried with backoff
  };
  Status status = Status::ready;
  std::string token;
  std::string why;  // for anything but ready
};

class PlatformDelivery {
 public:
  virtual ~PlatformDelivery() = default;

  virtual Credential credential(const store::OutboxItem& item) = 0;
  // The platform's rate-limited methods the row will call: a Retry-After on one parks every row
  // that needs it until then.
  virtual std::vector<std::string> methods(const store::OutboxItem& item) const = 0;
  // Sends one row (its payload already decoded); fills in where it landed (the conversation and
  // the message's id) so the message can be updated in place later. The result's `method` names
  // the call that answered.
  virtual DeliveryResult send(const store::OutboxItem& item, const std::string& token,
                              const nlohmann::json& payload, const commands::Message& message,
                              std::string& conversation, std::string& message_id) = 0;
};

// The platforms this process delivers to, by enum. One that is not configured has none: its rows
// are dead letters with the reason.
class Platforms {
 public:
  void add(store::Platform platform, PlatformDelivery& delivery) {
    deliveries_.at(static_cast<std::size_t>(platform)) = &delivery;
  }
  PlatformDelivery* delivery(store::Platform platform) const {
    return deliveries_.at(static_cast<std::size_t>(platform));
  }

 private:
  std::array<PlatformDelivery*, store::kPlatforms.size()> deliveries_{};
};

}  // namespace accord::bot
