#include <catch2/catch.hpp>

#include <date/date.h>
#include <date/tz.h>

#include "commands/time/business_calendar.hpp"
#include "commands/time/calendar.hpp"

using namespace accord::commands;
using accord::store::Timestamp;
using namespace std::chrono_literals;
using date::literals::operator""_y;

namespace {

// An instant written in UTC: the independent truth the DST cases are checked against.
Timestamp utc(date::year_month_day day, std::chrono::minutes time_of_day) {
  return date::sys_days{day} + time_of_day;
}

// An instant written as local time in `zone`; fine for unambiguous local times.
Timestamp local(const char* zone, date::year_month_day day, std::chrono::minutes time_of_day) {
  return date::zoned_time<std::chrono::milliseconds>(zone, date::local_days{day} + time_of_day)
      .get_sys_time();
}

BusinessCalendar office(std::string zone) {
  BusinessCalendar cal;
  cal.zone = std::move(zone);
  return cal;
}

BusinessCalendar every_day(std::string zone) {
  auto cal = office(std::move(zone));
  cal.working_days.fill(true);
  return cal;
}

constexpr auto jan = date::January;
constexpr auto mar = date::March;
constexpr auto apr = date::April;
constexpr auto oct = date::October;
constexpr auto nov = date::November;
constexpr auto dec = date::December;

}  // namespace

TEST_CASE("working days and hours are judged in the calendar's own zone", "[business_calendar]") {
  SECTION("Asia/Tokyo, ahead of UTC") {
    const auto cal = office("Asia/Tokyo");
    // Friday 16:00 UTC is Saturday 01:00 in Tokyo.
    CHECK_FALSE(is_working_day(cal, utc(2026_y / mar / 6, 16h)));
    // Sunday 23:00 UTC is Monday 08:00 in Tokyo: a working day, before working hours.
    const auto monday_early = utc(2026_y / mar / 8, 23h);
    CHECK(is_working_day(cal, monday_early));
    CHECK_FALSE(in_working_hours(cal, monday_early));
    CHECK(defer_to_working_hours(cal, monday_early) == utc(2026_y / mar / 9, 0h));
  }
  SECTION("Pacific/Auckland, UTC+13 in the southern summer") {
    const auto cal = office("Pacific/Auckland");
    CHECK_FALSE(is_working_day(cal, utc(2026_y / jan / 9, 20h)));  // Saturday 09:00 NZDT
    CHECK(in_working_hours(cal, utc(2026_y / jan / 11, 20h)));     // Monday 09:00 NZDT
    CHECK_FALSE(in_working_hours(cal, utc(2026_y / jan / 11, 19h + 59min)));
  }
  SECTION("America/New_York, behind UTC") {
    const auto cal = office("America/New_York");
    // Friday 18:30 EST is Saturday in UTC, and already outside working hours.
    const auto friday_evening = utc(2026_y / jan / 9, 23h + 30min);
    CHECK(is_working_day(cal, friday_evening));
    CHECK_FALSE(in_working_hours(cal, friday_evening));
    CHECK(defer_to_working_hours(cal, friday_evening) == utc(2026_y / jan / 12, 14h));
  }
  SECTION("an unknown zone behaves as UTC") {
    const auto cal = office("Mars/Olympus_Mons");
    CHECK(in_working_hours(cal, utc(2026_y / jan / 5, 9h)));
    CHECK_FALSE(in_working_hours(cal, utc(2026_y / jan / 5, 18h)));
    CHECK(defer_to_working_hours(cal, utc(2026_y / jan / 9, 18h)) == utc(2026_y / jan / 12, 9h));
  }
}

