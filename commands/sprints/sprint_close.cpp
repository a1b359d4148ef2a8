// `sprint close SP-n`: refused while any task of the sprint awaits acceptance (each listed with
// how long it has waited). Otherwise the unfinished and the rejected work is carried over
// explicitly into the next planned sprint, or a new one, and the summary goes to the channel:
// planned against done hours, accepted and carried-over tasks, scope changes, the mix of kinds
// and the retrospective notes (DESIGN §3.4, §3.5).
#include <cmath>

#include <nlohmann/json.hpp>

#include "commands/backlog/task_rules.hpp"
#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/sprints/sprint_capacity.hpp"
#include "commands/sprints/sprint_commands.hpp"
#include "commands/sprints/sprint_view.hpp"
#include "commands/sprints/sprint_work.hpp"
#include "commands/time/calendar.hpp"
#include "store/acceptances.hpp"
#include "store/sprints.hpp"

namespace accord::commands {
namespace {

using store::SprintStatus;
using store::TaskStatus;

constexpr std::string_view kCloseUsage = "sprint close SP-1";

// Where carried-over work goes: the first planned sprint, or a new one starting the next working
// day after this one ends.
store::Sprint next_sprint(Context& context, const store::Sprint& closing, bool& created) {
  store::Sprints sprints(context.db);
  if (auto planned = sprints.next_planned(closing.project_id)) {
    created = false;
    return *planned;
  }
  created = true;
  store::Sprint draft;
  draft.project_id = closing.project_id;
  draft.goal = "Carry-over from " + sprint_id(closing);
  const auto calendar = sprint_calendar(context);
  draft.start_date = format_date(next_working_date(calendar, sprint_dates(calendar, closing).end));
  draft.length_weeks = closing.length_weeks;
  draft.carried_from = closing.id;
  draft.created_by = context.request.user;
  draft.created_at = context.now;
  auto sprint = sprints.plan(draft);
  const auto dates = sprint_dates(sprint_calendar(context), sprint);
  const nlohmann::ordered_json after = {{"goal", sprint.goal},
                                        {"start", format_date(dates.start)},
                                        {"end", format_date(dates.end)},
                                        {"weeks", sprint.length_weeks}};
  record_decision(context, "sprint.plan", sprint_id(sprint), "", after.dump());
  return sprint;
}

// "`T-4` Export — 2h · in progress", and for rejected work the customer's reason.
Text carried_line(Context& context, const WorkItem& item) {
  Text line = work_line(item);
  if (item.task.status != TaskStatus::backlog) return line;
  const auto acceptance = store::Acceptances(context.db).latest(item.task.id);
  if (acceptance && acceptance->decision == store::AcceptanceDecision::rejected) {
    line.plain(" (rejected: " + acceptance->reason + ")");
  }
  return line;
}

Message summary(Context& context, const store::Sprint& sprint, const SprintWork& work,
                const std::vector<const WorkItem*>& carried, const std::string& carried_to) {
  const auto id = sprint_id(sprint);
  double planned_at_start = 0;
  double added_after = 0;
  std::vector<const WorkItem*> accepted;
  std::vector<const WorkItem*> changes;
  for (const auto& item : work.items) {
    (work.is_scope_change(item) ? added_after : planned_at_start) += item.hours;
    if (work.is_scope_change(item)) changes.push_back(&item);
    if (item.task.status == TaskStatus::accepted) accepted.push_back(&item);
  }
  Message message;
  message.title = "Sprint " + id + " closed: " + sprint.goal;
  message.summary = message.title;
  const double planned = work.hours();
  const double done = work.hours_accepted();
  const auto percent = planned > 0
                           ? " (" + std::to_string(std::lround(done / planned * 100.0)) + "%)"
                           : std::string();
  message.sections.push_back(paragraph(
      Text().strong("Planned " + format_hours(planned) + ", done " + format_hours(done) + percent),
      {Field{"Dates", Text(describe_dates(sprint_dates(sprint_calendar(context), sprint)))},
       Field{"Capacity", Text(format_hours(sprint.capacity_hours.value_or(0)))},
       Field{"Planned at start", Text(format_hours(planned_at_start))},
       Field{"Added after start", Text(format_hours(added_after))},
       Field{"Done (accepted)", Text(format_hours(done))}}));

  Text accepted_text = Text().strong("Accepted (" + std::to_string(accepted.size()) + ")");
  if (!accepted.empty()) accepted_text.plain("\n").append(work_lines(accepted));
  message.sections.push_back(paragraph(std::move(accepted_text)));

  Text carried_text;
  if (carried.empty()) {
    carried_text.strong("Carried over: nothing");
  } else {
    carried_text.strong("Carried over to " + carried_to + " (" + std::to_string(carried.size()) +
                        ")");
    for (std::size_t i = 0; i < carried.size() && i < kMaxListRows; ++i) {
      carried_text.plain("\n").append(carried_line(context, *carried[i]));
    }
    if (carried.size() > kMaxListRows) {
      carried_text.plain("\n").append(more_rows(carried.size() - kMaxListRows));
    }
  }
  message.sections.push_back(paragraph(std::move(carried_text)));

  Text changes_text =
      Text().strong("Scope changes after the start (" + std::to_string(changes.size()) + ")");
  if (!changes.empty()) changes_text.plain("\n").append(work_lines(changes));
  message.sections.push_back(paragraph(std::move(changes_text)));

  Text mix = Text().strong("Mix by kind");
  for (auto kind : store::all_task_kinds()) {
    std::size_t count = 0;
    double hours = 0;
    double kind_done = 0;
    for (const auto& item : work.items) {
      if (item.task.kind != kind) continue;
      ++count;
      hours += item.hours;
      if (item.task.status == TaskStatus::accepted) kind_done += item.hours;
    }
    if (count == 0) continue;
    mix.plain("\n" + std::string(store::to_string(kind)) + ": " + std::to_string(count) +
              (count == 1 ? " task, " : " tasks, ") + format_hours(hours) + " planned, " +
              format_hours(kind_done) + " done");
  }
  message.sections.push_back(paragraph(std::move(mix)));
  for (auto& section : retro_sections(store::Sprints(context.db).notes(sprint.id))) {
    message.sections.push_back(std::move(section));
  }
  message.note = Text("Closed by ").mention(context.request.user).plain(".");
  return message;
}

}  // namespace

Reply close_sprint(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kCloseUsage)) return std::move(*refusal);
  if (auto refusal = refuse_unless_role(context, sprint_planners(), "close sprints")) {
    return std::move(*refusal);
  }
  auto found = find_sprint(context, args, 1, kCloseUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto sprint = std::get<store::Sprint>(std::move(found));
  const auto id = sprint_id(sprint);
  if (sprint.status == SprintStatus::planned) {
    return private_reply(
        Text()
            .code(id)
            .plain(" has not started, so there is nothing to close. Start it with ")
            .code("/accord sprint start " + id)
            .plain("."));
  }
  if (sprint.status == SprintStatus::closed) {
    return private_reply(Text().code(id).plain(
        " was closed on " +
        local_date(sprint.closed_at.value_or(context.now), context.bound_project().timezone) +
        ". Nothing changed."));
  }
  const auto work = load_work(context, sprint);
  store::Acceptances acceptances(context.db);
  Text waiting;
  for (const auto& item : work.items) {
    if (item.task.status != TaskStatus::awaiting_acceptance) continue;
    const auto request = acceptances.latest(item.task.id);
    waiting.plain(waiting.empty() ? "" : "\n")
        .code(object_id("T", item.task.number))
        .plain(" " + item.task.title + " \xE2\x80\x94 waiting " +
               (request ? describe_age(request->requested_at, context.now) : "for acceptance"));
  }
  if (!waiting.empty()) {
    Message message;
    message.title = id + " cannot close yet";
    message.sections = {
        paragraph(Text("These tasks await the customer's acceptance. Work is done when it is "
                       "accepted; ask the customer or a delegate to accept or reject them.")),
        paragraph(std::move(waiting))};
    message.note = Text("Nothing changed.");
    return private_reply(std::move(message));
  }

  store::Sprints sprints(context.db);
  if (!sprints.close(sprint.id, context.request.user, context.now)) {
    return private_reply(Text().code(id).plain(" changed meanwhile. Nothing changed."));
  }
  std::vector<const WorkItem*> carried;
  for (const auto& item : work.items) {
    if (item.task.status != TaskStatus::accepted) carried.push_back(&item);
  }
  const nlohmann::ordered_json closed = {{"status", "closed"},
                                         {"planned", format_hours(work.hours())},
                                         {"done", format_hours(work.hours_accepted())},
                                         {"carried_over", carried.size()}};
  record_decision(context, "sprint.close", id, "active", closed.dump());

  std::string carried_to;
  Text where;
  if (!carried.empty()) {
    bool created = false;
    const auto next = next_sprint(context, sprint, created);
    carried_to = sprint_id(next);
    store::Tasks tasks(context.db);
    nlohmann::json moved = nlohmann::json::array();
    for (const auto* item : carried) {
      sprints.add_task(next.id, item->task.id, store::SprintEntryKind::carried_over,
                       context.request.user, context.now);
      tasks.move(item->task.id, {TaskStatus::backlog}, TaskStatus::planned, context.now);
      moved.push_back(object_id("T", item->task.number));
    }
    const nlohmann::ordered_json after = {{"to", carried_to}, {"tasks", moved}};
    record_decision(context, "sprint.carry_over", id, "", after.dump());
    const auto starts = format_day(parse_date(next.start_date).value_or(std::chrono::sys_days{}));
    where = Text(std::to_string(carried.size()) + (carried.size() == 1 ? " task" : " tasks") +
                 " carried over into ")
                .code(carried_to)
                .plain(created ? ", a new sprint starting " + starts + "."
                               : ", the planned sprint starting " + starts + ".");
  } else {
    where = Text("Everything was accepted; nothing carries over.");
  }
  const auto closed_sprint = *sprints.find(sprint.project_id, sprint.number);
  notify_channel(context, summary(context, closed_sprint, work, carried, carried_to),
                 id + "@" + std::to_string(sprint.project_id) + ":summary");
  Message reply;
  reply.title = "You closed " + id;
  reply.sections = {paragraph(std::move(where)), paragraph(Text("The summary is in the channel."))};
  return private_reply(std::move(reply));
}

}  // namespace accord::commands
