// A person's or project's business calendar: working days, working hours and holidays in an IANA
// zone, and the arithmetic that reminders, quiet hours, expiries and escalation timeouts need
// (DESIGN §3.3, §3.7, §3.8). Pure functions of their arguments; no clock, no store.
//
// Working time is a list of periods, one per working day: [day_start, day_end) local time turned
// into instants, so a day that loses or gains an hour to daylight saving time has that much less
// or more business time. A local time in a spring-forward gap means the instant just after the
// gap; an ambiguous one (fall back) means the earlier instant.
//
// Searches step day by day and give up after kSearchDays consecutive days without working time
// (a calendar with no working days, or nothing but holidays). Each function documents what it
// returns then; none loops forever or throws.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "store/time.hpp"

namespace accord::commands {

struct BusinessCalendar {
  std::string zone = "UTC";  // IANA zone; unknown names behave as UTC
  std::array<bool, 7> working_days{false, true, true, true, true, true, false};  // [0]=Sunday
  std::chrono::minutes day_start{9 * 60};  // local working hours [day_start, day_end)
  std::chrono::minutes day_end{18 * 60};   // up to 24:00; hours with day_start >= day_end are none
  std::set<std::string> holidays;          // local dates YYYY-MM-DD that are not working days
};

// How many consecutive days without working time a search crosses before it gives up.
inline constexpr int kSearchDays = 3 * 366;
// The most holidays a settings value may list.
inline constexpr std::size_t kMaxHolidays = 500;
// The longest business duration people may type: 90 days (or 90 × 24 hours).
inline constexpr int kMaxBusinessDays = 90;

// True when the date (a calendar day, whatever the zone) is a working day and not a holiday.
bool is_working_date(const BusinessCalendar& cal, std::chrono::sys_days day);
// True when the local date of `at` in cal.zone is a working day and not a holiday.
bool is_working_day(const BusinessCalendar& cal, store::Timestamp at);
// True when `at` is inside working hours of a working day.
bool in_working_hours(const BusinessCalendar& cal, store::Timestamp at);
// `at` itself when in working hours; otherwise the start of the next working period. With no
// working time at all, `at`.
store::Timestamp defer_to_working_hours(const BusinessCalendar& cal, store::Timestamp at);
// The first instant strictly after `after` that is `time_of_day` (in [00:00, 24:00)) local time
// on a working day, e.g. the next 09:00 digest. With no working days, the next `time_of_day` on
// any day, so a scheduler still moves forward.
store::Timestamp next_working_time(const BusinessCalendar& cal, store::Timestamp after,
                                   std::chrono::minutes time_of_day);
// The instant that is `time_of_day` (00:00 to 24:00) local time on `day` in `zone` (UTC if
// unknown): of two (clocks going back) the earlier; in a gap (clocks going forward) the instant it
// ends.
store::Timestamp local_instant(const std::string& zone, std::chrono::sys_days day,
                               std::chrono::minutes time_of_day);
// `from` plus `amount` of business time: only time inside working periods counts; a count that
// ends exactly at a period's end gives that end (Friday 18:00, not Monday 09:00). Counting starts
// at defer_to_working_hours(from), so an amount <= 0 gives that. With no working time left, the
// rest of the amount is added in plain time.
store::Timestamp add_business_time(const BusinessCalendar& cal, store::Timestamp from,
                                   std::chrono::minutes amount);
// `from` deferred to working hours, then moved to the same local time of day on the n-th following
// working day (n < 0: the n-th preceding one, for "one business day before the end"). With no
// working days, `from` plus n × 24 hours.
store::Timestamp add_business_days(const BusinessCalendar& cal, store::Timestamp from, int days);
// The local date of the n-th working day on or after the local date `first` (n = 0: the first
// working day on or after it). "" when `first` is not a date, n < 0, or no working day is found.
std::string nth_working_date(const BusinessCalendar& cal, const std::string& first, int n);
// The number of working days in the inclusive local-date range [first, last]; 0 when either is not
// a date or last < first. Counts whole weeks arithmetically, so long ranges are cheap.
int working_days_between(const BusinessCalendar& cal, const std::string& first,
                         const std::string& last);

// Settings values as people type them; nullopt when malformed. Case-insensitive, spaces around
// separators ignored.
//
// Working days: day names ("mon" or "monday") and ranges, comma-separated: "mon-fri", "sun-thu",
// "mon,tue,thu", "mon-wed,fri". A range runs forward through the week and may wrap past the
// weekend: "fri-mon" is fri,sat,sun,mon; "mon-mon" is just mon. At least one day is required.
std::optional<std::array<bool, 7>> parse_working_days(std::string_view text);
// Canonical form that parses back to the same days: runs of three or more days as ranges, the
// rest as names, Monday first ("mon-fri", "mon,wed,fri", "sun-thu", "fri-mon", "mon-sun"); an
// empty set is "none".
std::string format_working_days(const std::array<bool, 7>& days);
// "09:00", "9:30"; 00:00–23:59, two-digit minutes.
std::optional<std::chrono::minutes> parse_time_of_day(std::string_view text);
// "09:00"; 24 hours is "24:00".
std::string format_time_of_day(std::chrono::minutes time);
// A moment in each week, in some zone: "fri 16:00" (a day name, a space or '@', a time of day).
struct WeeklyTime {
  int weekday = 5;  // 0 = Sunday
  std::chrono::minutes time{16 * 60};
  bool operator==(const WeeklyTime&) const = default;
};
std::optional<WeeklyTime> parse_weekly_time(std::string_view text);
// "fri 16:00"
std::string format_weekly_time(const WeeklyTime& when);
// "09:00-18:00", start < end; the end may be "24:00" (working until midnight).
std::optional<std::pair<std::chrono::minutes, std::chrono::minutes>> parse_hours_range(
    std::string_view text);
std::string format_hours_range(std::chrono::minutes start, std::chrono::minutes end);
// "2026-12-24,2026-12-25": real calendar dates, at most kMaxHolidays; "" or "none" = no holidays.
std::optional<std::set<std::string>> parse_holidays(std::string_view text);
// "2026-12-24,2026-12-25", or "none".
std::string format_holidays(const std::set<std::string>& holidays);

// A business-time duration: minutes of working time, or a number of business days.
struct BusinessDuration {
  std::chrono::minutes amount{0};
  bool days = false;
  int day_count = 0;
};

// "4h" → 240 minutes, "30m", "3d" → 3 business days. From 1m up to 90d (or 2160h).
std::optional<BusinessDuration> parse_business_duration(std::string_view text);
// "4 business hours", "3 business days", "30 business minutes", "1 business hour".
std::string format_business_duration(const BusinessDuration& d);
// add_business_days or add_business_time, as `d` says.
store::Timestamp add_business_duration(const BusinessCalendar& cal, store::Timestamp from,
                                       const BusinessDuration& d);

}  // namespace accord::commands
