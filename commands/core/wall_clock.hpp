// Instants as people read them on a zone's wall clock ("2026-11-24 00:30 CET"), written without
// date::format, whose stream was most of the cost of a card's times (two a click).
#pragma once

#include <chrono>
#include <string>

#include "store/time.hpp"

namespace date {
class time_zone;
}

namespace accord::commands {

// The IANA zone of that name, or nullptr when the database does not know it.
const date::time_zone* find_time_zone(const std::string& name);

// `at` on the wall clock of `zone` (UTC when null), counted from the local epoch, and the zone's
// abbreviation then ("CET", "UTC").
struct WallClock {
  std::chrono::sys_time<std::chrono::milliseconds> local;
  std::string abbreviation;
};
WallClock wall_clock(store::Timestamp at, const date::time_zone* zone);

// YYYY-MM-DD.
std::string format_date(std::chrono::sys_days day);
// A wall clock's day, "2026-11-24".
std::string day_text(const WallClock& wall);
// A wall clock's minute, "2026-11-24 00:30".
std::string minute_text(const WallClock& wall);

// The minute `at` falls on in `zone`, without the abbreviation ("2026-11-24 00:30"), but with
// " UTC" when the zone is unknown.
std::string local_minute(store::Timestamp at, const std::string& zone);

}  // namespace accord::commands
