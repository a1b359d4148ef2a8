#include "commands/sprints/sprint_capacity.hpp"

#include <algorithm>

#include "commands/backlog/task_rules.hpp"
#include "commands/time/calendar.hpp"
#include "commands/time/time_policy.hpp"
#include "store/roles.hpp"
#include "store/team_capacity.hpp"

namespace accord::commands {

using std::chrono::days;
using std::chrono::sys_days;

BusinessCalendar sprint_calendar(Context& context) {
  return time_policy(context.db, context.bound_project()).calendar;
}

sys_days next_working_date(const BusinessCalendar& calendar, sys_days day) {
  // Bounded: a calendar without working days (refused by settings) must not loop forever.
  for (int step = 1; step <= kSearchDays; ++step) {
    if (is_working_date(calendar, day + days{step})) return day + days{step};
  }
  return day + days{1};
}

SprintDates sprint_dates(const BusinessCalendar& calendar, sys_days start, int weeks) {
  SprintDates dates;
  dates.start = start;
  dates.after = start + days{7 * weeks};
  dates.end = start;
  for (auto day = start; day < dates.after; day += days{1}) {
    if (!is_working_date(calendar, day)) continue;
    dates.end = day;
    dates.working.push_back(day);
  }
  dates.working_days = static_cast<int>(dates.working.size());
  return dates;
}

SprintDates sprint_dates(const BusinessCalendar& calendar, const store::Sprint& sprint) {
  return sprint_dates(calendar, parse_date(sprint.start_date).value_or(sys_days{}),
                      sprint.length_weeks);
}

std::string describe_dates(const SprintDates& dates) {
  return format_day(dates.start) + " \xE2\x80\x93 " + format_day(dates.end);
}

std::vector<std::string> team_members(Context& context) {
  std::vector<store::Membership> memberships =
      store::Roles(context.db).list(context.bound_project().id);
  std::stable_sort(memberships.begin(), memberships.end(),
                   [](const auto& a, const auto& b) { return a.granted_at < b.granted_at; });
  std::vector<std::string> team;
  for (const auto& membership : memberships) {
    const auto role = membership.role;
    if (role != store::Role::lead && role != store::Role::dev && role != store::Role::qa) continue;
    if (std::find(team.begin(), team.end(), membership.user) == team.end()) {
      team.push_back(membership.user);
    }
  }
  return team;
}

Capacity sprint_capacity(Context& context, const SprintDates& dates) {
  const auto& project = context.bound_project();
  store::TeamCapacity store(context.db);
  const auto overrides = store.hours_overrides(project.id);
  const auto time_off =
      store.time_off(project.id, format_date(dates.start), format_date(dates.end));
  Capacity capacity;
  for (const auto& user : team_members(context)) {
    MemberCapacity member;
    member.user = user;
    member.hours_per_day = project.hours_per_day;
    if (const auto own = overrides.find(user); own != overrides.end()) {
      member.hours_per_day = own->second;
      member.own_hours = true;
    }
    // Day by day, so overlapping ranges and days off work inside a range count once or not at
    // all.
    for (const auto day : dates.working) {
      const auto date = format_date(day);
      const bool off = std::any_of(time_off.begin(), time_off.end(), [&](const auto& range) {
        return range.user == user && range.from_date <= date && date <= range.to_date;
      });
      ++(off ? member.days_off : member.days);
    }
    capacity.total_hours += member.hours();
    capacity.members.push_back(std::move(member));
  }
  return capacity;
}

Text capacity_breakdown(const Capacity& capacity) {
  Text text;
  if (capacity.members.empty()) {
    return text
        .plain(
            "Nobody holds lead, dev or qa yet, so the team has no hours. The pm adds "
            "people with ")
        .code("/accord role add @person dev")
        .plain(".");
  }
  for (const auto& member : capacity.members) {
    if (!text.empty()) text.plain("\n");
    text.mention(member.user)
        .plain(" " + format_hours(member.hours_per_day) + (member.own_hours ? " (own)" : "") +
               " \xC3\x97 " + std::to_string(member.days) + (member.days == 1 ? " day" : " days"));
    if (member.days_off > 0) {
      text.plain(" (" + std::to_string(member.days_off) +
                 (member.days_off == 1 ? " day off" : " days off") + ")");
    }
    text.plain(" = " + format_hours(member.hours()));
  }
  return text;
}

Load sprint_load(const SprintWork& work, const Capacity& capacity) {
  Load load;
  for (const auto& member : capacity.members) {
    load.people.push_back({member.user, 0.0, member.hours()});
  }
  for (const auto& item : work.items) {
    if (item.task.owner.empty()) {
      load.unassigned += item.hours;
      continue;
    }
    auto person = std::find_if(load.people.begin(), load.people.end(),
                               [&](const PersonLoad& p) { return p.user == item.task.owner; });
    if (person == load.people.end()) {
      load.people.push_back({item.task.owner, 0.0, 0.0});
      person = std::prev(load.people.end());
    }
    person->hours += item.hours;
  }
  return load;
}

Text load_breakdown(const Load& load) {
  Text text;
  for (const auto& person : load.people) {
    if (!text.empty()) text.plain("\n");
    text.mention(person.user)
        .plain(" " + format_hours(person.hours) + " of " + format_hours(person.capacity));
    if (person.over())
      text.plain(", ").strong("over by " + format_hours(person.hours - person.capacity));
  }
  if (load.unassigned > 1e-9) {
    if (!text.empty()) text.plain("\n");
    text.plain("Nobody yet: " + format_hours(load.unassigned) + " (")
        .code("/accord task assign T-1 @person")
        .plain(")");
  }
  if (text.empty()) text.plain("No estimated work yet.");
  return text;
}

std::vector<PersonLoad> overloaded(const Load& load) {
  std::vector<PersonLoad> people;
  for (const auto& person : load.people) {
    if (person.over()) people.push_back(person);
  }
  return people;
}

}  // namespace accord::commands
