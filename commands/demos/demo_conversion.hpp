// Closing a demo and turning its feedback into work (DESIGN §3.5): `demo close D-n` freezes the
// feedback and sends the pm one card proposing what each item becomes; its Confirm button, or
// `demo convert D-n`, creates the backlog tasks (bugs and tweaks) and the roadmap change
// requests (ideas, which then wait for the customer like any `roadmap add`). Both are pm only.
#pragma once

#include "commands/core/context.hpp"

namespace accord::commands {

Reply close_demo(Context& context, const CommandLine& args);
// Idempotent: a second confirmation says who converted the demo and when, and changes nothing.
Reply convert_demo(Context& context, const CommandLine& args);

}  // namespace accord::commands
