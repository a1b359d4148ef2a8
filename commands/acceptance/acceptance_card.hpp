// How a request to accept a finished task reads: the card each customer-side approver gets by
// direct message, with the story, the numbered acceptance criteria and Accept / Reject, whose
// copies are updated in place once someone decides.
#pragma once

#include <string>

#include "commands/backlog/task_acceptance.hpp"
#include "commands/core/context.hpp"
#include "store/acceptances.hpp"
#include "store/tasks.hpp"

namespace accord::commands {

// "T-3@12#7": the key shared by every copy of one acceptance request's card.
std::string acceptance_card_key(const store::Task& task, const store::Acceptance& acceptance);
// The card as it stands: buttons while the request waits, the outcome (who, when, why) after.
Message acceptance_card(Context& context, const store::Task& task,
                        const store::Acceptance& acceptance);

}  // namespace accord::commands
