#include "commands/time/business_calendar.hpp"

#include <algorithm>
#include <cstdlib>

#include <date/date.h>
#include <date/tz.h>

#include "commands/time/calendar.hpp"

namespace accord::commands {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
using LocalTime = date::local_time<milliseconds>;

// The calendar's zone, or UTC when the name is unknown.
class Zone {
 public:
  explicit Zone(const std::string& name) : tz_(find_time_zone(name)) {}

  LocalTime to_local(store::Timestamp at) const {
    if (tz_ == nullptr) return LocalTime{at.time_since_epoch()};
    return tz_->to_local(at);
  }
  // choose::earliest: the earlier of two ambiguous instants; for a time in a gap, date/tz gives
  // the instant the gap ends.
  store::Timestamp to_sys(LocalTime local) const {
    if (tz_ == nullptr) return store::Timestamp{local.time_since_epoch()};
    return tz_->to_sys(local, date::choose::earliest);
  }
  date::local_days date_of(store::Timestamp at) const {
    return date::floor<date::days>(to_local(at));
  }

 private:
  const date::time_zone* tz_;
};

// One working day's working hours, as instants.
struct Period {
  store::Timestamp start;
  store::Timestamp end;
};

std::string date_key(date::local_days day) {
  return date::format("%F", day);
}

std::optional<date::local_days> parse_local_date(std::string_view text) {
  if (!is_calendar_date(text)) return std::nullopt;
  const auto number = [text](std::size_t at, std::size_t length) {
    int value = 0;
    for (char c : text.substr(at, length)) value = value * 10 + (c - '0');
    return value;
  };
  return date::local_days{date::year{number(0, 4)} /
                          date::month{static_cast<unsigned>(number(5, 2))} /
                          date::day{static_cast<unsigned>(number(8, 2))}};
}

bool working_weekday(const BusinessCalendar& cal, date::local_days day) {
  return cal.working_days[date::weekday{day}.c_encoding()];
}

bool is_working_date(const BusinessCalendar& cal, date::local_days day) {
  if (!working_weekday(cal, day)) return false;
  return cal.holidays.empty() || !cal.holidays.contains(date_key(day));
}

bool any_working_weekday(const BusinessCalendar& cal) {
  return std::ranges::any_of(cal.working_days, [](bool working) { return working; });
}

bool has_working_time(const BusinessCalendar& cal) {
  return any_working_weekday(cal) && cal.day_start >= minutes{0} && cal.day_start < cal.day_end &&
         cal.day_end <= std::chrono::hours{24};
}

std::optional<Period> period_on(const BusinessCalendar& cal, const Zone& zone,
                                date::local_days day) {
  if (!is_working_date(cal, day)) return std::nullopt;
  const Period period{zone.to_sys(day + cal.day_start), zone.to_sys(day + cal.day_end)};
  if (period.start >= period.end) return std::nullopt;  // working hours inside a DST gap
  return period;
}

// The first working period that ends after `at`; it contains `at` when it starts at or before it.
// The search starts the day before `at`'s local date, in case a fall-back hour puts `at` on the
// next local date while the previous day's period still runs.
std::optional<Period> next_period(const BusinessCalendar& cal, const Zone& zone,
                                  store::Timestamp at) {
  if (!has_working_time(cal)) return std::nullopt;
  auto day = zone.date_of(at) - date::days{1};
  for (int searched = 0; searched <= kSearchDays; ++searched, day += date::days{1}) {
    if (auto period = period_on(cal, zone, day); period && period->end > at) return period;
  }
  return std::nullopt;
}

}  // namespace

bool is_working_date(const BusinessCalendar& cal, std::chrono::sys_days day) {
  return is_working_date(cal, date::local_days{day.time_since_epoch()});
}

bool is_working_day(const BusinessCalendar& cal, store::Timestamp at) {
  return is_working_date(cal, Zone(cal.zone).date_of(at));
}

bool in_working_hours(const BusinessCalendar& cal, store::Timestamp at) {
  const auto period = next_period(cal, Zone(cal.zone), at);
  return period && period->start <= at;
}

