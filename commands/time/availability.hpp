// Availability windows (DESIGN §3.9): "Make sure that you agree on the time when you're available
// for quotations and requests." A person may declare when they take requests, in their own zone:
// non-urgent requests and reminders to them wait for the next window (project holidays count as
// elsewhere). Escalation deadlines do not: they count business hours as before.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "store/database.hpp"
#include "store/projects.hpp"
#include "store/time.hpp"

namespace accord::commands {

struct AvailabilityWindow {
  std::array<bool, 7> days{};  // [0] = Sunday
  std::chrono::minutes start{0};
  std::chrono::minutes end{0};  // start < end, up to 24:00
};

// "mon,wed,fri 10:00-12:00", or several pairs "mon-thu 09:00-10:00 fri 14:00-15:00": the
// windows, or what is wrong in words (a malformed pair, an empty range, two that overlap).
std::variant<std::vector<AvailabilityWindow>, std::string> parse_availability(
    const std::vector<std::string>& words);
// The canonical text, which parses back to the same windows.
std::string format_availability(const std::vector<AvailabilityWindow>& windows);
// "Mon/Wed/Fri 10:00–12:00, Sat 09:00–10:00"
std::string describe_availability(const std::vector<AvailabilityWindow>& windows);

// The person's windows in the project; empty when they declared none (or the stored text no
// longer reads).
std::vector<AvailabilityWindow> person_availability(store::Database& db,
                                                    const store::Project& project,
                                                    const std::string& user);
// "answers Mon/Wed/Fri 10:00–12:00 Europe/Berlin", or "" without windows.
std::string availability_note(store::Database& db, const store::Project& project,
                              const std::string& user);
// When a request to the person waits: nullopt when they declared no window or `at` is inside
// one; else the start of their next window.
std::optional<store::Timestamp> availability_wait(store::Database& db,
                                                  const store::Project& project,
                                                  const std::string& user, store::Timestamp at);
// When a non-urgent reminder may go: the next moment of their availability when they declared
// it, else of their working hours (working_moment).
store::Timestamp available_moment(store::Database& db, const store::Project& project,
                                  const std::string& user, store::Timestamp now);

}  // namespace accord::commands
