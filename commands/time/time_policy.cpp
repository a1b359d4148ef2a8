#include "commands/time/time_policy.hpp"

#include <charconv>

#include "commands/core/approvals.hpp"
#include "commands/time/calendar.hpp"
#include "store/project_settings.hpp"
#include "store/schedule.hpp"

namespace accord::commands {
namespace {

std::optional<std::string> normalize_approval(std::string_view value) {
  const auto rule = parse_approval_rule(value);
  if (!rule) return std::nullopt;
  return std::string(to_string(*rule));
}

std::optional<std::string> normalize_time_of_day(std::string_view value) {
  const auto time = parse_time_of_day(value);
  if (!time) return std::nullopt;
  return format_time_of_day(*time);
}

std::optional<std::string> normalize_working_days(std::string_view value) {
  const auto days = parse_working_days(value);
  if (!days) return std::nullopt;
  bool any = false;
  for (bool day : *days) any = any || day;
  if (!any) return std::nullopt;
  return format_working_days(*days);
}

std::optional<std::string> normalize_hours(std::string_view value) {
  const auto range = parse_hours_range(value);
  if (!range) return std::nullopt;
  return format_time_of_day(range->first) + "-" + format_time_of_day(range->second);
}

std::optional<std::string> normalize_holidays(std::string_view value) {
  const auto days = parse_holidays(value);
  if (!days) return std::nullopt;
  if (days->empty()) return std::string("none");
  std::string out;
  for (const auto& day : *days) out += (out.empty() ? "" : ",") + day;
  return out;
}

std::optional<std::string> normalize_day_count(std::string_view value) {
  int days = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), days);
  if (ec != std::errc() || end != value.data() + value.size() || days < 1 || days > 60) {
    return std::nullopt;
  }
  return std::to_string(days);
}

std::optional<std::string> normalize_day_count_or_off(std::string_view value) {
  if (value == "off") return std::string("off");
  return normalize_day_count(value);
}

std::optional<std::string> normalize_weekly_time_or_off(std::string_view value) {
  if (value == "off") return std::string("off");
  const auto when = parse_weekly_time(value);
  if (!when) return std::nullopt;
  return format_weekly_time(*when);
}

std::optional<std::string> normalize_duration(std::string_view value) {
  const auto duration = parse_business_duration(value);
  if (!duration) return std::nullopt;
  if (duration->days) return std::to_string(duration->day_count) + "d";
  const auto minutes = duration->amount.count();
  if (minutes % 60 == 0) return std::to_string(minutes / 60) + "h";
  return std::to_string(minutes) + "m";
}

}  // namespace

const std::vector<SettingSpec>& setting_specs() {
  static const std::vector<SettingSpec> specs = {
      {"approval", "any", "all",
       "any: one customer or delegate decides a change; all: every one of them must approve",
       normalize_approval},
      {"digest", "09:00", "08:30",
       "local time of the morning digest of what waits on each approver (their own time zone)",
       normalize_time_of_day},
      {"workdays", "mon-fri", "sun-thu", "working days, for reminders and business-time timeouts",
       normalize_working_days},
      {"hours", "09:00-18:00", "08:00-17:00",
       "working hours; reminders outside them wait for the next working morning", normalize_hours},
      {"holidays", "none", "2026-12-24,2026-12-25", "project holidays, as dates",
       normalize_holidays},
      {"cr_expiry", "5", "10", "business days after which an undecided change request expires",
       normalize_day_count},
      {"sponsor_after", "3", "5",
       "business days a change request, a proposal or an acceptance may wait on the customer "
       "side before "
       "the sponsor hears of it (off: never)",
       normalize_day_count_or_off},
      {"report", "off", "fri 16:00",
       "when the weekly status report with its charts goes to the customer, delegates, sponsors "
       "and the pm: a day and a time in the project's zone (a holiday moves it to the next "
       "working day), or off",
       normalize_weekly_time_or_off},
      {"ack_timeout", "4h", "2h",
       "business time to acknowledge a problem report before it goes a level up",
       normalize_duration},
      {"resolve_timeout", "3d", "5d",
       "business time to resolve an acknowledged problem report before it goes a level up",
       normalize_duration},
  };
  return specs;
}

const SettingSpec* find_setting(std::string_view key) {
  for (const auto& spec : setting_specs()) {
    if (spec.key == key) return &spec;
  }
  return nullptr;
}

namespace {

// The stored value, or the default; a value stored by an older version that no longer parses
// reads as the default.
std::string effective_value(const SettingSpec* spec, const std::optional<std::string>& stored) {
  if (spec == nullptr) return stored.value_or("");
  if (stored) {
    if (auto value = spec->normalize(*stored)) return *value;
  }
  return std::string(spec->default_value);
}

}  // namespace

std::string setting_value(store::Database& db, std::int64_t project_id, std::string_view key) {
  return effective_value(find_setting(key),
                         store::ProjectSettings(db).get(project_id, std::string(key)));
}

TimePolicy time_policy(store::Database& db, const store::Project& project) {
  // One read of the project's settings, not one per key: this runs for every scheduled job.
  const auto stored = store::ProjectSettings(db).all(project.id);
  const auto value = [&](std::string_view key) {
    const auto found = stored.find(std::string(key));
    return effective_value(find_setting(key), found == stored.end()
                                                  ? std::nullopt
                                                  : std::optional<std::string>(found->second));
  };
  TimePolicy policy;
  policy.calendar.zone = is_time_zone(project.timezone) ? project.timezone : "UTC";
  if (auto days = parse_working_days(value("workdays"))) policy.calendar.working_days = *days;
  if (auto hours = parse_hours_range(value("hours"))) {
    policy.calendar.day_start = hours->first;
    policy.calendar.day_end = hours->second;
  }
  if (auto holidays = parse_holidays(value("holidays"))) policy.calendar.holidays = *holidays;
  if (auto digest = parse_time_of_day(value("digest"))) policy.digest_time = *digest;
  policy.change_request_expiry_days = std::stoi(value("cr_expiry"));
  if (auto ack = parse_business_duration(value("ack_timeout"))) policy.ack_timeout = *ack;
  if (auto resolve = parse_business_duration(value("resolve_timeout"))) {
    policy.resolve_timeout = *resolve;
  }
  return policy;
}

BusinessCalendar person_calendar(store::Database& db, const store::Project& project,
                                 const std::string& user) {
  auto calendar = time_policy(db, project).calendar;
  // Their zone as their own platform tells it (the customer's Teams, the contractor's Slack).
  const auto reach = reach_of(db, project, user);
  const auto zone = store::People(db).timezone(reach.platform, reach.workspace, user);
  if (zone && is_time_zone(*zone)) calendar.zone = *zone;
  return calendar;
}

store::Timestamp working_moment(store::Database& db, const store::Project& project,
                                const std::string& user, store::Timestamp now) {
  return defer_to_working_hours(person_calendar(db, project, user), now);
}

}  // namespace accord::commands
