// Dates and time zones as people type them: YYYY-MM-DD calendar dates and IANA zone names.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "store/time.hpp"

namespace date {
class time_zone;
}

namespace accord::commands {

// True for a real calendar date written YYYY-MM-DD ("2027-02-30" is not one).
bool is_calendar_date(std::string_view text);
// True when the IANA time zone database knows the name.
bool is_time_zone(const std::string& name);
// The IANA zone of that name, or nullptr when the database does not know it.
const date::time_zone* find_time_zone(const std::string& name);
// The day `at` falls on in `zone` (UTC if the zone is unknown), as YYYY-MM-DD.
std::string local_date(store::Timestamp at, const std::string& zone);
// The minute `at` falls on in `zone` (UTC if unknown), with the zone's abbreviation:
// "2026-11-24 00:30 CET".
std::string local_time(store::Timestamp at, const std::string& zone);

}  // namespace accord::commands
