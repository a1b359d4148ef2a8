// `log [n]` and `log export`: the decision log, shown in chat or exported as CSV and Markdown
// behind private download links. Everyone with a role on the project may read it (DESIGN §2).
#pragma once

#include <chrono>

#include "commands/core/context.hpp"

namespace accord::commands {

inline constexpr int kDefaultLogEntries = 20;
inline constexpr int kMaxLogEntries = 100;
// Download links work this long.
inline constexpr std::chrono::hours kExportLifetime{24};

Reply log_command(Context& context, const CommandLine& args);

}  // namespace accord::commands
