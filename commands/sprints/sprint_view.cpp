#include "commands/sprints/sprint_view.hpp"

#include <algorithm>

#include "commands/backlog/task_dates.hpp"
#include "commands/backlog/task_rules.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/sprints/sprint_priorities.hpp"
#include "commands/time/calendar.hpp"

namespace accord::commands {
namespace {

using store::SprintStatus;

constexpr std::string_view kSprintShowUsage = "sprint [SP-1]";

std::string count_of(std::size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::vector<const WorkItem*> all_items(const SprintWork& work) {
  std::vector<const WorkItem*> items;
  for (const auto& item : work.items) items.push_back(&item);
  return items;
}

// "2 planned, 1 in progress, 3 accepted"
std::string status_counts(const SprintWork& work) {
  std::string text;
  for (auto status : store::all_task_statuses()) {
    const auto n = std::count_if(work.items.begin(), work.items.end(),
                                 [&](const auto& item) { return item.task.status == status; });
    if (n == 0) continue;
    text += (text.empty() ? "" : ", ") + std::to_string(n) + " " + status_words(status);
  }
  return text.empty() ? "no tasks" : text;
}

// Working days from `today` to the sprint's end, both included.
int working_days_left(const SprintDates& dates, std::chrono::sys_days today) {
  return static_cast<int>(std::count_if(dates.working.begin(), dates.working.end(),
                                        [&](auto day) { return day >= today; }));
}

}  // namespace

Text work_lines(const std::vector<const WorkItem*>& items,
                std::optional<std::chrono::sys_days> today) {
  Text text;
  const auto shown = std::min(items.size(), kMaxListRows);
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) text.plain("\n");
    text.append(work_line(*items[i], today));
  }
  if (shown < items.size()) text.plain("\n").append(more_rows(items.size() - shown));
  return text;
}

Message planned_message(Context& context, const store::Sprint& sprint, const Capacity& capacity) {
  const auto dates = sprint_dates(sprint_calendar(context), sprint);
  const auto id = sprint_id(sprint);
  Message message;
  message.title = "Sprint " + id + " planned";
  message.summary = "Sprint " + id + " planned: " + sprint.goal;
  message.sections = {
      paragraph(Text().strong("Goal: ").plain(sprint.goal),
                {Field{"Dates", Text(describe_dates(dates))},
                 Field{"Length", Text(count_of(static_cast<std::size_t>(sprint.length_weeks),
                                               "week", "weeks"))},
                 Field{"Working days", Text(std::to_string(dates.working_days))},
                 Field{"Capacity", Text(format_hours(capacity.total_hours))}}),
      paragraph(
          Text().strong("Capacity by person").plain("\n").append(capacity_breakdown(capacity))),
  };
  message.note = Text("Planned by ")
                     .mention(context.request.user)
                     .plain(". Next: ")
                     .code("/accord sprint add " + id + " T-1 T-2")
                     .plain(", then ")
                     .code("/accord sprint start " + id)
                     .plain(".");
  return message;
}

Message started_message(Context& context, const store::Sprint& sprint, const SprintWork& work,
                        const Capacity& capacity) {
  const auto id = sprint_id(sprint);
  Message message;
  message.title = "Sprint " + id + " started";
  message.summary = "Sprint " + id + " started: " + sprint.goal;
  message.sections = {
      paragraph(
          Text().strong("Goal: ").plain(sprint.goal),
          {Field{"Dates", Text(describe_dates(sprint_dates(sprint_calendar(context), sprint)))},
           Field{"Tasks", Text(std::to_string(work.items.size()))},
           Field{"Work", Text(format_hours(work.hours()))},
           Field{"Capacity", Text(format_hours(capacity.total_hours))}}),
      paragraph(work_lines(all_items(work), project_today(context))),
  };
  message.sections.push_back(
      paragraph(Text("Priorities: ").append(priorities_outcome(context, sprint)).plain(".")));
  if (sprint.forced) {
    message.sections.push_back(paragraph(
        Text("The work is over capacity (the team's, or a person's); the pm started the sprint "
             "with an override.")));
  }
  message.note = Text("Started by ")
                     .mention(context.request.user)
                     .plain(
                         ". The scope is frozen now: only critical bugs and production "
                         "emergencies join.");
  return message;
}

std::vector<Section> retro_sections(const std::vector<store::RetroNote>& notes) {
  if (notes.empty()) {
    return {paragraph(Text("No retrospective notes yet: ")
                          .code("/accord retro good|problem|action \"...\"")
                          .plain("."))};
  }
  std::vector<Section> sections;
  const std::pair<store::RetroKind, const char*> groups[] = {
      {store::RetroKind::good, "Went well"},
      {store::RetroKind::problem, "Problems"},
      {store::RetroKind::action, "Actions"}};
  for (const auto& [kind, heading] : groups) {
    Text text = Text().strong(heading);
    bool any = false;
    for (const auto& note : notes) {
      if (note.kind != kind) continue;
      text.plain("\n\xE2\x80\xA2 " + note.text + " \xE2\x80\x94 ").mention(note.author);
      any = true;
    }
    if (!any) text.plain("\nnone");
    sections.push_back(paragraph(std::move(text)));
  }
  return sections;
}

