// `problem report|ack|resolve|reopen|list|show` (DESIGN §3.7): problem reports delivered by
// direct message to the people their category goes to, and only ever shown to those
// problem_visibility allows. They stay out of the shared decision log.
#pragma once

#include "commands/context.hpp"

namespace accord::commands {

// Works in the project's channel and in a direct message with Accord (project=<name or id> when
// the person is on several projects).
Reply problem_command(Context& context, const CommandLine& args);

// The scheduler calls this when report PR-`number` of the bound project reaches its deadline:
// not acknowledged or not resolved in time moves it to the next level with recipients (an empty
// level is skipped), telling them and the reporter why; after the last level it is marked stalled
// and the reporter told. Does nothing when the report was acted on in time. Returns whether it
// escalated the report.
bool problem_deadline_passed(Context& context, int number);

// Sets the deadline of every report of the bound project waiting on someone without one (filed
// before deadlines were kept), counted from now; returns how many.
int arm_reports_without_deadline(Context& context);

}  // namespace accord::commands
