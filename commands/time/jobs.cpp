#include "commands/time/jobs.hpp"

#include <algorithm>
#include <charconv>

#include <date/date.h>

#include "commands/time/calendar.hpp"
#include "commands/time/time_policy.hpp"
#include "store/roles.hpp"

namespace accord::commands {

using store::Timestamp;

int job_number(const store::ScheduledJob& job) {
  int number = 0;
  const auto* end = job.subject.data() + job.subject.size();
  const auto [ptr, ec] = std::from_chars(job.subject.data(), end, number);
  return ec == std::errc() && ptr == end ? number : 0;
}

namespace {

// The digest time of the nearest working day 1..31 days from `day`, `step` (±1) a day at a time.
std::optional<Timestamp> nearest_morning(Context& context, std::chrono::sys_days day, int step) {
  const auto policy = time_policy(context.db, context.bound_project());
  for (int n = 1; n <= 31; ++n) {
    const auto at = parse_local_minute(date::format("%F ", day + std::chrono::days(n * step)) +
                                           format_time_of_day(policy.digest_time),
                                       policy.calendar.zone);
    const auto* instant = std::get_if<Timestamp>(&at);
    if (instant != nullptr && is_working_day(policy.calendar, *instant)) return *instant;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Timestamp> morning_before(Context& context, std::chrono::sys_days day) {
  return nearest_morning(context, day, -1);
}

std::optional<Timestamp> morning_after(Context& context, std::chrono::sys_days day) {
  return nearest_morning(context, day, 1);
}

void schedule_around_day(Context& context, std::string_view before_kind,
                         std::string_view after_kind, int number,
                         std::optional<std::chrono::sys_days> day) {
  const auto& project = context.bound_project();
  const auto base = "/" + std::to_string(project.id) + "/" + std::to_string(number);
  store::Schedule schedule(context.db);
  const std::pair<std::string_view, std::optional<Timestamp>> jobs[] = {
      {before_kind, day ? morning_before(context, *day) : std::nullopt},
      {after_kind, day ? morning_after(context, *day) : std::nullopt},
  };
  for (const auto& [kind, due] : jobs) {
    const auto key = std::string(kind) + base;
    if (!due || *due <= context.now) {
      schedule.cancel(key);
      continue;
    }
    store::ScheduledJob job;
    job.key = key;
    job.project_id = project.id;
    job.kind = kind;
    job.subject = std::to_string(number);
    job.due_at = *due;
    job.created_at = context.now;
    schedule.set(job);
  }
}

std::vector<std::string> holders(Context& context, const std::vector<store::Role>& wanted) {
  std::vector<std::string> users;
  for (const auto& member : store::Roles(context.db).list(context.bound_project().id)) {
    if (std::find(wanted.begin(), wanted.end(), member.role) == wanted.end()) continue;
    if (std::find(users.begin(), users.end(), member.user) == users.end()) {
      users.push_back(member.user);
    }
  }
  return users;
}

}  // namespace accord::commands