store::Timestamp defer_to_working_hours(const BusinessCalendar& cal, store::Timestamp at) {
  const auto period = next_period(cal, Zone(cal.zone), at);
  return period ? std::max(at, period->start) : at;
}

store::Timestamp next_working_time(const BusinessCalendar& cal, store::Timestamp after,
                                   minutes time_of_day) {
  const Zone zone(cal.zone);
  const auto first = zone.date_of(after) - date::days{1};
  if (any_working_weekday(cal)) {
    for (int searched = 0; searched <= kSearchDays; ++searched) {
      const auto day = first + date::days{searched};
      if (!is_working_date(cal, day)) continue;
      if (const auto at = zone.to_sys(day + time_of_day); at > after) return at;
    }
  }
  // No working day: the next occurrence on any day, so a caller's schedule still advances.
  for (auto day = first;; day += date::days{1}) {
    if (const auto at = zone.to_sys(day + time_of_day); at > after) return at;
  }
}

store::Timestamp local_instant(const std::string& zone, std::chrono::sys_days day,
                               minutes time_of_day) {
  return Zone(zone).to_sys(date::local_days{day.time_since_epoch()} + time_of_day);
}

store::Timestamp add_business_time(const BusinessCalendar& cal, store::Timestamp from,
                                   minutes amount) {
  const Zone zone(cal.zone);
  auto at = from;
  milliseconds remaining = std::max(amount, minutes{0});
  while (true) {
    const auto period = next_period(cal, zone, at);
    if (!period) return at + remaining;
    at = std::max(at, period->start);
    const auto available = period->end - at;
    if (remaining <= available) return at + remaining;
    remaining -= available;
    at = period->end;
  }
}

store::Timestamp add_business_days(const BusinessCalendar& cal, store::Timestamp from, int days) {
  const auto plain = from + std::chrono::hours{24} * days;
  if (!any_working_weekday(cal)) return plain;
  const Zone zone(cal.zone);
  const auto start = defer_to_working_hours(cal, from);
  if (days == 0) return start;
  const auto local = zone.to_local(start);
  auto day = date::floor<date::days>(local);
  const auto time_of_day = local - day;
  const date::days step{days > 0 ? 1 : -1};
  for (int left = std::abs(days), idle = 0; left > 0;) {
    day += step;
    if (is_working_date(cal, day)) {
      --left;
      idle = 0;
    } else if (++idle > kSearchDays) {
      return plain;
    }
  }
  return zone.to_sys(day + time_of_day);
}

std::string nth_working_date(const BusinessCalendar& cal, const std::string& first, int n) {
  const auto start = parse_local_date(first);
  if (!start || n < 0 || !any_working_weekday(cal)) return "";
  auto day = *start;
  for (int left = n, idle = 0;; day += date::days{1}) {
    if (is_working_date(cal, day)) {
      if (left-- == 0) return date_key(day);
      idle = 0;
    } else if (++idle > kSearchDays) {
      return "";
    }
  }
}

int working_days_between(const BusinessCalendar& cal, const std::string& first,
                         const std::string& last) {
  const auto from = parse_local_date(first);
  const auto to = parse_local_date(last);
  if (!from || !to || *to < *from) return 0;
  const int total = (*to - *from).count() + 1;
  const auto per_week = std::ranges::count(cal.working_days, true);
  int count = total / 7 * static_cast<int>(per_week);
  for (int offset = total / 7 * 7; offset < total; ++offset) {
    if (working_weekday(cal, *from + date::days{offset})) ++count;
  }
  // Canonical date strings sort as dates; other strings never match a day, so they are skipped.
  const auto end = cal.holidays.upper_bound(last);
  for (auto it = cal.holidays.lower_bound(first); it != end; ++it) {
    if (const auto holiday = parse_local_date(*it); holiday && working_weekday(cal, *holiday)) {
      --count;
    }
  }
  return count;
}

store::Timestamp add_business_duration(const BusinessCalendar& cal, store::Timestamp from,
                                       const BusinessDuration& d) {
  return d.days ? add_business_days(cal, from, d.day_count)
                : add_business_time(cal, from, d.amount);
}

}  // namespace accord::commands
