// An undecided change request expires after the project's cr_expiry business days: its cards
// lose their buttons, and the pm hears of it in their working hours.
#pragma once

#include "commands/core/registry.hpp"
#include "store/change_requests.hpp"

namespace accord::commands {

inline constexpr std::string_view kChangeRequestExpiryJob = "cr_expiry";

void schedule_change_request_expiry(Context& context, const store::ChangeRequest& request);
JobOutcome run_change_request_expiry(Context& context, const store::ScheduledJob& job);

}  // namespace accord::commands
