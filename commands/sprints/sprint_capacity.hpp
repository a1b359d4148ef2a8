// A sprint's dates and capacity (DESIGN §3.4). The team is everyone holding lead, dev or qa on the
// project, each person once however many roles they hold. Each brings their hours per day (the
// project's, or their own override) on every working day of the sprint (the project's `workdays`
// setting, less its `holidays`) that is not declared time off.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "commands/core/context.hpp"
#include "commands/sprints/sprint_work.hpp"
#include "commands/time/business_calendar.hpp"
#include "store/sprints.hpp"

namespace accord::commands {

struct SprintDates {
  std::chrono::sys_days start;
  std::chrono::sys_days end;    // the last working day
  std::chrono::sys_days after;  // start + length: the first day that is no longer the sprint's
  int working_days = 0;
  std::vector<std::chrono::sys_days> working;  // the working days, in order
};

// The project's working days and holidays (settings workdays= and holidays=).
BusinessCalendar sprint_calendar(Context& context);
// The first working day after `day`.
std::chrono::sys_days next_working_date(const BusinessCalendar& calendar,
                                        std::chrono::sys_days day);

SprintDates sprint_dates(const BusinessCalendar& calendar, std::chrono::sys_days start, int weeks);
// The stored sprint's dates; its start date was validated when it was planned.
SprintDates sprint_dates(const BusinessCalendar& calendar, const store::Sprint& sprint);
// "Mon 2026-11-30 – Fri 2026-12-11"
std::string describe_dates(const SprintDates& dates);

struct MemberCapacity {
  std::string user;
  double hours_per_day = 0;
  bool own_hours = false;  // an override rather than the project's hours per day
  int days_off = 0;        // working days of the sprint declared off
  int days = 0;            // working days of the sprint left to work
  double hours() const { return hours_per_day * days; }
};

struct Capacity {
  std::vector<MemberCapacity> members;
  double total_hours = 0;
};

// The people whose hours make capacity, in the order they joined the team.
std::vector<std::string> team_members(Context& context);
Capacity sprint_capacity(Context& context, const SprintDates& dates);
// A line per member: "@U4 6h × 9 days (1 day off) = 54h".
Text capacity_breakdown(const Capacity& capacity);

// The hours of the sprint's tasks a person owns against their own capacity ("Based on the
// estimates, you can understand how many tasks each developer can take on in a sprint").
struct PersonLoad {
  std::string user;
  double hours = 0;     // estimated hours of the sprint's tasks they own
  double capacity = 0;  // their hours in the sprint; 0 for an owner no longer on the team
  bool over() const { return hours > capacity + 1e-9; }
};
struct Load {
  std::vector<PersonLoad> people;  // the team in capacity order, then other owners
  double unassigned = 0;           // hours of tasks nobody owns
};
Load sprint_load(const SprintWork& work, const Capacity& capacity);
// A line per person: "@U5 12h of 54h", "@U4 60h of 54h, over by 6h", then "Nobody yet: 8h".
Text load_breakdown(const Load& load);
// The people whose tasks exceed their capacity.
std::vector<PersonLoad> overloaded(const Load& load);

}  // namespace accord::commands
