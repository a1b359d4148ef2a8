// `roadmap`, `roadmap add|move|drop ... reason="..."` and `roadmap history` (DESIGN §3.3): the
// approved baseline, what is only proposed, and change requests for every alteration.
#pragma once

#include <string>

#include "commands/core/context.hpp"
#include "store/change_requests.hpp"
#include "store/roadmap.hpp"

namespace accord::commands {

Reply roadmap_command(Context& context, const CommandLine& args);

// The one way a roadmap change is proposed, by the requester now: stores `request`, logs it and
// sends its card to every customer-side approver and to the project channel.
store::ChangeRequest submit_change_request(Context& context, store::ChangeRequest request);
// Proposes `item` (title, due date or none, epic) as a roadmap addition, exactly as
// `roadmap add` does: the item stays proposed until its change request is approved.
store::ChangeRequest propose_roadmap_addition(Context& context, store::RoadmapItem item,
                                              const std::string& reason);

}  // namespace accord::commands
