#include "commands/time/availability.hpp"

#include <algorithm>

#include "commands/time/business_calendar.hpp"
#include "commands/time/time_policy.hpp"
#include "store/availability.hpp"

namespace accord::commands {
namespace {

constexpr std::size_t kMaxWindows = 14;
constexpr const char* kDayTitles[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

bool overlap(const AvailabilityWindow& a, const AvailabilityWindow& b) {
  for (std::size_t day = 0; day < 7; ++day) {
    if (a.days[day] && b.days[day] && a.start < b.end && b.start < a.end) return true;
  }
  return false;
}

// The window as the person's calendar: its days and hours in their zone, the project's holidays.
BusinessCalendar window_calendar(const BusinessCalendar& person, const AvailabilityWindow& window) {
  BusinessCalendar calendar = person;
  calendar.working_days = window.days;
  calendar.day_start = window.start;
  calendar.day_end = window.end;
  return calendar;
}

}  // namespace

std::variant<std::vector<AvailabilityWindow>, std::string> parse_availability(
    const std::vector<std::string>& words) {
  if (words.empty() || words.size() % 2 != 0) {
    return std::string(
        "Give days and hours in pairs, like \"mon,wed,fri 10:00-12:00\" (your own time zone).");
  }
  std::vector<AvailabilityWindow> windows;
  for (std::size_t i = 0; i < words.size(); i += 2) {
    const auto days = parse_working_days(words[i]);
    if (!days) {
      return "\"" + words[i] + "\" aren't days. Write them like mon,wed,fri or mon-thu.";
    }
    const auto& range = words[i + 1];
    const auto hours = parse_hours_range(range);
    if (!hours) {
      const auto dash = range.find('-');
      const auto start =
          dash == std::string::npos ? std::nullopt : parse_time_of_day(range.substr(0, dash));
      const auto end =
          dash == std::string::npos ? std::nullopt : parse_time_of_day(range.substr(dash + 1));
      if (start && end && *start >= *end) {
        return "\"" + range + "\" is an empty window: it must end after it starts.";
      }
      return "\"" + range + "\" isn't a time range. Write it like 10:00-12:00.";
    }
    AvailabilityWindow window{*days, hours->first, hours->second};
    for (const auto& earlier : windows) {
      if (overlap(earlier, window)) {
        return "\"" + words[i] + " " + range + "\" overlaps another window on the same day. " +
               "Give each day's hours once.";
      }
    }
    windows.push_back(window);
  }
  if (windows.size() > kMaxWindows) {
    return "At most " + std::to_string(kMaxWindows) + " windows.";
  }
  return windows;
}

std::string format_availability(const std::vector<AvailabilityWindow>& windows) {
  std::string text;
  for (const auto& window : windows) {
    if (!text.empty()) text += ' ';
    text += format_working_days(window.days) + " " + format_hours_range(window.start, window.end);
  }
  return text;
}

std::string describe_availability(const std::vector<AvailabilityWindow>& windows) {
  std::string text;
  for (const auto& window : windows) {
    if (!text.empty()) text += ", ";
    std::string days;
    // Monday first, as people read a week.
    for (std::size_t n = 1; n <= 7; ++n) {
      const auto day = n % 7;
      if (window.days[day]) days += (days.empty() ? "" : "/") + std::string(kDayTitles[day]);
    }
    text += days + " " + format_time_of_day(window.start) + "\xE2\x80\x93" +
            format_time_of_day(window.end);
  }
  return text;
}

std::vector<AvailabilityWindow> person_availability(store::Database& db,
                                                    const store::Project& project,
                                                    const std::string& user) {
  const auto stored = store::Availability(db).windows(project.id, user);
  if (!stored) return {};
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < stored->size()) {
    const auto end = std::min(stored->find(' ', start), stored->size());
    if (end > start) words.push_back(stored->substr(start, end - start));
    start = end + 1;
  }
  auto parsed = parse_availability(words);
  if (auto* windows = std::get_if<std::vector<AvailabilityWindow>>(&parsed)) {
    return std::move(*windows);
  }
  return {};
}

std::string availability_note(store::Database& db, const store::Project& project,
                              const std::string& user) {
  const auto windows = person_availability(db, project, user);
  if (windows.empty()) return "";
  return "answers " + describe_availability(windows) + " " +
         person_calendar(db, project, user).zone;
}

std::optional<store::Timestamp> availability_wait(store::Database& db,
                                                  const store::Project& project,
                                                  const std::string& user, store::Timestamp at) {
  const auto windows = person_availability(db, project, user);
  if (windows.empty()) return std::nullopt;
  const auto person = person_calendar(db, project, user);
  std::optional<store::Timestamp> soonest;
  for (const auto& window : windows) {
    const auto calendar = window_calendar(person, window);
    if (in_working_hours(calendar, at)) return std::nullopt;
    const auto next = defer_to_working_hours(calendar, at);
    if (next > at && (!soonest || next < *soonest)) soonest = next;
  }
  return soonest;
}

store::Timestamp available_moment(store::Database& db, const store::Project& project,
                                  const std::string& user, store::Timestamp now) {
  const auto windows = person_availability(db, project, user);
  if (windows.empty()) return working_moment(db, project, user, now);
  return availability_wait(db, project, user, now).value_or(now);
}

}  // namespace accord::commands
