// How a proposal reads: per capability what it covers, its size and the customer's decision,
// and the coverage: which top-five scenarios no accepted capability addresses yet.
#pragma once

#include <string>
#include <vector>

#include "commands/core/context.hpp"
#include "store/capabilities.hpp"
#include "store/objectives.hpp"
#include "store/scenarios.hpp"

namespace accord::commands {

// Top-five scenarios of the objective that no accepted capability covers, by rank.
std::vector<store::Scenario> uncovered_scenarios(Context& context, std::int64_t objective_id);
// "proposal-O-1-v2@12": the key shared by every copy of a proposal version's card.
std::string proposal_card_key(Context& context, const store::Objective& objective, int version);
// The card of the objective's proposal: buttons for each capability still awaiting a decision,
// none when `superseded` (a newer version went out).
Message proposal_card(Context& context, const store::Objective& objective, int version,
                      bool superseded = false);
// "accepted", "sent back for changes", "out of scope", "awaiting a decision", "draft".
std::string capability_outcome(const std::string& status);

}  // namespace accord::commands
