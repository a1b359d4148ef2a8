#include "commands/sprints/sprint_commands.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "commands/backlog/task_rules.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/sprints/burn_down.hpp"
#include "commands/sprints/sprint_capacity.hpp"
#include "commands/sprints/sprint_ending.hpp"
#include "commands/sprints/sprint_priorities.hpp"
#include "commands/sprints/sprint_view.hpp"
#include "commands/sprints/sprint_work.hpp"
#include "commands/time/calendar.hpp"
#include "commands/time/scheduler.hpp"
#include "store/sprints.hpp"

namespace accord::commands {
namespace {

using store::SprintStatus;

constexpr std::string_view kPlanUsage = "sprint plan \"<goal>\" start=YYYY-MM-DD [length=1w|2w]";
constexpr std::string_view kSprintStartUsage = "sprint start SP-1 [force=yes]";
constexpr std::size_t kMaxGoal = 200;

// "1w", "2w" (or "1", "2") → weeks.
std::optional<int> parse_length(std::string_view text) {
  const auto lowered = lower_ascii(text);
  if (lowered == "1w" || lowered == "1") return 1;
  if (lowered == "2w" || lowered == "2") return 2;
  return std::nullopt;
}

// The planned or active sprint whose days overlap [dates.start, dates.after), if any.
std::optional<store::Sprint> overlapping(Context& context, const SprintDates& dates) {
  const auto calendar = sprint_calendar(context);
  for (const auto& sprint : store::Sprints(context.db).list(context.bound_project().id)) {
    if (sprint.status == SprintStatus::closed) continue;
    const auto other = sprint_dates(calendar, sprint);
    if (other.start < dates.after && dates.start < other.after) return sprint;
  }
  return std::nullopt;
}

// The yes of force=yes; nullopt for anything but yes or no.
std::optional<bool> yes_no(const CommandLine& args, const std::string& key) {
  const auto found = args.options.find(key);
  if (found == args.options.end()) return false;
  const auto value = lower_ascii(found->second);
  if (value == "yes") return true;
  if (value == "no") return false;
  return std::nullopt;
}

}  // namespace

const std::vector<store::Role>& sprint_planners() {
  static const std::vector<store::Role> roles = {store::Role::pm};
  return roles;
}

Reply plan_sprint(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {"start", "length"}, kPlanUsage)) {
    return std::move(*refusal);
  }
  if (auto refusal = refuse_unless_role(context, sprint_planners(), "plan sprints")) {
    return std::move(*refusal);
  }
  const auto& project = context.bound_project();
  const auto goal = join_words(args.positional, 1);
  if (goal.empty()) return usage(Text("Give the sprint a goal."), kPlanUsage);
  if (character_count(goal) > kMaxGoal) {
    return private_reply(Text("Keep the goal to " + std::to_string(kMaxGoal) + " characters."));
  }
  const auto start_option = args.options.find("start");
  if (start_option == args.options.end()) {
    return usage(Text("Say when the sprint starts."), kPlanUsage);
  }
  const auto start = parse_date(start_option->second);
  if (!start) {
    return usage(
        Text().code(start_option->second).plain(" isn't a date. Write the start as YYYY-MM-DD."),
        kPlanUsage);
  }
  int weeks = project.sprint_weeks;
  if (const auto length = args.options.find("length"); length != args.options.end()) {
    const auto parsed = parse_length(length->second);
    if (!parsed) {
      return usage(Text("Sprints last one or two weeks: ")
                       .code("length=1w")
                       .plain(" or ")
                       .code("length=2w")
                       .plain("."),
                   kPlanUsage);
    }
    weeks = *parsed;
  }
  const auto calendar = sprint_calendar(context);
  if (!is_working_date(calendar, *start)) {
    return private_reply(Text(format_day(*start) +
                              " is not a working day of this project (its working days: " +
                              format_working_days(calendar.working_days) +
                              ", less its holidays). A sprint starts on a working day; ")
                             .code("/accord settings")
                             .plain(" shows and changes them."));
  }
  const auto today = local_day(context.now, project.timezone);
  if (*start < today) {
    return private_reply(Text(format_date(*start) + " has passed (today is " + format_date(today) +
                              " in " + project.timezone +
                              "). Plan the sprint from today or later."));
  }
  const auto dates = sprint_dates(calendar, *start, weeks);
  if (const auto other = overlapping(context, dates)) {
    return private_reply(Text("Those days overlap ")
                             .code(sprint_id(*other))
                             .plain(" (" + describe_dates(sprint_dates(calendar, *other)) + ", " +
                                    std::string(store::to_string(other->status)) +
                                    "). Pick a start after it ends."));
  }

  store::Sprint draft;
  draft.project_id = project.id;
  draft.goal = goal;
  draft.start_date = format_date(*start);
  draft.length_weeks = weeks;
  draft.created_by = context.request.user;
  draft.created_at = context.now;
  const auto sprint = store::Sprints(context.db).plan(draft);
  const auto capacity = sprint_capacity(context, dates);
  const nlohmann::ordered_json after = {{"goal", goal},
                                        {"start", format_date(dates.start)},
                                        {"end", format_date(dates.end)},
                                        {"weeks", weeks},
                                        {"capacity", format_hours(capacity.total_hours)}};
  record_decision(context, "sprint.plan", sprint_id(sprint), "", after.dump());
  return channel_reply(planned_message(context, sprint, capacity));
}