TEST_CASE("quiet hours and weekends defer to the next working period", "[business_calendar]") {
  const auto cal = office("Europe/Berlin");
  const auto tuesday = 2026_y / jan / 13;
  const auto wednesday = 2026_y / jan / 14;
  SECTION("22:00 defers to the next morning") {
    CHECK(defer_to_working_hours(cal, local("Europe/Berlin", tuesday, 22h)) == utc(wednesday, 8h));
  }
  SECTION("07:00 defers to the same morning") {
    CHECK(defer_to_working_hours(cal, local("Europe/Berlin", wednesday, 7h)) == utc(wednesday, 8h));
  }
  SECTION("Saturday defers to Monday") {
    CHECK(defer_to_working_hours(cal, local("Europe/Berlin", 2026_y / jan / 17, 11h)) ==
          utc(2026_y / jan / 19, 8h));
  }
  SECTION("Friday evening defers to Monday") {
    CHECK(defer_to_working_hours(cal, local("Europe/Berlin", 2026_y / jan / 16, 18h + 30min)) ==
          utc(2026_y / jan / 19, 8h));
  }
  SECTION("inside working hours nothing moves; the end of the day is outside") {
    const auto start = local("Europe/Berlin", wednesday, 9h);
    CHECK(in_working_hours(cal, start));
    CHECK(defer_to_working_hours(cal, start) == start);
    const auto busy = local("Europe/Berlin", wednesday, 17h + 59min) + 59s;
    CHECK(defer_to_working_hours(cal, busy) == busy);
    const auto closing = local("Europe/Berlin", wednesday, 18h);
    CHECK_FALSE(in_working_hours(cal, closing));
    CHECK(defer_to_working_hours(cal, closing) == local("Europe/Berlin", 2026_y / jan / 15, 9h));
  }
}

TEST_CASE("holidays are not working days", "[business_calendar]") {
  auto cal = office("Europe/Berlin");
  SECTION("Christmas Eve and Christmas Day, then the weekend") {
    cal.holidays = {"2026-12-24", "2026-12-25"};
    CHECK_FALSE(is_working_day(cal, local("Europe/Berlin", 2026_y / dec / 24, 10h)));
    CHECK_FALSE(in_working_hours(cal, local("Europe/Berlin", 2026_y / dec / 24, 10h)));
    CHECK(is_working_day(cal, local("Europe/Berlin", 2026_y / dec / 23, 10h)));
    CHECK(defer_to_working_hours(cal, local("Europe/Berlin", 2026_y / dec / 23, 19h)) ==
          utc(2026_y / dec / 28, 8h));
  }
  SECTION("a holiday on the Monday after a weekend") {
    cal.holidays = {"2026-04-06"};
    CHECK(defer_to_working_hours(cal, local("Europe/Berlin", 2026_y / apr / 3, 18h + 30min)) ==
          utc(2026_y / apr / 7, 7h));  // Tuesday 09:00 CEST
  }
  SECTION("the holiday is the local date, not the UTC date") {
    cal = office("Pacific/Auckland");
    cal.holidays = {"2026-01-12"};
    // Sunday 2026-01-11 21:00 UTC is Monday 2026-01-12 10:00 in Auckland.
    CHECK_FALSE(is_working_day(cal, utc(2026_y / jan / 11, 21h)));
    CHECK(is_working_day(cal, utc(2026_y / jan / 12, 21h)));
  }
}

