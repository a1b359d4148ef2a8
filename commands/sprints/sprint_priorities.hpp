// The customer in sprint planning (DESIGN §3.9): when tasks join a planned sprint, the customer
// and delegates get one card listing them by priority with Confirm priorities / Change
// priorities; the card follows later additions (asking again). `sprint start` says whether they
// confirmed; it never blocks: the pm decides, and the start's log entry records it.
#pragma once

#include "commands/core/context.hpp"
#include "store/sprints.hpp"

namespace accord::commands {

// Posts the card, or updates every copy with the planned work as it is now.
void ask_priorities(Context& context, const store::Sprint& sprint);
// `sprint confirm SP-1`: the Confirm priorities button.
Reply confirm_priorities(Context& context, const CommandLine& args);
// `sprint priorities SP-1`: the Change priorities button: the tasks with how to reprioritise.
Reply change_priorities(Context& context, const CommandLine& args);
// "confirmed by @U2 on …", "not confirmed (asked …)", or "not asked": for the start.
Text priorities_outcome(Context& context, const store::Sprint& sprint);
// For the decision log: "confirmed by U2", "not confirmed", "not asked".
std::string priorities_state(Context& context, const store::Sprint& sprint);
// At the start: the card shows the outcome and loses its buttons.
void close_priorities_card(Context& context, const store::Sprint& sprint);

}  // namespace accord::commands