Reply start_sprint(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {"force"}, kSprintStartUsage)) {
    return std::move(*refusal);
  }
  if (auto refusal = refuse_unless_role(context, sprint_planners(), "start sprints")) {
    return std::move(*refusal);
  }
  const auto force = yes_no(args, "force");
  if (!force)
    return usage(Text("Use ").code("force=yes").plain(" or leave it out."), kSprintStartUsage);
  auto found = find_sprint(context, args, 1, kSprintStartUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto sprint = std::get<store::Sprint>(std::move(found));
  const auto id = sprint_id(sprint);
  if (sprint.status != SprintStatus::planned) {
    return private_reply(
        Text().code(id).plain(" is " + std::string(store::to_string(sprint.status)) +
                              "; only a planned sprint can start. Nothing changed."));
  }
  store::Sprints sprints(context.db);
  if (const auto running = sprints.active(sprint.project_id)) {
    return private_reply(Text()
                             .code(sprint_id(*running))
                             .plain(" is still running; one sprint runs at a time. Close it with ")
                             .code("/accord sprint close " + sprint_id(*running))
                             .plain(" first. Nothing changed."));
  }
  const auto work = load_work(context, sprint);
  if (work.items.empty()) {
    return private_reply(Text()
                             .code(id)
                             .plain(" has no tasks yet. Add them with ")
                             .code("/accord sprint add " + id + " T-1 T-2")
                             .plain(". Nothing changed."));
  }
  const auto dates = sprint_dates(sprint_calendar(context), sprint);
  const auto capacity = sprint_capacity(context, dates);
  auto blockers = start_blockers(work);
  const bool over = work.hours() > capacity.total_hours + 1e-9;
  if (over && !*force) {
    blockers.push_back(Text("The work is " + format_hours(work.hours()) +
                            ", over the capacity of " + format_hours(capacity.total_hours) +
                            ". Take tasks out, or start anyway with ")
                           .code("force=yes")
                           .plain(" (logged as an override)."));
  }
  // Per person too: someone whose tasks exceed their own hours.
  const auto people_over = overloaded(sprint_load(work, capacity));
  if (!people_over.empty() && !*force) {
    for (const auto& person : people_over) {
      // Someone with no hours here (no longer on the team, or off throughout) is not "over 0h".
      const auto over_what = person.capacity <= 0
                                 ? std::string(
                                       " but brings no hours to it (not on the team, or "
                                       "off throughout)")
                                 : ", over their " + format_hours(person.capacity);
      blockers.push_back(Text()
                             .mention(person.user)
                             .plain(" owns " + format_hours(person.hours) + " of its work" +
                                    over_what + ". Reassign tasks with ")
                             .code("/accord task assign T-1 @person")
                             .plain(", or start anyway with ")
                             .code("force=yes")
                             .plain(" (logged as an override)."));
    }
  }
  if (!blockers.empty()) {
    Message message;
    message.title = id + " cannot start yet";
    for (auto& blocker : blockers) message.sections.push_back(paragraph(std::move(blocker)));
    if (auto warning = critical_left_out(context, work)) {
      message.sections.push_back(paragraph(std::move(*warning)));
    }
    message.note = Text("Nothing changed.");
    return private_reply(std::move(message));
  }
  if (!sprints.start(sprint.id, context.request.user, context.now, capacity.total_hours,
                     (over || !people_over.empty()) && *force)) {
    return private_reply(Text("Another sprint started meanwhile. Nothing changed."));
  }
  nlohmann::ordered_json after = {{"status", "active"},
                                  {"tasks", work.items.size()},
                                  {"hours", format_hours(work.hours())},
                                  {"capacity", format_hours(capacity.total_hours)},
                                  {"priorities", priorities_state(context, sprint)}};
  record_decision(context, "sprint.start", id, "planned", after.dump());
  close_priorities_card(context, sprint);
  if (over) {
    record_decision(context, "sprint.override", id,
                    "capacity " + format_hours(capacity.total_hours),
                    "started with " + format_hours(work.hours()) + " of work");
  }
  for (const auto& person : people_over) {
    record_decision(context, "sprint.override", id,
                    person.user + " capacity " + format_hours(person.capacity),
                    "started with " + format_hours(person.hours) + " of their tasks");
  }
  const auto started = *sprints.find(sprint.project_id, sprint.number);
  schedule_sprint_ending(context, started);
  schedule_burn_down(context, started);
  const auto announcement = started_message(context, started, work, capacity);
  notify_channel(context, announcement, id + "@" + std::to_string(sprint.project_id) + ":start");

  Message reply;
  reply.title = "You started " + id;
  reply.sections.push_back(paragraph(Text("The team was told in the channel.")));
  // It never blocks: the pm decides, knowing whether the customer confirmed.
  reply.sections.push_back(
      paragraph(Text("Priorities: ").append(priorities_outcome(context, sprint)).plain(".")));
  if (over) {
    reply.sections.push_back(
        paragraph(Text("Over capacity by " + format_hours(work.hours() - capacity.total_hours) +
                       "; your override is in the decision log.")));
  }
  for (const auto& person : people_over) {
    reply.sections.push_back(paragraph(Text()
                                           .mention(person.user)
                                           .plain(" is over their capacity by " +
                                                  format_hours(person.hours - person.capacity) +
                                                  "; your override is in the decision log.")));
  }
  if (auto warning = critical_left_out(context, work)) {
    reply.sections.push_back(paragraph(std::move(*warning)));
  }
  return private_reply(std::move(reply));
}