TEST_CASE("next_working_time finds the next local morning on a working day",
          "[business_calendar]") {
  SECTION("a weekday digest skips the weekend") {
    const auto cal = office("America/New_York");
    const auto friday_digest = local("America/New_York", 2026_y / jan / 9, 9h);
    CHECK(next_working_time(cal, friday_digest, 9h) ==
          local("America/New_York", 2026_y / jan / 12, 9h));
    // Strictly after: one millisecond before 09:00 gives that 09:00.
    CHECK(next_working_time(cal, friday_digest - 1ms, 9h) == friday_digest);
  }
  SECTION("Europe/Berlin spring forward: 09:00 CET then 09:00 CEST") {
    const auto cal = every_day("Europe/Berlin");
    const auto saturday = utc(2026_y / mar / 28, 8h);  // 09:00 CET
    CHECK(next_working_time(cal, saturday - 1min, 9h) == saturday);
    const auto sunday = next_working_time(cal, saturday, 9h);
    CHECK(sunday == utc(2026_y / mar / 29, 7h));  // 09:00 CEST
    CHECK(sunday - saturday == 23h);
    // The weekday calendar: Friday 09:00 CET → Monday 09:00 CEST.
    CHECK(next_working_time(office("Europe/Berlin"), utc(2026_y / mar / 27, 8h), 9h) ==
          utc(2026_y / mar / 30, 7h));
  }
  SECTION("Europe/Berlin fall back: 09:00 CEST then 09:00 CET") {
    const auto cal = every_day("Europe/Berlin");
    CHECK(next_working_time(cal, utc(2026_y / oct / 24, 7h), 9h) == utc(2026_y / oct / 25, 8h));
    CHECK(next_working_time(office("Europe/Berlin"), utc(2026_y / oct / 23, 7h), 9h) ==
          utc(2026_y / oct / 26, 8h));
  }
  SECTION("America/New_York spring forward and fall back") {
    const auto cal = every_day("America/New_York");
    CHECK(next_working_time(cal, utc(2026_y / mar / 7, 14h), 9h) == utc(2026_y / mar / 8, 13h));
    CHECK(next_working_time(cal, utc(2026_y / oct / 31, 13h), 9h) == utc(2026_y / nov / 1, 14h));
  }
  SECTION("a time in the spring-forward gap is the instant just after the gap") {
    // Berlin skips 02:00–03:00 CET on 2026-03-29; the gap ends at 01:00 UTC (03:00 CEST).
    CHECK(next_working_time(every_day("Europe/Berlin"), utc(2026_y / mar / 28, 12h), 2h + 30min) ==
          utc(2026_y / mar / 29, 1h));
    // New York skips 02:00–03:00 EST on 2026-03-08; the gap ends at 07:00 UTC (03:00 EDT).
    CHECK(next_working_time(every_day("America/New_York"), utc(2026_y / mar / 7, 12h),
                            2h + 30min) == utc(2026_y / mar / 8, 7h));
  }
  SECTION("an ambiguous time in the fall-back hour is the earlier instant") {
    // 01:30 happens twice in New York on 2026-11-01: 05:30 UTC (EDT) and 06:30 UTC (EST).
    const auto cal = every_day("America/New_York");
    CHECK(next_working_time(cal, utc(2026_y / oct / 31, 12h), 1h + 30min) ==
          utc(2026_y / nov / 1, 5h + 30min));
    // 02:30 happens twice in Berlin on 2026-10-25: 00:30 UTC (CEST) and 01:30 UTC (CET).
    CHECK(next_working_time(every_day("Europe/Berlin"), utc(2026_y / oct / 24, 12h), 2h + 30min) ==
          utc(2026_y / oct / 25, 0h + 30min));
  }
  SECTION("holidays are skipped") {
    auto cal = office("Europe/Berlin");
    cal.holidays = {"2026-12-24", "2026-12-25"};
    CHECK(next_working_time(cal, utc(2026_y / dec / 23, 8h), 9h) == utc(2026_y / dec / 28, 8h));
  }
}