Reply show_sprint(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kSprintShowUsage)) return std::move(*refusal);
  const auto& project = context.bound_project();
  store::Sprints sprints(context.db);
  std::optional<store::Sprint> sprint;
  const bool named = !args.positional.empty();
  if (named) {
    const std::size_t position = lower_ascii(args.positional[0].text) == "show" ? 1 : 0;
    auto found = find_sprint(context, args, position, kSprintShowUsage);
    if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
    sprint = std::get<store::Sprint>(std::move(found));
  } else {
    sprint = sprints.active(project.id);
    if (!sprint) sprint = sprints.next_planned(project.id);
    if (!sprint) {
      return private_reply(Text("No sprint is running or planned. The pm plans one with ")
                               .code("/accord sprint plan \"Goal\" start=YYYY-MM-DD")
                               .plain("; ")
                               .code("/accord sprint list")
                               .plain(" shows earlier ones."));
    }
  }
  const auto id = sprint_id(*sprint);
  const auto dates = sprint_dates(sprint_calendar(context), *sprint);
  const auto work = load_work(context, *sprint);
  const bool planned = sprint->status == SprintStatus::planned;
  const auto capacity = sprint_capacity(context, dates);
  const double capacity_hours = sprint->capacity_hours.value_or(capacity.total_hours);
  const double done = work.hours_accepted();

  std::vector<Field> fields = {{"Status", Text(std::string(store::to_string(sprint->status)))},
                               {"Dates", Text(describe_dates(dates))},
                               {"Capacity", Text(format_hours(capacity_hours))},
                               {"Planned", Text(format_hours(work.hours()))},
                               {"Done (accepted)", Text(format_hours(done))},
                               {"Remaining", Text(format_hours(work.hours() - done))}};
  if (sprint->status == SprintStatus::active) {
    fields.push_back(
        {"Working days left",
         Text(std::to_string(working_days_left(dates, local_day(context.now, project.timezone))) +
              " of " + std::to_string(dates.working_days))});
  }
  Message message;
  message.title = id + ": " + sprint->goal;
  message.sections.push_back(
      paragraph(Text().strong("Tasks: ").plain(status_counts(work)), std::move(fields)));
  if (!work.items.empty())
    message.sections.push_back(paragraph(work_lines(all_items(work), project_today(context))));
  std::vector<const WorkItem*> changes;
  for (const auto& item : work.items) {
    if (work.is_scope_change(item)) changes.push_back(&item);
  }
  if (!changes.empty()) {
    message.sections.push_back(paragraph(
        Text().strong("Scope changes after the start").plain("\n").append(work_lines(changes))));
  }
  const auto load = sprint_load(work, capacity);
  if (planned || sprint->status == SprintStatus::active) {
    message.sections.push_back(
        paragraph(Text().strong("Load by person").plain("\n").append(load_breakdown(load))));
  }
  if (planned) {
    message.sections.push_back(paragraph(
        Text().strong("Capacity by person").plain("\n").append(capacity_breakdown(capacity))));
    auto blockers = start_blockers(work);
    if (work.hours() > capacity.total_hours + 1e-9) {
      blockers.emplace_back("The work is over capacity by " +
                            format_hours(work.hours() - capacity.total_hours) + ".");
    }
    for (const auto& person : overloaded(load)) {
      blockers.push_back(Text()
                             .mention(person.user)
                             .plain(" has " + format_hours(person.hours) + " of tasks for " +
                                    format_hours(person.capacity) + " of time."));
    }
    if (auto warning = critical_left_out(context, work)) blockers.push_back(std::move(*warning));
    if (!blockers.empty()) {
      Text text = Text().strong("Before it starts");
      for (const auto& blocker : blockers) text.plain("\n\xE2\x80\xA2 ").append(blocker);
      message.sections.push_back(paragraph(std::move(text)));
    }
  } else {
    for (auto& section : retro_sections(sprints.notes(sprint->id))) {
      message.sections.push_back(std::move(section));
    }
  }
  return private_reply(std::move(message));
}

Reply list_sprints(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, "sprint list")) return std::move(*refusal);
  const auto sprints = store::Sprints(context.db).list(context.bound_project().id);
  if (sprints.empty()) {
    return private_reply(Text("No sprints yet. The pm plans one with ")
                             .code("/accord sprint plan \"Goal\" start=YYYY-MM-DD")
                             .plain("."));
  }
  Message message;
  message.title = "Sprints of " + context.bound_project().name;
  const auto shown = std::min(sprints.size(), kMaxListRows);
  const auto calendar = sprint_calendar(context);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& sprint = sprints[i];
    const auto work = load_work(context, sprint);
    message.sections.push_back(
        paragraph(Text()
                      .code(sprint_id(sprint))
                      .plain(" " + std::string(store::to_string(sprint.status)) + " \xC2\xB7 " +
                             describe_dates(sprint_dates(calendar, sprint)) + " \xC2\xB7 " +
                             sprint.goal + " \xC2\xB7 " + format_hours(work.hours_accepted()) +
                             " of " + format_hours(work.hours()) + " accepted")));
  }
  if (shown < sprints.size()) message.note = more_rows(sprints.size() - shown);
  return private_reply(std::move(message));
}

}  // namespace accord::commands
