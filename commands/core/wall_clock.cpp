#include "commands/core/wall_clock.hpp"

#include <cstdio>
#include <stdexcept>

#include <date/date.h>
#include <date/tz.h>

namespace accord::commands {

std::string format_date(std::chrono::sys_days day) {
  const std::chrono::year_month_day date{day};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

const date::time_zone* find_time_zone(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::runtime_error&) {
    return nullptr;
  }
}

WallClock wall_clock(store::Timestamp at, const date::time_zone* zone) {
  if (zone == nullptr) return {at, "UTC"};
  auto info = zone->get_info(at);
  return {at + info.offset, std::move(info.abbrev)};
}

std::string day_text(const WallClock& wall) {
  return format_date(std::chrono::floor<std::chrono::days>(wall.local));
}

std::string minute_text(const WallClock& wall) {
  const auto day = std::chrono::floor<std::chrono::days>(wall.local);
  const std::chrono::hh_mm_ss time{std::chrono::floor<std::chrono::minutes>(wall.local - day)};
  char clock[8];
  std::snprintf(clock, sizeof clock, " %02d:%02d", static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()));
  return format_date(day) + clock;
}

std::string local_minute(store::Timestamp at, const std::string& zone) {
  const auto* tz = find_time_zone(zone);
  const auto text = minute_text(wall_clock(std::chrono::floor<std::chrono::minutes>(at), tz));
  return tz == nullptr ? text + " UTC" : text;
}

}  // namespace accord::commands
