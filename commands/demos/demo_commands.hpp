// `demo ...` (DESIGN §3.5): the pm schedules a demo in the project's time zone; anyone on the
// project gives feedback on it, typed bug, tweak or idea; closing it proposes turning the
// feedback into backlog tasks and roadmap change requests (see demo_conversion.hpp).
#pragma once

#include <cstddef>
#include <string_view>
#include <variant>

#include "commands/core/context.hpp"
#include "store/demos.hpp"

namespace accord::commands {

Reply demo_command(Context& context, const CommandLine& args);

// The demo named by positional[position] ("D-n"), or the reply explaining why there is none.
std::variant<store::Demo, Reply> find_demo(Context& context, const CommandLine& args,
                                           std::string_view usage_line, std::size_t position = 1);

inline constexpr std::string_view kDemoScheduleUsage =
    "demo schedule \"YYYY-MM-DD HH:MM\" [sprint=SP-n]";
inline constexpr std::string_view kDemoFeedbackUsage =
    "demo feedback D-n \"text\" [task=T-n] [kind=bug|tweak|idea]";
inline constexpr std::string_view kDemoCloseUsage = "demo close D-n";
inline constexpr std::string_view kDemoConvertUsage = "demo convert D-n";

}  // namespace accord::commands