TEST_CASE("add_business_time counts only working hours", "[business_calendar]") {
  auto cal = office("Europe/Berlin");
  const auto at = [](date::year_month_day day, std::chrono::minutes time) {
    return local("Europe/Berlin", day, time);
  };
  SECTION("4 hours from Friday 16:00 is Monday 11:00") {
    CHECK(add_business_time(cal, at(2026_y / jan / 16, 16h), 4h) == at(2026_y / jan / 19, 11h));
  }
  SECTION("a count that ends at closing time ends that day") {
    CHECK(add_business_time(cal, at(2026_y / jan / 16, 9h), 9h) == at(2026_y / jan / 16, 18h));
    CHECK(add_business_time(cal, at(2026_y / jan / 16, 9h), 9h + 1min) ==
          at(2026_y / jan / 19, 9h + 1min));
  }
  SECTION("outside working hours, counting starts at the next working period") {
    CHECK(add_business_time(cal, at(2026_y / jan / 17, 12h), 1h) == at(2026_y / jan / 19, 10h));
    CHECK(add_business_time(cal, at(2026_y / jan / 19, 7h), 90min) ==
          at(2026_y / jan / 19, 10h + 30min));
    CHECK(add_business_time(cal, at(2026_y / jan / 17, 12h), 0min) == at(2026_y / jan / 19, 9h));
  }
  SECTION("a week of working hours") {
    CHECK(add_business_time(cal, at(2026_y / jan / 12, 9h), 45h) == at(2026_y / jan / 16, 18h));
    CHECK(add_business_time(cal, at(2026_y / jan / 12, 9h), 46h) == at(2026_y / jan / 19, 10h));
  }
  SECTION("spanning a weekend and a holiday") {
    cal.holidays = {"2026-12-24", "2026-12-25"};
    // One hour on Wednesday 23rd, nothing until Monday 28th, two hours there.
    CHECK(add_business_time(cal, at(2026_y / dec / 23, 17h), 3h) == utc(2026_y / dec / 28, 10h));
  }
  SECTION("a day that loses an hour to DST has an hour less of business time") {
    auto night = every_day("Europe/Berlin");
    night.day_start = 1h;
    night.day_end = 4h;
    // 01:00 CET (00:00 UTC) to 04:00 CEST (02:00 UTC) on 2026-03-29: two real hours.
    CHECK(add_business_time(night, utc(2026_y / mar / 29, 0h), 2h) == utc(2026_y / mar / 29, 2h));
    CHECK(add_business_time(night, utc(2026_y / mar / 29, 0h), 2h + 30min) ==
          utc(2026_y / mar / 29, 23h + 30min));  // 01:30 CEST on the 30th
    // 01:00 CEST (23:00 UTC) to 04:00 CET (03:00 UTC) on 2026-10-25: four real hours.
    CHECK(add_business_time(night, utc(2026_y / oct / 24, 23h), 4h) == utc(2026_y / oct / 25, 3h));
  }
  SECTION("in New York, across the spring-forward weekend") {
    const auto ny = office("America/New_York");
    // Friday 17:00 EST (22:00 UTC) + 2h: one hour Friday, one hour Monday (09:00–10:00 EDT).
    CHECK(add_business_time(ny, utc(2026_y / mar / 6, 22h), 2h) == utc(2026_y / mar / 9, 14h));
  }
}

TEST_CASE("add_business_days keeps the local time of day", "[business_calendar]") {
  auto cal = office("Europe/Berlin");
  const auto at = [](date::year_month_day day, std::chrono::minutes time) {
    return local("Europe/Berlin", day, time);
  };
  CHECK(add_business_days(cal, at(2026_y / jan / 14, 10h), 5) == at(2026_y / jan / 21, 10h));
  CHECK(add_business_days(cal, at(2026_y / jan / 16, 15h), 1) == at(2026_y / jan / 19, 15h));
  SECTION("outside working hours, deferred first") {
    CHECK(add_business_days(cal, at(2026_y / jan / 16, 20h), 1) == at(2026_y / jan / 20, 9h));
    CHECK(add_business_days(cal, at(2026_y / jan / 17, 12h), 0) == at(2026_y / jan / 19, 9h));
  }
  SECTION("across the spring-forward weekend: 10:00 CET then 10:00 CEST") {
    CHECK(add_business_days(cal, utc(2026_y / mar / 27, 9h), 1) == utc(2026_y / mar / 30, 8h));
  }
  SECTION("holidays are skipped") {
    cal.holidays = {"2026-12-24", "2026-12-25"};
    CHECK(add_business_days(cal, at(2026_y / dec / 22, 11h), 5) == at(2026_y / dec / 31, 11h));
  }
  SECTION("negative counts go back: one business day before the end") {
    CHECK(add_business_days(cal, at(2026_y / jan / 19, 10h), -1) == at(2026_y / jan / 16, 10h));
    cal.holidays = {"2026-04-03"};
    CHECK(add_business_days(cal, at(2026_y / apr / 6, 10h), -1) == at(2026_y / apr / 2, 10h));
  }
  SECTION("add_business_duration dispatches on the kind") {
    CHECK(add_business_duration(cal, at(2026_y / jan / 14, 10h), BusinessDuration{0min, true, 5}) ==
          at(2026_y / jan / 21, 10h));
    CHECK(add_business_duration(cal, at(2026_y / jan / 16, 16h), BusinessDuration{4h}) ==
          at(2026_y / jan / 19, 11h));
  }
}

