#include "commands/calendar.hpp"

#include <cctype>
#include <charconv>
#include <stdexcept>

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

const date::time_zone* find_time_zone(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::runtime_error&) {
    return nullptr;
  }
}

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

bool is_time_zone(const std::string& name) {
  return !name.empty() && find_time_zone(name) != nullptr;
}

std::string local_date(store::Timestamp at, const std::string& zone) {
  const auto* tz = find_time_zone(zone);
  if (tz == nullptr) return date::format("%F", at);
  return date::format("%F", date::make_zoned(tz, at));
}

std::string local_time(store::Timestamp at, const std::string& zone) {
  const auto minute = std::chrono::floor<std::chrono::minutes>(at);
  const auto* tz = find_time_zone(zone);
  if (tz == nullptr) return date::format("%F %R UTC", minute);
  return date::format("%F %R %Z", date::make_zoned(tz, minute));
}

}  // namespace accord::commands
