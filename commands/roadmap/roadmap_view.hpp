// Reading the roadmap: the approved baseline apart from what is only proposed, and the history
// of baseline versions; and freezing a new baseline when the customer approves a change.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "commands/core/context.hpp"

namespace accord::commands {

Reply show_roadmap(Context& context, const CommandLine& args);
Reply show_roadmap_history(Context& context, const CommandLine& args);

// Freezes the approved roadmap as the next baseline version, approved by the requester;
// `source` names what was approved ("CR-3", "C-2"), `change` says what it changed.
int create_baseline(Context& context, std::optional<std::int64_t> change_request_id,
                    const std::string& source, const std::string& change);

}  // namespace accord::commands