TEST_CASE("a Sunday-to-Thursday week", "[business_calendar]") {
  auto cal = office("Asia/Riyadh");
  cal.working_days = *parse_working_days("sun-thu");
  const auto at = [](date::year_month_day day, std::chrono::minutes time) {
    return local("Asia/Riyadh", day, time);
  };
  CHECK(is_working_day(cal, at(2026_y / jan / 11, 12h)));        // Sunday
  CHECK_FALSE(is_working_day(cal, at(2026_y / jan / 9, 12h)));   // Friday
  CHECK_FALSE(is_working_day(cal, at(2026_y / jan / 10, 12h)));  // Saturday
  CHECK(defer_to_working_hours(cal, at(2026_y / jan / 8, 19h)) == utc(2026_y / jan / 11, 6h));
  CHECK(add_business_time(cal, at(2026_y / jan / 8, 17h), 2h) == at(2026_y / jan / 11, 10h));
  CHECK(add_business_days(cal, at(2026_y / jan / 8, 10h), 1) == at(2026_y / jan / 11, 10h));
  CHECK(nth_working_date(cal, "2026-01-09", 0) == "2026-01-11");
  CHECK(working_days_between(cal, "2026-01-04", "2026-01-10") == 5);
}

TEST_CASE("working dates: nth_working_date and working_days_between", "[business_calendar]") {
  auto cal = office("UTC");
  CHECK(nth_working_date(cal, "2026-01-01", 0) == "2026-01-01");  // Thursday
  CHECK(nth_working_date(cal, "2026-01-03", 0) == "2026-01-05");  // Saturday → Monday
  CHECK(nth_working_date(cal, "2026-01-05", 5) == "2026-01-12");
  CHECK(working_days_between(cal, "2026-01-01", "2026-01-31") == 22);
  CHECK(working_days_between(cal, "2026-01-05", "2026-01-05") == 1);
  CHECK(working_days_between(cal, "2026-01-03", "2026-01-04") == 0);
  CHECK(working_days_between(cal, "2026-01-01", "2026-12-31") == 261);

  cal.holidays = {"2026-01-01", "2026-01-03", "not-a-date", "2026-1-2", "2026-02-02"};
  CHECK(nth_working_date(cal, "2026-01-01", 0) == "2026-01-02");
  // The Saturday holiday and the malformed entries change nothing.
  CHECK(working_days_between(cal, "2026-01-01", "2026-01-31") == 21);
  CHECK(working_days_between(cal, "2026-01-01", "2026-02-02") == 21);

  SECTION("the two agree over long ranges") {
    cal.holidays = {"2026-12-24", "2026-12-25", "2027-01-01", "2027-04-02", "2027-04-05"};
    for (const auto* last : {"2026-12-31", "2027-03-01", "2027-04-30", "2028-02-29"}) {
      const int count = working_days_between(cal, "2026-12-01", last);
      INFO(last << ": " << count);
      CHECK(nth_working_date(cal, "2026-12-01", count - 1) <= last);
      CHECK(nth_working_date(cal, "2026-12-01", count) > last);
    }
  }
  SECTION("bad input") {
    CHECK(nth_working_date(cal, "2026-02-30", 0).empty());
    CHECK(nth_working_date(cal, "2026-01-05", -1).empty());
    CHECK(working_days_between(cal, "2026-01-31", "2026-01-01") == 0);
    CHECK(working_days_between(cal, "yesterday", "2026-01-01") == 0);
  }
}

