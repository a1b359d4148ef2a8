// Where a problem report goes and who may ever see it (DESIGN §3.7). Every read path and every
// notification asks may_see_report: one rule, so no view can leak a confidential report.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "commands/core/context.hpp"
#include "store/problem_reports.hpp"

namespace accord::commands {

// team | pm | performance | deadline | other.
bool is_problem_category(std::string_view category);
// The roles a report of `category` goes to at `level` (1 or 2); empty past the last level.
std::vector<store::Role> problem_level_roles(std::string_view category, int level);

// The reporter, and the roles the category goes to at any level, sees a report; except that a
// `pm` report is never shown to a PM of the project nor to whoever was pm when it was filed, and
// a report naming someone is never shown to them.
bool may_see_report(Context& context, const store::ProblemReport& report, const std::string& user);

// Holders of the level's roles who may see the report, each once.
std::vector<std::string> eligible_recipients(Context& context, const store::ProblemReport& report,
                                             int level);

}  // namespace accord::commands
