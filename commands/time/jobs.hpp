// What the domains' scheduled jobs share: the object a job is about, the morning before a day,
// and who holds which roles. The jobs themselves live with their domains, which register them.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "commands/core/context.hpp"
#include "store/roles.hpp"
#include "store/schedule.hpp"

namespace accord::commands {

// The object number a job is about (its subject). Stored by Accord, so a bad one means a corrupt
// row: 0, which finds nothing, so the job ends quietly.
int job_number(const store::ScheduledJob& job);

// The digest time of the last working day before `day` (a local date), in the project's zone.
std::optional<store::Timestamp> morning_before(Context& context, std::chrono::sys_days day);

// The digest time of the first working day after `day`: when the pm hears that a date passed.
std::optional<store::Timestamp> morning_after(Context& context, std::chrono::sys_days day);

// Schedules `<before_kind>/<project>/<number>` for the digest time of the working day before
// `day` and `<after_kind>/…` for the one after it (subject: the number), replacing earlier ones.
// Without a day, or where that moment has passed, the job is cancelled instead.
void schedule_around_day(Context& context, std::string_view before_kind,
                         std::string_view after_kind, int number,
                         std::optional<std::chrono::sys_days> day);

// Everyone in the bound project holding one of `wanted`, each once.
std::vector<std::string> holders(Context& context, const std::vector<store::Role>& wanted);

}  // namespace accord::commands