TEST_CASE("a calendar without working time falls back to plain time", "[business_calendar]") {
  const auto from = utc(2026_y / jan / 14, 10h);
  SECTION("no working days") {
    auto cal = office("Europe/Berlin");
    cal.working_days.fill(false);
    CHECK_FALSE(in_working_hours(cal, from));
    CHECK(defer_to_working_hours(cal, from) == from);
    CHECK(add_business_time(cal, from, 4h) == from + 4h);
    CHECK(add_business_days(cal, from, 3) == from + 72h);
    CHECK(next_working_time(cal, from, 9h) == utc(2026_y / jan / 15, 8h));
    CHECK(nth_working_date(cal, "2026-01-14", 0).empty());
    CHECK(working_days_between(cal, "2026-01-01", "2026-12-31") == 0);
  }
  SECTION("every working day a holiday for years: the search gives up") {
    auto cal = office("UTC");
    cal.working_days = *parse_working_days("mon");
    for (date::sys_days day = date::sys_days{2026_y / jan / 12};
         day < date::sys_days{2030_y / jan / 1}; day += date::weeks{1}) {
      cal.holidays.insert(date::format("%F", day));
    }
    CHECK(defer_to_working_hours(cal, from) == from);
    CHECK(add_business_time(cal, from, 4h) == from + 4h);
    CHECK(add_business_days(cal, from, 2) == from + 48h);
    CHECK(nth_working_date(cal, "2026-01-14", 0).empty());
    CHECK(next_working_time(cal, from, 9h) == utc(2026_y / jan / 15, 9h));
  }
  SECTION("working hours that are empty") {
    auto cal = office("UTC");
    cal.day_start = 18h;
    cal.day_end = 9h;
    CHECK_FALSE(in_working_hours(cal, from));
    CHECK(add_business_time(cal, from, 1h) == from + 1h);
  }
}

TEST_CASE("parse and format working days", "[business_calendar]") {
  using Days = std::array<bool, 7>;
  const Days mon_fri{false, true, true, true, true, true, false};
  CHECK(parse_working_days("mon-fri") == mon_fri);
  CHECK(parse_working_days(" MON - Fri ") == mon_fri);
  CHECK(parse_working_days("monday-friday") == mon_fri);
  CHECK(parse_working_days("sun-thu") == Days{true, true, true, true, true, false, false});
  CHECK(parse_working_days("mon,tue,thu") == Days{false, true, true, false, true, false, false});
  CHECK(parse_working_days("mon-wed, fri") == Days{false, true, true, true, false, true, false});
  CHECK(parse_working_days("fri-mon") == Days{true, true, false, false, false, true, true});
  CHECK(parse_working_days("wed-wed") == Days{false, false, false, true, false, false, false});
  CHECK(parse_working_days("mon,mon") == Days{false, true, false, false, false, false, false});
  for (const auto* bad : {"", "none", "mon,,fri", "mon-", "-fri", "mon-fri-sat", "funday", "mo",
                          "mon;fri", "mon fri"}) {
    INFO(bad);
    CHECK_FALSE(parse_working_days(bad));
  }

  CHECK(format_working_days(mon_fri) == "mon-fri");
  CHECK(format_working_days(Days{false, true, false, true, false, true, false}) == "mon,wed,fri");
  CHECK(format_working_days(Days{true, true, true, true, true, false, false}) == "sun-thu");
  CHECK(format_working_days(Days{true, true, false, false, false, true, true}) == "fri-mon");
  CHECK(format_working_days(Days{false, true, true, true, false, true, false}) == "mon-wed,fri");
  CHECK(format_working_days(Days{true, false, false, false, false, false, true}) == "sat,sun");
  CHECK(format_working_days(Days{true, true, true, true, true, true, true}) == "sun-sat");
  CHECK(format_working_days(Days{}) == "none");
  // Every non-empty set formats to text that parses back to it.
  for (unsigned bits = 1; bits < 128; ++bits) {
    Days days{};
    for (std::size_t day = 0; day < 7; ++day) days[day] = (bits >> day & 1U) != 0;
    INFO(format_working_days(days));
    CHECK(parse_working_days(format_working_days(days)) == days);
  }
}

