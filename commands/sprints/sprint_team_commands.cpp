// `sprint hours @person <h>|default` and `sprint timeoff @person YYYY-MM-DD [YYYY-MM-DD]|clear`:
// the pm records what capacity is made of: a person's own hours per day on this project, and
// declared days off. A running sprint keeps the capacity it started with.
#include <nlohmann/json.hpp>

#include "commands/backlog/task_rules.hpp"
#include "commands/sprints/sprint_capacity.hpp"
#include "commands/sprints/sprint_commands.hpp"
#include "commands/time/calendar.hpp"
#include "store/team_capacity.hpp"

namespace accord::commands {
namespace {

constexpr std::string_view kHoursUsage = "sprint hours @person 4h|default";
constexpr std::string_view kTimeOffUsage = "sprint timeoff @person YYYY-MM-DD [YYYY-MM-DD]|clear";
constexpr double kMaxMemberHoursPerDay = 24.0;
constexpr int kMaxTimeOffDays = 366;

// The person named at positional[1], or the usage reply.
std::variant<std::string, Reply> named_person(const CommandLine& args,
                                              std::string_view usage_line) {
  if (args.positional.size() < 2 || !args.positional[1].is_mention()) {
    return usage(Text("Name the person with an @mention."), usage_line);
  }
  return args.positional[1].user_id;
}

// Says so when the person is not on the team, whose hours make capacity.
Text team_note(Context& context, const std::string& user) {
  const auto team = team_members(context);
  if (std::find(team.begin(), team.end(), user) != team.end()) return Text();
  return Text(" They hold no lead, dev or qa role yet, so they count once they do.");
}

}  // namespace

Reply set_member_hours(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kHoursUsage)) return std::move(*refusal);
  if (auto refusal = refuse_unless_role(context, sprint_planners(), "set the team's hours")) {
    return std::move(*refusal);
  }
  auto person = named_person(args, kHoursUsage);
  if (auto* reply = std::get_if<Reply>(&person)) return std::move(*reply);
  const auto user = std::get<std::string>(person);
  if (args.positional.size() != 3) return usage(Text("Give the hours per day."), kHoursUsage);
  const auto& project = context.bound_project();
  store::TeamCapacity team(context.db);
  const auto overrides = team.hours_overrides(project.id);
  const auto old = overrides.find(user);
  const auto before = old == overrides.end() ? "default " + format_hours(project.hours_per_day)
                                             : format_hours(old->second);
  const auto value = lower_ascii(args.positional[2].text);
  if (value == "default") {
    team.clear_hours(project.id, user);
    const auto after = "default " + format_hours(project.hours_per_day);
    record_decision(context, "sprint.hours", user, before, after);
    return private_reply(
        Text()
            .mention(user)
            .plain(" counts the project's " + format_hours(project.hours_per_day) + " a day again.")
            .append(team_note(context, user)));
  }
  double hours = 0;
  if (value != "0" && value != "0h") {
    auto parsed = parse_estimate(value);
    if (auto* problem = std::get_if<std::string>(&parsed)) {
      return usage(Text(*problem), kHoursUsage);
    }
    hours = std::get<double>(parsed);
  }
  if (hours > kMaxMemberHoursPerDay) {
    return usage(Text("A day has " + format_hours(kMaxMemberHoursPerDay) + " at most."),
                 kHoursUsage);
  }
  team.set_hours(project.id, user, hours, context.request.user, context.now);
  record_decision(context, "sprint.hours", user, before, format_hours(hours));
  return private_reply(Text()
                           .mention(user)
                           .plain(" now counts " + format_hours(hours) +
                                  " a day in sprint capacity (the project's default is " +
                                  format_hours(project.hours_per_day) + ").")
                           .append(team_note(context, user)));
}

Reply declare_time_off(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kTimeOffUsage)) return std::move(*refusal);
  if (auto refusal = refuse_unless_role(context, sprint_planners(), "record time off")) {
    return std::move(*refusal);
  }
  auto person = named_person(args, kTimeOffUsage);
  if (auto* reply = std::get_if<Reply>(&person)) return std::move(*reply);
  const auto user = std::get<std::string>(person);
  if (args.positional.size() < 3 || args.positional.size() > 4) {
    return usage(Text("Give the day off, or the first and last day."), kTimeOffUsage);
  }
  const auto& project = context.bound_project();
  store::TeamCapacity team(context.db);
  if (lower_ascii(args.positional[2].text) == "clear" && args.positional.size() == 3) {
    const int removed = team.clear_time_off(project.id, user);
    if (removed == 0)
      return private_reply(Text().mention(user).plain(" has no time off recorded."));
    record_decision(context, "sprint.timeoff", user, std::to_string(removed) + " ranges",
                    "cleared");
    return private_reply(Text("Cleared the time off of ").mention(user).plain("."));
  }
  const auto from = parse_date(args.positional[2].text);
  const auto to = args.positional.size() == 4 ? parse_date(args.positional[3].text) : from;
  if (!from || !to) {
    return usage(Text("Write days as YYYY-MM-DD, e.g. 2026-12-07."), kTimeOffUsage);
  }
  if (*to < *from) {
    return usage(Text("The last day comes before the first."), kTimeOffUsage);
  }
  if (*to - *from >= std::chrono::days{kMaxTimeOffDays}) {
    return usage(Text("Record at most a year at a time."), kTimeOffUsage);
  }
  // The project's working days and holidays, as its sprints count them.
  const auto calendar = sprint_calendar(context);
  int working = 0;
  for (auto day = *from; day <= *to; day += std::chrono::days{1}) {
    working += is_working_date(calendar, day) ? 1 : 0;
  }
  team.add_time_off(project.id, user, format_date(*from), format_date(*to), context.request.user,
                    context.now);
  const nlohmann::ordered_json after = {{"from", format_date(*from)}, {"to", format_date(*to)}};
  record_decision(context, "sprint.timeoff", user, "", after.dump());
  const auto span =
      *from == *to ? format_day(*from) : format_day(*from) + " \xE2\x80\x93 " + format_day(*to);
  return private_reply(Text()
                           .mention(user)
                           .plain(" is off " + span + ": " + std::to_string(working) +
                                  (working == 1 ? " working day" : " working days") +
                                  " less in the sprints that include it.")
                           .append(team_note(context, user)));
}

}  // namespace accord::commands
