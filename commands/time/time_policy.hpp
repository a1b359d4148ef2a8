// The project's clock-related settings (DESIGN §3.7–§3.8): its business calendar, the morning
// digest time, change-request expiry and the problem-report timeouts. Every setting the `settings`
// command knows is described here once: key, default, how a value is checked and explained.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/time/business_calendar.hpp"
#include "store/database.hpp"
#include "store/projects.hpp"

namespace accord::commands {

struct SettingSpec {
  std::string_view key;
  std::string_view default_value;
  std::string_view example;  // a valid value, for help and usage messages
  std::string_view meaning;
  // The canonical form of a valid value, or nullopt.
  std::optional<std::string> (*normalize)(std::string_view value);
};

const std::vector<SettingSpec>& setting_specs();
const SettingSpec* find_setting(std::string_view key);
// The stored value, or the default.
std::string setting_value(store::Database& db, std::int64_t project_id, std::string_view key);

struct TimePolicy {
  BusinessCalendar calendar;  // the project's zone
  std::chrono::minutes digest_time{9 * 60};
  int change_request_expiry_days = 5;
  BusinessDuration ack_timeout{std::chrono::minutes(4 * 60), false, 0};
  BusinessDuration resolve_timeout{std::chrono::minutes(0), true, 3};
};

TimePolicy time_policy(store::Database& db, const store::Project& project);
// The project's calendar in the person's own time zone (as their platform reports it), or in the
// project's zone when it is not known.
BusinessCalendar person_calendar(store::Database& db, const store::Project& project,
                                 const std::string& user);

// When a non-urgent message to the person may go out: now inside their working hours, else the
// start of their next working period (quiet hours and weekends wait, DESIGN §3.8).
store::Timestamp working_moment(store::Database& db, const store::Project& project,
                                const std::string& user, store::Timestamp now);

}  // namespace accord::commands