TEST_CASE("parse and format times of day and hours", "[business_calendar]") {
  CHECK(parse_time_of_day("09:00") == 9h);
  CHECK(parse_time_of_day("9:30") == 9h + 30min);
  CHECK(parse_time_of_day("00:00") == 0min);
  CHECK(parse_time_of_day("23:59") == 23h + 59min);
  CHECK(parse_time_of_day(" 7:05 ") == 7h + 5min);
  for (const auto* bad : {"", "24:00", "9", "9:5", "09:60", "9h", "-1:00", "009:00", "09:000",
                          "a9:00", "09:0x", ":30", "12:"}) {
    INFO(bad);
    CHECK_FALSE(parse_time_of_day(bad));
  }
  CHECK(format_time_of_day(9h) == "09:00");
  CHECK(format_time_of_day(23h + 59min) == "23:59");
  CHECK(format_time_of_day(0min) == "00:00");

  using Range = std::pair<std::chrono::minutes, std::chrono::minutes>;
  CHECK(parse_hours_range("09:00-18:00") == Range{9h, 18h});
  CHECK(parse_hours_range("8:30 - 17:15") == Range{8h + 30min, 17h + 15min});
  CHECK(parse_hours_range("00:00-24:00") == Range{0h, 24h});
  for (const auto* bad : {"", "09:00", "18:00-09:00", "09:00-09:00", "09:00-", "09:00-18:00-19:00",
                          "24:00-24:00", "09:00-25:00", "9-18"}) {
    INFO(bad);
    CHECK_FALSE(parse_hours_range(bad));
  }
  CHECK(format_hours_range(9h, 18h) == "09:00-18:00");
  CHECK(format_hours_range(0h, 24h) == "00:00-24:00");
}

TEST_CASE("parse and format holidays", "[business_calendar]") {
  using Dates = std::set<std::string>;
  CHECK(parse_holidays("2026-12-24,2026-12-25") == Dates{"2026-12-24", "2026-12-25"});
  CHECK(parse_holidays(" 2026-12-25 , 2026-12-24, 2026-12-25") ==
        Dates{"2026-12-24", "2026-12-25"});
  CHECK(parse_holidays("") == Dates{});
  CHECK(parse_holidays("None") == Dates{});
  CHECK(parse_holidays("2028-02-29") == Dates{"2028-02-29"});
  for (const auto* bad : {"2026-02-29", "2026-13-01", "2026-12-24,", "2026-12-24;2026-12-25",
                          "24.12.2026", "2026-12-24,none", "xmas"}) {
    INFO(bad);
    CHECK_FALSE(parse_holidays(bad));
  }
  std::string many;
  for (date::sys_days day = date::sys_days{2026_y / jan / 1};
       day < date::sys_days{2026_y / jan / 1} + date::days{static_cast<int>(kMaxHolidays) + 1};
       day += date::days{1}) {
    many += (many.empty() ? "" : ",") + date::format("%F", day);
  }
  CHECK_FALSE(parse_holidays(many));
  CHECK(format_holidays({"2026-12-25", "2026-12-24"}) == "2026-12-24,2026-12-25");
  CHECK(format_holidays({}) == "none");
}

