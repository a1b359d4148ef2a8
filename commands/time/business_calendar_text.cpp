// Business-calendar settings as people type them, and back (declared in business_calendar.hpp).
#include <algorithm>
#include <charconv>
#include <vector>

#include "commands/time/business_calendar.hpp"
#include "commands/time/calendar.hpp"

namespace accord::commands {
namespace {

using std::chrono::minutes;

constexpr std::array<std::string_view, 7> kDayNames{"sun", "mon", "tue", "wed",
                                                    "thu", "fri", "sat"};
constexpr std::array<std::string_view, 7> kLongDayNames{
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool equals_ignoring_case(std::string_view text, std::string_view lower) {
  return std::ranges::equal(text, lower, [](char a, char b) {
    return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
  });
}

// Trimmed pieces between separators; "a,,b" keeps the empty piece so callers can refuse it.
std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> pieces;
  for (std::size_t start = 0;;) {
    const auto end = text.find(separator, start);
    pieces.push_back(trim(text.substr(start, end - start)));
    if (end == std::string_view::npos) return pieces;
    start = end + 1;
  }
}

std::optional<int> read_number(std::string_view digits, std::size_t max_length) {
  if (digits.empty() || digits.size() > max_length) return std::nullopt;
  if (!std::ranges::all_of(digits, [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

std::optional<int> day_index(std::string_view name) {
  for (std::size_t day = 0; day < kDayNames.size(); ++day) {
    if (equals_ignoring_case(name, kDayNames[day]) ||
        equals_ignoring_case(name, kLongDayNames[day])) {
      return static_cast<int>(day);
    }
  }
  return std::nullopt;
}

// "9:30", "09:30"; "24:00" only when `allow_midnight_end`.
std::optional<minutes> parse_clock(std::string_view text, bool allow_midnight_end) {
  text = trim(text);
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || text.size() - colon - 1 != 2) return std::nullopt;
  const auto hour = read_number(text.substr(0, colon), 2);
  const auto minute = read_number(text.substr(colon + 1), 2);
  if (!hour || !minute || *minute > 59) return std::nullopt;
  if (*hour > 23 && !(allow_midnight_end && *hour == 24 && *minute == 0)) return std::nullopt;
  return minutes{*hour * 60 + *minute};
}

std::string two_digits(long value) {
  return (value < 10 ? "0" : "") + std::to_string(value);
}

std::string plural(long count, std::string_view unit) {
  return std::to_string(count) + " business " + std::string(unit) + (count == 1 ? "" : "s");
}

}  // namespace

std::optional<std::array<bool, 7>> parse_working_days(std::string_view text) {
  std::array<bool, 7> days{};
  for (const auto item : split(text, ',')) {
    const auto dash = item.find('-');
    const auto first = day_index(trim(item.substr(0, dash)));
    const auto last =
        dash == std::string_view::npos ? first : day_index(trim(item.substr(dash + 1)));
    if (!first || !last) return std::nullopt;
    // Forward through the week, wrapping from Saturday to Sunday.
    for (int day = *first;; day = (day + 1) % 7) {
      days[static_cast<std::size_t>(day)] = true;
      if (day == *last) break;
    }
  }
  if (std::ranges::none_of(days, [](bool working) { return working; })) return std::nullopt;
  return days;
}

std::string format_working_days(const std::array<bool, 7>& days) {
  const auto working = [&days](int day) { return days[static_cast<std::size_t>(day % 7)]; };
  const auto count = std::ranges::count(days, true);
  if (count == 0) return "none";
  if (count == 7) return "sun-sat";
  std::string out;
  const auto add = [&out](std::string_view part) {
    if (!out.empty()) out += ',';
    out += part;
  };
  // Each maximal run of working days starts at a day whose previous day is not working.
  for (int start = 0; start < 7; ++start) {
    if (!working(start) || working(start + 6)) continue;
    int length = 1;
    while (working(start + length)) ++length;
    if (length >= 3) {
      add(std::string(kDayNames[static_cast<std::size_t>(start)]) + "-" +
          std::string(kDayNames[static_cast<std::size_t>((start + length - 1) % 7)]));
    } else {
      for (int day = start; day < start + length; ++day) {
        add(kDayNames[static_cast<std::size_t>(day % 7)]);
      }
    }
  }
  return out;
}

std::optional<minutes> parse_time_of_day(std::string_view text) {
  return parse_clock(text, false);
}

std::string format_time_of_day(minutes time) {
  const auto total = std::max(time.count(), minutes::rep{0});
  return two_digits(total / 60) + ":" + two_digits(total % 60);
}

std::optional<WeeklyTime> parse_weekly_time(std::string_view text) {
  text = trim(text);
  const auto space = text.find_first_of(" @");
  if (space == std::string_view::npos) return std::nullopt;
  const auto day = day_index(trim(text.substr(0, space)));
  const auto time = parse_clock(text.substr(space + 1), false);
  if (!day || !time) return std::nullopt;
  return WeeklyTime{*day, *time};
}

std::string format_weekly_time(const WeeklyTime& when) {
  return std::string(kDayNames[static_cast<std::size_t>(when.weekday % 7)]) + " " +
         format_time_of_day(when.time);
}

std::optional<std::pair<minutes, minutes>> parse_hours_range(std::string_view text) {
  const auto pieces = split(text, '-');
  if (pieces.size() != 2) return std::nullopt;
  const auto start = parse_clock(pieces[0], false);
  const auto end = parse_clock(pieces[1], true);
  if (!start || !end || *start >= *end) return std::nullopt;
  return std::pair{*start, *end};
}

std::string format_hours_range(minutes start, minutes end) {
  return format_time_of_day(start) + "-" + format_time_of_day(end);
}

std::optional<std::set<std::string>> parse_holidays(std::string_view text) {
  std::set<std::string> holidays;
  text = trim(text);
  if (text.empty() || equals_ignoring_case(text, "none")) return holidays;
  for (const auto item : split(text, ',')) {
    if (!is_calendar_date(item)) return std::nullopt;
    holidays.emplace(item);
    if (holidays.size() > kMaxHolidays) return std::nullopt;
  }
  return holidays;
}

std::string format_holidays(const std::set<std::string>& holidays) {
  if (holidays.empty()) return "none";
  std::string out;
  for (const auto& holiday : holidays) {
    if (!out.empty()) out += ',';
    out += holiday;
  }
  return out;
}

std::optional<BusinessDuration> parse_business_duration(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  const auto count = read_number(trim(text.substr(0, text.size() - 1)), 6);
  if (!count || *count < 1) return std::nullopt;
  switch (text.back()) {
    case 'm':
    case 'M':
      if (*count > kMaxBusinessDays * 24 * 60) return std::nullopt;
      return BusinessDuration{minutes{*count}};
    case 'h':
    case 'H':
      if (*count > kMaxBusinessDays * 24) return std::nullopt;
      return BusinessDuration{std::chrono::hours{*count}};
    case 'd':
    case 'D':
      if (*count > kMaxBusinessDays) return std::nullopt;
      return BusinessDuration{minutes{0}, true, *count};
    default:
      return std::nullopt;
  }
}

std::string format_business_duration(const BusinessDuration& d) {
  if (d.days) return plural(d.day_count, "day");
  const auto total = d.amount.count();
  if (total % 60 == 0) return plural(total / 60, "hour");
  return plural(total, "minute");
}

}  // namespace accord::commands
