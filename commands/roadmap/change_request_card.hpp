// How a change request reads: one line for what it changes, and the card every approver and the
// project channel see, whose copies are updated in place as votes and the decision come in.
#pragma once

#include <string>

#include "commands/core/context.hpp"
#include "store/change_requests.hpp"

namespace accord::commands {

// "Move R-2 Checkout: due 2027-01-10 → 2027-02-01"
Text describe_change(Context& context, const store::ChangeRequest& request);
// "CR-3@12": the key shared by every copy of the request's card.
std::string card_key(const store::ChangeRequest& request);
// The card as it stands: buttons while pending, the outcome (who, when, comment) once decided.
Message change_request_card(Context& context, const store::ChangeRequest& request);
// "approved", "sent back for changes", ...
std::string outcome_phrase(const std::string& status);

}  // namespace accord::commands
