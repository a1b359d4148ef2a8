// Each customer-side approver's morning digest of what waits on them (DESIGN §3.8). A job per
// approver is set when something starts waiting; it sends at the digest time of a working day in
// the approver's own zone, and a digest that comes due at any other hour waits for their next
// working morning. The digest carries snooze buttons.
#pragma once

#include <string>

#include "commands/core/command_line.hpp"
#include "commands/core/context.hpp"
#include "commands/core/registry.hpp"
#include "store/schedule.hpp"

namespace accord::commands {

inline constexpr std::string_view kDigestJob = "digest";

// Every customer-side approver of the bound project gets a digest at their next working morning
// (nothing is sent if by then nothing waits on them).
void schedule_digests(Context& context);
void schedule_digest(Context& context, const std::string& user);

// `snooze digest 1h|tomorrow`: the buttons on a digest.
Reply snooze_command(Context& context, const CommandLine& args);

// Runs a digest job: one message listing all that waits, then the job moves to the next working
// morning; nothing, and no job, once nothing waits. Returns how many digests it queued (0 or 1).
int run_digest(Context& context, const store::ScheduledJob& job);
// The same, as the registered job kind (acting for the approver it is for).
JobOutcome run_digest_job(Context& context, const store::ScheduledJob& job);

}  // namespace accord::commands
