#include "commands/time/calendar.hpp"

#include <cctype>
#include <charconv>

#include <date/date.h>
#include <date/tz.h>

namespace accord::commands {
namespace {

template <typename Number>
bool read_digits(std::string_view text, Number& out) {
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return std::from_chars(text.data(), text.data() + text.size(), out).ec == std::errc();
}

}  // namespace

bool is_calendar_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  if (!read_digits(text.substr(0, 4), year) || !read_digits(text.substr(5, 2), month) ||
      !read_digits(text.substr(8, 2), day)) {
    return false;
  }
  return date::year_month_day{date::year{year}, date::month{month}, date::day{day}}.ok();
}

std::optional<std::chrono::sys_days> parse_date(std::string_view text) {
  if (!is_calendar_date(text)) return std::nullopt;
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  read_digits(text.substr(0, 4), year);
  read_digits(text.substr(5, 2), month);
  read_digits(text.substr(8, 2), day);
  return std::chrono::sys_days{std::chrono::year_month_day{
      std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}}};
}

std::string format_day(std::chrono::sys_days day) {
  static constexpr const char* kNames[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  return std::string(kNames[std::chrono::weekday{day}.c_encoding()]) + " " + format_date(day);
}

std::string format_day(const std::string& date) {
  const auto day = parse_date(date);
  return day ? format_day(*day) : date;
}

bool is_time_zone(const std::string& name) {
  return !name.empty() && find_time_zone(name) != nullptr;
}

namespace {

// "YYYY-MM-DD<separator>HH:MM" at the start of `text`, as a wall-clock minute; nullopt when it
// is not a real date and time.
std::optional<date::local_time<std::chrono::minutes>> read_date_and_minute(std::string_view text,
                                                                           char separator) {
  if (text.size() < 16 || text[10] != separator || text[13] != ':' ||
      !is_calendar_date(text.substr(0, 10))) {
    return std::nullopt;
  }
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  int hour = 0;
  int minute = 0;
  read_digits(text.substr(0, 4), year);
  read_digits(text.substr(5, 2), month);
  read_digits(text.substr(8, 2), day);
  if (!read_digits(text.substr(11, 2), hour) || !read_digits(text.substr(14, 2), minute) ||
      hour > 23 || minute > 59) {
    return std::nullopt;
  }
  return date::local_days{date::year{year} / date::month{month} / date::day{day}} +
         std::chrono::hours{hour} + std::chrono::minutes{minute};
}

}  // namespace

std::variant<store::Timestamp, LocalTimeError> parse_local_minute(std::string_view text,
                                                                  const std::string& zone) {
  const auto read = text.size() == 16 ? read_date_and_minute(text, ' ') : std::nullopt;
  if (!read) return LocalTimeError::malformed;
  const auto local = *read;
  const auto* tz = find_time_zone(zone);
  if (tz == nullptr) return store::Timestamp{local.time_since_epoch()};
  if (tz->get_info(local).result == date::local_info::nonexistent) return LocalTimeError::skipped;
  return std::chrono::time_point_cast<std::chrono::milliseconds>(
      tz->to_sys(local, date::choose::earliest));
}

std::optional<store::Timestamp> parse_instant(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM), read by hand: exact, and no locale.
  const auto minute =
      text.size() >= 20 && text[16] == ':' ? read_date_and_minute(text, 'T') : std::nullopt;
  int second = 0;
  if (!minute || !read_digits(text.substr(17, 2), second) || second > 59) return std::nullopt;
  std::size_t at = 19;
  std::chrono::milliseconds fraction{0};
  if (at < text.size() && text[at] == '.') {
    std::size_t digits = 0;
    int millis = 0;
    for (++at; at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])); ++at) {
      if (digits++ < 3) millis = millis * 10 + (text[at] - '0');
    }
    if (digits == 0) return std::nullopt;
    for (; digits < 3; ++digits) millis *= 10;
    fraction = std::chrono::milliseconds(millis);
  }
  std::chrono::minutes offset{0};
  const auto zone = text.substr(at);
  if (zone != "Z" && zone != "z") {
    int zone_hours = 0;
    int zone_minutes = 0;
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':' ||
        !read_digits(zone.substr(1, 2), zone_hours) ||
        !read_digits(zone.substr(4, 2), zone_minutes) || zone_hours > 23 || zone_minutes > 59) {
      return std::nullopt;
    }
    offset = std::chrono::hours(zone_hours) + std::chrono::minutes(zone_minutes);
    if (zone[0] == '-') offset = -offset;
  }
  const auto utc = date::sys_time<std::chrono::minutes>{minute->time_since_epoch()} +
                   std::chrono::seconds(second) + fraction;
  return std::chrono::time_point_cast<std::chrono::milliseconds>(utc - offset);
}

std::string local_date(store::Timestamp at, const std::string& zone) {
  return day_text(wall_clock(at, find_time_zone(zone)));
}

std::chrono::sys_days local_day(store::Timestamp at, const std::string& zone) {
  return std::chrono::floor<std::chrono::days>(wall_clock(at, find_time_zone(zone)).local);
}

std::string local_time(store::Timestamp at, const std::string& zone) {
  const auto wall = wall_clock(std::chrono::floor<std::chrono::minutes>(at), find_time_zone(zone));
  return minute_text(wall) + " " + wall.abbreviation;
}

}  // namespace accord::commands
