// `approvals`: what waits on a customer-side decision, oldest first with its age: pending
// change requests and capabilities of submitted proposals. An approver sees what waits on them.
#pragma once

#include <string>
#include <vector>

#include "commands/core/context.hpp"

namespace accord::commands {

// One thing waiting on the customer side, and since when.
struct WaitingItem {
  store::Timestamp since;
  Text line;
};

// Pending change requests and proposed capabilities; for an approver, without the change
// requests they have already voted on.
std::vector<WaitingItem> waiting_scope_decisions(Context& context, bool approver);
// The items oldest first, each with how long it has waited; `empty_text` when there are none.
Reply waiting_list(Context& context, std::vector<WaitingItem> items, std::string title,
                   Text empty_text);

Reply list_approvals(Context& context, const CommandLine& args);

}  // namespace accord::commands
