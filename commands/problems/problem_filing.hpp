// `problem report` (DESIGN §3.7): files a report under an id that counts nothing (problem_ids)
// and delivers it privately to the level its category goes to, or the next when nobody at the
// first may see it.
#pragma once

#include <cstddef>
#include <string_view>

#include "commands/core/context.hpp"

namespace accord::commands {

inline constexpr std::string_view kProblemReportUsage =
    "problem report team|pm|performance|deadline|other \"<text>\" [about=@person]";
// Reports and resolution notes longer than this are refused.
inline constexpr std::size_t kMaxProblemText = 2000;

// `args`: "report <category> <text...>" [about=@person]; files it in the bound project.
Reply report_problem(Context& context, const CommandLine& args);

}  // namespace accord::commands
