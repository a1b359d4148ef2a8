// Dates and time zones as people type them: YYYY-MM-DD calendar dates and IANA zone names.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "commands/core/wall_clock.hpp"
#include "store/time.hpp"

namespace accord::commands {

// True for a real calendar date written YYYY-MM-DD ("2027-02-30" is not one).
bool is_calendar_date(std::string_view text);
// The day of a date written YYYY-MM-DD; nullopt when it is not a real calendar date.
std::optional<std::chrono::sys_days> parse_date(std::string_view text);
// "Mon 2026-11-30": a date people can place in their week.
std::string format_day(std::chrono::sys_days day);
// The same for a stored YYYY-MM-DD; text that is no date is shown as it is.
std::string format_day(const std::string& date);
// True when the IANA time zone database knows the name.
bool is_time_zone(const std::string& name);
// An ISO-8601 instant with a zone designator: "2026-11-27T16:00:00Z", "2026-11-27T17:00:00+01:00"
// (fractions of a second allowed); nullopt otherwise.
std::optional<store::Timestamp> parse_instant(std::string_view text);
// The day `at` falls on in `zone` (UTC if the zone is unknown), as YYYY-MM-DD.
std::string local_date(store::Timestamp at, const std::string& zone);
// The day `at` falls on in `zone` (UTC if the zone is unknown).
std::chrono::sys_days local_day(store::Timestamp at, const std::string& zone);
// Why "YYYY-MM-DD HH:MM" names no instant: not written that way, or a minute the zone skips
// when its clocks go forward.
enum class LocalTimeError { malformed, skipped };
// A wall-clock minute written "YYYY-MM-DD HH:MM" in `zone` (UTC if unknown) as the instant it
// names. A minute that happens twice (clocks going back) is taken the first time.
std::variant<store::Timestamp, LocalTimeError> parse_local_minute(std::string_view text,
                                                                  const std::string& zone);
// The minute `at` falls on in `zone` (UTC if unknown), with the zone's abbreviation:
// "2026-11-24 00:30 CET".
std::string local_time(store::Timestamp at, const std::string& zone);

}  // namespace accord::commands
