// The card a problem report's recipients get in their direct messages, updated in place as the
// report is acknowledged, resolved or reopened; `problem show` shows it with the timeline.
#pragma once

#include <string>

#include "commands/core/context.hpp"
#include "store/problem_reports.hpp"

namespace accord::commands {

// "PR-3@12": the report's number (never shown) @ its project's id; the same for every copy.
std::string problem_card_key(const store::ProblemReport& report);
// With Acknowledge while nobody owns it and Resolve until it is resolved.
Message problem_card(Context& context, const store::ProblemReport& report);

}  // namespace accord::commands
