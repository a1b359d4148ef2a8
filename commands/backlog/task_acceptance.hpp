// How a task's acceptance reads, wherever the task is shown: waiting since when, or decided by
// whom, when and why.
#pragma once

#include "commands/core/context.hpp"
#include "store/acceptances.hpp"

namespace accord::commands {

// "T-3 was accepted by @U2 on 2026-11-24 09:30" (with the reason of a rejection).
Text acceptance_outcome(Context& context, const store::Acceptance& acceptance);

}  // namespace accord::commands