TEST_CASE("parse and format business durations", "[business_calendar]") {
  const auto four_hours = parse_business_duration("4h");
  REQUIRE(four_hours);
  CHECK(four_hours->amount == 240min);
  CHECK_FALSE(four_hours->days);
  CHECK(format_business_duration(*four_hours) == "4 business hours");

  const auto three_days = parse_business_duration("3D");
  REQUIRE(three_days);
  CHECK(three_days->days);
  CHECK(three_days->day_count == 3);
  CHECK(format_business_duration(*three_days) == "3 business days");

  CHECK(parse_business_duration("30m")->amount == 30min);
  CHECK(parse_business_duration(" 90 m ")->amount == 90min);
  CHECK(parse_business_duration("1m")->amount == 1min);
  CHECK(parse_business_duration("2160h")->amount == 2160h);
  CHECK(parse_business_duration("90d")->day_count == 90);
  for (const auto* bad : {"", "h", "0h", "0m", "91d", "2161h", "129601m", "4", "4x", "-4h", "1.5h",
                          "4hh", "h4", "9999999999d"}) {
    INFO(bad);
    CHECK_FALSE(parse_business_duration(bad));
  }
  CHECK(format_business_duration(BusinessDuration{30min}) == "30 business minutes");
  CHECK(format_business_duration(BusinessDuration{90min}) == "90 business minutes");
  CHECK(format_business_duration(BusinessDuration{1h}) == "1 business hour");
  CHECK(format_business_duration(BusinessDuration{1min}) == "1 business minute");
  CHECK(format_business_duration(BusinessDuration{0min, true, 1}) == "1 business day");
}

TEST_CASE("ISO-8601 instants as ACCORD_TEST_CLOCK takes them") {
  using accord::commands::parse_instant;
  using namespace std::chrono;
  const auto expected = sys_days{2026y / November / 27} + 16h;
  CHECK(parse_instant("2026-11-27T16:00:00Z") == expected);
  CHECK(parse_instant("2026-11-27T17:00:00+01:00") == expected);
  CHECK(parse_instant("2026-11-27T11:00:00-05:00") == expected);
  CHECK(parse_instant("2026-11-27T16:00:00.250Z") == expected + 250ms);
  for (const char* bad : {"", "2026-11-27", "2026-11-27 16:00:00Z", "2026-11-27T16:00:00",
                          "2026-02-30T16:00:00Z", "2026-11-27T24:00:00Z", "2026-11-27T16:00:00+1",
                          "2026-11-27T16:00:00.Z", "2026-11-27T16:00:00Zjunk"}) {
    INFO(bad);
    CHECK_FALSE(parse_instant(bad));
  }
}

TEST_CASE("local times read as date's formatter writes them, across zones and clock changes") {
  // date::format is the reference: local_time, local_minute and local_date write the same text
  // without its stream.
  const std::vector<std::string> zones = {
      "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Africa/Monrovia",
      "UTC",           "Not/AZone"};
  const std::vector<Timestamp> instants = {
      utc(2026_y / 3 / 29, 0h + 59min),   utc(2026_y / 3 / 29, 1h),
      utc(2026_y / 10 / 25, 0h + 59min),  utc(2026_y / 10 / 25, 1h + 30min),
      utc(2026_y / 12 / 31, 23h + 59min), utc(1970_y / 1 / 1, 0h) + 59s + 999ms,
      utc(1972_y / 5 / 1, 0h) + 45min,    utc(2040_y / 2 / 29, 12h) + 30s};
  for (const auto& zone : zones) {
    const auto* tz = find_time_zone(zone);
    for (const auto at : instants) {
      const auto minute = std::chrono::floor<std::chrono::minutes>(at);
      INFO(zone << " at " << date::format("%F %T", at));
      if (tz == nullptr) {
        CHECK(local_time(at, zone) == date::format("%F %R UTC", minute));
        CHECK(local_minute(at, zone) == date::format("%F %R UTC", minute));
        CHECK(local_date(at, zone) == date::format("%F", at));
        CHECK(local_day(at, zone) == std::chrono::floor<date::days>(at));
      } else {
        CHECK(local_time(at, zone) == date::format("%F %R %Z", date::make_zoned(tz, minute)));
        CHECK(local_minute(at, zone) == date::format("%F %R", date::make_zoned(tz, minute)));
        CHECK(local_date(at, zone) == date::format("%F", date::make_zoned(tz, at)));
        const auto local_day_reference =
            std::chrono::floor<date::days>(date::make_zoned(tz, at).get_local_time());
        CHECK(local_day(at, zone).time_since_epoch().count() ==
              local_day_reference.time_since_epoch().count());
      }
    }
  }
}
