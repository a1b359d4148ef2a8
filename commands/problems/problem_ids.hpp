// Problem report ids as people see and type them: "PR-" and a code drawn at random (PR-7KQ2),
// unique in the project. Unlike the per-project numbers of other objects, a code counts nothing:
// the ids someone sees say nothing of the reports hidden from them. Reports filed before codes
// keep their number as their code (PR-3).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/problem_reports.hpp"

namespace accord::commands {

// "PR-7KQ2".
std::string pr_id(const store::ProblemReport& report);
// The code of `text` when it reads PR-<code>, in any case: "pr-7kq2" → "7KQ2".
std::optional<std::string> parse_pr_id(std::string_view text);
// A code no report of the project has yet.
std::string new_problem_code(store::ProblemReports& reports, std::int64_t project_id);

}  // namespace accord::commands
