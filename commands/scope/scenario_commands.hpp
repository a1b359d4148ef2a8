// `scenario add|rank|list` (DESIGN §3.1): the key scenarios of an objective ranked by impact.
// Ranks 1-5 are the top five that shape the proposal; the rest wait below the line.
#pragma once

#include "commands/core/context.hpp"

namespace accord::commands {

// How many ranked scenarios shape the proposal.
inline constexpr int kTopScenarios = 5;

Reply scenario_command(Context& context, const CommandLine& args);

}  // namespace accord::commands
