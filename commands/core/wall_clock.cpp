#include "commands/core/wall_clock.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include <date/date.h>
#include <date/tz.h>

namespace accord::commands {
namespace {

std::string wall_text(const WallClock& wall, bool with_minute) {
  const auto day = std::chrono::floor<std::chrono::days>(wall.local);
  const date::year_month_day date{day};
  const date::hh_mm_ss time{std::chrono::floor<std::chrono::minutes>(wall.local - day)};
  const int year = static_cast<int>(date.year());
  const auto month = static_cast<unsigned>(date.month());
  const auto day_of_month = static_cast<unsigned>(date.day());
  char buffer[32];
  const int size =
      with_minute
          ? std::snprintf(buffer, sizeof(buffer), "%04d-%02u-%02u %02d:%02d", year, month,
                          day_of_month, static_cast<int>(time.hours().count()),
                          static_cast<int>(time.minutes().count()))
          : std::snprintf(buffer, sizeof(buffer), "%04d-%02u-%02u", year, month, day_of_month);
  return std::string(buffer, static_cast<std::size_t>(std::max(size, 0)));
}

}  // namespace

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
  return wall_text(wall, false);
}

std::string minute_text(const WallClock& wall) {
  return wall_text(wall, true);
}

std::string local_minute(store::Timestamp at, const std::string& zone) {
  const auto* tz = find_time_zone(zone);
  const auto text = minute_text(wall_clock(std::chrono::floor<std::chrono::minutes>(at), tz));
  return tz == nullptr ? text + " UTC" : text;
}

}  // namespace accord::commands