namespace {

Reply sprint_usage() {
  Text text("Sprint commands:");
  for (const char* sub : {"plan", "add", "start", "close", "list", "hours", "timeoff"}) {
    text.plain(" ").code(sub);
  }
  return private_reply(text.plain(", or ")
                           .code("/accord sprint [SP-1]")
                           .plain(" for the numbers. ")
                           .code("/accord help sprints")
                           .plain(" explains each."));
}

}  // namespace

Reply sprint_command(Context& context, const CommandLine& args) {
  const auto sub = args.positional.empty() ? "" : lower_ascii(args.positional[0].text);
  if (sub.empty() || parse_object_id("SP", sub)) return show_sprint(context, args);
  if (sub == "plan") return plan_sprint(context, args);
  if (sub == "add") return add_to_sprint(context, args);
  if (sub == "start") return start_sprint(context, args);
  if (sub == "confirm") return confirm_priorities(context, args);
  if (sub == "priorities") return change_priorities(context, args);
  if (sub == "close") return close_sprint(context, args);
  if (sub == "list") return list_sprints(context, args);
  if (sub == "show") return show_sprint(context, args);
  if (sub == "hours") return set_member_hours(context, args);
  if (sub == "timeoff") return declare_time_off(context, args);
  return sprint_usage();
}

}  // namespace accord::commands
